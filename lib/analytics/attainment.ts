import { PUPIL_GROUPS, YEAR_GROUPS, type PupilGroup } from "@/db/schema/enums";
import { applySuppression, SUPPRESSION_THRESHOLD, type SuppressionReason } from "./disclosure";
import type { AssessmentScheme } from "./schemes";

/** What the analysis needs to know about a pupil: no names, no UPN. */
export type AnalysisPupil = {
  id: string;
  yearGroup: string;
  gender: "F" | "M" | "X";
  disadvantaged: boolean;
  sen: "N" | "K" | "E";
  eal: boolean;
};
export type AnalysisResult = { pupilId: string; subject: string; result: string };

/** One row of SPEC §4.4's attainment table. */
export type AttainmentRow = {
  yearGroup: string;
  subject: string;
  group: PupilGroup;
  cohort: number;
  atExpectedPct: number | null;
  greaterDepthPct: number | null;
  suppressed: boolean;
  /** Why a hidden row is hidden (lib/analytics/disclosure); absent on shown rows. */
  suppressionReason?: SuppressionReason;
  /** On a shown row, the figures withheld and why (lib/analytics/disclosure). */
  withheld?: Record<string, SuppressionReason>;
};
export type GapRow = { yearGroup: string; subject: string; gapPts: number | null };

/** Cohorts below this are suppressed so no child can be identified (lib/analytics/disclosure). */
export { SUPPRESSION_THRESHOLD };

/**
 * A percentage to one decimal place, rounded half-up, in integers (SPEC §4.4):
 * floor((2000 × count + cohort) / (2 × cohort)) / 10.
 */
export function pct(count: number, cohort: number): number {
  return Math.floor((2000 * count + cohort) / (2 * cohort)) / 10;
}

/** Percentage-point difference (`now` minus `before`) to one decimal place, or null when either side is unknown or suppressed. */
export function changePts(now: number, before: number): number;
export function changePts(now: number | null | undefined, before: number | null | undefined): number | null;
export function changePts(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return Math.round((now - before) * 10) / 10;
}

export function inGroup(p: AnalysisPupil, group: PupilGroup): boolean {
  switch (group) {
    case "all":
      return true;
    case "disadvantaged":
      return p.disadvantaged;
    case "not_disadvantaged":
      return !p.disadvantaged;
    case "sen":
      return p.sen === "K" || p.sen === "E";
    case "eal":
      return p.eal;
    case "girls":
      return p.gender === "F";
    case "boys":
      return p.gender === "M";
  }
}

/**
 * The attainment table for one term: for each year group, subject (and the combined measure) and
 * pupil group, the cohort and the % at the expected and higher standards, exactly as SPEC §4.4 defines.
 * Pupils counted are those of the year group with a result for the subject in the term; for the
 * combined measure, those with a result in at least one of its subjects, meeting it only with the
 * standard in all of them (a missing subject is not met). Empty cohorts have no row. Which rows are
 * hidden (small cohorts, all or none of a small group, and the rows that would reveal them by
 * subtraction) is lib/analytics/disclosure's decision, subject by subject.
 */
export function computeAttainment(pupils: AnalysisPupil[], results: AnalysisResult[], scheme: AssessmentScheme): AttainmentRow[] {
  return suppressAttainment(computeAttainmentBeforeSuppression(pupils, results, scheme));
}

/**
 * The table with every figure, before the disclosure rule: the rule's input, never shown to anyone.
 * Only computeAttainment (and tests that re-create what an older rule published) call it.
 */
export function computeAttainmentBeforeSuppression(pupils: AnalysisPupil[], results: AnalysisResult[], scheme: AssessmentScheme): AttainmentRow[] {
  // Dense arrays rather than maps of maps: a large school's term is thousands of results, and this runs
  // for several terms per page. outcome[s][i]: 0 no result, 1 below, 2 expected, 3 expected and higher.
  const index = new Map<string, number>();
  pupils.forEach((p, i) => index.set(p.id, i));
  const subjectIndex = new Map(scheme.subjects.map((s, i) => [s, i]));
  const code = new Map<string, number>();
  for (const r of scheme.results) code.set(r, scheme.higher.includes(r) ? 3 : scheme.expected.includes(r) ? 2 : 1);
  const outcome = scheme.subjects.map(() => new Uint8Array(pupils.length));
  for (const r of results) {
    const i = index.get(r.pupilId);
    const s = subjectIndex.get(r.subject);
    if (i === undefined || s === undefined) continue;
    // A code outside the scheme still counts the pupil, as not meeting the standard.
    outcome[s]![i] = code.get(r.result) ?? 1;
  }
  if (scheme.combined) {
    const parts = scheme.combined.subjects.map((s) => outcome[subjectIndex.get(s)!]!);
    const combined = new Uint8Array(pupils.length);
    for (let i = 0; i < pupils.length; i++) {
      let any = false;
      let min = 3;
      for (const part of parts) {
        const v = part[i]!;
        if (v !== 0) any = true;
        // A missing subject counts as not met.
        min = Math.min(min, v === 0 ? 1 : v);
      }
      combined[i] = any ? min : 0;
    }
    outcome.push(combined);
  }
  // Each pupil's group memberships as a bit mask, worked out once.
  const masks = new Uint8Array(pupils.length);
  pupils.forEach((p, i) => {
    let m = 0;
    PUPIL_GROUPS.forEach((g, b) => {
      if (inGroup(p, g)) m |= 1 << b;
    });
    masks[i] = m;
  });
  const subjects = [...scheme.subjects, ...(scheme.combined ? [scheme.combined.id] : [])];
  const byYear = new Map<string, number[]>();
  pupils.forEach((p, i) => {
    const list = byYear.get(p.yearGroup);
    if (list) list.push(i);
    else byYear.set(p.yearGroup, [i]);
  });
  const yearGroups = [...byYear.keys()].sort((a, b) => yearIndex(a) - yearIndex(b));

  const rows: AttainmentRow[] = [];
  const G = PUPIL_GROUPS.length;
  const cohort = new Int32Array(G);
  const exp = new Int32Array(G);
  const high = new Int32Array(G);
  for (const yearGroup of yearGroups) {
    const members = byYear.get(yearGroup)!;
    subjects.forEach((subject, s) => {
      cohort.fill(0);
      exp.fill(0);
      high.fill(0);
      const o = outcome[s]!;
      for (const i of members) {
        const v = o[i]!;
        if (v === 0) continue;
        const m = masks[i]!;
        for (let g = 0; g < G; g++) {
          if (!(m & (1 << g))) continue;
          cohort[g]!++;
          if (v >= 2) exp[g]!++;
          if (v === 3) high[g]!++;
        }
      }
      for (let g = 0; g < G; g++) {
        const n = cohort[g]!;
        if (n === 0) continue;
        rows.push({
          yearGroup,
          subject,
          group: PUPIL_GROUPS[g]!,
          cohort: n,
          atExpectedPct: pct(exp[g]!, n),
          greaterDepthPct: pct(high[g]!, n),
          suppressed: false,
        });
      }
    });
  }
  return rows;
}

/** SPEC §4.4's disclosure rule applied to attainment rows (fresh, or stored in a snapshot), subject by subject. */
export function suppressAttainment(rows: readonly AttainmentRow[]): AttainmentRow[] {
  return applySuppression(rows, ["atExpectedPct", "greaterDepthPct"], { slice: (_r, i) => rows[i]!.subject });
}

/**
 * The disadvantaged gap per year group and subject: disadvantaged % at expected minus
 * not-disadvantaged % at expected, one decimal place; null when either side is suppressed or absent.
 */
export function computeGaps(rows: AttainmentRow[]): GapRow[] {
  const find = (y: string, s: string, g: PupilGroup) => rows.find((r) => r.yearGroup === y && r.subject === s && r.group === g);
  const out: GapRow[] = [];
  for (const all of rows.filter((r) => r.group === "all")) {
    const d = find(all.yearGroup, all.subject, "disadvantaged")?.atExpectedPct ?? null;
    const n = find(all.yearGroup, all.subject, "not_disadvantaged")?.atExpectedPct ?? null;
    out.push({ yearGroup: all.yearGroup, subject: all.subject, gapPts: changePts(d, n) });
  }
  return out;
}

function yearIndex(y: string) {
  const i = (YEAR_GROUPS as readonly string[]).indexOf(y);
  return i < 0 ? 999 : i;
}
