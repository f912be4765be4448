import { PUPIL_GROUPS, YEAR_GROUPS, type PupilGroup } from "@/db/schema/enums";
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
};
export type GapRow = { yearGroup: string; subject: string; gapPts: number | null };

/** Cohorts below this are suppressed so no child can be identified. */
export const SUPPRESSION_THRESHOLD = 5;

/**
 * A percentage to one decimal place, rounded half-up, in integers (SPEC §4.4):
 * floor((2000 × count + cohort) / (2 × cohort)) / 10.
 */
export function pct(count: number, cohort: number): number {
  return Math.floor((2000 * count + cohort) / (2 * cohort)) / 10;
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

type Outcome = { pupil: AnalysisPupil; expected: boolean; higher: boolean };

/**
 * The attainment table for one term: for each year group, subject (and the combined measure) and
 * pupil group, the cohort and the % at the expected and higher standards, exactly as SPEC §4.4 defines.
 * Pupils counted are those of the year group with a result for the subject in the term; for the
 * combined measure, those with a result in at least one of its subjects, meeting it only with the
 * standard in all of them (a missing subject is not met). Rows with a cohort below 5 are suppressed;
 * empty cohorts have no row.
 */
export function computeAttainment(pupils: AnalysisPupil[], results: AnalysisResult[], scheme: AssessmentScheme): AttainmentRow[] {
  const byPupil = new Map<string, Map<string, string>>();
  for (const r of results) {
    let m = byPupil.get(r.pupilId);
    if (!m) byPupil.set(r.pupilId, (m = new Map()));
    m.set(r.subject, r.result);
  }
  const expected = new Set(scheme.expected);
  const higher = new Set(scheme.higher);
  const yearGroups = [...new Set(pupils.map((p) => p.yearGroup))].sort((a, b) => yearIndex(a) - yearIndex(b));
  const subjects = [...scheme.subjects, ...(scheme.combined ? [scheme.combined.id] : [])];

  const byYear = new Map<string, AnalysisPupil[]>();
  for (const p of pupils) {
    const list = byYear.get(p.yearGroup);
    if (list) list.push(p);
    else byYear.set(p.yearGroup, [p]);
  }
  // Each pupil's group memberships, worked out once rather than once per subject.
  const memberships = new Map<string, boolean[]>(pupils.map((p) => [p.id, PUPIL_GROUPS.map((g) => inGroup(p, g))]));

  const rows: AttainmentRow[] = [];
  for (const yearGroup of yearGroups) {
    const yearPupils = byYear.get(yearGroup)!;
    for (const subject of subjects) {
      const tally = PUPIL_GROUPS.map(() => ({ cohort: 0, expected: 0, higher: 0 }));
      for (const pupil of yearPupils) {
        const res = byPupil.get(pupil.id);
        if (!res) continue;
        let outcome: Omit<Outcome, "pupil">;
        if (scheme.combined && subject === scheme.combined.id) {
          const parts = scheme.combined.subjects.map((s) => res.get(s));
          if (parts.every((x) => x === undefined)) continue;
          outcome = {
            expected: parts.every((x) => x !== undefined && expected.has(x)),
            higher: parts.every((x) => x !== undefined && higher.has(x)),
          };
        } else {
          const r = res.get(subject);
          if (r === undefined) continue;
          outcome = { expected: expected.has(r), higher: higher.has(r) };
        }
        const member = memberships.get(pupil.id)!;
        for (let g = 0; g < PUPIL_GROUPS.length; g++) {
          if (!member[g]) continue;
          const t = tally[g]!;
          t.cohort++;
          if (outcome.expected) t.expected++;
          if (outcome.higher) t.higher++;
        }
      }
      PUPIL_GROUPS.forEach((group, g) => {
        const { cohort, expected: e, higher: h } = tally[g]!;
        if (cohort === 0) return;
        const suppressed = cohort < SUPPRESSION_THRESHOLD;
        rows.push({
          yearGroup,
          subject,
          group,
          cohort,
          atExpectedPct: suppressed ? null : pct(e, cohort),
          greaterDepthPct: suppressed ? null : pct(h, cohort),
          suppressed,
        });
      });
    }
  }
  return rows;
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
    out.push({ yearGroup: all.yearGroup, subject: all.subject, gapPts: d === null || n === null ? null : Math.round((d - n) * 10) / 10 });
  }
  return out;
}

function yearIndex(y: string) {
  const i = (YEAR_GROUPS as readonly string[]).indexOf(y);
  return i < 0 ? 999 : i;
}
