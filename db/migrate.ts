import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { DB } from "./client";
import { syncFrameworks } from "./frameworks/load";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Brings the schema up to date and reloads the shipped framework data files. */
export function migrateDatabase(db: DB) {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  syncFrameworks(db);
}
