import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { PHASES, ROLES, TERM_NAMES, YEAR_GROUPS, ASSESSMENT_SCHEMES } from "./enums";

/** The one school this installation serves (a single row). */
export const schools = sqliteTable("schools", {
  id: id(),
  name: text("name").notNull(),
  urn: text("urn"),
  phase: text("phase", { enum: PHASES }).notNull(),
  ageRange: text("age_range"),
  localAuthority: text("local_authority"),
  trust: text("trust"),
  vision: text("vision"),
  aims: text("aims"),
  frameworkId: text("framework_id").notNull(),
  assessmentScheme: text("assessment_scheme", { enum: ASSESSMENT_SCHEMES }).notNull().default("primary"),
  hasEarlyYears: integer("has_early_years", { mode: "boolean" }).notNull().default(false),
  hasSixthForm: integer("has_sixth_form", { mode: "boolean" }).notNull().default(false),
  lastInspectionDate: text("last_inspection_date"),
  lastInspectionOutcome: text("last_inspection_outcome"),
  /** Lessons are not graded unless the school switches grading on (SPEC §3.5). */
  lessonGradingEnabled: integer("lesson_grading_enabled", { mode: "boolean" }).notNull().default(false),
  /** Roles that must use a second factor (JSON array of roles). */
  totpRequiredRoles: text("totp_required_roles", { mode: "json" }).$type<string[]>().notNull().default([]),
  /**
   * When the roles above last gained a role (ISO): a user of a required role has a grace period from
   * this moment or from their account's creation, whichever is later, to set up their second factor.
   */
  totpRequiredSince: text("totp_required_since"),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const academicYears = sqliteTable(
  "academic_years",
  {
    id: id(),
    /** e.g. "2025-26" */
    name: text("name").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    isCurrent: integer("is_current", { mode: "boolean" }).notNull().default(false),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("academic_years_name_uq").on(t.name)],
);

export const terms = sqliteTable(
  "terms",
  {
    id: id(),
    academicYearId: text("academic_year_id")
      .notNull()
      .references(() => academicYears.id),
    name: text("name", { enum: TERM_NAMES }).notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    version: version(),
  },
  (t) => [uniqueIndex("terms_year_name_uq").on(t.academicYearId, t.name)],
);

export const users = sqliteTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Job title or governor type, e.g. "Year 6 teacher", "Chair of governors". */
    jobTitle: text("job_title"),
    /** Teaching staff are expected to be observed each term (coverage). */
    isTeaching: integer("is_teaching", { mode: "boolean" }).notNull().default(false),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    totpSecret: text("totp_secret"),
    totpEnabled: integer("totp_enabled", { mode: "boolean" }).notNull().default(false),
    /** The last 30-second time step whose code was accepted: a code is accepted once, never again or older. */
    totpLastStep: integer("totp_last_step"),
    /**
     * Bumped whenever the user is disabled, changes role or password: every session carries the
     * value it was issued with and is refused on its next request once they differ.
     */
    sessionGeneration: integer("session_generation").notNull().default(1),
    lastSignInAt: text("last_sign_in_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/** One row per failed sign-in, keyed by account and by address, for throttling. */
export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    id: id(),
    key: text("key").notNull(),
    attemptedAt: integer("attempted_at").notNull(),
  },
  (t) => [index("sign_in_attempts_key_idx").on(t.key, t.attemptedAt)],
);

/**
 * One row per signed-in session (the session cookie carries its id). Signing out deletes it, so the
 * cookie is refused at once on the server; "sign out everywhere" and the head delete them all.
 */
export const userSessions = sqliteTable(
  "user_sessions",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: text("last_seen_at").notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/** Ten one-time recovery codes per user with a second factor, stored as argon2id hashes. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** A class (form) in an academic year, e.g. "Oak" in Y6. */
export const classes = sqliteTable(
  "classes",
  {
    id: id(),
    academicYearId: text("academic_year_id")
      .notNull()
      .references(() => academicYears.id),
    name: text("name").notNull(),
    yearGroup: text("year_group", { enum: YEAR_GROUPS }),
    version: version(),
  },
  (t) => [uniqueIndex("classes_year_name_uq").on(t.academicYearId, t.name)],
);

/** Teachers of a class: "their own classes" in SPEC §1. */
export const classTeachers = sqliteTable(
  "class_teachers",
  {
    classId: text("class_id")
      .notNull()
      .references(() => classes.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("class_teachers_uq").on(t.classId, t.userId), index("class_teachers_user_idx").on(t.userId)],
);

/** Inspection frameworks, loaded from the data files in db/frameworks (never edited in code). */
export const frameworks = sqliteTable("frameworks", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  data: text("data", { mode: "json" }).notNull().$type<unknown>(),
  updatedAt: updatedAt(),
});
