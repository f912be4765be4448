import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pupils, YEAR_GROUPS } from "@/db/schema";
import { pct, SUPPRESSION_THRESHOLD } from "@/lib/analytics/attainment";
import type { ContextGroupKey, ReportContext, RollGroup } from "../types";

/**
 * Section 1: numbers on roll and group percentages, computed from the pupils of the term's year (never
 * typed). A group of fewer than five pupils is suppressed so no child can be identified.
 */
export function buildContext({ academicYearId, staffingNotes }: { academicYearId: string; staffingNotes: string }, db: DbOrTx): ReportContext {
  const n = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
  const row = db
    .select({
      total: sql<number>`count(*)`,
      disadvantaged: n(sql`${pupils.disadvantaged} = 1`),
      fsm: n(sql`${pupils.fsm} = 1`),
      sen: n(sql`${pupils.sen} IN ('K', 'E')`),
      senSupport: n(sql`${pupils.sen} = 'K'`),
      ehcp: n(sql`${pupils.sen} = 'E'`),
      eal: n(sql`${pupils.eal} = 1`),
      lookedAfter: n(sql`${pupils.lookedAfter} = 1`),
      girls: n(sql`${pupils.gender} = 'F'`),
      boys: n(sql`${pupils.gender} = 'M'`),
    })
    .from(pupils)
    .where(eq(pupils.academicYearId, academicYearId))
    .get()!;
  const total = row.total;
  const group = (count: number): RollGroup =>
    count > 0 && count < SUPPRESSION_THRESHOLD ? { count: null, pct: null, suppressed: true } : { count, pct: total ? pct(count, total) : null, suppressed: false };
  const byYearGroup = db
    .select({ yearGroup: pupils.yearGroup, count: sql<number>`count(*)` })
    .from(pupils)
    .where(eq(pupils.academicYearId, academicYearId))
    .groupBy(pupils.yearGroup)
    .all()
    .sort((a, b) => YEAR_GROUPS.indexOf(a.yearGroup) - YEAR_GROUPS.indexOf(b.yearGroup));
  const keys: ContextGroupKey[] = ["disadvantaged", "fsm", "sen", "senSupport", "ehcp", "eal", "lookedAfter", "girls", "boys"];
  return {
    pupilsOnRoll: total,
    byYearGroup,
    groups: Object.fromEntries(keys.map((k) => [k, group(row[k])])) as Record<ContextGroupKey, RollGroup>,
    staffingNotes,
  };
}
