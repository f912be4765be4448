import "server-only";
import type { DbOrTx } from "@/db/client";
import { getProgressMeetingCounts } from "@/lib/data/ppm";
import type { ReportProgressMeetings } from "../types";

/** Section 5: pupil progress meetings as counts only (no pupil is named). */
export function buildProgressMeetings({ termId }: { termId: string }, db: DbOrTx): ReportProgressMeetings {
  return getProgressMeetingCounts({ termId }, db);
}
