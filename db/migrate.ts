import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { DB } from "./client";
import { syncFrameworks } from "./frameworks/load";
import { recheckPublishedReports } from "@/lib/data/report";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Brings the schema up to date, reloads the shipped framework data files and re-checks published
 * reports against the current disclosure rule (a data change, so in code, not in a migration).
 */
export function migrateDatabase(db: DB) {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  syncFrameworks(db);
  recheckPublishedReports(db);
}
