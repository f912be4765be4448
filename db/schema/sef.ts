import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { academicYears, frameworks, users } from "./admin";

/** One SEF per academic year; the row is the live draft, publications are kept in sef_versions. */
export const sefs = sqliteTable(
  "sefs",
  {
    id: id(),
    academicYearId: text("academic_year_id")
      .notNull()
      .references(() => academicYears.id),
    frameworkId: text("framework_id")
      .notNull()
      .references(() => frameworks.id),
    overallSummary: text("overall_summary").notNull().default(""),
    /** Free-text context the head adds; numbers on roll and group percentages are computed, never typed. */
    contextNotes: text("context_notes").notNull().default(""),
    updatedById: text("updated_by_id").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("sefs_year_uq").on(t.academicYearId)],
);

/** The school's judgement of one evaluation area of the framework. */
export const sefAreas = sqliteTable(
  "sef_areas",
  {
    id: id(),
    sefId: text("sef_id")
      .notNull()
      .references(() => sefs.id, { onDelete: "cascade" }),
    /** The framework's area id, e.g. "curriculum_teaching". */
    areaKey: text("area_key").notNull(),
    /** A grade id from the area's scale, e.g. "expected_standard" or "met". */
    grade: text("grade"),
    strengths: text("strengths").notNull().default(""),
    updatedById: text("updated_by_id").references(() => users.id),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("sef_areas_uq").on(t.sefId, t.areaKey)],
);

/** Areas for development are rows so that each one can become, and be answered by, a plan strand. */
export const sefDevelopmentPoints = sqliteTable(
  "sef_development_points",
  {
    id: id(),
    sefAreaId: text("sef_area_id")
      .notNull()
      .references(() => sefAreas.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
    version: version(),
  },
  (t) => [index("sef_dev_points_area_idx").on(t.sefAreaId)],
);

/** Every publication of the SEF, frozen as a JSON snapshot so any two can be compared. */
export const sefVersions = sqliteTable(
  "sef_versions",
  {
    id: id(),
    sefId: text("sef_id")
      .notNull()
      .references(() => sefs.id),
    number: integer("number").notNull(),
    publishedAt: text("published_at").notNull(),
    publishedById: text("published_by_id")
      .notNull()
      .references(() => users.id),
    note: text("note"),
    snapshot: text("snapshot", { mode: "json" }).notNull().$type<unknown>(),
  },
  (t) => [uniqueIndex("sef_versions_uq").on(t.sefId, t.number)],
);
