import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { terms, users } from "./admin";
import { CHALLENGE_SOURCES, CHALLENGE_STATUSES, REPORT_SECTIONS } from "./enums";

/** The challenge log: governors' questions and leaders' answers. */
export const challenges = sqliteTable(
  "challenges",
  {
    id: id(),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    raisedById: text("raised_by_id")
      .notNull()
      .references(() => users.id),
    raisedOn: text("raised_on").notNull(),
    source: text("source", { enum: CHALLENGE_SOURCES }).notNull(),
    strandId: text("strand_id"),
    areaKey: text("area_key"),
    reportId: text("report_id"),
    reportSection: text("report_section", { enum: REPORT_SECTIONS }),
    visitId: text("visit_id"),
    question: text("question").notNull(),
    /** The leader who owns the answer. */
    ownerId: text("owner_id").references(() => users.id),
    answer: text("answer"),
    answeredById: text("answered_by_id").references(() => users.id),
    answeredAt: text("answered_at"),
    status: text("status", { enum: CHALLENGE_STATUSES }).notNull().default("open"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("challenges_term_idx").on(t.termId), index("challenges_status_idx").on(t.status)],
);
