import { PUPIL_GROUPS, type PupilGroup } from "@/db/schema/enums";
import { changePts, inGroup, pct, type AnalysisPupil, type AttainmentRow, type GapRow } from "./attainment";
import { applySuppression, type SuppressionReason } from "./disclosure";
import { resultRank, type AssessmentScheme } from "./schemes";

export { changePts };

const key = (r: { yearGroup: string; subject: string; group?: string }) => `${r.yearGroup}|${r.subject}|${r.group ?? ""}`;

/** One attainment row with how it moved since the previous term and since the same term last year. */
export type AttainmentChangeRow = AttainmentRow & {
  previousTermPct: number | null;
  changeSincePreviousTerm: number | null;
  lastYearPct: number | null;
  changeSinceLastYear: number | null;
};

/**
 * Adds to each row of a term's table the % at expected for the same year group, subject and group in
 * the previous term and in the same term a year earlier, and the change in points. A comparison with a
 * suppressed or absent row is null: no change is inferred from a group too small to show.
 */
export function compareAttainment(current: AttainmentRow[], previous: AttainmentRow[] | null, lastYear: AttainmentRow[] | null): AttainmentChangeRow[] {
  const prev = new Map((previous ?? []).map((r) => [key(r), r]));
  const last = new Map((lastYear ?? []).map((r) => [key(r), r]));
  return current.map((r) => {
    const p = prev.get(key(r))?.atExpectedPct ?? null;
    const l = last.get(key(r))?.atExpectedPct ?? null;
    return {
      ...r,
      previousTermPct: p,
      changeSincePreviousTerm: changePts(r.atExpectedPct, p),
      lastYearPct: l,
      changeSinceLastYear: changePts(r.atExpectedPct, l),
    };
  });
}

export type GapChangeRow = GapRow & {
  previousTermGap: number | null;
  changeSincePreviousTerm: number | null;
  lastYearGap: number | null;
  changeSinceLastYear: number | null;
};

/**
 * The disadvantaged gap with its change since the previous term and the same term last year. A gap is
 * negative when disadvantaged pupils are behind, so a positive change means the gap narrowed.
 */
export function compareGaps(current: GapRow[], previous: GapRow[] | null, lastYear: GapRow[] | null): GapChangeRow[] {
  const prev = new Map((previous ?? []).map((r) => [key(r), r]));
  const last = new Map((lastYear ?? []).map((r) => [key(r), r]));
  return current.map((g) => {
    const p = prev.get(key(g))?.gapPts ?? null;
    const l = last.get(key(g))?.gapPts ?? null;
    return { ...g, previousTermGap: p, changeSincePreviousTerm: changePts(g.gapPts, p), lastYearGap: l, changeSinceLastYear: changePts(g.gapPts, l) };
  });
}

/** A pupil group doing well below its year group in one subject. */
export type Pocket = {
  yearGroup: string;
  subject: string;
  group: PupilGroup;
  cohort: number;
  groupPct: number;
  yearGroupPct: number;
  /** How far below the year group, in points (positive). */
  belowPts: number;
};

/** How far below its whole year group a group's % at expected must be to count as a pocket. */
export const POCKET_THRESHOLD_PTS = 15;

/**
 * Pockets of underachievement (SPEC §3.6): each group × subject whose % at expected is at least
 * `thresholdPts` below the whole year group's in that subject. Suppressed groups are never pockets (a
 * group under five pupils is not reported at all). Largest shortfall first.
 */
export function findPockets(rows: AttainmentRow[], { thresholdPts = POCKET_THRESHOLD_PTS }: { thresholdPts?: number } = {}): Pocket[] {
  const all = new Map(rows.filter((r) => r.group === "all").map((r) => [key({ yearGroup: r.yearGroup, subject: r.subject }), r]));
  const out: Pocket[] = [];
  for (const r of rows) {
    if (r.group === "all" || r.suppressed || r.atExpectedPct === null) continue;
    const whole = all.get(key({ yearGroup: r.yearGroup, subject: r.subject }));
    if (!whole || whole.atExpectedPct === null) continue;
    const below = changePts(whole.atExpectedPct, r.atExpectedPct)!;
    if (below >= thresholdPts) {
      out.push({ yearGroup: r.yearGroup, subject: r.subject, group: r.group, cohort: r.cohort, groupPct: r.atExpectedPct, yearGroupPct: whole.atExpectedPct, belowPts: below });
    }
  }
  return out.sort((a, b) => b.belowPts - a.belowPts || a.yearGroup.localeCompare(b.yearGroup) || a.subject.localeCompare(b.subject));
}

/** One term's table, for trends. */
export type TermAttainment = { termKey: string; attainment: AttainmentRow[]; gaps: GapRow[] };
/** One point of a trend: a term and a value per subject (null when suppressed or absent). */
export type TrendPoint = { termKey: string; values: Record<string, number | null> };

/**
 * % at expected per subject across terms for one year group and pupil group, oldest term first: the
 * series a trend chart and its table alternative show.
 */
export function attainmentTrend(series: TermAttainment[], { yearGroup, group = "all", subjects }: { yearGroup: string; group?: PupilGroup; subjects: readonly string[] }): TrendPoint[] {
  return series.map((t) => {
    const values: Record<string, number | null> = {};
    for (const s of subjects) values[s] = t.attainment.find((r) => r.yearGroup === yearGroup && r.subject === s && r.group === group)?.atExpectedPct ?? null;
    return { termKey: t.termKey, values };
  });
}

/** The disadvantaged gap per subject across terms for one year group, oldest term first. */
export function gapTrend(series: TermAttainment[], { yearGroup, subjects }: { yearGroup: string; subjects: readonly string[] }): TrendPoint[] {
  return series.map((t) => {
    const values: Record<string, number | null> = {};
    for (const s of subjects) values[s] = t.gaps.find((g) => g.yearGroup === yearGroup && g.subject === s)?.gapPts ?? null;
    return { termKey: t.termKey, values };
  });
}

/** Whether a trend has anything to draw. */
export function trendHasData(points: TrendPoint[]): boolean {
  return points.some((p) => Object.values(p.values).some((v) => v !== null));
}

export type TargetRow = {
  yearGroup: string;
  subject: string;
  group: PupilGroup;
  cohort: number;
  onTargetPct: number | null;
  suppressed: boolean;
  suppressionReason?: SuppressionReason;
  /** On a shown row, the figures withheld and why (lib/analytics/disclosure). */
  withheld?: Record<string, SuppressionReason>;
};
export type TargetResult = { pupilId: string; subject: string; result: string; target: string | null };

/**
 * For schemes with target grades: per year group, subject and group, the pupils with both a result and a
 * target this term, and the % working at or above their target. Hidden by the same rule as the main
 * table (lib/analytics/disclosure).
 */
export function computeTargetAttainment(pupils: AnalysisPupil[], results: TargetResult[], scheme: AssessmentScheme): TargetRow[] {
  if (!scheme.hasTargets) return [];
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const cells = new Map<string, { yearGroup: string; subject: string; outcomes: { pupil: AnalysisPupil; met: boolean }[] }>();
  for (const r of results) {
    const pupil = byId.get(r.pupilId);
    if (!pupil || r.target === null) continue;
    const got = resultRank(scheme, r.result);
    const want = resultRank(scheme, r.target);
    if (got < 0 || want < 0) continue;
    const k = key({ yearGroup: pupil.yearGroup, subject: r.subject });
    let cell = cells.get(k);
    if (!cell) cells.set(k, (cell = { yearGroup: pupil.yearGroup, subject: r.subject, outcomes: [] }));
    cell.outcomes.push({ pupil, met: got >= want });
  }
  const order = (s: string) => scheme.subjects.indexOf(s);
  const rows: TargetRow[] = [];
  for (const cell of [...cells.values()].sort((a, b) => yearOrder(a.yearGroup) - yearOrder(b.yearGroup) || order(a.subject) - order(b.subject))) {
    for (const group of PUPIL_GROUPS) {
      const members = cell.outcomes.filter((o) => inGroup(o.pupil, group));
      if (members.length === 0) continue;
      rows.push({
        yearGroup: cell.yearGroup,
        subject: cell.subject,
        group,
        cohort: members.length,
        onTargetPct: pct(members.filter((m) => m.met).length, members.length),
        suppressed: false,
      });
    }
  }
  return applySuppression(rows, ["onTargetPct"], { slice: (_r, i) => rows[i]!.subject });
}

function yearOrder(y: string): number {
  return y === "R" ? 0 : Number(y.slice(1)) || 99;
}
