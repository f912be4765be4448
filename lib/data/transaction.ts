import "server-only";
import { is } from "drizzle-orm";
import { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import type { DbOrTx, Tx } from "@/db/client";
import { nowMs } from "@/lib/clock";
import { BusyError, databaseFault, isBusy } from "@/lib/errors";

/**
 * How hard a write tries before giving up on a locked database. Each attempt already waits up to the
 * connection's busy timeout (5 s) inside SQLite; between attempts it sleeps a random, growing pause so
 * that writers queued behind one long change do not all retry at the same instant.
 */
export type WriteRetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The pause before the n-th retry is between base·n and 2·base·n milliseconds. */
  baseDelayMs: number;
  /** Called before each retry (the CLI says it is waiting). */
  onRetry?: (attempt: number, waitMs: number) => void;
};

/** WAYMARK_WRITE_ATTEMPTS overrides the attempts (the browser tests use 1, to see a busy error quickly). */
const DEFAULT_POLICY: WriteRetryPolicy = { attempts: Number(process.env.WAYMARK_WRITE_ATTEMPTS) || 4, baseDelayMs: 25 };
let policy: WriteRetryPolicy = DEFAULT_POLICY;

/** Changes how writes retry in this process (the CLI waits longer than a web request). Returns the previous policy. */
export function setWriteRetryPolicy(next: Partial<WriteRetryPolicy>): WriteRetryPolicy {
  const previous = policy;
  policy = { ...policy, ...next };
  return previous;
}

export function resetWriteRetryPolicy() {
  policy = DEFAULT_POLICY;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Writes are synchronous (better-sqlite3), so the pause between attempts is too. */
function sleepSync(ms: number) {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * The one way lib/data writes more than one statement. Runs `fn` in a transaction that takes the write
 * lock at BEGIN (`BEGIN IMMEDIATE`), so a function that reads before it writes waits for another
 * writer (the busy timeout) instead of failing at once when it tries to upgrade its read. If the
 * database stays locked it retries a bounded number of times with jitter, then throws BusyError,
 * whose message tells the user their changes are kept. A disk that is full or a file that cannot be
 * written become DatabaseFaultErrors saying so.
 *
 * Called with a transaction (a data function used inside another's transaction), it nests as a
 * savepoint and leaves the retrying to the outermost call, which re-runs the whole unit of work.
 * `fn` must therefore not have effects outside the database.
 */
export function writeTransaction<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  if (is(db, SQLiteTransaction)) return db.transaction(fn);
  const { attempts, baseDelayMs, onRetry } = policy;
  const started = nowMs();
  for (let attempt = 1; ; attempt++) {
    try {
      return db.transaction(fn, { behavior: "immediate" });
    } catch (error) {
      if (!isBusy(error)) throw databaseFault(error) ?? error;
      if (attempt >= attempts) throw new BusyError(nowMs() - started, { cause: error });
      const wait = Math.round(baseDelayMs * attempt * (1 + Math.random()));
      onRetry?.(attempt, wait);
      sleepSync(wait);
    }
  }
}

/**
 * Runs reads in one consistent snapshot without taking the write lock (a deferred transaction that
 * only reads: in WAL mode it never blocks, and is never blocked by, a writer). Imports plan their
 * changes this way before they take the lock. Inside a transaction it simply runs there.
 */
export function readSnapshot<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  if (is(db, SQLiteTransaction)) return fn(db as Tx);
  return db.transaction(fn, { behavior: "deferred" });
}

/** Rows an import writes per transaction: a chunk holds the write lock for a small fraction of a second. */
export const IMPORT_CHUNK_ROWS = 1000;

export type WriteStep = {
  /** Writes one chunk. */
  write: (tx: Tx) => void;
  /** Takes the chunk back out if a later chunk fails. */
  undo: (tx: Tx) => void;
};

/**
 * Writes a large change as a series of short write transactions, so saves by others wait for one
 * chunk, not the whole change. If a chunk fails, the chunks already written are undone (newest
 * first) and the error is rethrown, so the change is still all or nothing in its effect. Inside a
 * transaction (tests, seeds) every step simply runs there. `first` runs in the first chunk's
 * transaction before anything is written; if it returns false nothing is written and this returns
 * false (an import's plan no longer matches the database). `together` writes every step in one
 * transaction (a change small enough not to hold others up).
 */
export function writeInChunks(db: DbOrTx, steps: WriteStep[], first: (tx: Tx) => boolean = () => true, { together = false }: { together?: boolean } = {}): boolean {
  const all = (tx: Tx) => {
    if (!first(tx)) return false;
    for (const s of steps) s.write(tx);
    return true;
  };
  // Small changes (and changes inside a transaction already) are written in one transaction.
  if (is(db, SQLiteTransaction)) return all(db as Tx);
  if (together) return writeTransaction(db, all);
  const done: WriteStep[] = [];
  try {
    for (const [i, step] of steps.entries()) {
      const ok = writeTransaction(db, (tx) => {
        if (i === 0 && !first(tx)) return false;
        step.write(tx);
        return true;
      });
      if (!ok) return false;
      done.push(step);
    }
    return true;
  } catch (error) {
    for (const step of done.reverse()) writeTransaction(db, (tx) => step.undo(tx));
    throw error;
  }
}

/** A large change as chunked writes: the steps, the check made before the first, whether it is small enough to write at once. */
export type ChunkedWrite = { steps: WriteStep[]; first: (tx: Tx) => boolean; together: boolean };

/**
 * writeInChunks for a request in the server: the same chunks, but after each the thread is left to
 * others for as long as the chunk took, so other requests are answered (and other saves made) while a
 * large import is written: they share the thread with it, rather than waiting a chunk per step.
 */
export async function writeInChunksYielding(db: DbOrTx, { steps, first, together }: ChunkedWrite): Promise<boolean> {
  if (is(db, SQLiteTransaction) || together || steps.length <= 1) return writeInChunks(db, steps, first, { together });
  const done: WriteStep[] = [];
  try {
    let took = 0;
    for (const [i, step] of steps.entries()) {
      if (i > 0) await new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, took)));
      const started = nowMs();
      const ok = writeTransaction(db, (tx) => {
        if (i === 0 && !first(tx)) return false;
        step.write(tx);
        return true;
      });
      if (!ok) return false;
      done.push(step);
      took = nowMs() - started;
    }
    return true;
  } catch (error) {
    for (const step of done.reverse()) writeTransaction(db, (tx) => step.undo(tx));
    throw error;
  }
}

/** `items` in consecutive runs of at most `size`. */
export function chunk<T>(items: T[], size = IMPORT_CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
