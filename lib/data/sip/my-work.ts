import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { planActions, type Rag } from "@/db/schema";
import { sortForOwner } from "@/lib/analytics/plan";
import { findCurrentYear, listTerms, todayIso, type AcademicYear } from "../school";
import { type PlanActionView, viewActions } from "./actions";
import { referenceTerm } from "./criterion-reader";
import { findPlan } from "./plans";
import { findReview } from "./reviews";
import { peopleById } from "./shared";
import { listStrands } from "./strands";

// ---- Views: one person ------------------------------------------------------------------------------------

export type MyPlanWork = {
  year: AcademicYear | null;
  actions: (PlanActionView & { strandTitle: string })[];
  leads: { id: string; title: string; rag: Rag | null }[];
  linkGoverns: { id: string; title: string; rag: Rag | null }[];
};

/**
 * The plan work a person owns this year: their actions (overdue first, then due soon, then the rest,
 * then finished ones) and the strands they lead or are link governor for.
 */
export function getMyPlanWork({ userId, today = todayIso() }: { userId: string; today?: string }, db: DbOrTx = defaultDb): MyPlanWork {
  const year = findCurrentYear(db);
  if (!year) return { year: null, actions: [], leads: [], linkGoverns: [] };
  const plan = findPlan({ academicYearId: year.id }, db);
  if (!plan) return { year, actions: [], leads: [], linkGoverns: [] };
  const strandRows = listStrands({ planId: plan.id }, db);
  const titles = new Map(strandRows.map((s) => [s.id, s.title]));
  const ids = strandRows.map((s) => s.id);
  const rows = ids.length ? db.select().from(planActions).where(and(inArray(planActions.strandId, ids), eq(planActions.ownerId, userId))).all() : [];
  const people = peopleById(db);
  const refTerm = referenceTerm(listTerms({ academicYearId: year.id }, db), today);
  const rag = (strandId: string) => findReview({ strandId, termId: refTerm.id }, db)?.rag ?? null;
  return {
    year,
    actions: sortForOwner(viewActions(rows, people, today, db), today).map((a) => ({ ...a, strandTitle: titles.get(a.strandId) ?? "" })),
    leads: strandRows.filter((s) => s.leadId === userId).map((s) => ({ id: s.id, title: s.title, rag: rag(s.id) })),
    linkGoverns: strandRows.filter((s) => s.linkGovernorId === userId).map((s) => ({ id: s.id, title: s.title, rag: rag(s.id) })),
  };
}
