import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { AUDIT_AREAS } from "./enums";

/** Who changed what, when, with the record before and after. Written inside the change's transaction. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    /** null for changes made from the command line. */
    userId: text("user_id"),
    userName: text("user_name").notNull(),
    area: text("area", { enum: AUDIT_AREAS }).notNull(),
    /** e.g. "create", "update", "delete", "publish", "import". */
    verb: text("verb").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    summary: text("summary").notNull(),
    before: text("before", { mode: "json" }).$type<unknown>(),
    after: text("after", { mode: "json" }).$type<unknown>(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_user_idx").on(t.userId), index("audit_log_area_idx").on(t.area)],
);
