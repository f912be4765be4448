import "server-only";
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { monitoringFoci, type RecordType } from "@/db/schema";
import { getTerm } from "../school";
import { type StrandOption, listStrandsForYear } from "./focus";

// ---- Evidence per strand -----------------------------------------------------------------------

export type StrandEvidence = StrandOption & { observations: number; activities: number; visits: number; total: number };

/**
 * For each strand of the plan for a term's year, how many monitoring records dated in that term tested
 * it. A strand with a total of 0 has had no monitoring evidence this term.
 */
export function listStrandEvidence({ termId }: { termId: string }, db: DbOrTx = defaultDb): StrandEvidence[] {
  const term = getTerm({ id: termId }, db);
  const planStrands = listStrandsForYear({ academicYearId: term.academicYearId }, db);
  if (planStrands.length === 0) return [];
  const rows = db
    .select({ strandId: monitoringFoci.strandId, recordType: monitoringFoci.recordType, n: sql<number>`count(distinct ${monitoringFoci.recordId})` })
    .from(monitoringFoci)
    .where(
      and(
        isNotNull(monitoringFoci.strandId),
        inArray(
          monitoringFoci.strandId,
          planStrands.map((s) => s.id),
        ),
        or(
          and(eq(monitoringFoci.recordType, "observation"), sql`${monitoringFoci.recordId} in (select id from observations where term_id = ${termId})`),
          and(eq(monitoringFoci.recordType, "activity"), sql`${monitoringFoci.recordId} in (select id from monitoring_activities where term_id = ${termId})`),
          and(eq(monitoringFoci.recordType, "visit"), sql`${monitoringFoci.recordId} in (select id from visits where term_id = ${termId})`),
        ),
      ),
    )
    .groupBy(monitoringFoci.strandId, monitoringFoci.recordType)
    .all();
  return planStrands.map((s) => {
    const count = (t: RecordType) => rows.find((r) => r.strandId === s.id && r.recordType === t)?.n ?? 0;
    const o = count("observation");
    const a = count("activity");
    const v = count("visit");
    return { ...s, observations: o, activities: a, visits: v, total: o + a + v };
  });
}

/** Strands of the plan with no monitoring record dated in the term. */
export function listStrandsWithoutEvidence({ termId }: { termId: string }, db: DbOrTx = defaultDb): StrandOption[] {
  return listStrandEvidence({ termId }, db)
    .filter((s) => s.total === 0)
    .map(({ id, title, position, leadId, linkGovernorId }) => ({ id, title, position, leadId, linkGovernorId }));
}
