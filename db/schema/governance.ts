import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { terms, users } from "./admin";
import { AGENDA_LINKS, ATTENDANCE, BODY_KINDS, CHALLENGE_SOURCES, CHALLENGE_STATUSES, MINUTE_KINDS, REPORT_SECTIONS } from "./enums";
import { reports } from "./report";

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
    /** The board or committee meeting where it was asked, if any. */
    meetingId: text("meeting_id"),
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
  (t) => [index("challenges_term_idx").on(t.termId), index("challenges_status_idx").on(t.status), index("challenges_meeting_idx").on(t.meetingId)],
);

/** The full governing board and the committees the school names. */
export const governingBodies = sqliteTable("governing_bodies", {
  id: id(),
  name: text("name").notNull(),
  kind: text("kind", { enum: BODY_KINDS }).notNull(),
  position: integer("position").notNull().default(0),
  /** Papers go out this many days before each meeting (boards ask for seven). */
  papersDaysBefore: integer("papers_days_before").notNull().default(7),
  version: version(),
  createdAt: createdAt(),
});

export const bodyMembers = sqliteTable(
  "body_members",
  {
    bodyId: text("body_id")
      .notNull()
      .references(() => governingBodies.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("body_members_uq").on(t.bodyId, t.userId), index("body_members_user_idx").on(t.userId)],
);

/** A meeting of the board or a committee: its papers, agenda and (once held) minutes. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: id(),
    bodyId: text("body_id")
      .notNull()
      .references(() => governingBodies.id),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    date: text("date").notNull(),
    /** "18:00" */
    startTime: text("start_time").notNull(),
    /** A room or a video-call link. */
    place: text("place").notNull().default(""),
    /** The date papers are due out; by default the body's lead time before the meeting. */
    papersOutDate: text("papers_out_date").notNull(),
    /** The termly report sent as the meeting's paper. */
    reportId: text("report_id").references(() => reports.id),
    /** When minutes (attendance, a decision or an action) were first recorded. */
    minutesRecordedAt: text("minutes_recorded_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("meetings_date_idx").on(t.date), index("meetings_body_idx").on(t.bodyId)],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: id(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    linkType: text("link_type", { enum: AGENDA_LINKS }),
    linkId: text("link_id"),
  },
  (t) => [index("agenda_items_meeting_idx").on(t.meetingId)],
);

/** Attendance and apologies, one row per member per meeting. */
export const meetingAttendance = sqliteTable(
  "meeting_attendance",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ATTENDANCE }).notNull(),
  },
  (t) => [uniqueIndex("meeting_attendance_uq").on(t.meetingId, t.userId)],
);

/** Minuted decisions and actions (an action has an owner and a due date). */
export const meetingMinutes = sqliteTable(
  "meeting_minutes",
  {
    id: id(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MINUTE_KINDS }).notNull(),
    text: text("text").notNull(),
    ownerId: text("owner_id").references(() => users.id),
    dueDate: text("due_date"),
    createdAt: createdAt(),
  },
  (t) => [index("meeting_minutes_meeting_idx").on(t.meetingId)],
);

/** A governor's mark that they have read a meeting's papers. */
export const paperReads = sqliteTable(
  "paper_reads",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    readAt: text("read_at").notNull(),
  },
  (t) => [uniqueIndex("paper_reads_uq").on(t.meetingId, t.userId)],
);
