import "server-only";
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { writeTransaction } from "./transaction";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { recoveryCodes, userSessions, users } from "@/db/schema";
import { nowIso } from "@/lib/clock";
import { SESSION_ABSOLUTE_SECONDS } from "@/lib/auth/limits";
import { getUser } from "./users";
import { writeAudit, type Actor } from "./audit";
import { bookkeepingWrite } from "./memo";

export type UserSession = typeof userSessions.$inferSelect;

/** A new server-side session for a user who has just signed in; its id goes into the session cookie. */
export function createSession({ userId, userAgent }: { userId: string; userAgent?: string | null }, db: DbOrTx = defaultDb): UserSession {
  const at = nowIso();
  // Sessions idle past the absolute limit can never be used again: clear them out as new ones start.
  pruneSessions({ idleBefore: new Date(Date.parse(at) - SESSION_ABSOLUTE_SECONDS * 1000).toISOString() }, db);
  const row = db
    .insert(userSessions)
    .values({ userId, createdAt: at, lastSeenAt: at, userAgent: userAgent?.slice(0, 200) ?? null })
    .returning()
    .get();
  return row;
}

export function findSession({ id }: { id: string }, db: DbOrTx = defaultDb): UserSession | null {
  return db.select().from(userSessions).where(eq(userSessions.id, id)).get() ?? null;
}

/** Records activity at most once a minute per session (a write per request would be wasteful). */
export function touchSession({ id, lastSeenAt }: { id: string; lastSeenAt: string }, db: DbOrTx = defaultDb) {
  const at = nowIso();
  if (Date.parse(at) - Date.parse(lastSeenAt) < 60_000) return;
  // Only the session's last-seen time: the memoised figures (lib/data/memo) stay valid.
  bookkeepingWrite(db, () => db.update(userSessions).set({ lastSeenAt: at }).where(eq(userSessions.id, id)).run());
}

/** The user's open sessions, oldest first. */
export function listUserSessions({ userId }: { userId: string }, db: DbOrTx = defaultDb): UserSession[] {
  return db.select().from(userSessions).where(eq(userSessions.userId, userId)).orderBy(asc(userSessions.createdAt)).all();
}

/** Ends one session (signing out): its cookie is refused from the next request. */
export function deleteSession({ id }: { id: string }, db: DbOrTx = defaultDb) {
  db.delete(userSessions).where(eq(userSessions.id, id)).run();
}

/**
 * Ends every session of a user ("sign out everywhere", or the head ending them), with an audit row.
 * Returns how many were open.
 */
export function endUserSessions({ userId, actor }: { userId: string; actor: Actor }, db: DbOrTx = defaultDb): number {
  return writeTransaction(db, (tx) => {
    const user = getUser({ id: userId }, tx);
    const n = tx.delete(userSessions).where(eq(userSessions.userId, userId)).run().changes;
    writeAudit(
      {
        actor,
        area: "auth",
        verb: "end-sessions",
        entityType: "user",
        entityId: userId,
        summary: actor.id === userId ? `${user.name} signed out everywhere (${n} sessions)` : `Ended ${user.name}'s sessions (${n})`,
      },
      tx,
    );
    return n;
  });
}

/** Sessions idle for longer than the idle limit can never be used again: remove them. */
function pruneSessions({ idleBefore }: { idleBefore: string }, db: DbOrTx = defaultDb) {
  db.delete(userSessions).where(lt(userSessions.lastSeenAt, idleBefore)).run();
}

// ---- Second factor -----------------------------------------------------------------------------

/**
 * Records that the code of this time step was used, if no code of this step or a later one was:
 * one conditional update, so two requests racing with the same code cannot both win.
 */
export function claimTotpStep({ userId, step }: { userId: string; step: number }, db: DbOrTx = defaultDb): boolean {
  const result = db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .run();
  return result.changes === 1;
}

/** Replaces a user's recovery codes with new hashes (the plain codes are shown once and never stored). */
export function replaceRecoveryCodes({ userId, hashes, actor }: { userId: string; hashes: string[]; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const user = getUser({ id: userId }, tx);
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const codeHash of hashes) tx.insert(recoveryCodes).values({ userId, codeHash }).run();
    writeAudit(
      { actor, area: "auth", verb: "recovery-codes", entityType: "user", entityId: userId, summary: `New recovery codes for ${user.name}` },
      tx,
    );
  });
}

export function listUnusedRecoveryCodes({ userId }: { userId: string }, db: DbOrTx = defaultDb) {
  return db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all();
}

export function countUnusedRecoveryCodes({ userId }: { userId: string }, db: DbOrTx = defaultDb): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      .get()?.n ?? 0
  );
}

/** Marks a recovery code used, once: false if it already was (a race). */
export function redeemRecoveryCode({ id, userId, userName }: { id: string; userId: string; userName: string }, db: DbOrTx = defaultDb): boolean {
  return writeTransaction(db, (tx) => {
    const changed = tx
      .update(recoveryCodes)
      .set({ usedAt: nowIso() })
      .where(and(eq(recoveryCodes.id, id), isNull(recoveryCodes.usedAt)))
      .run().changes;
    if (changed !== 1) return false;
    writeAudit(
      { actor: { id: userId, name: userName }, area: "auth", verb: "use-recovery-code", entityType: "user", entityId: userId, summary: `${userName} signed in with a recovery code` },
      tx,
    );
    return true;
  });
}
