import "server-only";
import type { DbOrTx } from "@/db/client";
import { getMonitoringSummary } from "@/lib/data/monitoring";
import type { ReportMonitoring } from "../types";

/**
 * Section 3: monitoring carried out this term (counts by type), observation coverage of teaching staff
 * and the criteria that recur across observations, from the monitoring area's governor-safe summary:
 * aggregates only, never a teacher's name.
 */
export function buildMonitoring({ termId }: { termId: string }, db: DbOrTx): ReportMonitoring {
  const s = getMonitoringSummary({ termId }, db);
  return { countsByType: { ...s.countsByType }, coveragePct: s.coveragePct, recurringStrengths: s.recurringStrengths, recurringDevelopment: s.recurringDevelopment };
}
