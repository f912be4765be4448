import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt, version } from "./_common";
import { classes, terms, users } from "./admin";
import { ACTIVITY_TYPES, JUDGEMENTS, OBSERVATION_STATUSES, PLANNED_TYPES, RECORD_TYPES, VISIT_KINDS, YEAR_GROUPS } from "./enums";

/** A lesson-observation form the school edits. */
export const observationTemplates = sqliteTable("observation_templates", {
  id: id(),
  name: text("name").notNull(),
  isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
  archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const observationTemplateCriteria = sqliteTable(
  "observation_template_criteria",
  {
    id: id(),
    templateId: text("template_id")
      .notNull()
      .references(() => observationTemplates.id, { onDelete: "cascade" }),
    heading: text("heading").notNull(),
    label: text("label").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("otc_template_idx").on(t.templateId)],
);

/** A lesson observation: names a teacher, so only leaders and that teacher may read it. */
export const observations = sqliteTable(
  "observations",
  {
    id: id(),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    date: text("date").notNull(),
    teacherId: text("teacher_id")
      .notNull()
      .references(() => users.id),
    classId: text("class_id").references(() => classes.id),
    yearGroup: text("year_group", { enum: YEAR_GROUPS }),
    subject: text("subject").notNull(),
    templateId: text("template_id").references(() => observationTemplates.id),
    strengths: text("strengths").notNull().default(""),
    areasForDevelopment: text("areas_for_development").notNull().default(""),
    nextSteps: text("next_steps").notNull().default(""),
    followUpDate: text("follow_up_date"),
    /** Only when the school switches lesson grading on. */
    grade: text("grade"),
    status: text("status", { enum: OBSERVATION_STATUSES }).notNull().default("shared"),
    teacherResponse: text("teacher_response"),
    acknowledgedAt: text("acknowledged_at"),
    createdById: text("created_by_id").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("observations_term_idx").on(t.termId), index("observations_teacher_idx").on(t.teacherId)],
);

export const observationObservers = sqliteTable(
  "observation_observers",
  {
    observationId: text("observation_id")
      .notNull()
      .references(() => observations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("observation_observers_uq").on(t.observationId, t.userId)],
);

/** One criterion judged in an observation; heading and label are copied so template edits never rewrite history. */
export const observationJudgements = sqliteTable(
  "observation_judgements",
  {
    id: id(),
    observationId: text("observation_id")
      .notNull()
      .references(() => observations.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id"),
    heading: text("heading").notNull(),
    label: text("label").notNull(),
    judgement: text("judgement", { enum: JUDGEMENTS }).notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("observation_judgements_obs_idx").on(t.observationId)],
);

/** Learning walks, work scrutiny, pupil voice and drop-ins: summaries name no teacher. */
export const monitoringActivities = sqliteTable(
  "monitoring_activities",
  {
    id: id(),
    type: text("type", { enum: ACTIVITY_TYPES }).notNull(),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    date: text("date").notNull(),
    leadId: text("lead_id").references(() => users.id),
    subject: text("subject"),
    /** Classes or year groups visited, as free text ("Y3, Y4, Y5"). */
    classesVisited: text("classes_visited").notNull().default(""),
    strengths: text("strengths").notNull().default(""),
    areasToDevelop: text("areas_to_develop").notNull().default(""),
    actions: text("actions").notNull().default(""),
    createdById: text("created_by_id").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("monitoring_activities_term_idx").on(t.termId)],
);

export const activityParticipants = sqliteTable(
  "activity_participants",
  {
    activityId: text("activity_id")
      .notNull()
      .references(() => monitoringActivities.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("activity_participants_uq").on(t.activityId, t.userId)],
);

/** Governor and adviser visits. */
export const visits = sqliteTable(
  "visits",
  {
    id: id(),
    kind: text("kind", { enum: VISIT_KINDS }).notNull(),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    date: text("date").notNull(),
    visitorId: text("visitor_id")
      .notNull()
      .references(() => users.id),
    /** e.g. "Joint Annual Review", "Termly monitoring visit", "Link governor visit". */
    visitType: text("visit_type").notNull().default(""),
    purpose: text("purpose").notNull().default(""),
    seen: text("seen").notNull().default(""),
    questions: text("questions").notNull().default(""),
    followUp: text("follow_up").notNull().default(""),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("visits_term_idx").on(t.termId), index("visits_visitor_idx").on(t.visitorId)],
);

/**
 * What a monitoring record tests: a plan strand and/or a SEF area. One table for every record type
 * (observation, activity, visit), so "strands with no monitoring evidence this term" is one query.
 */
export const monitoringFoci = sqliteTable(
  "monitoring_foci",
  {
    id: id(),
    recordType: text("record_type", { enum: RECORD_TYPES }).notNull(),
    recordId: text("record_id").notNull(),
    strandId: text("strand_id"),
    areaKey: text("area_key"),
  },
  (t) => [index("monitoring_foci_record_idx").on(t.recordType, t.recordId), index("monitoring_foci_strand_idx").on(t.strandId)],
);

/** The monitoring calendar: planned activities per term, marked done when carried out. */
export const plannedMonitoring = sqliteTable(
  "planned_monitoring",
  {
    id: id(),
    termId: text("term_id")
      .notNull()
      .references(() => terms.id),
    type: text("type", { enum: PLANNED_TYPES }).notNull(),
    title: text("title").notNull(),
    plannedDate: text("planned_date"),
    leadId: text("lead_id").references(() => users.id),
    strandId: text("strand_id"),
    done: integer("done", { mode: "boolean" }).notNull().default(false),
    /** The record that carried it out, once done. */
    recordType: text("record_type", { enum: RECORD_TYPES }),
    recordId: text("record_id"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [index("planned_monitoring_term_idx").on(t.termId), index("planned_monitoring_lead_idx").on(t.leadId)],
);

/**
 * Evidence cited by a SEF area, a review or a report section. Points at any record type (or a URL),
 * so new record types become citable without a schema change.
 */
export const evidenceLinks = sqliteTable(
  "evidence_links",
  {
    id: id(),
    ownerType: text("owner_type", { enum: RECORD_TYPES }).notNull(),
    ownerId: text("owner_id").notNull(),
    targetType: text("target_type", { enum: RECORD_TYPES }).notNull(),
    targetId: text("target_id"),
    label: text("label").notNull(),
    url: text("url"),
    createdById: text("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_links_owner_idx").on(t.ownerType, t.ownerId), index("evidence_links_target_idx").on(t.targetType, t.targetId)],
);
