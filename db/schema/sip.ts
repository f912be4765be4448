import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { academicYears, terms, users } from "./admin";
import { sefDevelopmentPoints } from "./sef";
import { ACTION_STATUSES, CRITERION_KINDS, CRITERION_METRICS, PUPIL_GROUPS, RAGS, TERM_NAMES, YEAR_GROUPS } from "./enums";

/** One improvement plan per academic year. */
export const plans = sqliteTable(
  "plans",
  {
    id: id(),
    academicYearId: text("academic_year_id")
      .notNull()
      .references(() => academicYears.id),
    title: text("title").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("plans_year_uq").on(t.academicYearId)],
);

/** A priority of the plan. */
export const strands = sqliteTable(
  "strands",
  {
    id: id(),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    rationale: text("rationale").notNull().default(""),
    leadId: text("lead_id").references(() => users.id),
    linkGovernorId: text("link_governor_id").references(() => users.id),
    /** Visits a year the link governor is expected to make for this strand. */
    linkVisitsPerYear: integer("link_visits_per_year").notNull().default(3),
    /** Set when the strand was carried forward from last year's plan. */
    carriedFromId: text("carried_from_id"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("strands_plan_idx").on(t.planId), index("strands_lead_idx").on(t.leadId)],
);

/** The golden thread: which SEF area (and optionally which area for development) a strand answers. */
export const strandSefLinks = sqliteTable(
  "strand_sef_links",
  {
    id: id(),
    strandId: text("strand_id")
      .notNull()
      .references(() => strands.id, { onDelete: "cascade" }),
    areaKey: text("area_key").notNull(),
    developmentPointId: text("development_point_id").references(() => sefDevelopmentPoints.id, {
      onDelete: "set null",
    }),
  },
  (t) => [index("strand_sef_links_strand_idx").on(t.strandId)],
);

export const successCriteria = sqliteTable(
  "success_criteria",
  {
    id: id(),
    strandId: text("strand_id")
      .notNull()
      .references(() => strands.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    kind: text("kind", { enum: CRITERION_KINDS }).notNull(),
    description: text("description").notNull(),
    /** The one criterion shown on the plan on a page. */
    isHeadline: integer("is_headline", { mode: "boolean" }).notNull().default(false),
    metric: text("metric", { enum: CRITERION_METRICS }),
    yearGroup: text("year_group", { enum: YEAR_GROUPS }),
    /** A subject of the assessment scheme, or "rwm". */
    subject: text("subject"),
    pupilGroup: text("pupil_group", { enum: PUPIL_GROUPS }),
    /** For manual metrics: the unit shown, e.g. "%". */
    unit: text("unit"),
    baseline: real("baseline"),
    target: real("target"),
    /** true where a lower value is better (a gap, persistent absence). */
    lowerIsBetter: integer("lower_is_better", { mode: "boolean" }).notNull().default(false),
    dueTermId: text("due_term_id").references(() => terms.id),
    version: version(),
  },
  (t) => [index("success_criteria_strand_idx").on(t.strandId)],
);

/** Values recorded by hand for manual metrics (e.g. attendance %), one per term. */
export const criterionValues = sqliteTable(
  "criterion_values",
  {
    id: id(),
    criterionId: text("criterion_id")
      .notNull()
      .references(() => successCriteria.id, { onDelete: "cascade" }),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    value: real("value").notNull(),
    note: text("note"),
    recordedById: text("recorded_by_id").references(() => users.id),
    recordedAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex("criterion_values_uq").on(t.criterionId, t.termId)],
);

/** A task in the plan. Called planActions in code to keep "action" for server actions. */
export const planActions = sqliteTable(
  "plan_actions",
  {
    id: id(),
    strandId: text("strand_id")
      .notNull()
      .references(() => strands.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    description: text("description").notNull(),
    ownerId: text("owner_id").references(() => users.id),
    startDate: text("start_date"),
    dueDate: text("due_date"),
    /** Whole pence, so totals add up exactly. */
    costPence: integer("cost_pence").notNull().default(0),
    resources: text("resources").notNull().default(""),
    monitoring: text("monitoring").notNull().default(""),
    monitoredById: text("monitored_by_id").references(() => users.id),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("not_started"),
    notes: text("notes").notNull().default(""),
    completedAt: text("completed_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("plan_actions_strand_idx").on(t.strandId), index("plan_actions_owner_idx").on(t.ownerId), index("plan_actions_due_idx").on(t.dueDate)],
);

export const planActionSupporters = sqliteTable(
  "plan_action_supporters",
  {
    actionId: text("action_id")
      .notNull()
      .references(() => planActions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("plan_action_supporters_uq").on(t.actionId, t.userId)],
);

/** What should be true by the end of each term. */
export const milestones = sqliteTable(
  "milestones",
  {
    id: id(),
    strandId: text("strand_id")
      .notNull()
      .references(() => strands.id, { onDelete: "cascade" }),
    term: text("term", { enum: TERM_NAMES }).notNull(),
    description: text("description").notNull(),
    /** null = not yet judged. */
    met: integer("met", { mode: "boolean" }),
    position: integer("position").notNull().default(0),
    version: version(),
  },
  (t) => [index("milestones_strand_idx").on(t.strandId)],
);

/** The termly review of a strand. */
export const reviews = sqliteTable(
  "reviews",
  {
    id: id(),
    strandId: text("strand_id")
      .notNull()
      .references(() => strands.id, { onDelete: "cascade" }),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    rag: text("rag", { enum: RAGS }).notNull(),
    progress: text("progress").notNull().default(""),
    impact: text("impact").notNull().default(""),
    nextSteps: text("next_steps").notNull().default(""),
    reviewerId: text("reviewer_id").references(() => users.id),
    reviewedOn: text("reviewed_on").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("reviews_strand_term_uq").on(t.strandId, t.termId), index("reviews_term_idx").on(t.termId)],
);

/** Governors comment on reviews as critical friends. */
export const reviewComments = sqliteTable(
  "review_comments",
  {
    id: id(),
    reviewId: text("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("review_comments_review_idx").on(t.reviewId)],
);
