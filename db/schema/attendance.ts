import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id } from "./_common";
import { terms } from "./admin";
import { SUSPENSION_TYPES } from "./enums";
import { pupils } from "./pupils";

/**
 * A pupil's attendance for one term, in sessions (a morning or an afternoon), as the MIS reports it
 * (SPEC §4.5). attended + authorised + unauthorised = possible; the import checks it.
 */
export const attendanceRecords = sqliteTable(
  "attendance_records",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id, { onDelete: "cascade" }),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    possibleSessions: integer("possible_sessions").notNull(),
    attendedSessions: integer("attended_sessions").notNull(),
    authorisedAbsence: integer("authorised_absence").notNull(),
    unauthorisedAbsence: integer("unauthorised_absence").notNull(),
  },
  (t) => [
    uniqueIndex("attendance_records_uq").on(t.pupilId, t.termId),
    // Covers the analysis query (a term's sessions), so it reads the index alone, as for assessment results.
    index("attendance_records_term_idx").on(t.termId, t.pupilId, t.possibleSessions, t.attendedSessions),
  ],
);

/**
 * A suspension or permanent exclusion, recorded against the pupil's record for the academic year of its
 * start date and the term that date falls in. Matched on re-import by pupil, start date and type.
 */
export const suspensions = sqliteTable(
  "suspensions",
  {
    id: id(),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id, { onDelete: "cascade" }),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    startDate: text("start_date").notNull(),
    /** School days; suspensions may be half days (0.5). */
    days: real("days").notNull(),
    type: text("type", { enum: SUSPENSION_TYPES }).notNull(),
  },
  (t) => [uniqueIndex("suspensions_uq").on(t.pupilId, t.startDate, t.type), index("suspensions_term_idx").on(t.termId)],
);
