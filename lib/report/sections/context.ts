import "server-only";
import type { DbOrTx } from "@/db/client";
import { YEAR_GROUPS } from "@/db/schema/enums";
import { getRollCounts } from "@/lib/data/report-queries";
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
  const row = getRollCounts({ academicYearId }, db);
  const total = row.total;
  const keys: ContextGroupKey[] = ["disadvantaged", "fsm", "sen", "senSupport", "ehcp", "eal", "lookedAfter", "girls", "boys"];
  const decisions = decideSuppression([{ yearGroup: "all", group: "roll", cohort: total, values: {} }, ...keys.map((k) => ({ yearGroup: "all", group: k, cohort: row[k], values: {} }))], {
    partitions: CONTEXT_PARTITIONS,
  }).slice(1);
  const group = (count: number, i: number): RollGroup => {
    const d = decisions[i]!;
    return d.suppressed ? { count: null, pct: null, suppressed: true, suppressionReason: d.suppressionReason! } : { count, pct: total ? pct(count, total) : null, suppressed: false };
  };
  const byYearGroup = [...row.byYearGroup].sort((a, b) => YEAR_GROUPS.indexOf(a.yearGroup) - YEAR_GROUPS.indexOf(b.yearGroup));
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
