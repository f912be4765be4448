import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { DB } from "./client";
import { syncFrameworks } from "./frameworks/load";
import { recheckPublishedReports, PRIVACY_CHECK_ACTOR } from "@/lib/data/report";
import { relabelObservationEvidence } from "@/lib/data/evidence";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Brings the schema up to date, reloads the shipped framework data files and re-checks published
 * reports against the current disclosure rule and relabels cited lesson observations so none identifies
 * its teacher (data changes, so in code, not in a migration).
 */
export function migrateDatabase(db: DB) {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  syncFrameworks(db);
  recheckPublishedReports(db);
  relabelObservationEvidence(PRIVACY_CHECK_ACTOR, db);
}
