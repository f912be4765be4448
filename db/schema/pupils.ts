import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { academicYears, classes, terms } from "./admin";
import { GENDERS, IMPORT_MAPPING_KINDS, SEN_CODES, YEAR_GROUPS } from "./enums";

/** A pupil in one academic year (re-imported each year from the MIS, matched by UPN). */
export const pupils = sqliteTable(
  "pupils",
  {
    id: id(),
    academicYearId: text("academic_year_id")
      .notNull()
      .references(() => academicYears.id),
    upn: text("upn").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    yearGroup: text("year_group", { enum: YEAR_GROUPS }).notNull(),
    classId: text("class_id").references(() => classes.id),
    gender: text("gender", { enum: GENDERS }).notNull(),
    disadvantaged: integer("disadvantaged", { mode: "boolean" }).notNull().default(false),
    fsm: integer("fsm", { mode: "boolean" }).notNull().default(false),
    sen: text("sen", { enum: SEN_CODES }).notNull().default("N"),
    eal: integer("eal", { mode: "boolean" }).notNull().default(false),
    lookedAfter: integer("looked_after", { mode: "boolean" }).notNull().default(false),
    version: version(),
  },
  (t) => [
    uniqueIndex("pupils_year_upn_uq").on(t.academicYearId, t.upn),
    index("pupils_year_group_idx").on(t.academicYearId, t.yearGroup),
    index("pupils_class_idx").on(t.classId),
    // A child's records across the years are found by UPN (their record page, their history).
    index("pupils_upn_idx").on(t.upn),
  ],
);

/** One result per pupil, term and subject (the import's match key). */
export const assessmentResults = sqliteTable(
  "assessment_results",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id, { onDelete: "cascade" }),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    subject: text("subject").notNull(),
    /** A result code of the school's scheme: PKS/WTS/EXS/GDS, or a GCSE grade 1–9. */
    result: text("result").notNull(),
    /** Secondary scheme: the pupil's target grade. */
    target: text("target"),
  },
  (t) => [
    uniqueIndex("assessment_results_uq").on(t.pupilId, t.termId, t.subject),
    // Covers the analysis query (a term's results by subject) so it reads the index alone: with ten
    // years of history a term's rows are scattered across the table.
    index("assessment_results_term_idx").on(t.termId, t.subject, t.pupilId, t.result),
  ],
);

/**
 * A column and value mapping the school saved under a name for an MIS export's shape (which column is
 * which, and how its unknown values translate), offered on the next import of that kind.
 */
export const importMappings = sqliteTable(
  "import_mappings",
  {
    id: id(),
    kind: text("kind", { enum: IMPORT_MAPPING_KINDS }).notNull(),
    name: text("name").notNull(),
    /** JSON: { columns: { field: header }, values: { field: { value: canonical } } } (lib/import/mapping). */
    mapping: text("mapping").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex("import_mappings_kind_name_uq").on(t.kind, t.name)],
);

export type ImportMappingRow = typeof importMappings.$inferSelect;
