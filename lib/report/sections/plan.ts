import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { monitoringActivities, monitoringFoci, observations, reviews, visits } from "@/db/schema";
import { CRITERION_STATUS_LABEL } from "@/lib/analytics/criteria";
import type { AttainmentCache } from "@/lib/data/attainment";
import { getPlanOverview, getStrandDetail, REPORT_READER } from "@/lib/data/sip";
import { listTerms, type TermWithYear } from "@/lib/data/school";
import type { ActionCountsJson, Rag, ReportCriterion, ReportPlan, ReportStrand } from "../types";

/**
 * Section 2: every strand of the term's plan with its RAG this term and the review before, its actions
 * by status (overdue as of the report's date), its success criteria against their targets, and the
 * evidence of impact: the review's account and the monitoring that tested it this term (counted, so
 * no observed teacher is named).
 */
export function buildPlan({ term, asOf, attainmentCache = new Map() }: { term: TermWithYear; asOf: string; attainmentCache?: AttainmentCache }, db: DbOrTx): ReportPlan {
  // The plan area's own views, judged at the report's term and date, so the report and the plan pages agree.
  const overview = getPlanOverview({ academicYearId: term.academicYearId, today: asOf, refTermId: term.id, attainmentCache }, db);
  const empty: ActionCountsJson = { done: 0, inProgress: 0, notStarted: 0, overdue: 0, dropped: 0, total: 0 };
  if (!overview.plan) return { title: null, strands: [], totals: empty };
  const termRecords = recordsInTerm(term.id, db);
  const ids = overview.strands.map((s) => s.strand.id);
  const foci = ids.length
    ? db.select({ recordType: monitoringFoci.recordType, recordId: monitoringFoci.recordId, strandId: monitoringFoci.strandId }).from(monitoringFoci).where(inArray(monitoringFoci.strandId, ids)).all()
    : [];
  const strandsOut: ReportStrand[] = overview.strands.map((sum) => {
    const detail = getStrandDetail({ id: sum.strand.id, viewer: REPORT_READER, today: asOf, attainmentCache }, db);
    const review = detail.reviews.find((r) => r.termId === term.id) ?? null;
    const monitoring: Record<string, number> = {};
    const seen = new Set<string>();
    for (const f of foci.filter((f) => f.strandId === sum.strand.id)) {
      const key = `${f.recordType}:${f.recordId}`;
      const type = termRecords.get(key);
      if (type && !seen.has(key)) {
        seen.add(key);
        monitoring[type] = (monitoring[type] ?? 0) + 1;
      }
    }
    const criteria: ReportCriterion[] = detail.criteria.map((c) => {
      const measurable = c.kind === "measurable" && !!c.metric;
      return {
        description: c.description,
        headline: c.isHeadline,
        measurable,
        metric: measurable ? c.metricLabel : null,
        baseline: c.baseline,
        target: c.target,
        current: c.current.value,
        currentLabel: c.currentLabel,
        baselineLabel: c.baselineLabel,
        targetLabel: c.targetLabel,
        currentTerm: c.current.termKey,
        lowerIsBetter: c.lowerIsBetter,
        dueTerm: c.dueTermKey,
        status: c.status ? CRITERION_STATUS_LABEL[c.status] : null,
      };
    });
    const previous = sum.previousRag ?? carriedRag(sum.strand.carriedFromId, term, db);
    return {
      id: sum.strand.id,
      number: sum.number,
      title: sum.strand.title,
      lead: sum.lead?.name ?? null,
      linkGovernor: sum.linkGovernor?.name ?? null,
      rag: sum.rag,
      previousRag: previous?.rag ?? null,
      previousRagTerm: previous?.termKey ?? null,
      actions: toCounts(sum.counts),
      criteria,
      evidence: {
        monitoring,
        progress: review?.progress ?? "",
        impact: review?.impact ?? "",
        nextSteps: review?.nextSteps ?? "",
        // An observation's label may name the teacher observed: governors see that it exists, not whom.
        links: (review?.evidence ?? []).map((e) => (e.targetType === "observation" ? "A lesson observation" : e.label)),
      },
    };
  });
  return { title: overview.plan.title, strands: strandsOut, totals: toCounts(overview.counts) };
}

/**
 * A strand carried into a new year's plan has no review of its own before its first term: its last RAG
 * is the final review of the strand it was carried from.
 */
function carriedRag(carriedFromId: string | null, term: TermWithYear, db: DbOrTx): { rag: Rag; termKey: string } | null {
  if (!carriedFromId) return null;
  const all = listTerms({}, db);
  const idx = new Map(all.map((t, i) => [t.id, i]));
  const here = idx.get(term.id) ?? 0;
  const last = db
    .select({ rag: reviews.rag, termId: reviews.termId })
    .from(reviews)
    .where(eq(reviews.strandId, carriedFromId))
    .all()
    .filter((r) => (idx.get(r.termId) ?? Infinity) < here)
    .sort((a, b) => (idx.get(b.termId) ?? 0) - (idx.get(a.termId) ?? 0))[0];
  return last ? { rag: last.rag, termKey: all[idx.get(last.termId)!]!.key } : null;
}

function toCounts(c: { done: number; inProgress: number; notStarted: number; overdue: number; dropped: number; total: number }): ActionCountsJson {
  return { done: c.done, inProgress: c.inProgress, notStarted: c.notStarted, overdue: c.overdue, dropped: c.dropped, total: c.total };
}

/** The monitoring records of a term by "type:id", with the type a governor may see counted. */
function recordsInTerm(termId: string, db: DbOrTx): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of db.select({ id: observations.id, status: observations.status }).from(observations).where(eq(observations.termId, termId)).all().filter((x) => x.status === "shared")) m.set(`observation:${o.id}`, "observation");
  for (const a of db.select({ id: monitoringActivities.id, type: monitoringActivities.type }).from(monitoringActivities).where(eq(monitoringActivities.termId, termId)).all()) m.set(`activity:${a.id}`, a.type);
  for (const v of db.select({ id: visits.id, kind: visits.kind }).from(visits).where(eq(visits.termId, termId)).all()) m.set(`visit:${v.id}`, `${v.kind}_visit`);
  return m;
}
