import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { criterionValues } from "@/db/schema";
import { criterionStatus, describeMetric, formatMetricValue, readAttendanceMetric, readMetric, termSpan, type CriterionStatus } from "@/lib/analytics/criteria";
import { isAttendanceMetric } from "@/db/schema/enums";
import { getAttendanceCached, termHasAttendance, type AttendanceCache } from "../attendance";
import { NotFoundError } from "@/lib/errors";
import { getAttainmentCached, termHasResults, type AttainmentCache } from "../attainment";
import { listTerms, type TermWithYear } from "../school";
import type { Criterion, CriterionValue } from "./shared";

// ---- Reading criteria values ----------------------------------------------------------------------

/**
 * The term a plan is judged at: the term containing today, or the year's last term once it is over,
 * or its first before it starts.
 */
export function referenceTerm(yearTerms: TermWithYear[], today: string): TermWithYear {
  if (!yearTerms.length) throw new NotFoundError("The year's terms");
  return yearTerms.find((t) => t.startDate <= today && today <= t.endDate) ?? (today > yearTerms[yearTerms.length - 1]!.endDate ? yearTerms[yearTerms.length - 1]! : yearTerms[0]!);
}

export type CurrentValue = { value: number | null; termId: string | null; termKey: string | null; suppressed: boolean };

/**
 * Reads measurable criteria's values from stored data, caching each term's attainment analysis:
 * attainment metrics from the SPEC §4.4 analysis, hand-entered metrics from criterion_values.
 */
export class CriterionReader {
  private allTerms: TermWithYear[];
  private index: Map<string, number>;
  private refIndex: number;
  private termsWithResults = new Map<string, boolean>();
  private termsWithAttendance = new Map<string, boolean>();
  private attendanceCache: AttendanceCache = new Map();
  private manual = new Map<string, Map<string, CriterionValue>>();

  constructor(
    private db: DbOrTx,
    refTermId: string,
    criterionIds: string[],
    /** Shared with the other readers (and the report's attainment section) of one request. */
    private cache: AttainmentCache = new Map(),
  ) {
    this.allTerms = listTerms({}, db);
    this.index = new Map(this.allTerms.map((t, i) => [t.id, i]));
    this.refIndex = this.index.get(refTermId) ?? this.allTerms.length - 1;
    for (const v of criterionIds.length ? db.select().from(criterionValues).where(inArray(criterionValues.criterionId, criterionIds)).all() : []) {
      const m = this.manual.get(v.criterionId) ?? new Map<string, CriterionValue>();
      m.set(v.termId, v);
      this.manual.set(v.criterionId, m);
    }
  }

  indexOf(termId: string | null): number | null {
    return termId ? (this.index.get(termId) ?? null) : null;
  }

  termAt(i: number): TermWithYear | undefined {
    return this.allTerms[i];
  }

  private hasResults(termId: string): boolean {
    let has = this.termsWithResults.get(termId);
    if (has === undefined) {
      has = termHasResults({ termId }, this.db);
      this.termsWithResults.set(termId, has);
    }
    return has;
  }

  private hasAttendance(termId: string): boolean {
    let has = this.termsWithAttendance.get(termId);
    if (has === undefined) {
      has = termHasAttendance({ termId }, this.db);
      this.termsWithAttendance.set(termId, has);
    }
    return has;
  }

  /** The value in one term exactly (no fallback); `found` false when the term has no data for it. */
  at(c: Criterion, termId: string): { value: number | null; suppressed: boolean; found: boolean } {
    if (c.kind !== "measurable" || !c.metric) return { value: null, suppressed: false, found: false };
    if (isAttendanceMetric(c.metric)) {
      // Attendance (and suspensions, imported with it) counts as recorded for a term once its attendance is.
      if (!this.hasAttendance(termId)) return { value: null, suppressed: false, found: false };
      return readAttendanceMetric(c, getAttendanceCached({ termId, cache: this.attendanceCache }, this.db));
    }
    if (c.metric === "manual") {
      const v = this.manual.get(c.id)?.get(termId);
      return v ? { value: v.value, suppressed: false, found: true } : { value: null, suppressed: false, found: false };
    }
    if (!this.hasResults(termId)) return { value: null, suppressed: false, found: false };
    return readMetric(c, getAttainmentCached({ termId, cache: this.cache }, this.db));
  }

  /** The value in the reference term, or else the latest earlier term with data for it. */
  current(c: Criterion): CurrentValue {
    for (let i = this.refIndex; i >= 0; i--) {
      const term = this.allTerms[i]!;
      const r = this.at(c, term.id);
      if (r.found) return { value: r.value, termId: term.id, termKey: term.key, suppressed: r.suppressed };
    }
    return { value: null, termId: null, termKey: null, suppressed: false };
  }

  manualValues(criterionId: string): CriterionValue[] {
    return [...(this.manual.get(criterionId)?.values() ?? [])].sort((a, b) => (this.index.get(a.termId) ?? 0) - (this.index.get(b.termId) ?? 0));
  }
}

export type CriterionView = Criterion & {
  metricLabel: string;
  current: CurrentValue;
  currentLabel: string;
  baselineLabel: string;
  targetLabel: string;
  status: CriterionStatus | null;
  dueTermKey: string | null;
  /** Hand-entered values by term, oldest first (manual metrics only). */
  values: (CriterionValue & { termKey: string })[];
};

export function viewCriterion(c: Criterion, reader: CriterionReader, planStartIndex: number): CriterionView {
  const measurable = c.kind === "measurable" && !!c.metric;
  const current = measurable ? reader.current(c) : { value: null, termId: null, termKey: null, suppressed: false };
  const dueIndex = reader.indexOf(c.dueTermId) ?? planStartIndex + 2;
  const status = measurable
    ? criterionStatus({
        baseline: c.baseline,
        target: c.target,
        current: current.value,
        lowerIsBetter: c.lowerIsBetter,
        ...termSpan({ planStart: planStartIndex, valueAt: reader.indexOf(current.termId), due: dueIndex }),
      })
    : null;
  return {
    ...c,
    metricLabel: measurable ? describeMetric(c) : "",
    current,
    currentLabel: current.suppressed ? "Withheld (small group)" : formatMetricValue(current.value, c),
    baselineLabel: formatMetricValue(c.baseline, c),
    targetLabel: formatMetricValue(c.target, c),
    status,
    dueTermKey: c.dueTermId ? (reader.termAt(reader.indexOf(c.dueTermId) ?? -1)?.key ?? null) : null,
    values: c.metric === "manual" ? reader.manualValues(c.id).map((v) => ({ ...v, termKey: reader.termAt(reader.indexOf(v.termId) ?? -1)?.key ?? "" })) : [],
  };
}
