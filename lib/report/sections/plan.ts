import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import { criterionValues, evidenceLinks, monitoringActivities, monitoringFoci, observations, planActions, plans, reviews, strands, successCriteria, users, visits } from "@/db/schema";
import { getAttainment } from "@/lib/data/attainment";
import { listTerms, type TermWithYear } from "@/lib/data/school";
import type { AttainmentRow, GapRow } from "@/lib/analytics/attainment";
import { GROUP_LABEL } from "../labels";
import type { ActionCountsJson, Rag, ReportCriterion, ReportPlan, ReportStrand } from "../types";

const leadUser = alias(users, "lead_user");
const govUser = alias(users, "gov_user");

/**
 * Section 2: every strand of the term's plan with its RAG this term and the review before, its actions
 * by status (overdue as of the report's date), its success criteria against their targets, and the
 * evidence of impact: the review's account and the monitoring that tested it this term (counted, so
 * no observed teacher is named).
 */
export function buildPlan({ term, asOf }: { term: TermWithYear; asOf: string }, db: DbOrTx): ReportPlan {
  const plan = db.select().from(plans).where(eq(plans.academicYearId, term.academicYearId)).get();
  const empty: ActionCountsJson = { done: 0, inProgress: 0, notStarted: 0, overdue: 0, dropped: 0, total: 0 };
  if (!plan) return { title: null, strands: [], totals: empty };
  const rows = db
    .select({ s: strands, lead: leadUser.name, gov: govUser.name })
    .from(strands)
    .leftJoin(leadUser, eq(strands.leadId, leadUser.id))
    .leftJoin(govUser, eq(strands.linkGovernorId, govUser.id))
    .where(eq(strands.planId, plan.id))
    .orderBy(asc(strands.position), asc(strands.createdAt))
    .all();
  const ids = rows.map((r) => r.s.id);
  const carriedIds = rows.map((r) => r.s.carriedFromId).filter((x): x is string => !!x);
  const allTerms = listTerms({}, db);
  const termIndex = new Map(allTerms.map((t, i) => [t.id, i]));
  const here = termIndex.get(term.id) ?? 0;
  const reviewRows = ids.length ? db.select().from(reviews).where(inArray(reviews.strandId, [...ids, ...carriedIds])).all() : [];
  const actionRows = ids.length ? db.select().from(planActions).where(inArray(planActions.strandId, ids)).all() : [];
  const criteriaRows = ids.length ? db.select().from(successCriteria).where(inArray(successCriteria.strandId, ids)).orderBy(asc(successCriteria.position)).all() : [];
  const manualRows = criteriaRows.length ? db.select().from(criterionValues).where(inArray(criterionValues.criterionId, criteriaRows.map((c) => c.id))).all() : [];
  const foci = ids.length
    ? db.select({ recordType: monitoringFoci.recordType, recordId: monitoringFoci.recordId, strandId: monitoringFoci.strandId }).from(monitoringFoci).where(inArray(monitoringFoci.strandId, ids)).all()
    : [];
  const termRecords = recordsInTerm(term.id, db);
  const attainmentCache = new Map<string, { attainment: AttainmentRow[]; gaps: GapRow[] }>();
  const analysis = (termId: string) => {
    let a = attainmentCache.get(termId);
    if (!a) attainmentCache.set(termId, (a = getAttainment({ termId }, db)));
    return a;
  };

  const out: ReportStrand[] = rows.map((r, i) => {
    const s = r.s;
    const mine = reviewRows.filter((x) => x.strandId === s.id || (s.carriedFromId && x.strandId === s.carriedFromId));
    const thisReview = mine.find((x) => x.termId === term.id && x.strandId === s.id) ?? null;
    const earlier = mine
      .filter((x) => (termIndex.get(x.termId) ?? -1) < here)
      .sort((a, b) => (termIndex.get(b.termId) ?? 0) - (termIndex.get(a.termId) ?? 0))[0];
    const actions = countActions(actionRows.filter((a) => a.strandId === s.id), asOf);
    const criteria: ReportCriterion[] = criteriaRows
      .filter((c) => c.strandId === s.id)
      .map((c) => {
        const measurable = c.kind === "measurable" && !!c.metric;
        let current: number | null = null;
        let currentTerm: string | null = null;
        let suppressed = false;
        if (measurable) {
          // The value in this term, or else the latest earlier term that has one.
          for (let k = here; k >= 0 && current === null && !suppressed; k--) {
            const t = allTerms[k]!;
            if (c.metric === "manual") {
              const v = manualRows.find((m) => m.criterionId === c.id && m.termId === t.id);
              if (v) {
                current = v.value;
                currentTerm = t.key;
              }
            } else {
              const v = readMetric(c, analysis(t.id));
              if (v.found) {
                current = v.value;
                suppressed = v.suppressed;
                currentTerm = t.key;
              }
            }
          }
        }
        const unit = c.metric === "manual" ? (c.unit ?? "") : c.metric === "disadvantaged_gap" ? " pts" : "%";
        const fmt = (x: number | null) => (x === null ? "–" : `${x}${unit === "%" ? "%" : unit}`);
        return {
          description: c.description,
          headline: c.isHeadline,
          measurable,
          metric: measurable ? describeMetric(c) : null,
          baseline: c.baseline,
          target: c.target,
          current,
          currentLabel: suppressed ? "Suppressed (fewer than 5 pupils)" : fmt(current),
          baselineLabel: fmt(c.baseline),
          targetLabel: fmt(c.target),
          currentTerm,
          lowerIsBetter: c.lowerIsBetter,
          dueTerm: c.dueTermId ? (allTerms[termIndex.get(c.dueTermId) ?? -1]?.key ?? null) : null,
          status: measurable ? criterionStatus(c, current) : null,
        };
      });
    const monitoring: Record<string, number> = {};
    for (const f of foci.filter((f) => f.strandId === s.id)) {
      const type = termRecords.get(`${f.recordType}:${f.recordId}`);
      if (type) monitoring[type] = (monitoring[type] ?? 0) + 1;
    }
    const links = thisReview
      ? db
          .select({ label: evidenceLinks.label, targetType: evidenceLinks.targetType })
          .from(evidenceLinks)
          .where(and(eq(evidenceLinks.ownerType, "review"), eq(evidenceLinks.ownerId, thisReview.id)))
          .all()
          // An observation's label may name the teacher observed: governors see that it exists, not whom.
          .map((l) => (l.targetType === "observation" ? "A lesson observation" : l.label))
      : [];
    return {
      id: s.id,
      number: i + 1,
      title: s.title,
      lead: r.lead,
      linkGovernor: r.gov,
      rag: (thisReview?.rag as Rag | undefined) ?? null,
      previousRag: (earlier?.rag as Rag | undefined) ?? null,
      previousRagTerm: earlier ? (allTerms[termIndex.get(earlier.termId) ?? -1]?.key ?? null) : null,
      actions,
      criteria,
      evidence: { monitoring, progress: thisReview?.progress ?? "", impact: thisReview?.impact ?? "", nextSteps: thisReview?.nextSteps ?? "", links },
    };
  });
  const totals = out.reduce<ActionCountsJson>(
    (t, s) => ({
      done: t.done + s.actions.done,
      inProgress: t.inProgress + s.actions.inProgress,
      notStarted: t.notStarted + s.actions.notStarted,
      overdue: t.overdue + s.actions.overdue,
      dropped: t.dropped + s.actions.dropped,
      total: t.total + s.actions.total,
    }),
    empty,
  );
  return { title: plan.title, strands: out, totals };
}

/** Overdue: past its due date and neither done nor dropped (SPEC §3.4). */
export function countActions(rows: { status: string; dueDate: string | null }[], asOf: string): ActionCountsJson {
  const c: ActionCountsJson = { done: 0, inProgress: 0, notStarted: 0, overdue: 0, dropped: 0, total: rows.length };
  for (const a of rows) {
    if (a.status === "done") c.done++;
    else if (a.status === "in_progress") c.inProgress++;
    else if (a.status === "not_started") c.notStarted++;
    else c.dropped++;
    if (a.status !== "done" && a.status !== "dropped" && a.dueDate && a.dueDate < asOf) c.overdue++;
  }
  return c;
}

type CriterionRow = typeof successCriteria.$inferSelect;

function readMetric(c: CriterionRow, a: { attainment: AttainmentRow[]; gaps: GapRow[] }): { value: number | null; suppressed: boolean; found: boolean } {
  if (c.metric === "disadvantaged_gap") {
    const g = a.gaps.find((x) => x.yearGroup === c.yearGroup && x.subject === c.subject);
    return g ? { value: g.gapPts, suppressed: g.gapPts === null, found: true } : { value: null, suppressed: false, found: false };
  }
  const row = a.attainment.find((x) => x.yearGroup === c.yearGroup && x.subject === c.subject && x.group === (c.pupilGroup ?? "all"));
  if (!row) return { value: null, suppressed: false, found: false };
  if (row.suppressed) return { value: null, suppressed: true, found: true };
  return { value: c.metric === "attainment_greater_depth" ? row.greaterDepthPct : row.atExpectedPct, suppressed: false, found: true };
}

function describeMetric(c: CriterionRow): string {
  if (c.metric === "manual") return c.unit ? `Recorded value (${c.unit})` : "Recorded value";
  const subject = c.subject === "rwm" ? "RWM" : (c.subject ?? "");
  const group = GROUP_LABEL[(c.pupilGroup ?? "all") as keyof typeof GROUP_LABEL].toLowerCase();
  if (c.metric === "disadvantaged_gap") return `${c.yearGroup} ${subject}, disadvantaged gap (points)`;
  return `${c.yearGroup} ${subject}, % at ${c.metric === "attainment_greater_depth" ? "greater depth" : "expected"} (${group})`;
}

function criterionStatus(c: CriterionRow, current: number | null): string | null {
  if (current === null || c.target === null) return null;
  const met = c.lowerIsBetter ? current <= c.target : current >= c.target;
  if (met) return "Target met";
  if (c.baseline === null) return "Not yet met";
  const improving = c.lowerIsBetter ? current < c.baseline : current > c.baseline;
  return improving ? "Improving" : "Not improving";
}

/** The monitoring records of a term by "type:id", with the type a governor may see counted. */
function recordsInTerm(termId: string, db: DbOrTx): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of db.select({ id: observations.id }).from(observations).where(eq(observations.termId, termId)).all()) m.set(`observation:${o.id}`, "observation");
  for (const a of db.select({ id: monitoringActivities.id, type: monitoringActivities.type }).from(monitoringActivities).where(eq(monitoringActivities.termId, termId)).all()) m.set(`activity:${a.id}`, a.type);
  for (const v of db.select({ id: visits.id, kind: visits.kind }).from(visits).where(eq(visits.termId, termId)).all()) m.set(`visit:${v.id}`, `${v.kind}_visit`);
  return m;
}
