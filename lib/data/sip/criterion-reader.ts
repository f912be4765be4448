import "server-only";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { criterionValues } from "@/db/schema";
import {
  criterionValueAt,
  figuresNeeded,
  findReferenceTerm,
  latestCriterionValue,
  readCriterion,
  type CriterionReading,
  type CurrentValue,
  type TermFigures,
} from "@/lib/analytics/criterion-reading";
import { getAttendanceCached, termHasAttendance, type AttendanceCache } from "../attendance";
import { NotFoundError } from "@/lib/errors";
import { getAttainmentCached, termHasResults, type AttainmentCache } from "../attainment";
import { listTerms, type TermWithYear } from "../school";
import type { Criterion, CriterionValue } from "./shared";

// ---- Reading criteria values ----------------------------------------------------------------------

export type { CurrentValue };

/**
 * The term a plan is judged at: the term containing today, or the year's last term once it is over,
 * or its first before it starts.
 */
export function referenceTerm(yearTerms: TermWithYear[], today: string): TermWithYear {
  const term = findReferenceTerm(yearTerms, today);
  if (!term) throw new NotFoundError("The year's terms");
  return term;
}

/**
 * Fetches the figures measurable criteria are read from, caching each term's attainment analysis and
 * attendance tables: attainment metrics from the SPEC §4.4 analysis, attendance metrics from the
 * attendance tables, hand-entered metrics from criterion_values. The reading itself is
 * lib/analytics/criterion-reading.
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

  /** The figures a criterion is read from in one term, fetching only the kind it needs. */
  private figures(c: Criterion, termId: string): TermFigures {
    const needed = figuresNeeded(c);
    return {
      attainment: needed === "attainment" && this.hasResults(termId) ? getAttainmentCached({ termId, cache: this.cache }, this.db) : null,
      attendance: needed === "attendance" && this.hasAttendance(termId) ? getAttendanceCached({ termId, cache: this.attendanceCache }, this.db) : null,
      manual: needed === "manual" ? (this.manual.get(c.id)?.get(termId) ?? null) : null,
    };
  }

  /** The value in one term exactly (no fallback); `found` false when the term has no data for it. */
  at(c: Criterion, termId: string): { value: number | null; suppressed: boolean; found: boolean } {
    return criterionValueAt(c, this.figures(c, termId));
  }

  /** The value in the reference term, or else the latest earlier term with data for it. */
  current(c: Criterion): CurrentValue {
    return latestCriterionValue(this.allTerms, this.refIndex, (termId) => this.at(c, termId));
  }

  /** A criterion as the plan shows it, judged from the plan's first term (a position among all terms). */
  view(c: Criterion, planStartIndex: number): CriterionView {
    const measurable = c.kind === "measurable" && !!c.metric;
    return readCriterion(c, {
      terms: this.allTerms,
      current: measurable ? this.current(c) : { value: null, termId: null, termKey: null, suppressed: false },
      manualValues: [...(this.manual.get(c.id)?.values() ?? [])],
      planStartIndex,
    });
  }
}

export type CriterionView = Criterion & CriterionReading<CriterionValue>;

export function viewCriterion(c: Criterion, reader: CriterionReader, planStartIndex: number): CriterionView {
  return reader.view(c, planStartIndex);
}
