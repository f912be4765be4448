import type Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type DB } from "./client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate";
import { isBusy } from "@/lib/errors";

/**
 * A database Waymark must not serve, said as a plain sentence for whoever runs it: no stack trace,
 * and what to do next. `npm start` and the CLI print the message and exit.
 */
export class DatabaseCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseCheckError";
  }
}

/** Free space below which nothing starts: a save must never be the thing that fills the disk. */
export const MIN_FREE_BYTES = 50 * 1024 * 1024;

/** The schema this code knows: how many migrations it ships (its schema version) and the newest. */
export function codeSchema(folder = MIGRATIONS_FOLDER): { version: number; newestWhen: number; newestTag: string } {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number; tag: string }[] };
  const newest = journal.entries.at(-1)!;
  return { version: journal.entries.length, newestWhen: newest.when, newestTag: newest.tag };
}

/** The schema the database was last migrated to (0 for a new, empty file). */
export function databaseSchema(sqlite: Database.Database): { version: number; newestWhen: number } {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return { version: 0, newestWhen: 0 };
  const row = sqlite.prepare("SELECT count(*) AS n, coalesce(max(created_at), 0) AS newest FROM __drizzle_migrations").get() as { n: number; newest: number };
  return { version: row.n, newestWhen: Number(row.newest) };
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const code = e?.code ?? "";
  if (code === "EROFS" || /read-only file system/i.test(e?.message ?? "")) return "the file system it is on is read-only";
  if (code === "EACCES" || code === "EPERM") return "this user is not allowed to write there";
  if (code === "EEXIST" || code === "ENOTDIR") return "its folder cannot be created, because a file of that name is in the way";
  if (code === "ENOSPC" || code === "SQLITE_FULL") return "the disk is full";
  if (code.startsWith("SQLITE_READONLY")) return "the file (or its folder) is read-only";
  if (code === "SQLITE_CANTOPEN") return "the file cannot be opened (check that its folder exists and can be written)";
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") return "it is not a Waymark database, or it is damaged";
  return e?.message ?? String(error);
}

/**
 * Opens the database and checks it before anything is served: the file can be opened and written (a
 * real, committed test write), its schema is not newer than this code's (refusing with both
 * versions), migrations apply, and the disk has room. Throws DatabaseCheckError with a plain sentence.
 */
export function openCheckedDatabase(
  file: string,
  {
    migrate = true,
    minFreeBytes = Number(process.env.WAYMARK_MIN_FREE_BYTES ?? MIN_FREE_BYTES),
    freeBytes = diskFree,
  }: { migrate?: boolean; minFreeBytes?: number; freeBytes?: (dir: string) => number | null } = {},
): { sqlite: Database.Database; db: DB } {
  const shown = file;
  let opened: { sqlite: Database.Database; db: DB };
  try {
    opened = openDatabase(file);
  } catch (error) {
    if (error instanceof DatabaseCheckError) throw error;
    throw new DatabaseCheckError(`Cannot open the database ${shown}: ${describe(error)}.`);
  }
  const { sqlite, db } = opened;
  try {
    checkOpened(sqlite, db, shown, { migrate, minFreeBytes, freeBytes: () => (file === ":memory:" ? null : freeBytes(path.dirname(path.resolve(file)))) });
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return opened;
}

/** The checks of openCheckedDatabase on a connection already open (tests pass one opened read-only). */
export function checkOpened(
  sqlite: Database.Database,
  db: DB,
  shown: string,
  { migrate = true, minFreeBytes = MIN_FREE_BYTES, freeBytes = () => null }: { migrate?: boolean; minFreeBytes?: number; freeBytes?: () => number | null } = {},
) {
  let schema: { version: number; newestWhen: number };
  try {
    schema = databaseSchema(sqlite);
  } catch (error) {
    throw new DatabaseCheckError(`Cannot read the database ${shown}: ${describe(error)}.`);
  }
  const code = codeSchema();
  if (schema.version > code.version || schema.newestWhen > code.newestWhen) {
    throw new DatabaseCheckError(
      `The database ${shown} has schema version ${schema.version}, newer than this copy of Waymark understands (schema version ${code.version}, ${code.newestTag}). ` +
        `It was written by a newer Waymark: update this one (git pull, npm install), or use a backup made by this version. Nothing has been changed.`,
    );
  }
  const free = freeBytes();
  if (free !== null && free < minFreeBytes) {
    throw new DatabaseCheckError(`The disk holding ${shown} has only ${mb(free)} free; Waymark needs at least ${mb(minFreeBytes)} so that saves cannot fill it. Free some space, then start again.`);
  }
  try {
    // A real write, committed: a file or folder that cannot be written fails here, not at the first save.
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      sqlite.pragma(`user_version = ${Number(sqlite.pragma("user_version", { simple: true }))}`);
      sqlite.exec("COMMIT");
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw error;
    }
  } catch (error) {
    // Locked by another writer (the CLI beside the app) is not a fault: the file takes writes.
    if (!isBusy(error)) throw new DatabaseCheckError(`Cannot write to the database ${shown}: ${describe(error)}. Waymark needs to save to it; fix this, then start again.`);
  }
  if (migrate) {
    try {
      migrateDatabase(db);
    } catch (error) {
      throw new DatabaseCheckError(`Cannot bring the database ${shown} up to date: ${describe(error)}.`);
    }
  }
}

function mb(bytes: number) {
  return `${Math.floor(bytes / (1024 * 1024)).toLocaleString("en-GB")} MB`;
}

/** Bytes free for this user on the file system holding `dir`, or null if the system cannot say. */
export function diskFree(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
