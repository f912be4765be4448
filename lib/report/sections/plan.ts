import "server-only";
import type { DbOrTx } from "@/db/client";
import { CRITERION_STATUS_LABEL } from "@/lib/analytics/criteria";
import { criterionValueAt, figuresNeeded, latestCriterionValue, readCriterion, type TermFigures } from "@/lib/analytics/criterion-reading";
import { getAttainmentCached, termHasResults, type AttainmentCache } from "@/lib/data/attainment";
import { getAttendanceCached, termHasAttendance, type AttendanceCache } from "@/lib/data/attendance";
import { getReportStrandRows, listTermMonitoringRecords, type ReportStrandRows } from "@/lib/data/report-queries";
import { getPlanOverview, referenceTerm } from "@/lib/data/sip";
import { listTerms, type TermWithYear } from "@/lib/data/school";
import type { ActionCountsJson, Rag, ReportCriterion, ReportPlan, ReportStrand } from "../types";

/**
 * Section 2: every strand of the term's plan with its RAG this term and the review before, its actions
 * by status (overdue as of the report's date), its success criteria against their targets, and the
 * evidence of impact: the review's account and the monitoring that tested it this term (counted, so
 * no observed teacher is named).
 *
 * The plan area's overview gives the strands, RAGs and action counts, judged at the report's term and
 * date so the report and the plan pages agree; the rest is read for all strands at once (one query per
 * kind of row, lib/data/report-queries) and the criteria are valued as the strand page values them.
 */
export function buildPlan({ term, asOf, attainmentCache = new Map() }: { term: TermWithYear; asOf: string; attainmentCache?: AttainmentCache }, db: DbOrTx): ReportPlan {
  const overview = getPlanOverview({ academicYearId: term.academicYearId, today: asOf, refTermId: term.id, attainmentCache }, db);
  const empty: ActionCountsJson = { done: 0, inProgress: 0, notStarted: 0, overdue: 0, dropped: 0, total: 0 };
  if (!overview.plan) return { title: null, strands: [], totals: empty };
  const termRecords = listTermMonitoringRecords({ termId: term.id }, db);
  const rows = getReportStrandRows(
    {
      strandIds: overview.strands.map((s) => s.strand.id),
      carriedFromIds: overview.strands.flatMap((s) => (s.previousRag || !s.strand.carriedFromId ? [] : [s.strand.carriedFromId])),
      termId: term.id,
    },
    db,
  );
  const allTerms = listTerms({}, db);
  const values = new CriterionValues(allTerms, referenceTerm(overview.yearTerms, asOf).id, rows.values, attainmentCache, db);
  const planStart = values.indexOf(overview.yearTerms[0]!.id) ?? 0;

  const strandsOut: ReportStrand[] = overview.strands.map((sum) => {
    const review = rows.termReviews.find((r) => r.strandId === sum.strand.id) ?? null;
    const monitoring: Record<string, number> = {};
    const seen = new Set<string>();
    for (const f of rows.foci) {
      if (f.strandId !== sum.strand.id) continue;
      const key = `${f.recordType}:${f.recordId}`;
      const type = termRecords.get(key);
      if (type && !seen.has(key)) {
        seen.add(key);
        monitoring[type] = (monitoring[type] ?? 0) + 1;
      }
    }
    const criteria = rows.criteria.filter((c) => c.strandId === sum.strand.id).map((c) => values.view(c, planStart));
    const previous = sum.previousRag ?? carriedRag(sum.strand.carriedFromId, term, allTerms, rows.carriedReviews);
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
        links: review ? rows.evidence.filter((e) => e.ownerId === review.id).map((e) => (e.targetType === "observation" ? "A lesson observation" : e.label)) : [],
      },
    };
  });
  return { title: overview.plan.title, strands: strandsOut, totals: toCounts(overview.counts) };
}

type Criterion = ReportStrandRows["criteria"][number];

/**
 * Values measurable criteria as the plan area does (lib/data/sip's criterion reader): the value in the
 * reference term, or else the latest earlier term with data for it; attainment metrics from the term's
 * attainment tables, attendance metrics from its attendance tables (year to date), hand-entered ones
 * from their stored values. Each term's tables are computed once for the whole report.
 */
class CriterionValues {
  private index: Map<string, number>;
  private refIndex: number;
  private hasResults = new Map<string, boolean>();
  private hasAttendance = new Map<string, boolean>();
  private attendance: AttendanceCache = new Map();
  private manual = new Map<string, Map<string, number | null>>();

  constructor(
    private allTerms: TermWithYear[],
    refTermId: string,
    manualValues: ReportStrandRows["values"],
    private attainment: AttainmentCache,
    private db: DbOrTx,
  ) {
    this.index = new Map(allTerms.map((t, i) => [t.id, i]));
    this.refIndex = this.index.get(refTermId) ?? allTerms.length - 1;
    for (const v of manualValues) {
      const m = this.manual.get(v.criterionId) ?? new Map<string, number | null>();
      m.set(v.termId, v.value);
      this.manual.set(v.criterionId, m);
    }
  }

  indexOf(termId: string | null): number | null {
    return termId ? (this.index.get(termId) ?? null) : null;
  }

  /** The figures a criterion is read from in one term, fetched (once per term) only for its kind. */
  private figures(c: Criterion, termId: string): TermFigures {
    const need = figuresNeeded(c);
    const manual = this.manual.get(c.id);
    return {
      attainment: need === "attainment" && memo(this.hasResults, termId, () => termHasResults({ termId }, this.db)) ? getAttainmentCached({ termId, cache: this.attainment }, this.db) : null,
      attendance: need === "attendance" && memo(this.hasAttendance, termId, () => termHasAttendance({ termId }, this.db)) ? getAttendanceCached({ termId, cache: this.attendance }, this.db) : null,
      manual: need === "manual" && manual?.has(termId) ? { termId, value: manual.get(termId) ?? null } : null,
    };
  }

  /** The criterion as the report shows it, read by the same pure functions as the plan's pages. */
  view(c: Criterion, planStart: number): ReportCriterion {
    const measurable = figuresNeeded(c) !== null;
    const current = latestCriterionValue(measurable ? this.allTerms : [], this.refIndex, (termId) => criterionValueAt(c, this.figures(c, termId)));
    const r = readCriterion(c, { terms: this.allTerms, current, manualValues: [], planStartIndex: planStart });
    return {
      description: c.description,
      headline: c.isHeadline,
      measurable,
      metric: measurable ? r.metricLabel : null,
      baseline: c.baseline,
      target: c.target,
      current: r.current.value,
      currentLabel: r.currentLabel,
      baselineLabel: r.baselineLabel,
      targetLabel: r.targetLabel,
      currentTerm: r.current.termKey,
      lowerIsBetter: c.lowerIsBetter,
      dueTerm: r.dueTermKey,
      status: r.status ? CRITERION_STATUS_LABEL[r.status] : null,
    };
  }
}

function memo<K, V>(m: Map<K, V>, key: K, compute: () => V): V {
  if (!m.has(key)) m.set(key, compute());
  return m.get(key)!;
}

/**
 * A strand carried into a new year's plan has no review of its own before its first term: its last RAG
 * is the final review of the strand it was carried from.
 */
function carriedRag(carriedFromId: string | null, term: TermWithYear, allTerms: TermWithYear[], carriedReviews: ReportStrandRows["carriedReviews"]): { rag: Rag; termKey: string } | null {
  if (!carriedFromId) return null;
  const idx = new Map(allTerms.map((t, i) => [t.id, i]));
  const here = idx.get(term.id) ?? 0;
  const last = carriedReviews.filter((r) => r.strandId === carriedFromId && (idx.get(r.termId) ?? Infinity) < here).sort((a, b) => (idx.get(b.termId) ?? 0) - (idx.get(a.termId) ?? 0))[0];
  return last ? { rag: last.rag, termKey: allTerms[idx.get(last.termId)!]!.key } : null;
}

function toCounts(c: { done: number; inProgress: number; notStarted: number; overdue: number; dropped: number; total: number }): ActionCountsJson {
  return { done: c.done, inProgress: c.inProgress, notStarted: c.notStarted, overdue: c.overdue, dropped: c.dropped, total: c.total };
}
