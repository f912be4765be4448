import Database from "better-sqlite3";
import { getTableColumns, is } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema>;

/**
 * Timestamps come from the one clock (lib/clock), so a pinned clock stamps rows consistently.
 * drizzle prefers a column's SQL default to its $defaultFn on insert; the schema keeps the SQL
 * default (for rows written by hand, and so migrations are unchanged), and the application's inserts
 * use the clock.
 */
for (const table of Object.values(schema)) {
  if (!is(table, SQLiteTable)) continue;
  for (const column of Object.values(getTableColumns(table))) {
    if (column.defaultFn && column.default !== undefined) (column as { default: unknown }).default = undefined;
  }
}
/** A transaction handle: data functions accept either. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
export type DbOrTx = DB | Tx;

/**
 * Opens the SQLite file with the pragmas durability depends on, and refuses to continue if any did
 * not take: WAL so readers never block the writer, synchronous=FULL so a committed change survives a
 * power cut, foreign keys on, and a busy timeout so the CLI and the app can share the file.
 */
export function openDatabase(file: string): { sqlite: Database.Database; db: DB } {
  const inMemory = file === ":memory:";
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");

  const journal = sqlite.pragma("journal_mode", { simple: true });
  const sync = sqlite.pragma("synchronous", { simple: true });
  const fk = sqlite.pragma("foreign_keys", { simple: true });
  const busy = sqlite.pragma("busy_timeout", { simple: true });
  const problems: string[] = [];
  if (journal !== (inMemory ? "memory" : "wal")) problems.push(`journal_mode is ${String(journal)}`);
  if (sync !== 2) problems.push(`synchronous is ${String(sync)}`);
  if (fk !== 1) problems.push(`foreign_keys is ${String(fk)}`);
  if (busy !== 5000) problems.push(`busy_timeout is ${String(busy)}`);
  if (problems.length) {
    sqlite.close();
    throw new Error(`Refusing to open ${file}: ${problems.join(", ")}`);
  }
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

let opened: { sqlite: Database.Database; db: DB } | undefined;

/** The database file when DATABASE_PATH is not set (git-ignored). */
export const DEFAULT_DATABASE_PATH = "data/waymark.db";

/** The process's one connection, opened on first use from DATABASE_PATH. */
export function getConnection() {
  if (!opened) opened = openDatabase(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
  return opened;
}

/**
 * The default database for lib/data functions. A proxy so that importing this module opens nothing:
 * `next build` and the CLI's help never touch the file.
 */
export const db: DB = new Proxy({} as DB, {
  get(_target, prop) {
    const real = getConnection().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});
