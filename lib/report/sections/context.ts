import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pupils, YEAR_GROUPS } from "@/db/schema";
import { pct } from "@/lib/analytics/attainment";
import { decideSuppression, type Partition } from "@/lib/analytics/disclosure";
import type { ContextGroupKey, ReportContext, RollGroup } from "../types";

/**
 * Section 1: numbers on roll and group percentages, computed from the pupils of the term's year (never
 * typed). A group of fewer than five pupils is hidden so no child can be identified, and so is any count
 * from which a hidden one could be worked out by subtraction (lib/analytics/disclosure): the roll minus
 * girls and boys, the SEN total minus SEN support or EHCPs, the roll minus any group.
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
  const keys: ContextGroupKey[] = ["disadvantaged", "fsm", "sen", "senSupport", "ehcp", "eal", "lookedAfter", "girls", "boys"];
  const decisions = decideSuppression(
    [{ yearGroup: "all", group: "roll", cohort: total, values: {} }, ...keys.map((k) => ({ yearGroup: "all", group: k, cohort: row[k], values: {} }))],
    { partitions: CONTEXT_PARTITIONS },
  ).slice(1);
  const group = (count: number, i: number): RollGroup => {
    const d = decisions[i]!;
    return d.suppressed ? { count: null, pct: null, suppressed: true, suppressionReason: d.suppressionReason! } : { count, pct: total ? pct(count, total) : null, suppressed: false };
  };
  const byYearGroup = db
    .select({ yearGroup: pupils.yearGroup, count: sql<number>`count(*)` })
    .from(pupils)
    .where(eq(pupils.academicYearId, academicYearId))
    .groupBy(pupils.yearGroup)
    .all()
    .sort((a, b) => YEAR_GROUPS.indexOf(a.yearGroup) - YEAR_GROUPS.indexOf(b.yearGroup));
  return {
    pupilsOnRoll: total,
    byYearGroup,
    groups: Object.fromEntries(keys.map((k, i) => [k, group(row[k], i)])) as Record<ContextGroupKey, RollGroup>,
    staffingNotes,
  };
}

/** How the roll's groups nest: each is part of the roll, and SEN is SEN support plus EHCPs. */
export const CONTEXT_PARTITIONS: Partition[] = [
  { whole: "roll", parts: ["girls", "boys"] },
  { whole: "sen", parts: ["senSupport", "ehcp"] },
  ...(["disadvantaged", "fsm", "sen", "eal", "lookedAfter"] as const).map((g) => ({ whole: "roll", parts: [g] })),
];
