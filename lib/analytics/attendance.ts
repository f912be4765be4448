import { PUPIL_GROUPS, YEAR_GROUPS, type PupilGroup, type SuspensionType } from "@/db/schema/enums";
import { inGroup, pct, SUPPRESSION_THRESHOLD, type AnalysisPupil } from "./attainment";
import { applySuppression, type SuppressionReason } from "./disclosure";

export type AttendancePeriod = "term" | "year_to_date";
const ATTENDANCE_PERIODS: readonly AttendancePeriod[] = ["term", "year_to_date"];

/** One pupil's sessions in one term (no name, no UPN). */
export type AttendanceSessions = { pupilId: string; termId: string; possible: number; attended: number };

/** One row of SPEC §4.5's attendance table. */
export type AttendanceRow = {
  yearGroup: string;
  group: PupilGroup;
  period: AttendancePeriod;
  cohort: number;
  attendancePct: number | null;
  persistentAbsencePct: number | null;
  severeAbsencePct: number | null;
  suppressed: boolean;
  /** Why a hidden row is hidden (after suppressAttendance). */
  suppressionReason?: SuppressionReason;
  /** A shown row's figures withheld by the disclosure rule, and why (after suppressAttendance). */
  withheld?: Record<string, SuppressionReason>;
};

/** One row of the behaviour table: suspensions and permanent exclusions for a pupil group in a period. */
export type BehaviourRow = {
  group: PupilGroup;
  period: AttendancePeriod;
  /** Pupils on roll in the group that academic year. */
  cohort: number;
  suspensions: number | null;
  suspendedPupils: number | null;
  permanentExclusions: number | null;
  excludedPupils: number | null;
  suppressed: boolean;
};

export type SuspensionFact = { pupilId: string; termId: string; type: SuspensionType };

/**
 * A pupil is persistently absent when they miss 10% or more of their possible sessions, severely
 * absent at 50% or more (DfE definitions). Integer comparisons: exactly 10% counts.
 */
export function isPersistentlyAbsent(possible: number, attended: number): boolean {
  return possible > 0 && 10 * (possible - attended) >= possible;
}
export function isSeverelyAbsent(possible: number, attended: number): boolean {
  return possible > 0 && 2 * (possible - attended) >= possible;
}

/** 100 × attended / possible, one decimal half-up in integers (SPEC §4.4's rounding). */
export function attendancePct(attended: number, possible: number): number | null {
  return possible > 0 ? pct(attended, possible) : null;
}

function yearIndex(y: string) {
  const i = (YEAR_GROUPS as readonly string[]).indexOf(y);
  return i < 0 ? 999 : i;
}

/**
 * SPEC §4.5's attendance table for a term: for the whole school ("all") and each year group, each pupil
 * group and each period (the term; the year to date = the year's terms up to and including it), the
 * cohort counted and the attendance, persistent and severe absence percentages. Cohorts below five
 * are suppressed; empty cohorts have no row. `pupils` are the academic year's pupils; `periods` limits
 * the work to the periods wanted (a trend needs each term on its own).
 */
export function computeAttendance(
  pupils: AnalysisPupil[],
  records: AttendanceSessions[],
  { termId, yearToDateTermIds, periods = ATTENDANCE_PERIODS }: { termId: string; yearToDateTermIds: string[]; periods?: readonly AttendancePeriod[] },
): AttendanceRow[] {
  // Dense arrays rather than maps: a large school's year is thousands of pupils and records.
  const n = pupils.length;
  const index = new Map<string, number>();
  pupils.forEach((p, i) => index.set(p.id, i));
  const ytd = new Set([...yearToDateTermIds, termId]);
  const sums = { term: { possible: new Int32Array(n), attended: new Int32Array(n) }, year_to_date: { possible: new Int32Array(n), attended: new Int32Array(n) } };
  for (const r of records) {
    const i = index.get(r.pupilId);
    if (i === undefined) continue;
    if (r.termId === termId) {
      sums.term.possible[i]! += r.possible;
      sums.term.attended[i]! += r.attended;
    }
    if (ytd.has(r.termId)) {
      sums.year_to_date.possible[i]! += r.possible;
      sums.year_to_date.attended[i]! += r.attended;
    }
  }
  // Each pupil's groups as a bit mask and year group as a slot (slot 0 is the whole school).
  const masks = new Uint8Array(n);
  const yearSlot = new Uint8Array(n);
  const present = [...new Set(pupils.map((p) => p.yearGroup))].sort((a, b) => yearIndex(a) - yearIndex(b));
  const slotOf = new Map(present.map((y, k) => [y, k + 1]));
  pupils.forEach((p, i) => {
    let m = 0;
    PUPIL_GROUPS.forEach((g, b) => {
      if (inGroup(p, g)) m |= 1 << b;
    });
    masks[i] = m;
    yearSlot[i] = slotOf.get(p.yearGroup)!;
  });
  const G = PUPIL_GROUPS.length;
  const S = present.length + 1;
  const rows: AttendanceRow[] = [];
  for (const period of periods) {
    const { possible, attended } = sums[period];
    const cohort = new Int32Array(S * G);
    const poss = new Float64Array(S * G);
    const att = new Float64Array(S * G);
    const persistent = new Int32Array(S * G);
    const severe = new Int32Array(S * G);
    for (let i = 0; i < n; i++) {
      const p = possible[i]!;
      if (p <= 0) continue;
      const a = attended[i]!;
      const pa = isPersistentlyAbsent(p, a);
      const sa = isSeverelyAbsent(p, a);
      const m = masks[i]!;
      for (const slot of [0, yearSlot[i]!]) {
        for (let g = 0; g < G; g++) {
          if (!(m & (1 << g))) continue;
          const k = slot * G + g;
          cohort[k]!++;
          poss[k]! += p;
          att[k]! += a;
          if (pa) persistent[k]!++;
          if (sa) severe[k]!++;
        }
      }
    }
    for (let slot = 0; slot < S; slot++) {
      for (let g = 0; g < G; g++) {
        const k = slot * G + g;
        const c = cohort[k]!;
        if (c === 0) continue;
        const suppressed = c < SUPPRESSION_THRESHOLD;
        rows.push({
          yearGroup: slot === 0 ? "all" : present[slot - 1]!,
          group: PUPIL_GROUPS[g]!,
          period,
          cohort: c,
          attendancePct: suppressed ? null : pct(att[k]!, poss[k]!),
          persistentAbsencePct: suppressed ? null : pct(persistent[k]!, c),
          severeAbsencePct: suppressed ? null : pct(severe[k]!, c),
          suppressed,
        });
      }
    }
  }
  return rows;
}

/** The fields of an attendance row that the disclosure rule checks. */
export const ATTENDANCE_FIGURES = ["attendancePct", "persistentAbsencePct", "severeAbsencePct"] as const;

/**
 * SPEC §4.4's disclosure rule (lib/analytics/disclosure) applied to attendance rows, period by period:
 * besides groups of fewer than 5, a figure of 0% or 100% in a group of 5–9 is withheld, and so is any
 * figure that could otherwise be worked out by subtraction from the whole school or its other groups.
 * What every reader (page, report, criteria) gets; computeAttendance itself applies only the cohort rule.
 */
export function suppressAttendance(rows: readonly AttendanceRow[]): AttendanceRow[] {
  return applySuppression(rows, ATTENDANCE_FIGURES, { slice: (_r, i) => rows[i]!.period });
}

/**
 * The behaviour table for a term: for each pupil group of the year's roll and each period, how many
 * suspensions and permanent exclusions there were and how many pupils they involved. A group of fewer
 * than five pupils on roll is suppressed; an empty group has no row.
 */
export function computeBehaviour(pupils: AnalysisPupil[], facts: SuspensionFact[], { termId, yearToDateTermIds }: { termId: string; yearToDateTermIds: string[] }): BehaviourRow[] {
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const rows: BehaviourRow[] = [];
  const periods: [AttendancePeriod, Set<string>][] = [
    ["term", new Set([termId])],
    ["year_to_date", new Set([...yearToDateTermIds, termId])],
  ];
  for (const [period, termIds] of periods) {
    const inPeriod = facts.filter((f) => termIds.has(f.termId) && byId.has(f.pupilId));
    for (const group of PUPIL_GROUPS) {
      const cohort = pupils.filter((p) => inGroup(p, group)).length;
      if (cohort === 0) continue;
      const suppressed = cohort < SUPPRESSION_THRESHOLD;
      const mine = inPeriod.filter((f) => inGroup(byId.get(f.pupilId)!, group));
      const susp = mine.filter((f) => f.type === "suspension");
      const perm = mine.filter((f) => f.type === "permanent_exclusion");
      rows.push({
        group,
        period,
        cohort,
        suspensions: suppressed ? null : susp.length,
        suspendedPupils: suppressed ? null : new Set(susp.map((f) => f.pupilId)).size,
        permanentExclusions: suppressed ? null : perm.length,
        excludedPupils: suppressed ? null : new Set(perm.map((f) => f.pupilId)).size,
        suppressed,
      });
    }
  }
  return rows;
}

/** The row for a year group ("all" for the school), pupil group and period, if there is one. */
export function findAttendanceRow(rows: AttendanceRow[], yearGroup: string, group: PupilGroup, period: AttendancePeriod): AttendanceRow | undefined {
  return rows.find((r) => r.yearGroup === yearGroup && r.group === group && r.period === period);
}
