import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { schools, terms, users } from "./admin";
import { REPORT_STATUSES, type ReportSection, type ReportSectionMark } from "./enums";

/** The headteacher's termly report to governors: a live draft, then a frozen snapshot once published. */
export const reports = sqliteTable(
  "reports",
  {
    id: id(),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    publishedAt: text("published_at"),
    publishedById: text("published_by_id").references(() => users.id),
    /** The whole report's data as governors received it; later data changes never alter it. */
    snapshot: text("snapshot", { mode: "json" }).$type<unknown>(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("reports_term_uq").on(t.termId)],
);

/**
 * The head's narrative, one row per section (or per strand within the plan section, key "plan:<strandId>"),
 * so SLT can draft their strands' narrative without overwriting the head's other sections.
 */
export const reportNarratives = sqliteTable(
  "report_narratives",
  {
    id: id(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    sectionKey: text("section_key").notNull(),
    body: text("body").notNull().default(""),
    updatedById: text("updated_by_id").references(() => users.id),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("report_narratives_uq").on(t.reportId, t.sectionKey)],
);

/**
 * The board's format for the termly report, one row for the school: which sections appear, in what
 * order, how each is put to the board (for decision, discussion or information), and a target length
 * in A4 pages. Drafts follow it as it is now; a published report keeps the format frozen in its snapshot.
 */
export const reportFormats = sqliteTable(
  "report_formats",
  {
    id: id(),
    schoolId: text("school_id")
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
    /** Every section once, in the board's order: [{ key, include, mark }]. */
    sections: text("sections", { mode: "json" }).$type<{ key: ReportSection; include: boolean; mark: ReportSectionMark }[]>().notNull(),
    targetPages: integer("target_pages").notNull().default(10),
    updatedById: text("updated_by_id").references(() => users.id),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("report_formats_school_uq").on(t.schoolId)],
);
