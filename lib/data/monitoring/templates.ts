import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { observationTemplateCriteria, observationTemplates } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { TemplateCriterionInput } from "@/lib/validation/monitoring";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { writeTransaction } from "../transaction";
import { now } from "./shared";

// ---- Observation templates ---------------------------------------------------------------------

export type Template = typeof observationTemplates.$inferSelect;
export type TemplateCriterion = { id: string; heading: string; label: string; position: number };
export type TemplateWithCriteria = Template & { criteria: TemplateCriterion[] };

export const DEFAULT_TEMPLATE_NAME = "Curriculum and teaching";

/**
 * The default lesson-observation form, built around the framework's curriculum and teaching area:
 * what a developmental observation looks for, never a lesson grade.
 */
export const DEFAULT_TEMPLATE_CRITERIA: { heading: string; label: string }[] = [
  { heading: "Curriculum and sequencing", label: "The lesson builds on what pupils already know and fits the planned sequence of learning" },
  { heading: "Curriculum and sequencing", label: "Pupils are learning the knowledge and skills the curriculum sets out for this unit" },
  { heading: "Explanation and modelling", label: "Explanations are clear, accurate and broken into manageable steps" },
  { heading: "Explanation and modelling", label: "The teacher models and uses worked examples before pupils practise independently" },
  { heading: "Checking understanding and feedback", label: "Questioning checks the understanding of all pupils, not only volunteers" },
  { heading: "Checking understanding and feedback", label: "Misconceptions are spotted and addressed during the lesson" },
  { heading: "Checking understanding and feedback", label: "Feedback helps pupils improve their work there and then" },
  { heading: "Adaptation and inclusion", label: "Pupils with SEND access the same ambitious curriculum, with well-judged adaptations" },
  { heading: "Adaptation and inclusion", label: "Disadvantaged pupils and those who are behind get the help they need to keep up" },
  { heading: "Adaptation and inclusion", label: "Other adults are deployed well to support learning" },
  { heading: "Reading and vocabulary", label: "Pupils read often in the lesson and their fluency is supported" },
  { heading: "Reading and vocabulary", label: "Subject vocabulary is taught explicitly and pupils use it accurately" },
  { heading: "Behaviour and attitudes to learning", label: "Routines are secure and lesson time is used well" },
  { heading: "Behaviour and attitudes to learning", label: "Pupils are attentive, engaged and show positive attitudes to learning" },
  { heading: "Behaviour and attitudes to learning", label: "Relationships are respectful and pupils feel safe to have a go" },
];

/** Templates, default first then by name; each with how many criteria it has. */
export function listTemplates({ includeArchived = true }: { includeArchived?: boolean } = {}, db: DbOrTx = defaultDb): (Template & { criteriaCount: number })[] {
  const rows = db
    .select({ template: observationTemplates, criteriaCount: sql<number>`(select count(*) from observation_template_criteria c where c.template_id = "observation_templates"."id")` })
    .from(observationTemplates)
    .where(includeArchived ? undefined : eq(observationTemplates.archived, false))
    .orderBy(desc(observationTemplates.isDefault), asc(observationTemplates.name))
    .all();
  return rows.map((r) => ({ ...r.template, criteriaCount: r.criteriaCount }));
}

export function criteriaOf(templateId: string, db: DbOrTx): TemplateCriterion[] {
  return db
    .select({ id: observationTemplateCriteria.id, heading: observationTemplateCriteria.heading, label: observationTemplateCriteria.label, position: observationTemplateCriteria.position })
    .from(observationTemplateCriteria)
    .where(eq(observationTemplateCriteria.templateId, templateId))
    .orderBy(asc(observationTemplateCriteria.position))
    .all();
}

export function getTemplate({ id }: { id: string }, db: DbOrTx = defaultDb): TemplateWithCriteria {
  const row = db.select().from(observationTemplates).where(eq(observationTemplates.id, id)).get();
  if (!row) throw new NotFoundError("That observation template");
  return { ...row, criteria: criteriaOf(id, db) };
}

/** Templates that may be used for a new observation, with their criteria: the default first. */
export function listActiveTemplates(db: DbOrTx = defaultDb): TemplateWithCriteria[] {
  return listTemplates({ includeArchived: false }, db).map((t) => ({ ...t, criteria: criteriaOf(t.id, db) }));
}

function insertCriteria(templateId: string, criteria: { heading: string; label: string }[], tx: DbOrTx) {
  criteria.forEach((c, position) => tx.insert(observationTemplateCriteria).values({ templateId, heading: c.heading, label: c.label, position }).run());
}

/**
 * A new template, starting from the default criteria, blank, or a copy of another template. The first
 * template a school makes becomes its default.
 */
export function createTemplate(
  { name, startFrom, actor }: { name: string; startFrom: string; actor: Actor },
  db: DbOrTx = defaultDb,
): Template {
  return writeTransaction(db, (tx) => {
    let criteria: { heading: string; label: string }[];
    if (startFrom === "default") criteria = DEFAULT_TEMPLATE_CRITERIA;
    else if (startFrom === "blank") criteria = [];
    else {
      const source = tx.select({ id: observationTemplates.id }).from(observationTemplates).where(eq(observationTemplates.id, startFrom)).get();
      if (!source) throw new ValidationError("That template to copy was not found.", { startFrom: ["Choose a template to copy"] });
      criteria = criteriaOf(source.id, tx);
    }
    const isFirst = !tx.select({ id: observationTemplates.id }).from(observationTemplates).get();
    const row = tx.insert(observationTemplates).values({ name, isDefault: isFirst }).returning().get();
    insertCriteria(row.id, criteria, tx);
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "observation_template", entityId: row.id, summary: `Created observation template "${name}"`, after: getTemplate({ id: row.id }, tx) }, tx);
    return row;
  });
}

/**
 * Saves a template's name and its whole list of criteria in order: kept criteria keep their ids, new
 * ones are added and removed ones deleted. Past observations are untouched: each copied the heading and
 * wording it was judged against.
 */
export function updateTemplate(
  { id, version, name, criteria, actor }: { id: string; version: number; name: string; criteria: TemplateCriterionInput[]; actor: Actor },
  db: DbOrTx = defaultDb,
): TemplateWithCriteria {
  return writeTransaction(db, (tx) => {
    const before = getTemplate({ id }, tx);
    const result = tx
      .update(observationTemplates)
      .set({ name, version: bumpVersion, updatedAt: now() })
      .where(and(eq(observationTemplates.id, id), eq(observationTemplates.version, version)))
      .run();
    assertUpdated(result, "This template");
    const existing = new Set(before.criteria.map((c) => c.id));
    const kept = new Set<string>();
    criteria.forEach((c, position) => {
      if (c.criterionId && existing.has(c.criterionId) && !kept.has(c.criterionId)) {
        kept.add(c.criterionId);
        tx.update(observationTemplateCriteria).set({ heading: c.heading, label: c.label, position }).where(eq(observationTemplateCriteria.id, c.criterionId)).run();
      } else {
        tx.insert(observationTemplateCriteria).values({ templateId: id, heading: c.heading, label: c.label, position }).run();
      }
    });
    const removed = before.criteria.filter((c) => !kept.has(c.id)).map((c) => c.id);
    if (removed.length) tx.delete(observationTemplateCriteria).where(inArray(observationTemplateCriteria.id, removed)).run();
    const after = getTemplate({ id }, tx);
    writeAudit({ actor, area: "monitoring", verb: "update", entityType: "observation_template", entityId: id, summary: `Updated observation template "${name}" (${after.criteria.length} criteria)`, before, after }, tx);
    return after;
  });
}

/** Archive, restore or make default. The default template cannot be archived: make another the default first. */
export function setTemplateState(
  { id, version, operation, actor }: { id: string; version: number; operation: "archive" | "restore" | "make_default"; actor: Actor },
  db: DbOrTx = defaultDb,
): Template {
  return writeTransaction(db, (tx) => {
    const before = getTemplate({ id }, tx);
    const changes: Partial<Template> = {};
    if (operation === "archive") {
      if (before.isDefault) throw new ValidationError("The default template cannot be archived. Make another template the default first.");
      changes.archived = true;
    } else if (operation === "restore") {
      changes.archived = false;
    } else {
      if (before.archived) throw new ValidationError("Restore this template before making it the default.");
      tx.update(observationTemplates).set({ isDefault: false }).where(eq(observationTemplates.isDefault, true)).run();
      changes.isDefault = true;
    }
    const result = tx
      .update(observationTemplates)
      .set({ ...changes, version: bumpVersion, updatedAt: now() })
      .where(and(eq(observationTemplates.id, id), eq(observationTemplates.version, version)))
      .run();
    assertUpdated(result, "This template");
    const after = tx.select().from(observationTemplates).where(eq(observationTemplates.id, id)).get()!;
    const verb = operation === "make_default" ? "make-default" : operation;
    writeAudit({ actor, area: "monitoring", verb, entityType: "observation_template", entityId: id, summary: `${operation === "archive" ? "Archived" : operation === "restore" ? "Restored" : "Made default"} observation template "${before.name}"`, before, after }, tx);
    return after;
  });
}
