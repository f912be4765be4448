import { and, eq, gte, lt, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { writeTransaction } from "./transaction";

/** Counts failed sign-ins for a key (an account or an address) since a moment, in ms since the epoch. */
export function countFailedSignIns({ key, since }: { key: string; since: number }, db: DbOrTx = defaultDb): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gte(signInAttempts.attemptedAt, since)))
    .get();
  return row?.n ?? 0;
}

export function recordFailedSignIn({ keys, at }: { keys: string[]; at: number }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    for (const key of keys) tx.insert(signInAttempts).values({ key, attemptedAt: at }).run();
    // Keep the table small: nothing older than a day matters.
    tx.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, at - 86_400_000)).run();
  });
}

export function clearFailedSignIns({ key }: { key: string }, db: DbOrTx = defaultDb) {
  db.delete(signInAttempts).where(eq(signInAttempts.key, key)).run();
}
