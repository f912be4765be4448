import { integer, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { nowIso } from "../../lib/clock";

/** Text UUID primary key, generated in the application so ids are known before insert. */
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/**
 * UTC timestamps stored as ISO-8601 text: readable in the CLI and in backups. The application
 * stamps them from the one clock (lib/clock); the SQL default covers rows written by hand.
 */
export const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
    .$defaultFn(nowIso);
export const updatedAt = () =>
  text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
    .$defaultFn(nowIso);

/** Optimistic-concurrency counter: an update names the version it read; a stale one is refused. */
export const version = () => integer("version").notNull().default(1);
