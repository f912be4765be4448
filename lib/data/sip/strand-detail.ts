import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, milestones, planActions, plans, reviews, strands, successCriteria, type Rag } from "@/db/schema";
import { formatMetricValue } from "@/lib/analytics/criteria";
import { countActions, totalCost, type ActionCounts } from "@/lib/analytics/plan";
import type { AttainmentCache } from "../attainment";
import { NotFoundError } from "@/lib/errors";
import { getAcademicYear, listTerms, todayIso, type AcademicYear, type TermWithYear } from "../school";
import { type PlanActionView, viewActions } from "./actions";
import { CriterionReader, type CriterionView, referenceTerm, viewCriterion } from "./criterion-reader";
import { type ReviewView, viewReviews } from "./reviews";
import { type SefLinkView, listSefLinks } from "./sef-links";
import { type Milestone, type Person, type Plan, type Strand, peopleById } from "./shared";
import { getStrand, listStrands, yearOfStrand } from "./strands";
import type { Viewer } from "./strand-monitoring";

// ---- Views: one strand -------------------------------------------------------------------------------

export type StrandDetail = {
  strand: Strand;
  plan: Plan;
  year: AcademicYear;
  yearTerms: TermWithYear[];
  refTerm: TermWithYear;
  number: number;
  lead: Person | null;
  linkGovernor: Person | null;
  sefLinks: SefLinkView[];
  carriedFrom: { id: string; title: string; yearName: string } | null;
  carriedTo: { id: string; title: string; yearName: string } | null;
  criteria: CriterionView[];
  headline: CriterionView | null;
  actions: PlanActionView[];
  counts: ActionCounts;
  costPence: number;
  milestones: Milestone[];
  reviews: ReviewView[];
  ragByTerm: Record<string, Rag | null>;
};

/** Strands as other years' plans refer to them (title and year), by id, in one query; null ids are skipped. */
export function strandYearRefs(strandIds: (string | null)[], db: DbOrTx): Map<string, { id: string; title: string; yearName: string }> {
  const ids = [...new Set(strandIds.filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const rows = db
    .select({ id: strands.id, title: strands.title, yearName: academicYears.name })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(academicYears, eq(plans.academicYearId, academicYears.id))
    .where(inArray(strands.id, ids))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * A strand with its plan, year, number in the plan and SEF links: what its edit forms and page headers
 * need, without reading its criteria (and the attainment behind them), actions or reviews.
 */
export function getStrandHeader({ id }: { id: string }, db: DbOrTx = defaultDb) {
  const strand = getStrand({ id }, db);
  const plan = db.select().from(plans).where(eq(plans.id, strand.planId)).get()!;
  const year = getAcademicYear({ id: plan.academicYearId }, db);
  const number = listStrands({ planId: plan.id }, db).findIndex((s) => s.id === id) + 1;
  return { strand, plan, year, number, sefLinks: listSefLinks({ strandIds: [id] }, db).get(id) ?? [] };
}

/**
 * Everything about one strand, as its page, the impact view and the exports show it, to this viewer:
 * review evidence the viewer may not see is left out (lib/policy decides).
 */
export function getStrandDetail(
  { id, viewer, today = todayIso(), attainmentCache }: { id: string; viewer: Viewer; today?: string; attainmentCache?: AttainmentCache },
  db: DbOrTx = defaultDb,
): StrandDetail {
  return getStrandDetails({ ids: [id], viewer, today, attainmentCache }, db)[0]!;
}

/** Rows grouped by a key, each group in the rows' order. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Several strands' full detail, in the order asked, as getStrandDetail gives each: one query per kind of
 * row for all of them (strands, criteria and their values, actions and supporters, reviews with their
 * evidence and comments, milestones, carried-from and carried-to strands), so the printable plan and
 * the Word export read the whole plan in a fixed number of queries. Review evidence the viewer may not
 * see is left out, as for one strand (viewReviews, lib/policy).
 */
export function getStrandDetails(
  { ids, viewer, today = todayIso(), attainmentCache }: { ids: string[]; viewer: Viewer; today?: string; attainmentCache?: AttainmentCache },
  db: DbOrTx = defaultDb,
): StrandDetail[] {
  if (!ids.length) return [];
  const strandRows = new Map(db.select().from(strands).where(inArray(strands.id, ids)).all().map((s) => [s.id, s]));
  for (const id of ids) if (!strandRows.has(id)) throw new NotFoundError("That strand");
  const planIds = [...new Set([...strandRows.values()].map((s) => s.planId))];
  const planRows = new Map(db.select().from(plans).where(inArray(plans.id, planIds)).all().map((p) => [p.id, p]));
  const yearIds = [...new Set([...planRows.values()].map((p) => p.academicYearId))];
  const yearRows = new Map(db.select().from(academicYears).where(inArray(academicYears.id, yearIds)).all().map((y) => [y.id, y]));
  // Each strand's number in its plan: the plans' strands in their order.
  const numbers = new Map<string, number>();
  for (const list of groupBy(db.select({ id: strands.id, planId: strands.planId }).from(strands).where(inArray(strands.planId, planIds)).orderBy(asc(strands.position), asc(strands.createdAt)).all(), (s) => s.planId).values())
    list.forEach((s, i) => numbers.set(s.id, i + 1));
  const sefLinks = listSefLinks({ strandIds: ids }, db);
  const termsByYear = new Map(yearIds.map((y) => [y, listTerms({ academicYearId: y }, db)]));
  const people = peopleById(db);

  const criteriaRows = groupBy(db.select().from(successCriteria).where(inArray(successCriteria.strandId, ids)).orderBy(asc(successCriteria.position)).all(), (c) => c.strandId);
  const actionRows = groupBy(
    db.select().from(planActions).where(inArray(planActions.strandId, ids)).orderBy(asc(planActions.position), asc(planActions.createdAt)).all(),
    (a) => a.strandId,
  );
  const actionViews = groupBy(viewActions([...actionRows.values()].flat(), people, today, db), (a) => a.strandId);
  const reviewRows = db.select().from(reviews).where(inArray(reviews.strandId, ids)).all();
  const reviewsByStrand = groupBy(reviewRows, (r) => r.strandId);
  const allTermsById = new Map([...termsByYear.values()].flat().map((t) => [t.id, t]));
  const reviewViews = groupBy(viewReviews(reviewRows, allTermsById, people, viewer, db), (r) => r.strandId);
  const milestoneRows = groupBy(db.select().from(milestones).where(inArray(milestones.strandId, ids)).orderBy(asc(milestones.position)).all(), (m) => m.strandId);
  const carriedTo = new Map(
    db
      .select({ id: strands.id, from: strands.carriedFromId })
      .from(strands)
      .where(inArray(strands.carriedFromId, ids))
      .all()
      .map((s) => [s.from!, s.id]),
  );
  const refs = strandYearRefs([...[...strandRows.values()].map((s) => s.carriedFromId), ...carriedTo.values()], db);

  // One criterion reader per year (its reference term), over every criterion of that year's strands.
  const readers = new Map<string, { reader: CriterionReader; refTerm: TermWithYear; planStart: number }>();
  for (const yearId of yearIds) {
    const yearTerms = termsByYear.get(yearId)!;
    const refTerm = referenceTerm(yearTerms, today);
    const criterionIds = ids.filter((id) => planRows.get(strandRows.get(id)!.planId)!.academicYearId === yearId).flatMap((id) => (criteriaRows.get(id) ?? []).map((c) => c.id));
    const reader = new CriterionReader(db, refTerm.id, criterionIds, attainmentCache);
    readers.set(yearId, { reader, refTerm, planStart: reader.indexOf(yearTerms[0]!.id) ?? 0 });
  }

  return ids.map((id) => {
    const strand = strandRows.get(id)!;
    const plan = planRows.get(strand.planId)!;
    const year = yearRows.get(plan.academicYearId)!;
    const yearTerms = termsByYear.get(year.id)!;
    const { reader, refTerm, planStart } = readers.get(year.id)!;
    const criteria = (criteriaRows.get(id) ?? []).map((c) => viewCriterion(c, reader, planStart));
    const mine = actionRows.get(id) ?? [];
    const myReviews = reviewsByStrand.get(id) ?? [];
    const to = carriedTo.get(id);
    return {
      strand,
      plan,
      year,
      yearTerms,
      refTerm,
      number: numbers.get(id) ?? 0,
      lead: strand.leadId ? (people.get(strand.leadId) ?? null) : null,
      linkGovernor: strand.linkGovernorId ? (people.get(strand.linkGovernorId) ?? null) : null,
      sefLinks: sefLinks.get(id) ?? [],
      carriedFrom: strand.carriedFromId ? (refs.get(strand.carriedFromId) ?? null) : null,
      carriedTo: to ? (refs.get(to) ?? null) : null,
      criteria,
      headline: criteria.find((c) => c.isHeadline) ?? null,
      actions: actionViews.get(id) ?? [],
      counts: countActions(mine, today),
      costPence: totalCost(mine),
      milestones: milestoneRows.get(id) ?? [],
      reviews: reviewViews.get(id) ?? [],
      ragByTerm: Object.fromEntries(yearTerms.map((t) => [t.id, myReviews.find((r) => r.termId === t.id)?.rag ?? null])),
    };
  });
}

/** Criteria values term by term across the plan's year, for the impact view. */
export function criterionValuesByTerm({ strandId }: { strandId: string }, db: DbOrTx = defaultDb): Record<string, Record<string, { value: number | null; suppressed: boolean; label: string } | null>> {
  const year = yearOfStrand({ strandId }, db);
  const yearTerms = listTerms({ academicYearId: year.id }, db);
  const criteria = db.select().from(successCriteria).where(eq(successCriteria.strandId, strandId)).all();
  const reader = new CriterionReader(db, yearTerms[yearTerms.length - 1]!.id, criteria.map((c) => c.id));
  const out: Record<string, Record<string, { value: number | null; suppressed: boolean; label: string } | null>> = {};
  for (const c of criteria) {
    out[c.id] = {};
    for (const t of yearTerms) {
      const r = reader.at(c, t.id);
      out[c.id]![t.id] = r.found ? { value: r.value, suppressed: r.suppressed, label: r.suppressed ? "Withheld" : formatMetricValue(r.value, c) } : null;
    }
  }
  return out;
}
