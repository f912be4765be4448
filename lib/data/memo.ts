import "server-only";
import type Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import type { DB, DbOrTx } from "@/db/client";

/** The better-sqlite3 connection under a drizzle handle (drizzle() adds it; the DB type does not say so). */
function clientOf(db: DB): Database.Database | undefined {
  return (db as unknown as { $client?: Database.Database }).$client;
}

/**
 * A small memo, shared across requests, for computations that many pages repeat on the same data: a
 * term's attainment tables, its attendance tables, the attendance trend, and a draft report, which its
 * page, print view, JSON and Word file each assemble. It can never serve stale figures: an entry is
 * valid only while the database is unchanged, judged by two counters SQLite keeps for free:
 * `PRAGMA data_version` (moves when another connection, such as the CLI, commits) and `total_changes()`
 * (every row this connection has inserted, updated or deleted). Any write at all empties it in effect.
 * It is bounded (least recently used first out), per connection, and skipped inside transactions
 * (which may see their own uncommitted rows). Callers decide who may see a value before they ask for it
 * (a draft report only leaders, lib/report/access), and each caller gets its own copy, so nothing one
 * request does to its result reaches another.
 */
const MAX_ENTRIES = 48;

type Memo = { version: () => string; seen: string; entries: Map<string, { version: string; value: unknown }> };
const memos = new WeakMap<Database.Database, Memo>();

function memoFor(client: Database.Database): Memo {
  let memo = memos.get(client);
  if (!memo) {
    const changes = client.prepare("SELECT total_changes()").pluck();
    memo = { seen: "", version: () => `${String(client.pragma("data_version", { simple: true }))}:${String(changes.get())}`, entries: new Map() };
    memos.set(client, memo);
  }
  return memo;
}

export function memoised<T>(db: DbOrTx, key: string, compute: () => T): T {
  if (is(db, SQLiteTransaction)) return compute();
  const client = clientOf(db as DB);
  if (!client || typeof client.pragma !== "function") return compute();
  const memo = memoFor(client);
  const version = memo.version();
  if (version !== memo.seen) {
    // The data changed: every entry is out of date, so none is kept.
    memo.entries.clear();
    memo.seen = version;
  }
  const hit = memo.entries.get(key);
  if (hit && hit.version === version) {
    // Most recently used last.
    memo.entries.delete(key);
    memo.entries.set(key, hit);
    return structuredClone(hit.value) as T;
  }
  const value = compute();
  // A computation that wrote (none should) would have moved the version: then it is not kept.
  if (memo.version() === version) {
    memo.entries.delete(key);
    memo.entries.set(key, { version, value });
    while (memo.entries.size > MAX_ENTRIES) memo.entries.delete(memo.entries.keys().next().value!);
  }
  return structuredClone(value);
}

/**
 * Runs a write that touches only bookkeeping no memoised figure reads (a download's audit row, a
 * session's last-seen time) without emptying the memo: the changes it made are counted into the
 * version the entries were computed at. Writes are synchronous, so nothing else changes in between; a
 * change another connection made before still empties the memo at the next read.
 */
export function bookkeepingWrite<T>(db: DbOrTx, write: () => T): T {
  if (is(db, SQLiteTransaction)) return write();
  const client = clientOf(db as DB);
  const memo = client ? memos.get(client) : undefined;
  if (!memo) return write();
  const before = memo.version();
  const result = write();
  if (before === memo.seen) {
    const after = memo.version();
    memo.seen = after;
    for (const entry of memo.entries.values()) if (entry.version === before) entry.version = after;
  }
  return result;
}

/** How many entries a connection's memo holds (for tests). */
export function memoSize(db: DB): number {
  const client = clientOf(db);
  return client ? (memos.get(client)?.entries.size ?? 0) : 0;
}
