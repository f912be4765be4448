import "server-only";
import { and, eq, max } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { milestones, type TermName } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { writeTransaction } from "../transaction";
import type { Milestone } from "./shared";
import { getStrand } from "./strands";

// ---- Milestones -----------------------------------------------------------------------------------

export type MilestoneFields = { term: TermName; description: string; met: boolean | null };

function getMilestone({ id }: { id: string }, db: DbOrTx = defaultDb): Milestone {
  const row = db.select().from(milestones).where(eq(milestones.id, id)).get();
  if (!row) throw new NotFoundError("That milestone");
  return row;
}

export function createMilestone({ strandId, values, actor }: { strandId: string; values: MilestoneFields; actor: Actor }, db: DbOrTx = defaultDb): Milestone {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    const last = tx.select({ p: max(milestones.position) }).from(milestones).where(eq(milestones.strandId, strandId)).get()?.p ?? 0;
    const row = tx.insert(milestones).values({ ...values, strandId, position: last + 1 }).returning().get();
    writeAudit({ actor, area: "sip", verb: "create", entityType: "milestone", entityId: row.id, summary: `Added a ${values.term} milestone to "${strand.title}"`, after: row }, tx);
    return row;
  });
}

export function updateMilestone({ id, version, values, actor }: { id: string; version: number; values: MilestoneFields; actor: Actor }, db: DbOrTx = defaultDb): Milestone {
  return writeTransaction(db, (tx) => {
    const before = getMilestone({ id }, tx);
    const result = tx
      .update(milestones)
      .set({ ...values, version: bumpVersion })
      .where(and(eq(milestones.id, id), eq(milestones.version, version)))
      .run();
    assertUpdated(result, "This milestone");
    const after = getMilestone({ id }, tx);
    writeAudit({ actor, area: "sip", verb: "update", entityType: "milestone", entityId: id, summary: `Updated a ${after.term} milestone`, before, after }, tx);
    return after;
  });
}

export function deleteMilestone({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getMilestone({ id }, tx);
    const result = tx.delete(milestones).where(and(eq(milestones.id, id), eq(milestones.version, version))).run();
    assertUpdated(result, "This milestone");
    writeAudit({ actor, area: "sip", verb: "delete", entityType: "milestone", entityId: id, summary: `Deleted a ${before.term} milestone`, before }, tx);
  });
}
