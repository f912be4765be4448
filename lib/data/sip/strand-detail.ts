import "server-only";
import { asc, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, milestones, planActions, plans, reviews, strands, successCriteria, type Rag } from "@/db/schema";
import { formatMetricValue } from "@/lib/analytics/criteria";
import { countActions, totalCost, type ActionCounts } from "@/lib/analytics/plan";
import type { AttainmentCache } from "../attainment";
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

export function strandYearRef(strandId: string | null, db: DbOrTx): { id: string; title: string; yearName: string } | null {
  if (!strandId) return null;
  const row = db
    .select({ id: strands.id, title: strands.title, yearName: academicYears.name })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(academicYears, eq(plans.academicYearId, academicYears.id))
    .where(eq(strands.id, strandId))
    .get();
  return row ?? null;
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
  const { strand, plan, year, number, sefLinks } = getStrandHeader({ id }, db);
  const yearTerms = listTerms({ academicYearId: year.id }, db);
  const refTerm = referenceTerm(yearTerms, today);
  const people = peopleById(db);
  const criteriaRows = db.select().from(successCriteria).where(eq(successCriteria.strandId, id)).orderBy(asc(successCriteria.position)).all();
  const reader = new CriterionReader(db, refTerm.id, criteriaRows.map((c) => c.id), attainmentCache);
  const planStart = reader.indexOf(yearTerms[0]!.id) ?? 0;
  const criteria = criteriaRows.map((c) => viewCriterion(c, reader, planStart));
  const actionRows = db.select().from(planActions).where(eq(planActions.strandId, id)).orderBy(asc(planActions.position), asc(planActions.createdAt)).all();
  const actions = viewActions(actionRows, people, today, db);
  const termsById = new Map(yearTerms.map((t) => [t.id, t]));
  const reviewRows = db.select().from(reviews).where(eq(reviews.strandId, id)).all();
  const reviewViews = viewReviews(reviewRows, termsById, people, viewer, db);
  const carriedTo = db.select({ id: strands.id }).from(strands).where(eq(strands.carriedFromId, id)).get();
  return {
    strand,
    plan,
    year,
    yearTerms,
    refTerm,
    number,
    lead: strand.leadId ? (people.get(strand.leadId) ?? null) : null,
    linkGovernor: strand.linkGovernorId ? (people.get(strand.linkGovernorId) ?? null) : null,
    sefLinks,
    carriedFrom: strandYearRef(strand.carriedFromId, db),
    carriedTo: strandYearRef(carriedTo?.id ?? null, db),
    criteria,
    headline: criteria.find((c) => c.isHeadline) ?? null,
    actions,
    counts: countActions(actionRows, today),
    costPence: totalCost(actionRows),
    milestones: db.select().from(milestones).where(eq(milestones.strandId, id)).orderBy(asc(milestones.position)).all(),
    reviews: reviewViews,
    ragByTerm: Object.fromEntries(yearTerms.map((t) => [t.id, reviewRows.find((r) => r.termId === t.id)?.rag ?? null])),
  };
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
