import "server-only";
import { and, eq, inArray, max } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { planActions, planActionSupporters, type PlanActionStatus } from "@/db/schema";
import { actionFlag, type ActionFlag } from "@/lib/analytics/plan";
import { NotFoundError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { assertPersonRole, STAFF_ROLES } from "../users";
import { writeTransaction } from "../transaction";
import { type Person, type PlanAction, now } from "./shared";
import { getStrand } from "./strands";

// ---- Actions (tasks in the plan) -------------------------------------------------------------------

export type PlanActionFields = {
  description: string;
  ownerId: string;
  supporterIds: string[];
  startDate: string | null;
  dueDate: string | null;
  costPence: number;
  resources: string;
  monitoring: string;
  monitoredById: string | null;
  status: PlanActionStatus;
  notes: string;
};

export function findPlanAction({ id }: { id: string }, db: DbOrTx = defaultDb): PlanAction | null {
  return db.select().from(planActions).where(eq(planActions.id, id)).get() ?? null;
}

export function getPlanAction({ id }: { id: string }, db: DbOrTx = defaultDb): PlanAction {
  const row = findPlanAction({ id }, db);
  if (!row) throw new NotFoundError("That action");
  return row;
}

/** The staff supporting an action, by id. */
export function supportersOf(actionId: string, db: DbOrTx = defaultDb): string[] {
  return db.select({ userId: planActionSupporters.userId }).from(planActionSupporters).where(eq(planActionSupporters.actionId, actionId)).all().map((r) => r.userId);
}

function checkActionPeople(values: Pick<PlanActionFields, "ownerId" | "supporterIds" | "monitoredById">, tx: DbOrTx) {
  assertPersonRole(values.ownerId, STAFF_ROLES, "ownerId", "The owner must be a member of staff", tx);
  for (const id of values.supporterIds) assertPersonRole(id, STAFF_ROLES, "supporterIds", "Supporting staff must be members of staff", tx);
  assertPersonRole(values.monitoredById, STAFF_ROLES, "monitoredById", "The person monitoring must be a member of staff", tx);
}

function writeSupporters(actionId: string, ids: string[], tx: DbOrTx) {
  tx.delete(planActionSupporters).where(eq(planActionSupporters.actionId, actionId)).run();
  for (const userId of new Set(ids)) tx.insert(planActionSupporters).values({ actionId, userId }).run();
}

/** completedAt follows the status: set when an action becomes done, cleared when it is reopened. */
function completedAtFor(status: PlanActionStatus, previous: string | null): string | null {
  return status === "done" ? (previous ?? now()) : null;
}

export function createPlanAction({ strandId, values, actor }: { strandId: string; values: PlanActionFields; actor: Actor }, db: DbOrTx = defaultDb): PlanAction {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    checkActionPeople(values, tx);
    const last = tx.select({ p: max(planActions.position) }).from(planActions).where(eq(planActions.strandId, strandId)).get()?.p ?? 0;
    const { supporterIds, ...fields } = values;
    const row = tx
      .insert(planActions)
      .values({ ...fields, strandId, position: last + 1, completedAt: completedAtFor(values.status, null) })
      .returning()
      .get();
    writeSupporters(row.id, supporterIds, tx);
    writeAudit({ actor, area: "sip", verb: "create", entityType: "plan_action", entityId: row.id, summary: `Added action "${row.description}" to "${strand.title}"`, after: { ...row, supporterIds } }, tx);
    return row;
  });
}

export function updatePlanAction({ id, version, values, actor }: { id: string; version: number; values: PlanActionFields; actor: Actor }, db: DbOrTx = defaultDb): PlanAction {
  return writeTransaction(db, (tx) => {
    const before = { ...getPlanAction({ id }, tx), supporterIds: supportersOf(id, tx) };
    checkActionPeople(values, tx);
    const { supporterIds, ...fields } = values;
    const result = tx
      .update(planActions)
      .set({ ...fields, completedAt: completedAtFor(values.status, before.completedAt), version: bumpVersion, updatedAt: now() })
      .where(and(eq(planActions.id, id), eq(planActions.version, version)))
      .run();
    assertUpdated(result, "This action");
    writeSupporters(id, supporterIds, tx);
    const after = { ...getPlanAction({ id }, tx), supporterIds };
    writeAudit({ actor, area: "sip", verb: "update", entityType: "plan_action", entityId: id, summary: `Updated action "${after.description}"`, before, after }, tx);
    return after;
  });
}

/** The owner's update: status and notes only. */
export function updatePlanActionProgress(
  { id, version, status, notes, actor }: { id: string; version: number; status: PlanActionStatus; notes: string; actor: Actor },
  db: DbOrTx = defaultDb,
): PlanAction {
  return writeTransaction(db, (tx) => {
    const before = getPlanAction({ id }, tx);
    const result = tx
      .update(planActions)
      .set({ status, notes, completedAt: completedAtFor(status, before.completedAt), version: bumpVersion, updatedAt: now() })
      .where(and(eq(planActions.id, id), eq(planActions.version, version)))
      .run();
    assertUpdated(result, "This action");
    const after = getPlanAction({ id }, tx);
    writeAudit(
      { actor, area: "sip", verb: "update", entityType: "plan_action", entityId: id, summary: `Progress on "${after.description}": ${status.replace("_", " ")}`, before: { status: before.status, notes: before.notes }, after: { status, notes } },
      tx,
    );
    return after;
  });
}

export function deletePlanAction({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = { ...getPlanAction({ id }, tx), supporterIds: supportersOf(id, tx) };
    const result = tx.delete(planActions).where(and(eq(planActions.id, id), eq(planActions.version, version))).run();
    assertUpdated(result, "This action");
    writeAudit({ actor, area: "sip", verb: "delete", entityType: "plan_action", entityId: id, summary: `Deleted action "${before.description}"`, before }, tx);
  });
}

export type PlanActionView = PlanAction & {
  ownerName: string | null;
  supporterIds: string[];
  supporterNames: string[];
  monitoredByName: string | null;
  flag: ActionFlag;
};

export function viewActions(rows: PlanAction[], people: Map<string, Person>, today: string, db: DbOrTx): PlanActionView[] {
  const ids = rows.map((r) => r.id);
  const sup = ids.length ? db.select().from(planActionSupporters).where(inArray(planActionSupporters.actionId, ids)).all() : [];
  return rows.map((a) => {
    const supporterIds = sup.filter((s) => s.actionId === a.id).map((s) => s.userId);
    return {
      ...a,
      ownerName: a.ownerId ? (people.get(a.ownerId)?.name ?? null) : null,
      supporterIds,
      supporterNames: supporterIds.map((id) => people.get(id)?.name ?? "").filter(Boolean),
      monitoredByName: a.monitoredById ? (people.get(a.monitoredById)?.name ?? null) : null,
      flag: actionFlag(a, today),
    };
  });
}
