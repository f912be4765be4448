import "server-only";
/**
 * The database handle data functions default to, and where its file lives, for code outside
 * lib/data that passes a handle along (notifications, the report's assembly) or looks after the
 * file (backups). Queries themselves stay in lib/data.
 */
export { db, DEFAULT_DATABASE_PATH, type DbOrTx } from "@/db/client";
