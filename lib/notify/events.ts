import "server-only";
import { actionFacts, createNotification, challengeFacts, listUserIdsByRole, observationFacts, reportFacts } from "@/lib/data/notifications";
import { db as defaultDb, type DbOrTx } from "@/lib/data/connection";
import { draft } from "./drafts";

/**
 * Notifications raised the moment something happens (the in-app list updates at once; emails go with
 * the next pass). Each is a no-op when its key was used before, and none tells people about their own
 * doing. Called by server actions after their change has committed.
 */
export const notifyEvent = safely({
  actionAssigned({ actionId, byUserId }: { actionId: string; byUserId: string }, db: DbOrTx = defaultDb) {
    const a = actionFacts({ id: actionId }, db);
    if (!a?.ownerId || a.ownerId === byUserId || a.status === "done" || a.status === "dropped") return;
    createNotification({ draft: draft.actionAssigned({ actionId: a.id, ownerId: a.ownerId, description: a.description, strandId: a.strandId, strandTitle: a.strandTitle, dueDate: a.dueDate }) }, db);
  },
  observationShared({ observationId, byUserId }: { observationId: string; byUserId: string }, db: DbOrTx = defaultDb) {
    const o = observationFacts({ id: observationId }, db);
    if (!o || o.status !== "shared" || o.teacherId === byUserId) return;
    createNotification({ draft: draft.observationShared(o) }, db);
  },
  challengeAnswered({ challengeId, byUserId }: { challengeId: string; byUserId: string }, db: DbOrTx = defaultDb) {
    const c = challengeFacts({ id: challengeId }, db);
    if (!c?.answeredAt || c.raisedById === byUserId) return;
    createNotification({ draft: draft.challengeAnswered({ id: c.id, raisedById: c.raisedById, raisedOn: c.raisedOn, answeredAt: c.answeredAt }) }, db);
  },
  challengeAssigned({ challengeId, byUserId }: { challengeId: string; byUserId: string }, db: DbOrTx = defaultDb) {
    const c = challengeFacts({ id: challengeId }, db);
    if (!c?.ownerId || c.ownerId === byUserId || c.status === "closed") return;
    createNotification({ draft: draft.challengeAssigned({ id: c.id, ownerId: c.ownerId, raiserName: c.raiserName, raisedOn: c.raisedOn }) }, db);
  },
  reportPublished({ reportId }: { reportId: string }, db: DbOrTx = defaultDb) {
    const r = reportFacts({ reportId }, db);
    if (!r || r.status !== "published") return;
    for (const userId of listUserIdsByRole({ roles: ["governor"] }, db)) createNotification({ draft: draft.reportPublished({ reportId, userId, termKey: r.termKey }) }, db);
  },
});

/** A notification that fails must not turn a saved change into an error: log it and carry on. */
function safely<T extends Record<string, (...args: never[]) => void>>(fns: T): T {
  const out = {} as Record<string, (...args: never[]) => void>;
  for (const [name, fn] of Object.entries(fns)) {
    out[name] = (...args: never[]) => {
      try {
        fn(...args);
      } catch (error) {
        console.error(`[notify ${name}]`, error);
      }
    };
  }
  return out as T;
}
