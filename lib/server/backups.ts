import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { nowMs } from "@/lib/clock";

/**
 * Backups outside the request path: the daily backup the running app makes, the list the head sees,
 * and `restore`. A backup is a whole SQLite file, so restoring one is replacing the file.
 */

/** How many daily backups are kept (older ones are deleted after each new one). */
export const BACKUPS_KEPT = 14;
const NAME = /^waymark-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)\.db$/;

/** BACKUP_DIR, or a `backups` folder beside the database. */
export function backupDir(dbPath: string, env = process.env.BACKUP_DIR): string {
  return path.resolve(/*turbopackIgnore: true*/ env || path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ dbPath)), "backups"));
}

/**
 * A consistent copy of a live database in one read transaction (VACUUM INTO): writers carry on (WAL)
 * and the copy is never restarted by them. Written beside the target and renamed, so a failure never
 * leaves a half-written file under the name.
 */
function snapshotDatabase(sourcePath: string, target: string): { bytes: number } {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    source.prepare("VACUUM INTO ?").run(tmp);
  } finally {
    source.close();
  }
  fs.renameSync(tmp, target);
  return { bytes: fs.statSync(target).size };
}

export type BackupFile = { file: string; at: string; bytes: number };

/** The backups in a folder, newest first. */
export function listBackups(dir: string): BackupFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({
      file: path.join(dir, name),
      at: m[1]!.replace(/T(\d{2})-(\d{2})-(\d{2})Z/, "T$1:$2:$3Z"),
      bytes: fs.statSync(path.join(dir, name)).size,
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** Makes a dated backup in the folder and deletes all but the newest `keep`. */
export function makeDailyBackup({ dbPath, dir, keep = BACKUPS_KEPT, at = nowMs() }: { dbPath: string; dir: string; keep?: number; at?: number }): BackupFile {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/:/g, "-") + "Z";
  const file = path.join(dir, `waymark-${stamp}.db`);
  const { bytes } = snapshotDatabase(dbPath, file);
  for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
  return { file, at: new Date(at).toISOString().slice(0, 19) + "Z", bytes };
}

/** Whether a day has passed since the newest backup (or there is none). */
export function backupDue(dir: string, at = nowMs()): boolean {
  const newest = listBackups(dir)[0];
  return !newest || at - Date.parse(newest.at) >= 24 * 60 * 60 * 1000;
}

// ---- Restore ----------------------------------------------------------------------------------

type Journal = { entries: { when: number; tag: string }[] };

/** The newest migration this build of the app knows (its `when`, as drizzle records it). */
function appSchemaVersion(migrationsFolder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
  return Math.max(...journal.entries.map((e) => e.when));
}

/**
 * Checks a backup before it replaces anything: a SQLite file that passes integrity_check, has
 * Waymark's tables, and whose schema is not newer than this app's (a newer one needs a newer app).
 * Returns its schema version.
 */
export function checkBackup(file: string, migrationsFolder: string): { schemaVersion: number } {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist.`);
  let backup: Database.Database;
  try {
    backup = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new Error(`${file} is not a SQLite database (${(e as Error).message}).`);
  }
  try {
    let check: string[];
    try {
      check = (backup.pragma("integrity_check") as Record<string, string>[]).map((r) => Object.values(r)[0]!);
    } catch (e) {
      throw new Error(`${file} is not a SQLite database (${(e as Error).message}).`);
    }
    if (check.length !== 1 || check[0] !== "ok") throw new Error(`${file} is damaged: ${check.slice(0, 3).join("; ")}`);
    const hasTables = backup.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('__drizzle_migrations', 'users', 'schools')").get() as { n: number };
    if (hasTables.n !== 3) throw new Error(`${file} is not a Waymark database.`);
    const row = backup.prepare("select max(created_at) as v from __drizzle_migrations").get() as { v: number | null };
    const schemaVersion = Number(row.v ?? 0);
    const app = appSchemaVersion(migrationsFolder);
    if (schemaVersion > app) {
      throw new Error(`${file} was made by a newer version of Waymark (its schema is newer than this app's). Update Waymark first, then restore.`);
    }
    return { schemaVersion };
  } finally {
    backup.close();
  }
}

/**
 * Replaces the database with a checked backup. The current file (and its WAL) is kept aside as
 * `<name>.before-restore-<time>`, never deleted. Stop the app first: it holds the file open.
 * Returns where the old file was kept (null if there was none).
 */
export function restoreDatabase({ backupFile, dbPath, migrationsFolder, at = nowMs() }: { backupFile: string; dbPath: string; migrationsFolder: string; at?: number }): { keptAs: string | null } {
  checkBackup(backupFile, migrationsFolder);
  const target = path.resolve(dbPath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    // Fold the WAL into the file first, so the kept copy is complete on its own.
    const current = new Database(target);
    try {
      current.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      current.close();
    }
    keptAs = `${target}.before-restore-${new Date(at).toISOString().slice(0, 19).replace(/:/g, "-")}Z`;
    fs.renameSync(target, keptAs);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(tmp, target);
  return { keptAs };
}
