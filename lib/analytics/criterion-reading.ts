import { isAttendanceMetric, type CRITERION_KINDS, type CriterionMetric } from "@/db/schema/enums";
import type { AttainmentRow, GapRow } from "./attainment";
import type { AttendanceRow, BehaviourRow } from "./attendance";
import { criterionStatus, describeMetric, formatMetricValue, readAttendanceMetric, readMetric, termSpan, type CriterionStatus, type MetricReading, type MetricSpec } from "./criteria";

/*
 * Reading a success criterion's value from figures already fetched: a term's attainment analysis, its
 * attendance tables or the hand-entered value. lib/data/sip fetches (and caches) the figures; every
 * decision about what the value is, which term it comes from and how the criterion stands is here.
 */

/** The parts of a success criterion its reading depends on. */
export type ReadableCriterion = MetricSpec & {
  id: string;
  kind: (typeof CRITERION_KINDS)[number];
  metric: CriterionMetric | null;
  baseline: number | null;
  target: number | null;
  lowerIsBetter: boolean;
  dueTermId: string | null;
};

/** A hand-entered value for one term. */
export type ManualValue = { termId: string; value: number | null };

/** What one term holds for a criterion; null where the term has no such figures (no results, no attendance). */
export type TermFigures = {
  attainment: { attainment: AttainmentRow[]; gaps: GapRow[] } | null;
  attendance: { attendance: AttendanceRow[]; behaviour: BehaviourRow[] } | null;
  manual: ManualValue | null;
};

/** Which figures a criterion is read from, so a caller fetches only those. */
export function figuresNeeded(c: Pick<ReadableCriterion, "kind" | "metric">): "attainment" | "attendance" | "manual" | null {
  if (c.kind !== "measurable" || !c.metric) return null;
  if (isAttendanceMetric(c.metric)) return "attendance";
  return c.metric === "manual" ? "manual" : "attainment";
}

const NOT_FOUND: MetricReading = { value: null, suppressed: false, found: false };

/** The value in one term exactly (no fallback); `found` false when the term has no data for it. */
export function criterionValueAt(c: ReadableCriterion, figures: TermFigures): MetricReading {
  switch (figuresNeeded(c)) {
    case "attendance":
      // Attendance (and suspensions, imported with it) counts as recorded for a term once its attendance is.
      return figures.attendance ? readAttendanceMetric(c, figures.attendance) : NOT_FOUND;
    case "manual":
      return figures.manual ? { value: figures.manual.value, suppressed: false, found: true } : NOT_FOUND;
    case "attainment":
      return figures.attainment ? readMetric(c, figures.attainment) : NOT_FOUND;
    default:
      return NOT_FOUND;
  }
}

export type CurrentValue = { value: number | null; termId: string | null; termKey: string | null; suppressed: boolean };

const NO_CURRENT_VALUE: CurrentValue = { value: null, termId: null, termKey: null, suppressed: false };

/**
 * The value in the reference term, or else the latest earlier term with data for it. `terms` are all
 * terms in order; `valueAt` reads one term (so figures are fetched only for the terms looked at).
 */
export function latestCriterionValue(terms: { id: string; key: string }[], refIndex: number, valueAt: (termId: string) => MetricReading): CurrentValue {
  for (let i = Math.min(refIndex, terms.length - 1); i >= 0; i--) {
    const term = terms[i]!;
    const r = valueAt(term.id);
    if (r.found) return { value: r.value, termId: term.id, termKey: term.key, suppressed: r.suppressed };
  }
  return NO_CURRENT_VALUE;
}

/**
 * The term a plan is judged at: the term containing today, or the year's last term once it is over,
 * or its first before it starts. Null when the year has no terms.
 */
export function findReferenceTerm<T extends { startDate: string; endDate: string }>(yearTerms: T[], today: string): T | null {
  if (!yearTerms.length) return null;
  return yearTerms.find((t) => t.startDate <= today && today <= t.endDate) ?? (today > yearTerms[yearTerms.length - 1]!.endDate ? yearTerms[yearTerms.length - 1]! : yearTerms[0]!);
}

export type CriterionReading<V extends ManualValue> = {
  metricLabel: string;
  current: CurrentValue;
  currentLabel: string;
  baselineLabel: string;
  targetLabel: string;
  status: CriterionStatus | null;
  dueTermKey: string | null;
  /** Hand-entered values by term, oldest first (manual metrics only). */
  values: (V & { termKey: string })[];
};

/**
 * A criterion as the plan shows it: its current value and labels, and where it stands against its
 * target given the plan's first term (`planStartIndex`, a position in `terms`, all terms in order).
 */
export function readCriterion<C extends ReadableCriterion, V extends ManualValue>(
  c: C,
  { terms, current, manualValues, planStartIndex }: { terms: { id: string; key: string }[]; current: CurrentValue; manualValues: V[]; planStartIndex: number },
): C & CriterionReading<V> {
  const index = new Map(terms.map((t, i) => [t.id, i]));
  const indexOf = (termId: string | null) => (termId ? (index.get(termId) ?? null) : null);
  const measurable = c.kind === "measurable" && !!c.metric;
  const shown = measurable ? current : NO_CURRENT_VALUE;
  const dueIndex = indexOf(c.dueTermId) ?? planStartIndex + 2;
  const status = measurable
    ? criterionStatus({
        baseline: c.baseline,
        target: c.target,
        current: shown.value,
        lowerIsBetter: c.lowerIsBetter,
        ...termSpan({ planStart: planStartIndex, valueAt: indexOf(shown.termId), due: dueIndex }),
      })
    : null;
  return {
    ...c,
    metricLabel: measurable ? describeMetric(c) : "",
    current: shown,
    currentLabel: shown.suppressed ? "Withheld (small group)" : formatMetricValue(shown.value, c),
    baselineLabel: formatMetricValue(c.baseline, c),
    targetLabel: formatMetricValue(c.target, c),
    status,
    dueTermKey: c.dueTermId ? (terms[indexOf(c.dueTermId) ?? -1]?.key ?? null) : null,
    values:
      c.metric === "manual" ? [...manualValues].sort((a, b) => (index.get(a.termId) ?? 0) - (index.get(b.termId) ?? 0)).map((v) => ({ ...v, termKey: terms[indexOf(v.termId) ?? -1]?.key ?? "" })) : [],
  };
}
