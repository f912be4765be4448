import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./_common";
import { users } from "./admin";
import { EMAIL_STATES, NOTIFICATION_KINDS } from "./enums";

/**
 * What a user is told, in the app and (by their choice) by email. `key` is unique: it names the event
 * ("challenge_answered:<id>:<answeredAt>"), so however often a pass runs nothing is told twice.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    key: text("key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    /** Safe to send by email: never a pupil's name, a UPN or observation text. */
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** A path inside the app; the page asks for a sign-in. */
    link: text("link").notNull(),
    /** false when the user switched this kind off in the app (kept so the key still blocks a repeat). */
    inApp: integer("in_app", { mode: "boolean" }).notNull().default(true),
    readAt: text("read_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notifications_key_uq").on(t.key), index("notifications_user_idx").on(t.userId, t.readAt)],
);

/** Each email, as sent or as it would have been sent; retried with back-off until it goes or fails. */
export const emailMessages = sqliteTable(
  "email_messages",
  {
    id: id(),
    notificationId: text("notification_id")
      .notNull()
      .references(() => notifications.id),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    state: text("state", { enum: EMAIL_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    sentAt: text("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_messages_notification_uq").on(t.notificationId), index("email_messages_state_idx").on(t.state, t.nextAttemptAt)],
);

/** A user's choice per kind; no row means the default (in the app and by email). */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    inApp: integer("in_app", { mode: "boolean" }).notNull().default(true),
    email: integer("email", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [uniqueIndex("notification_preferences_uq").on(t.userId, t.kind)],
);

/** A named lease, so two app processes never run the same job at once. */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: text("expires_at").notNull(),
});

/** A user's private calendar feed: only the SHA-256 of the token is kept; resetting it revokes the old URL. */
export const calendarTokens = sqliteTable(
  "calendar_tokens",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_tokens_hash_uq").on(t.tokenHash)],
);
