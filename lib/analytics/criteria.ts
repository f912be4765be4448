import { type CriterionMetric, type PupilGroup } from "@/db/schema/enums";
import type { AttainmentRow, GapRow } from "./attainment";
import type { AttendanceRow, BehaviourRow } from "./attendance";
import { subjectLabel, yearGroupLabel } from "./schemes";

/**
 * Where a measurable success criterion stands:
 *  - "met": the current value has reached the target (at or above it; at or below where lower is better);
 *  - "on_track": not yet met, but at least as far from the baseline towards the target as the share of
 *    the plan's time that has passed (one term of three → a third of the way);
 *  - "behind": not met, not on track, and the due term has not yet been reached;
 *  - "not_met": the value for the due term (or later) has not reached the target;
 *  - "no_data": nothing recorded yet.
 */
export type CriterionStatus = "met" | "on_track" | "behind" | "not_met" | "no_data";

export const CRITERION_STATUS_LABEL: Record<CriterionStatus, string> = {
  met: "Met",
  on_track: "On track",
  behind: "Behind",
  not_met: "Not met",
  no_data: "No data yet",
};

export const CRITERION_STATUS_TONE = { met: "blue", on_track: "green", behind: "amber", not_met: "red", no_data: "grey" } as const;

/**
 * The status of a measurable criterion.
 * `termsElapsed` is how many terms of the plan the current value covers (the value's term counted
 * from the plan's first term, 0 if the value predates the plan); `termsToDue` is how many terms from
 * the plan's first term to the due term inclusive. Without a baseline progress cannot be judged, so a
 * criterion that is not yet due counts as on track until its due term.
 */
export function criterionStatus({
  baseline,
  target,
  current,
  lowerIsBetter,
  termsElapsed,
  termsToDue,
}: {
  baseline: number | null;
  target: number | null;
  current: number | null;
  lowerIsBetter: boolean;
  termsElapsed: number;
  termsToDue: number;
}): CriterionStatus {
  if (current === null || target === null) return "no_data";
  const dir = lowerIsBetter ? -1 : 1;
  if (dir * (current - target) >= 0) return "met";
  if (termsElapsed >= termsToDue) return "not_met";
  if (baseline === null) return "on_track";
  const share = termsToDue > 0 ? Math.max(0, termsElapsed) / termsToDue : 1;
  const expected = baseline + (target - baseline) * share;
  // A small tolerance so 1/3 of a distance computed in floating point still counts as reached.
  return dir * (current - expected) >= -1e-9 ? "on_track" : "behind";
}

/** Terms elapsed and terms to due, by positions in one ordered list of terms. */
export function termSpan({ planStart, valueAt, due }: { planStart: number; valueAt: number | null; due: number }): { termsElapsed: number; termsToDue: number } {
  return {
    termsElapsed: valueAt === null ? 0 : Math.max(0, valueAt - planStart + 1),
    termsToDue: Math.max(1, due - planStart + 1),
  };
}

export type MetricSpec = {
  metric: CriterionMetric | null;
  yearGroup: string | null;
  subject: string | null;
  pupilGroup: PupilGroup | null;
  unit?: string | null;
};

export type MetricReading = { value: number | null; suppressed: boolean; found: boolean };

/**
 * The value of an attainment-based metric in one term's analysis: % at expected or greater depth
 * for the year group, subject and pupil group, or the disadvantaged gap. `found` is false when the
 * term has no row for it (no results); `suppressed` when the group is too small to publish.
 */
export function readMetric(spec: MetricSpec, data: { attainment: AttainmentRow[]; gaps: GapRow[] }): MetricReading {
  if (spec.metric === "disadvantaged_gap") {
    const gap = data.gaps.find((g) => g.yearGroup === spec.yearGroup && g.subject === spec.subject);
    if (!gap) return { value: null, suppressed: false, found: false };
    return { value: gap.gapPts, suppressed: gap.gapPts === null, found: true };
  }
  if (spec.metric === "attainment_expected" || spec.metric === "attainment_greater_depth") {
    const row = data.attainment.find((r) => r.yearGroup === spec.yearGroup && r.subject === spec.subject && r.group === (spec.pupilGroup ?? "all"));
    if (!row) return { value: null, suppressed: false, found: false };
    const value = spec.metric === "attainment_expected" ? row.atExpectedPct : row.greaterDepthPct;
    // Hidden with the row, or withheld on its own (all or none of a small group): either way not shown.
    return { value, suppressed: row.suppressed || value === null, found: true };
  }
  return { value: null, suppressed: false, found: false };
}

/**
 * The value of an attendance metric in one term's attendance tables, always for the year to date (the
 * year's terms up to and including this one, as governors judge attendance): attendance % or persistent
 * absence % for the year group (null: the whole school) and pupil group, or the number of suspensions
 * for the pupil group. `found` is false when the term has no such row.
 */
export function readAttendanceMetric(spec: MetricSpec, data: { attendance: AttendanceRow[]; behaviour: BehaviourRow[] }): MetricReading {
  const group = spec.pupilGroup ?? "all";
  if (spec.metric === "suspensions") {
    const row = data.behaviour.find((r) => r.group === group && r.period === "year_to_date");
    if (!row) return { value: null, suppressed: false, found: false };
    return { value: row.suspensions, suppressed: row.suppressed, found: true };
  }
  if (spec.metric === "attendance_pct" || spec.metric === "persistent_absence_pct") {
    const row = data.attendance.find((r) => r.yearGroup === (spec.yearGroup ?? "all") && r.group === group && r.period === "year_to_date");
    if (!row) return { value: null, suppressed: false, found: false };
    const field = spec.metric === "attendance_pct" ? "attendancePct" : "persistentAbsencePct";
    return { value: row[field], suppressed: row.suppressed || !!row.withheld?.[field], found: true };
  }
  return { value: null, suppressed: false, found: false };
}

const PUPIL_GROUP_LABEL: Record<PupilGroup, string> = {
  all: "all pupils",
  disadvantaged: "disadvantaged pupils",
  not_disadvantaged: "other pupils",
  sen: "pupils with SEN",
  eal: "pupils with EAL",
  girls: "girls",
  boys: "boys",
};

/** "Year 6 writing, % at expected (disadvantaged pupils)" — how the metric reads in tables. */
export function describeMetric(spec: MetricSpec): string {
  const subject = spec.subject ? subjectLabel(spec.subject).toLowerCase() : "";
  const what = `${yearGroupLabel(spec.yearGroup)} ${subject}`.trim();
  switch (spec.metric) {
    case "attainment_expected":
    case "attainment_greater_depth": {
      const group = spec.pupilGroup && spec.pupilGroup !== "all" ? ` (${PUPIL_GROUP_LABEL[spec.pupilGroup]})` : "";
      return `${what}, ${spec.metric === "attainment_expected" ? "% at expected" : "% at greater depth"}${group}`;
    }
    case "disadvantaged_gap":
      return `${what}, disadvantaged gap`;
    case "attendance_pct":
    case "persistent_absence_pct":
    case "suspensions": {
      const where = spec.yearGroup ? yearGroupLabel(spec.yearGroup) : "Whole school";
      const group = spec.pupilGroup && spec.pupilGroup !== "all" ? `, ${PUPIL_GROUP_LABEL[spec.pupilGroup]}` : "";
      const measure = spec.metric === "attendance_pct" ? "attendance %" : spec.metric === "persistent_absence_pct" ? "% persistently absent" : "suspensions";
      return `${spec.metric === "suspensions" ? "Whole school" : where}, ${measure} (year to date${group})`;
    }
    case "manual":
      return spec.unit ? `Recorded value (${spec.unit})` : "Recorded value";
    default:
      return "";
  }
}

/** A metric's value as shown: "71.0%", "−6.5 pts", "96.1%". */
export function formatMetricValue(value: number | null, spec: Pick<MetricSpec, "metric" | "unit">): string {
  if (value === null) return "–";
  if (spec.metric === "disadvantaged_gap") return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(1)} pts`;
  if (spec.metric === "suspensions") return `${Number.isInteger(value) ? value : value.toFixed(1)} suspension${value === 1 ? "" : "s"}`;
  if (spec.metric === "manual") {
    const unit = spec.unit ?? "";
    const n = Number.isInteger(value) ? String(value) : value.toFixed(1);
    return unit === "%" ? `${n}%` : unit ? `${n} ${unit}` : n;
  }
  return `${value.toFixed(1)}%`;
}
