import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { classes, terms, users } from "./admin";
import { pupils } from "./pupils";
import { PPM_ITEM_STATUSES, PPM_OUTCOME_KINDS } from "./enums";

// The outcome kinds live with the other enums, so forms can import them without the table definitions.
export { PPM_OUTCOME_KINDS, type PpmOutcomeKind } from "./enums";

/** A pupil progress meeting for one class in one term. */
export const progressMeetings = sqliteTable(
  "progress_meetings",
  {
    id: id(),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    classId: text("class_id")
      .notNull()
      .references(() => classes.id),
    date: text("date").notNull(),
    teacherId: text("teacher_id").references(() => users.id),
    notes: text("notes").notNull().default(""),
    createdById: text("created_by_id").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("progress_meetings_uq").on(t.termId, t.classId)],
);

export const progressMeetingAttendees = sqliteTable(
  "progress_meeting_attendees",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => progressMeetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("ppm_attendees_uq").on(t.meetingId, t.userId)],
);

/** A pupil discussed at a meeting: the concern, the agreed action and, at the next meeting, its outcome. */
export const progressMeetingItems = sqliteTable(
  "progress_meeting_items",
  {
    id: id(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => progressMeetings.id, { onDelete: "cascade" }),
    pupilId: text("pupil_id")
      .notNull()
      .references(() => pupils.id),
    subject: text("subject"),
    concern: text("concern").notNull(),
    action: text("action").notNull().default(""),
    ownerId: text("owner_id").references(() => users.id),
    reviewDate: text("review_date"),
    outcome: text("outcome"),
    outcomeKind: text("outcome_kind", { enum: PPM_OUTCOME_KINDS }),
    /** The meeting at which the outcome was recorded (normally the class's next meeting). */
    outcomeMeetingId: text("outcome_meeting_id").references(() => progressMeetings.id),
    status: text("status", { enum: PPM_ITEM_STATUSES }).notNull().default("open"),
    /** The item of an earlier meeting this one carries forward. */
    carriedFromId: text("carried_from_id"),
    version: version(),
  },
  (t) => [index("ppm_items_meeting_idx").on(t.meetingId), index("ppm_items_pupil_idx").on(t.pupilId)],
);
