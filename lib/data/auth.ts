import "server-only";
import { and, eq, gte, lt, notLike, or, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { writeTransaction } from "./transaction";
import { writeAudit } from "./audit";

/** Counts failed sign-ins for a key (an account at an address, or an address) since a moment, in ms since the epoch. */
function countFailedSignIns({ key, since }: { key: string; since: number }, db: DbOrTx = defaultDb): number {
  return failedSignInStats({ key, since }, db).count;
}

/** How many failures a key has had since a moment, and when the first and last of them were. */
export function failedSignInStats({ key, since }: { key: string; since: number }, db: DbOrTx = defaultDb): { count: number; first: number | null; last: number | null } {
  const row = db
    .select({ n: sql<number>`count(*)`, first: sql<number | null>`min(${signInAttempts.attemptedAt})`, last: sql<number | null>`max(${signInAttempts.attemptedAt})` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gte(signInAttempts.attemptedAt, since)))
    .get();
  return { count: row?.n ?? 0, first: row?.first ?? null, last: row?.last ?? null };
}

export function recordFailedSignIn({ keys, at }: { keys: string[]; at: number }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    for (const key of keys) tx.insert(signInAttempts).values({ key, attemptedAt: at }).run();
    // Keep the table small: no failure older than a day matters, nor a known address after 30 days.
    tx.delete(signInAttempts)
      .where(or(and(lt(signInAttempts.attemptedAt, at - 86_400_000), notLike(signInAttempts.key, "known:%")), lt(signInAttempts.attemptedAt, at - KNOWN_FOR_MS)))
      .run();
  });
}

/** How long an address stays known for an account after a successful sign-in from it. */
const KNOWN_FOR_MS = 30 * 86_400_000;

/** Records that the account signed in successfully from the address (a `known:` row in the same table). */
export function rememberKnownAddress({ key, at }: { key: string; at: number }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    tx.delete(signInAttempts).where(eq(signInAttempts.key, key)).run();
    tx.insert(signInAttempts).values({ key, attemptedAt: at }).run();
  });
}

export function isKnownAddress({ key, at }: { key: string; at: number }, db: DbOrTx = defaultDb): boolean {
  return countFailedSignIns({ key, since: at - KNOWN_FOR_MS }, db) > 0;
}

export function clearFailedSignIns({ key }: { key: string }, db: DbOrTx = defaultDb) {
  db.delete(signInAttempts).where(eq(signInAttempts.key, key)).run();
}

/** One audit row per evaluated sign-in, successful or not (attempts refused by throttling are not evaluated and not logged). */
export function auditSignIn(
  { ok, userId, userName, email, address, reason }: { ok: boolean; userId: string | null; userName: string | null; email: string; address: string; reason?: string },
  db: DbOrTx = defaultDb,
) {
  writeAudit(
    {
      actor: { id: userId, name: userName ?? email.slice(0, 120) },
      area: "auth",
      verb: ok ? "sign-in" : "sign-in-failed",
      entityType: "user",
      entityId: userId,
      summary: ok ? `${userName} signed in from ${address}` : `Failed sign-in for ${email.slice(0, 120)} from ${address} (${reason})`,
    },
    db,
  );
}
