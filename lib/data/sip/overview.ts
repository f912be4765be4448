import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, planActions, plans, reviews, successCriteria, type Rag } from "@/db/schema";
import { costTotals, countActions, dueWithin, isPlanTooLong, type ActionCounts } from "@/lib/analytics/plan";
import type { AttainmentCache } from "../attainment";
import { getAcademicYear, listTerms, todayIso, type AcademicYear, type TermWithYear } from "../school";
import { type PlanActionView, viewActions } from "./actions";
import { CriterionReader, type CriterionView, referenceTerm, viewCriterion } from "./criterion-reader";
import { findPlan } from "./plans";
import { type SefLinkView, listSefLinks } from "./sef-links";
import { type Person, type Plan, type Strand, peopleById } from "./shared";
import { type StrandDetail, getStrandDetails, strandYearRefs } from "./strand-detail";
import type { Viewer } from "./strand-monitoring";
import { listStrands } from "./strands";

// ---- Views: the whole plan ------------------------------------------------------------------------------

type StrandSummary = {
  strand: Strand;
  number: number;
  lead: Person | null;
  linkGovernor: Person | null;
  sefLinks: SefLinkView[];
  ragByTerm: Record<string, Rag | null>;
  /** This term's RAG (the reference term) and the latest review before it. */
  rag: Rag | null;
  previousRag: { rag: Rag; termKey: string } | null;
  counts: ActionCounts;
  costPence: number;
  headline: CriterionView | null;
  carriedFrom: { id: string; title: string; yearName: string } | null;
};

export type PlanOverview = {
  plan: Plan | null;
  year: AcademicYear;
  yearTerms: TermWithYear[];
  refTerm: TermWithYear;
  strands: StrandSummary[];
  counts: ActionCounts;
  costPence: number;
  tooLong: boolean;
  overdue: (PlanActionView & { strandId: string; strandTitle: string; strandNumber: number })[];
  dueSoon: (PlanActionView & { strandId: string; strandTitle: string; strandNumber: number })[];
  dueThisTerm: (PlanActionView & { strandId: string; strandTitle: string; strandNumber: number })[];
  /** Strands with no review yet for the reference term (once it has started). */
  reviewsMissing: { id: string; title: string; number: number }[];
};

/**
 * The plan of a year as the plan page, the plan on a page, the dashboard and the termly report need
 * it: each strand with its lead, RAG history, action counts, cost and headline criterion, and the
 * plan's totals and overdue actions. Works (empty) when the year has no plan yet.
 */
export function getPlanOverview(
  { academicYearId, today = todayIso(), refTermId, attainmentCache }: { academicYearId: string; today?: string; refTermId?: string; attainmentCache?: AttainmentCache },
  db: DbOrTx = defaultDb,
): PlanOverview {
  const year = getAcademicYear({ id: academicYearId }, db);
  const yearTerms = listTerms({ academicYearId }, db);
  const refTerm = (refTermId && yearTerms.find((t) => t.id === refTermId)) || referenceTerm(yearTerms, today);
  const plan = findPlan({ academicYearId }, db);
  const strandRows = plan ? listStrands({ planId: plan.id }, db) : [];
  const ids = strandRows.map((s) => s.id);
  const people = peopleById(db);
  const actionRows = ids.length ? db.select().from(planActions).where(inArray(planActions.strandId, ids)).orderBy(asc(planActions.dueDate), asc(planActions.position)).all() : [];
  const actionViews = viewActions(actionRows, people, today, db);
  const reviewRows = ids.length ? db.select({ strandId: reviews.strandId, termId: reviews.termId, rag: reviews.rag }).from(reviews).where(inArray(reviews.strandId, ids)).all() : [];
  const headlineRows = ids.length ? db.select().from(successCriteria).where(and(inArray(successCriteria.strandId, ids), eq(successCriteria.isHeadline, true))).all() : [];
  const reader = new CriterionReader(db, refTerm.id, headlineRows.map((c) => c.id), attainmentCache);
  const planStart = reader.indexOf(yearTerms[0]!.id) ?? 0;
  const links = listSefLinks({ strandIds: ids }, db);
  const allTerms = listTerms({}, db);
  const termIndex = new Map(allTerms.map((t, i) => [t.id, i]));
  const refIndex = termIndex.get(refTerm.id) ?? 0;
  const carried = strandYearRefs(strandRows.map((s) => s.carriedFromId), db);
  const costs = costTotals(strandRows.map((s) => ({ id: s.id, actions: actionRows.filter((a) => a.strandId === s.id) })));

  const summaries: StrandSummary[] = strandRows.map((s, i) => {
    const mine = reviewRows.filter((r) => r.strandId === s.id);
    const earlier = mine
      .filter((r) => (termIndex.get(r.termId) ?? -1) < refIndex)
      .sort((a, b) => (termIndex.get(b.termId) ?? 0) - (termIndex.get(a.termId) ?? 0))[0];
    const headline = headlineRows.find((c) => c.strandId === s.id);
    return {
      strand: s,
      number: i + 1,
      lead: s.leadId ? (people.get(s.leadId) ?? null) : null,
      linkGovernor: s.linkGovernorId ? (people.get(s.linkGovernorId) ?? null) : null,
      sefLinks: links.get(s.id) ?? [],
      ragByTerm: Object.fromEntries(yearTerms.map((t) => [t.id, mine.find((r) => r.termId === t.id)?.rag ?? null])),
      rag: mine.find((r) => r.termId === refTerm.id)?.rag ?? null,
      previousRag: earlier ? { rag: earlier.rag, termKey: allTerms[termIndex.get(earlier.termId)!]!.key } : null,
      counts: countActions(
        actionRows.filter((a) => a.strandId === s.id),
        today,
      ),
      costPence: costs.byStrand[s.id] ?? 0,
      headline: headline ? viewCriterion(headline, reader, planStart) : null,
      carriedFrom: s.carriedFromId ? (carried.get(s.carriedFromId) ?? null) : null,
    };
  });
  const withStrand = (a: PlanActionView) => {
    const s = summaries.find((x) => x.strand.id === a.strandId)!;
    return { ...a, strandId: s.strand.id, strandTitle: s.strand.title, strandNumber: s.number };
  };
  return {
    plan,
    year,
    yearTerms,
    refTerm,
    strands: summaries,
    counts: countActions(actionRows, today),
    costPence: costs.plan,
    tooLong: isPlanTooLong(strandRows.length),
    overdue: actionViews.filter((a) => a.flag === "overdue").map(withStrand),
    dueSoon: actionViews.filter((a) => a.flag === "due_soon").map(withStrand),
    dueThisTerm: dueWithin(actionViews, refTerm).map(withStrand),
    reviewsMissing: refTerm.startDate <= today ? summaries.filter((s) => !s.rag).map((s) => ({ id: s.strand.id, title: s.strand.title, number: s.number })) : [],
  };
}

/** Every strand's full detail, in order, as this viewer may see it: for the printable plan and the Word export. */
export function getPlanDocument({ academicYearId, viewer, today = todayIso() }: { academicYearId: string; viewer: Viewer; today?: string }, db: DbOrTx = defaultDb): { overview: PlanOverview; strands: StrandDetail[] } {
  const attainmentCache: AttainmentCache = new Map();
  const overview = getPlanOverview({ academicYearId, today, attainmentCache }, db);
  return { overview, strands: getStrandDetails({ ids: overview.strands.map((s) => s.strand.id), viewer, today, attainmentCache }, db) };
}

/** The years that have a plan (newest first), and the current year even without one. */
export function listPlanYears(db: DbOrTx = defaultDb): { id: string; name: string; hasPlan: boolean; isCurrent: boolean }[] {
  const years = db.select().from(academicYears).orderBy(desc(academicYears.name)).all();
  const withPlans = new Set(db.select({ y: plans.academicYearId }).from(plans).all().map((r) => r.y));
  return years.filter((y) => withPlans.has(y.id) || y.isCurrent).map((y) => ({ id: y.id, name: y.name, hasPlan: withPlans.has(y.id), isCurrent: y.isCurrent }));
}
