import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { shiftAcademicYear } from "@/lib/format";
import { memoised } from "./memo";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { assessmentResults, pupils, terms, type YearGroup } from "@/db/schema";
import { computeAttainment, computeGaps, type AnalysisPupil, type AttainmentRow, type GapRow } from "@/lib/analytics/attainment";
import {
  compareAttainment,
  compareGaps,
  computeTargetAttainment,
  findPockets,
  type AttainmentChangeRow,
  type GapChangeRow,
  type Pocket,
  type TargetRow,
  type TermAttainment,
} from "@/lib/analytics/attainment-compare";
import type { AssessmentScheme } from "@/lib/analytics/schemes";
import { NotFoundError } from "@/lib/errors";
import { findTermByKey, getSchoolScheme, getTerm, listTerms, previousTerm, type TermWithYear } from "./school";

/**
 * SPEC §4.4's attainment table and gaps for a term, from stored pupils and results. Aggregates only:
 * no pupil's name or UPN leaves this function, so its result is safe for every role. With `yearGroup`,
 * only that year group's rows (the same figures, computed from far fewer rows: for trends and
 * comparisons of one year group).
 */
export function getAttainment({ termId, yearGroup }: { termId: string; yearGroup?: YearGroup }, db: DbOrTx = defaultDb): { attainment: AttainmentRow[]; gaps: GapRow[] } {
  // Shared across requests until the data changes (lib/data/memo): the dashboard, the analysis pages,
  // the plan's criteria and the report all read the same terms.
  return memoised(db, `attainment:${termId}:${yearGroup ?? "all"}`, () => computeTermAttainment(termId, yearGroup, db));
}

function computeTermAttainment(termId: string, yearGroup: YearGroup | undefined, db: DbOrTx): { attainment: AttainmentRow[]; gaps: GapRow[] } {
  const term = db.select().from(terms).where(eq(terms.id, termId)).get();
  if (!term) throw new NotFoundError("That term");
  const scheme = getSchoolScheme(db);
  const ofYear = yearGroup ? and(eq(pupils.academicYearId, term.academicYearId), eq(pupils.yearGroup, yearGroup)) : eq(pupils.academicYearId, term.academicYearId);
  const yearPupils: AnalysisPupil[] = db
    .select({ id: pupils.id, yearGroup: pupils.yearGroup, gender: pupils.gender, disadvantaged: pupils.disadvantaged, sen: pupils.sen, eal: pupils.eal })
    .from(pupils)
    .where(ofYear)
    .all();
  // No join to pupils for the whole school: computeAttainment counts only the year's pupils, and this
  // way the query reads the covering index alone (a large school's term has thousands of rows spread
  // over ten years). For one year group, its pupils' results are fetched through the pupil index.
  const subjects = inArray(assessmentResults.subject, [...scheme.subjects]);
  const results = !yearPupils.length
    ? []
    : db
        .select({ pupilId: assessmentResults.pupilId, subject: assessmentResults.subject, result: assessmentResults.result })
        .from(assessmentResults)
        .where(
          yearGroup
            ? and(inArray(assessmentResults.pupilId, db.select({ id: pupils.id }).from(pupils).where(ofYear)), eq(assessmentResults.termId, termId), subjects)
            : and(eq(assessmentResults.termId, termId), subjects),
        )
        .all();
  const attainment = computeAttainment(yearPupils, results, scheme);
  return { attainment, gaps: computeGaps(attainment) };
}

/** Terms' attainment tables already computed in one request, by term id: pass one to share the work. */
export type AttainmentCache = Map<string, { attainment: AttainmentRow[]; gaps: GapRow[] }>;

/** getAttainment for the whole school, computed once per term per cache. */
export function getAttainmentCached({ termId, cache }: { termId: string; cache: AttainmentCache }, db: DbOrTx = defaultDb): { attainment: AttainmentRow[]; gaps: GapRow[] } {
  let a = cache.get(termId);
  if (!a) {
    a = getAttainment({ termId }, db);
    cache.set(termId, a);
  }
  return a;
}

/** Whether any assessment result is stored for a term (one index probe). */
export function termHasResults({ termId }: { termId: string }, db: DbOrTx = defaultDb): boolean {
  return !!db.select({ termId: assessmentResults.termId }).from(assessmentResults).where(eq(assessmentResults.termId, termId)).limit(1).get();
}

// ---- Analysis across terms (aggregates only) -------------------------------------------------------

/**
 * One year group's attainment table for several terms: the same figures as getAttainment with
 * `yearGroup`, for trends and comparisons. (Term by term: each query then probes only that year's
 * pupils, which measured faster than one query over every term.)
 */
function getYearGroupAttainment(
  { termIds, yearGroup }: { termIds: string[]; yearGroup: YearGroup },
  db: DbOrTx = defaultDb,
): Map<string, { attainment: AttainmentRow[]; gaps: GapRow[] }> {
  return new Map(termIds.map((termId) => [termId, getAttainment({ termId, yearGroup }, db)]));
}

/** The term a year before (same term name, previous academic year), or null. */
function sameTermLastYear({ termId }: { termId: string }, db: DbOrTx = defaultDb): TermWithYear | null {
  const term = getTerm({ id: termId }, db);
  return findTermByKey({ key: `${shiftAcademicYear(term.yearName, -1)}:${term.name}` }, db);
}

/** For schemes with target grades: % of pupils at or above their target this term (suppressed below five). */
function getTargetAttainment({ termId }: { termId: string }, db: DbOrTx = defaultDb): TargetRow[] {
  const term = getTerm({ id: termId }, db);
  const scheme = getSchoolScheme(db);
  if (!scheme.hasTargets) return [];
  const yearPupils: AnalysisPupil[] = db
    .select({ id: pupils.id, yearGroup: pupils.yearGroup, gender: pupils.gender, disadvantaged: pupils.disadvantaged, sen: pupils.sen, eal: pupils.eal })
    .from(pupils)
    .where(eq(pupils.academicYearId, term.academicYearId))
    .all();
  const results = db
    .select({ pupilId: assessmentResults.pupilId, subject: assessmentResults.subject, result: assessmentResults.result, target: assessmentResults.target })
    .from(assessmentResults)
    .where(eq(assessmentResults.termId, termId))
    .all();
  return computeTargetAttainment(yearPupils, results, scheme);
}

export type AttainmentOverview = {
  term: TermWithYear;
  scheme: AssessmentScheme;
  previousTerm: TermWithYear | null;
  lastYearTerm: TermWithYear | null;
  /** Year groups with results this term, in school order. */
  yearGroups: string[];
  /** The year group the page looks at in detail (asked for, else Year 6 or the oldest with results). */
  yearGroup: string | null;
  attainment: AttainmentRow[];
  gaps: GapRow[];
  /** The selected year group's rows with their changes since the previous term and last year. */
  selected: AttainmentChangeRow[];
  selectedGaps: GapChangeRow[];
  pockets: Pocket[];
  targets: TargetRow[];
  /** The selected year group's tables for the `seriesCount` terms ending with this one, oldest first. */
  series: TermAttainment[];
};

/**
 * The analysis page's data in one go: the whole school's table, gaps and pockets for the term, and, for
 * one year group, the changes since the previous term and the same term last year and the trend across
 * terms. Comparisons and trends are computed for that year group only, which keeps the page fast for
 * a large school with years of history.
 */
export function getAttainmentOverview(
  { termId, yearGroup, seriesCount = 6 }: { termId: string; yearGroup?: string; seriesCount?: number },
  db: DbOrTx = defaultDb,
): AttainmentOverview {
  const term = getTerm({ id: termId }, db);
  const scheme = getSchoolScheme(db);
  const now = getAttainment({ termId }, db);
  const yearGroups = [...new Set(now.attainment.map((r) => r.yearGroup))];
  const chosen = yearGroup && yearGroups.includes(yearGroup) ? yearGroup : yearGroups.includes("Y6") ? "Y6" : (yearGroups[yearGroups.length - 1] ?? null);
  const prev = previousTerm({ id: termId }, db);
  const last = sameTermLastYear({ termId }, db);
  const all = listTerms({}, db);
  const end = all.findIndex((t) => t.id === termId);
  const seriesTerms = all.slice(Math.max(0, end - seriesCount + 1), end + 1);
  const pick = <R extends { yearGroup: string }>(rows: R[]) => rows.filter((r) => r.yearGroup === chosen);
  // Every other term the page needs, for the chosen year group only, in one pass.
  const others = [...seriesTerms, ...(last ? [last] : []), ...(prev ? [prev] : [])].filter((t, i, all) => t.id !== termId && all.findIndex((x) => x.id === t.id) === i);
  const forYear = chosen ? getYearGroupAttainment({ termIds: others.map((t) => t.id), yearGroup: chosen as YearGroup }, db) : new Map<string, { attainment: AttainmentRow[]; gaps: GapRow[] }>();
  const table = (id: string) => (id === termId ? { attainment: pick(now.attainment), gaps: pick(now.gaps) } : (forYear.get(id) ?? { attainment: [], gaps: [] }));
  const series = seriesTerms.map((t) => ({ termKey: t.key, ...table(t.id) }));
  const before = prev ? table(prev.id) : null;
  const yearAgo = last ? table(last.id) : null;
  return {
    term,
    scheme,
    previousTerm: prev,
    lastYearTerm: last,
    yearGroups,
    yearGroup: chosen,
    attainment: now.attainment,
    gaps: now.gaps,
    selected: compareAttainment(pick(now.attainment), before?.attainment ?? null, yearAgo?.attainment ?? null),
    selectedGaps: compareGaps(pick(now.gaps), before?.gaps ?? null, yearAgo?.gaps ?? null),
    pockets: findPockets(now.attainment),
    targets: scheme.hasTargets ? getTargetAttainment({ termId }, db) : [],
    series,
  };
}
