import "server-only";
import { eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { plans } from "@/db/schema";
import { writeAudit, type Actor } from "../audit";
import { getAcademicYear } from "../school";
import { writeTransaction } from "../transaction";
import type { Plan } from "./shared";

// ---- Plans ----------------------------------------------------------------------------------------

export function findPlan({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): Plan | null {
  return db.select().from(plans).where(eq(plans.academicYearId, academicYearId)).get() ?? null;
}

/** The plan for a year, created on first use (an empty plan titled after the year). */
export function ensurePlan({ academicYearId, actor }: { academicYearId: string; actor: Actor }, db: DbOrTx = defaultDb): Plan {
  return writeTransaction(db, (tx) => {
    const existing = findPlan({ academicYearId }, tx);
    if (existing) return existing;
    const year = getAcademicYear({ id: academicYearId }, tx);
    const row = tx.insert(plans).values({ academicYearId, title: `School improvement plan ${year.name}` }).returning().get();
    writeAudit({ actor, area: "sip", verb: "create", entityType: "plan", entityId: row.id, summary: `Started the improvement plan for ${year.name}`, after: row }, tx);
    return row;
  });
}
