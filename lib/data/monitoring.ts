import { and, asc, desc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { applicableAreas } from "@/db/frameworks";
import {
  activityParticipants,
  classes,
  monitoringActivities,
  monitoringFoci,
  observationJudgements,
  observationObservers,
  observations,
  observationTemplateCriteria,
  observationTemplates,
  plannedMonitoring,
  plans,
  strands,
  users,
  visits,
  type ActivityType,
  type Judgement,
  type RecordType,
  type Role,
  type YearGroup,
  PLANNED_TYPES,
} from "@/db/schema";
import {
  computeCoverage,
  countMonitoring,
  recurringThemes,
  type Coverage,
  type CoverageTeacher,
  type MonitoringSummary,
} from "@/lib/analytics/monitoring";
import { findStaffNamesIn } from "@/lib/analytics/monitoring";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type {
  ActivityInput,
  ObservationInput,
  PlannedInput,
  TemplateCriterionInput,
  UpdateObservationInput,
  VisitInput,
} from "@/lib/validation/monitoring";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { assertPersonRole, STAFF_ROLES } from "./users";
import { findCurrentTerm, findSchool, findTermByKey, getFramework, getTerm, listTerms, type TermWithYear } from "./school";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "./transaction";

/**
 * Monitoring (SPEC §3.5): observation templates, lesson observations, learning walks and other
 * activities, governor and adviser visits, the monitoring calendar, coverage and the aggregates
 * governors and the termly report read. Named observations are only ever returned through functions
 * that take the viewer and apply SPEC §1 themselves; aggregates never carry a teacher's name.
 */

/** Who is asking: enough for the policy to decide. */
export type Viewer = { id: string; role: Role };

const now = nowIso;

// ---- Terms -----------------------------------------------------------------------------------

/** The term a page asks for by key ("2026-27:autumn"), or the current term. */
export function resolveTerm({ key }: { key?: string | null }, db: DbOrTx = defaultDb): TermWithYear | null {
  if (key) {
    const term = findTermByKey({ key }, db);
    if (term) return term;
  }
  return findCurrentTerm({}, db);
}

/** The term a date falls in, or a field error: every monitoring record belongs to a term. */
export function termForDate({ date, field = "date" }: { date: string; field?: string }, db: DbOrTx = defaultDb): TermWithYear {
  const term = listTerms({}, db).find((t) => t.startDate <= date && date <= t.endDate);
  if (!term) throw new ValidationError("That date is not in any of the school's terms.", { [field]: ["Enter a date within one of the school's terms"] });
  return term;
}

// ---- Focus: plan strands and SEF areas ----------------------------------------------------------

export type StrandOption = { id: string; title: string; position: number; leadId: string | null; linkGovernorId: string | null };
export type AreaOption = { key: string; name: string };
export type Focus = { strandIds: string[]; areaKeys: string[] };
export type FocusLabels = { strands: { id: string; title: string }[]; areas: AreaOption[] };

/** The strands of the plan for an academic year, in plan order (none if the year has no plan yet). */
export function listStrandsForYear({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): StrandOption[] {
  return db
    .select({ id: strands.id, title: strands.title, position: strands.position, leadId: strands.leadId, linkGovernorId: strands.linkGovernorId })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .where(eq(plans.academicYearId, academicYearId))
    .orderBy(asc(strands.position), asc(strands.title))
    .all();
}

/** The framework's evaluation areas that apply to this school. */
export function listFocusAreas(db: DbOrTx = defaultDb): AreaOption[] {
  const school = findSchool(db);
  if (!school) return [];
  return applicableAreas(getFramework({}, db), school).map((a) => ({ key: a.id, name: a.name }));
}

function validateFocus(focus: Focus, academicYearId: string, db: DbOrTx) {
  const errors: Record<string, string[]> = {};
  const strandIds = new Set(listStrandsForYear({ academicYearId }, db).map((s) => s.id));
  if (focus.strandIds.some((id) => !strandIds.has(id))) errors.focusStrandIds = ["Choose strands from the plan for the year of this record"];
  const areaKeys = new Set(listFocusAreas(db).map((a) => a.key));
  if (focus.areaKeys.some((k) => !areaKeys.has(k))) errors.focusAreaKeys = ["Choose areas from the school's self-evaluation framework"];
  if (Object.keys(errors).length) throw new ValidationError("Check what this record is focused on.", errors);
}

function writeFoci(recordType: RecordType, recordId: string, focus: Focus, tx: DbOrTx) {
  tx.delete(monitoringFoci).where(and(eq(monitoringFoci.recordType, recordType), eq(monitoringFoci.recordId, recordId))).run();
  for (const strandId of new Set(focus.strandIds)) tx.insert(monitoringFoci).values({ recordType, recordId, strandId }).run();
  for (const areaKey of new Set(focus.areaKeys)) tx.insert(monitoringFoci).values({ recordType, recordId, areaKey }).run();
}

function readFoci(recordType: RecordType, recordIds: string[], db: DbOrTx): Map<string, Focus> {
  const out = new Map<string, Focus>(recordIds.map((id) => [id, { strandIds: [], areaKeys: [] }]));
  if (recordIds.length === 0) return out;
  const rows = db
    .select()
    .from(monitoringFoci)
    .where(and(eq(monitoringFoci.recordType, recordType), inArray(monitoringFoci.recordId, recordIds)))
    .all();
  for (const r of rows) {
    const f = out.get(r.recordId);
    if (!f) continue;
    if (r.strandId) f.strandIds.push(r.strandId);
    if (r.areaKey) f.areaKeys.push(r.areaKey);
  }
  return out;
}

/** Strand titles and area names for a focus, in plan and framework order. */
export function labelFocus(focus: Focus, db: DbOrTx = defaultDb): FocusLabels {
  return labelFoci([focus], db)[0]!;
}

/** labelFocus for a whole list of records at once: one strands query and one framework read, not one per row. */
export function labelFoci(foci: Focus[], db: DbOrTx = defaultDb): FocusLabels[] {
  const strandIds = [...new Set(foci.flatMap((f) => f.strandIds))];
  const strandRows = strandIds.length
    ? db.select({ id: strands.id, title: strands.title, position: strands.position }).from(strands).where(inArray(strands.id, strandIds)).orderBy(asc(strands.position)).all()
    : [];
  const areas = foci.some((f) => f.areaKeys.length) ? listFocusAreas(db) : [];
  return foci.map((focus) => ({
    strands: strandRows.filter((r) => focus.strandIds.includes(r.id)).map(({ id, title }) => ({ id, title })),
    areas: areas.filter((a) => focus.areaKeys.includes(a.key)),
  }));
}

// ---- People ------------------------------------------------------------------------------------

type PersonRow = { id: string; name: string; role: Role; disabled: boolean; isTeaching: boolean };

function findPerson(id: string, db: DbOrTx): PersonRow | undefined {
  return db.select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled, isTeaching: users.isTeaching }).from(users).where(eq(users.id, id)).get();
}

function assertStaff(ids: string[], field: string, message: string, db: DbOrTx) {
  for (const id of ids) assertPersonRole(id, STAFF_ROLES, field, message, db);
}

/**
 * Refuses text that names a member of staff (full name, or title and surname). Activity summaries and
 * visit notes are read by governors and advisers, who must never see a teacher named (SPEC §1, §3.5).
 * Former staff count too: a disabled account's name is still a person's name.
 */
function assertNamesNoStaff(fields: Record<string, string | null | undefined>, db: DbOrTx) {
  const names = db.select({ name: users.name }).from(users).where(inArray(users.role, STAFF_ROLES)).all().map((u) => u.name);
  const errors: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(fields)) {
    const found = findStaffNamesIn(value ?? "", names);
    if (found.length) {
      errors[field] = [`Do not name staff here (this mentions ${found.join(" and ")}): governors read it. Describe the class, year group or subject instead`];
    }
  }
  if (Object.keys(errors).length) throw new ValidationError("This summary names a member of staff. Governors and advisers read it, so describe the class, year group or subject instead.", errors);
}

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

function criteriaOf(templateId: string, db: DbOrTx): TemplateCriterion[] {
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
    const [row] = tx.insert(observationTemplates).values({ name, isDefault: isFirst }).returning().all();
    insertCriteria(row!.id, criteria, tx);
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "observation_template", entityId: row!.id, summary: `Created observation template "${name}"`, after: getTemplate({ id: row!.id }, tx) }, tx);
    return row!;
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

// ---- Lesson observations -----------------------------------------------------------------------

export type ObservationJudgementRow = { id: string; criterionId: string | null; heading: string; label: string; judgement: Judgement; position: number };
export type ObservationDetail = typeof observations.$inferSelect & {
  teacherName: string;
  className: string | null;
  templateName: string | null;
  termKey: string;
  academicYearId: string;
  observers: { id: string; name: string }[];
  judgements: ObservationJudgementRow[];
  focus: Focus;
};

/** One observation with everything on it. No access check: use getObservationForViewer for anything a user sees. */
export function getObservation({ id }: { id: string }, db: DbOrTx = defaultDb): ObservationDetail {
  const row = db
    .select({ o: observations, teacherName: users.name, className: classes.name, templateName: observationTemplates.name })
    .from(observations)
    .innerJoin(users, eq(observations.teacherId, users.id))
    .leftJoin(classes, eq(observations.classId, classes.id))
    .leftJoin(observationTemplates, eq(observations.templateId, observationTemplates.id))
    .where(eq(observations.id, id))
    .get();
  if (!row) throw new NotFoundError("That observation");
  const term = getTerm({ id: row.o.termId }, db);
  const observers = db
    .select({ id: users.id, name: users.name })
    .from(observationObservers)
    .innerJoin(users, eq(observationObservers.userId, users.id))
    .where(eq(observationObservers.observationId, id))
    .orderBy(asc(users.name))
    .all();
  const judgements = db
    .select({
      id: observationJudgements.id,
      criterionId: observationJudgements.criterionId,
      heading: observationJudgements.heading,
      label: observationJudgements.label,
      judgement: observationJudgements.judgement,
      position: observationJudgements.position,
    })
    .from(observationJudgements)
    .where(eq(observationJudgements.observationId, id))
    .orderBy(asc(observationJudgements.position))
    .all();
  return {
    ...row.o,
    teacherName: row.teacherName,
    className: row.className,
    templateName: row.templateName,
    termKey: term.key,
    academicYearId: term.academicYearId,
    observers,
    judgements,
    focus: readFoci("observation", [id], db).get(id)!,
  };
}

/** Who an observation is about and whether it is shared: what an action's authorize needs. */
export function findObservationAccess({ id }: { id: string }, db: DbOrTx = defaultDb): { teacherId: string; status: "draft" | "shared" } | null {
  return db.select({ teacherId: observations.teacherId, status: observations.status }).from(observations).where(eq(observations.id, id)).get() ?? null;
}

/**
 * An observation as a user may see it (SPEC §1): leaders any; a member of staff only their own once it is
 * shared with them; governors and advisers never (aggregates only). Refusals are ForbiddenError, and a
 * teacher gets the same answer for someone else's observation as for one that does not exist.
 */
export function getObservationForViewer({ id, viewer }: { id: string; viewer: Viewer }, db: DbOrTx = defaultDb): ObservationDetail {
  if (can(viewer, "observation.read")) return getObservation({ id }, db);
  if (!can(viewer, "observation.read", true)) throw new ForbiddenError();
  const access = findObservationAccess({ id }, db);
  if (!access || access.teacherId !== viewer.id || access.status !== "shared") throw new ForbiddenError();
  return getObservation({ id }, db);
}

export type ObservationListRow = {
  id: string;
  date: string;
  termId: string;
  teacherId: string;
  teacherName: string;
  subject: string;
  yearGroup: YearGroup | null;
  className: string | null;
  status: "draft" | "shared";
  acknowledgedAt: string | null;
  hasResponse: boolean;
  followUpDate: string | null;
  observerNames: string[];
  counts: Record<Judgement, number>;
};

/**
 * Observations a user may see, newest first: leaders every one (optionally by term, year or teacher);
 * staff only their own shared ones; governors and advisers are refused (they read getMonitoringSummary).
 */
export function listObservations(
  { viewer, termId, academicYearId, teacherId }: { viewer: Viewer; termId?: string; academicYearId?: string; teacherId?: string },
  db: DbOrTx = defaultDb,
): ObservationListRow[] {
  const where: SQL[] = [];
  if (can(viewer, "observation.read")) {
    if (teacherId) where.push(eq(observations.teacherId, teacherId));
  } else if (can(viewer, "observation.read", true)) {
    where.push(eq(observations.teacherId, viewer.id), eq(observations.status, "shared"));
  } else {
    throw new ForbiddenError();
  }
  if (termId) where.push(eq(observations.termId, termId));
  if (academicYearId) where.push(sql`${observations.termId} in (select id from terms where academic_year_id = ${academicYearId})`);
  const rows = db
    .select({ o: observations, teacherName: users.name, className: classes.name })
    .from(observations)
    .innerJoin(users, eq(observations.teacherId, users.id))
    .leftJoin(classes, eq(observations.classId, classes.id))
    .where(and(...where))
    .orderBy(desc(observations.date), asc(users.name))
    .all();
  const ids = rows.map((r) => r.o.id);
  const observerRows = ids.length
    ? db
        .select({ observationId: observationObservers.observationId, name: users.name })
        .from(observationObservers)
        .innerJoin(users, eq(observationObservers.userId, users.id))
        .where(inArray(observationObservers.observationId, ids))
        .orderBy(asc(users.name))
        .all()
    : [];
  const countRows = ids.length
    ? db
        .select({ observationId: observationJudgements.observationId, judgement: observationJudgements.judgement, n: sql<number>`count(*)` })
        .from(observationJudgements)
        .where(inArray(observationJudgements.observationId, ids))
        .groupBy(observationJudgements.observationId, observationJudgements.judgement)
        .all()
    : [];
  return rows.map(({ o, teacherName, className }) => {
    const counts: Record<Judgement, number> = { strength: 0, secure: 0, developing: 0, not_seen: 0 };
    for (const c of countRows) if (c.observationId === o.id) counts[c.judgement] = c.n;
    return {
      id: o.id,
      date: o.date,
      termId: o.termId,
      teacherId: o.teacherId,
      teacherName,
      subject: o.subject,
      yearGroup: o.yearGroup,
      className,
      status: o.status,
      acknowledgedAt: o.acknowledgedAt,
      hasResponse: !!o.teacherResponse,
      followUpDate: o.followUpDate,
      observerNames: observerRows.filter((r) => r.observationId === o.id).map((r) => r.name),
      counts,
    };
  });
}

/** Shared observations of a teacher that they have not yet acknowledged (My responsibilities). */
export function listObservationsAwaitingResponse({ teacherId }: { teacherId: string }, db: DbOrTx = defaultDb) {
  return db
    .select({ id: observations.id, date: observations.date, subject: observations.subject, yearGroup: observations.yearGroup, hasResponse: sql<number>`${observations.teacherResponse} is not null and ${observations.teacherResponse} <> ''` })
    .from(observations)
    .where(and(eq(observations.teacherId, teacherId), eq(observations.status, "shared"), sql`${observations.acknowledgedAt} is null`))
    .orderBy(desc(observations.date))
    .all()
    .map((r) => ({ ...r, hasResponse: !!r.hasResponse }));
}

type ObservationWrite = Omit<ObservationInput, "templateId" | "judgements">;

function validateObservation(input: ObservationWrite, db: DbOrTx) {
  const term = termForDate({ date: input.date }, db);
  const teacher = findPerson(input.teacherId, db);
  if (!teacher || teacher.disabled || !STAFF_ROLES.includes(teacher.role)) {
    throw new ValidationError("Select the teacher observed.", { teacherId: ["Select a member of staff to observe"] });
  }
  if (input.observerIds.includes(input.teacherId)) {
    throw new ValidationError("The teacher observed cannot also be an observer.", { observerIds: ["The teacher observed cannot also be an observer"] });
  }
  assertStaff(input.observerIds, "observerIds", "Observers must be members of staff", db);
  let yearGroup = input.yearGroup;
  if (input.classId) {
    const cls = db.select().from(classes).where(eq(classes.id, input.classId)).get();
    if (!cls || cls.academicYearId !== term.academicYearId) {
      throw new ValidationError("Choose a class from the year of the observation.", { classId: ["Choose a class from the year of the observation"] });
    }
    yearGroup = cls.yearGroup ?? yearGroup;
  }
  validateFocus({ strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, term.academicYearId, db);
  const grade = findSchool(db)?.lessonGradingEnabled ? input.grade : null;
  return { term, yearGroup, grade };
}

/** Records a lesson observation with its observers, judgements (copied from the template) and focus. */
export function createObservation({ input, actor }: { input: ObservationInput; actor: Actor }, db: DbOrTx = defaultDb): { id: string } {
  return writeTransaction(db, (tx) => {
    const { term, yearGroup, grade } = validateObservation(input, tx);
    const template = tx.select().from(observationTemplates).where(eq(observationTemplates.id, input.templateId)).get();
    if (!template || template.archived) throw new ValidationError("Select a template in use.", { templateId: ["Select a template in use"] });
    const criteria = criteriaOf(template.id, tx);
    const byRef = new Map(input.judgements.map((j) => [j.ref, j.judgement]));
    if ([...byRef.keys()].some((ref) => !criteria.some((c) => c.id === ref))) {
      throw new ValidationError("The template has changed since the form was opened. Reload the page and try again.", { judgements: ["The template has changed: reload the page"] });
    }
    const [row] = tx
      .insert(observations)
      .values({
        termId: term.id,
        date: input.date,
        teacherId: input.teacherId,
        classId: input.classId,
        yearGroup,
        subject: input.subject,
        templateId: template.id,
        strengths: input.strengths,
        areasForDevelopment: input.areasForDevelopment,
        nextSteps: input.nextSteps,
        followUpDate: input.followUpDate,
        grade,
        status: input.status,
        createdById: actor.id,
      })
      .returning({ id: observations.id })
      .all();
    const id = row!.id;
    for (const userId of new Set(input.observerIds)) tx.insert(observationObservers).values({ observationId: id, userId }).run();
    criteria.forEach((c, position) =>
      tx.insert(observationJudgements).values({ observationId: id, criterionId: c.id, heading: c.heading, label: c.label, judgement: byRef.get(c.id) ?? "not_seen", position }).run(),
    );
    writeFoci("observation", id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    const after = getObservation({ id }, tx);
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "observation", entityId: id, summary: `Recorded an observation of ${after.teacherName} (${input.subject}, ${input.date})`, after }, tx);
    return { id };
  });
}

/**
 * Edits an observation. A shared observation cannot go back to draft (the teacher has seen it), and if
 * what is written changes after the teacher acknowledged it, the acknowledgement is cleared so they see
 * and acknowledge the new version: the observed teacher always sees what is written about them.
 */
export function updateObservation({ input, actor }: { input: UpdateObservationInput; actor: Actor }, db: DbOrTx = defaultDb): ObservationDetail {
  return writeTransaction(db, (tx) => {
    const before = getObservation({ id: input.id }, tx);
    const { term, yearGroup, grade } = validateObservation(input, tx);
    if (before.status === "shared" && input.status === "draft") {
      throw new ValidationError("This observation has already been shared with the teacher.", { status: ["It has been shared with the teacher, so it cannot go back to draft"] });
    }
    const byRef = new Map(input.judgements.map((j) => [j.ref, j.judgement]));
    if ([...byRef.keys()].some((ref) => !before.judgements.some((j) => j.id === ref))) {
      throw new ValidationError("The judgements do not match this observation. Reload the page and try again.", { judgements: ["Reload the page and try again"] });
    }
    const newJudgement = (j: ObservationJudgementRow) => byRef.get(j.id) ?? j.judgement;
    const contentChanged =
      before.strengths !== input.strengths ||
      before.areasForDevelopment !== input.areasForDevelopment ||
      before.nextSteps !== input.nextSteps ||
      before.grade !== grade ||
      before.judgements.some((j) => newJudgement(j) !== j.judgement);
    const clearAck = !!before.acknowledgedAt && contentChanged;
    const result = tx
      .update(observations)
      .set({
        termId: term.id,
        date: input.date,
        teacherId: input.teacherId,
        classId: input.classId,
        yearGroup,
        subject: input.subject,
        strengths: input.strengths,
        areasForDevelopment: input.areasForDevelopment,
        nextSteps: input.nextSteps,
        followUpDate: input.followUpDate,
        grade,
        status: input.status,
        ...(clearAck ? { acknowledgedAt: null } : {}),
        version: bumpVersion,
        updatedAt: now(),
      })
      .where(and(eq(observations.id, input.id), eq(observations.version, input.version)))
      .run();
    assertUpdated(result, "This observation");
    tx.delete(observationObservers).where(eq(observationObservers.observationId, input.id)).run();
    for (const userId of new Set(input.observerIds)) tx.insert(observationObservers).values({ observationId: input.id, userId }).run();
    for (const j of before.judgements) {
      const next = newJudgement(j);
      if (next !== j.judgement) tx.update(observationJudgements).set({ judgement: next }).where(eq(observationJudgements.id, j.id)).run();
    }
    writeFoci("observation", input.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    const after = getObservation({ id: input.id }, tx);
    writeAudit(
      {
        actor,
        area: "monitoring",
        verb: "update",
        entityType: "observation",
        entityId: input.id,
        summary: `Updated the observation of ${after.teacherName} (${after.subject}, ${after.date})${clearAck ? "; the teacher is asked to acknowledge it again" : ""}`,
        before,
        after,
      },
      tx,
    );
    return after;
  });
}

/** The observed teacher's response and acknowledgement. Acknowledging is once; the response can be revised. */
export function respondToObservation(
  { id, version, response, acknowledge, actor }: { id: string; version: number; response: string; acknowledge: boolean; actor: Actor },
  db: DbOrTx = defaultDb,
): ObservationDetail {
  return writeTransaction(db, (tx) => {
    const before = getObservation({ id }, tx);
    if (before.status !== "shared") throw new NotFoundError("That observation");
    const result = tx
      .update(observations)
      .set({
        teacherResponse: response || null,
        acknowledgedAt: before.acknowledgedAt ?? (acknowledge ? now() : null),
        version: bumpVersion,
        updatedAt: now(),
      })
      .where(and(eq(observations.id, id), eq(observations.version, version)))
      .run();
    assertUpdated(result, "This observation");
    const after = getObservation({ id }, tx);
    const what = !before.acknowledgedAt && after.acknowledgedAt ? "acknowledged" : "responded to";
    writeAudit(
      { actor, area: "monitoring", verb: "respond", entityType: "observation", entityId: id, summary: `${after.teacherName} ${what} the observation of ${after.date}`, before: { teacherResponse: before.teacherResponse, acknowledgedAt: before.acknowledgedAt }, after: { teacherResponse: after.teacherResponse, acknowledgedAt: after.acknowledgedAt } },
      tx,
    );
    return after;
  });
}

/** Observations flattened to one row per criterion, for the CSV export; the same scope as listObservations. */
export function listObservationsForExport({ viewer, termId }: { viewer: Viewer; termId?: string }, db: DbOrTx = defaultDb) {
  const list = listObservations({ viewer, termId }, db);
  const ids = list.map((o) => o.id);
  const judgements = ids.length
    ? db.select().from(observationJudgements).where(inArray(observationJudgements.observationId, ids)).orderBy(asc(observationJudgements.position)).all()
    : [];
  const terms = new Map(listTerms({}, db).map((t) => [t.id, t.key]));
  return list.flatMap((o) =>
    judgements
      .filter((j) => j.observationId === o.id)
      .map((j) => ({ observation: o, termKey: terms.get(o.termId) ?? "", heading: j.heading, label: j.label, judgement: j.judgement })),
  );
}

// ---- Coverage ----------------------------------------------------------------------------------

/** Teaching staff expected to be observed: marked as teaching, not disabled. */
export function listTeachingStaff(db: DbOrTx = defaultDb): CoverageTeacher[] {
  return db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(users)
    .where(and(eq(users.isTeaching, true), eq(users.disabled, false), inArray(users.role, STAFF_ROLES)))
    .orderBy(asc(users.name))
    .all();
}

/** Who has been seen in a term and how often in its academic year (names staff: leaders only). */
export function getCoverage({ termId }: { termId: string }, db: DbOrTx = defaultDb): Coverage & { term: TermWithYear } {
  const term = getTerm({ id: termId }, db);
  const yearTermIds = listTerms({ academicYearId: term.academicYearId }, db).map((t) => t.id);
  const yearObservations = db
    .select({ teacherId: observations.teacherId, date: observations.date, termId: observations.termId })
    .from(observations)
    .where(inArray(observations.termId, yearTermIds))
    .all();
  return {
    term,
    ...computeCoverage({ teachers: listTeachingStaff(db), termObservations: yearObservations.filter((o) => o.termId === termId), yearObservations }),
  };
}

// ---- Learning walks, work scrutiny, pupil voice, drop-ins --------------------------------------

export type Activity = typeof monitoringActivities.$inferSelect;
export type ActivityDetail = Activity & { leadName: string | null; participants: { id: string; name: string }[]; focus: Focus; termKey: string; academicYearId: string };
/** What governors and advisers read: the findings, without the people. */
export type ActivitySummary = Omit<ActivityDetail, "leadId" | "leadName" | "participants" | "createdById">;

export function getActivity({ id }: { id: string }, db: DbOrTx = defaultDb): ActivityDetail {
  const row = db.select({ a: monitoringActivities, leadName: users.name }).from(monitoringActivities).leftJoin(users, eq(monitoringActivities.leadId, users.id)).where(eq(monitoringActivities.id, id)).get();
  if (!row) throw new NotFoundError("That monitoring record");
  const participants = db
    .select({ id: users.id, name: users.name })
    .from(activityParticipants)
    .innerJoin(users, eq(activityParticipants.userId, users.id))
    .where(eq(activityParticipants.activityId, id))
    .orderBy(asc(users.name))
    .all();
  const term = getTerm({ id: row.a.termId }, db);
  return { ...row.a, leadName: row.leadName, participants, focus: readFoci("activity", [id], db).get(id)!, termKey: term.key, academicYearId: term.academicYearId };
}

export function toActivitySummary(detail: ActivityDetail): ActivitySummary {
  const { leadId: _l, leadName: _n, participants: _p, createdById: _c, ...summary } = detail;
  return summary;
}

/**
 * An activity as a user may see it: staff and leaders the whole record; governors and advisers the
 * summary only (activity.summary.read).
 */
export function getActivityForViewer({ id, viewer }: { id: string; viewer: Viewer }, db: DbOrTx = defaultDb): { full: ActivityDetail | null; summary: ActivitySummary } {
  if (!can(viewer, "activity.summary.read")) throw new ForbiddenError();
  const detail = getActivity({ id }, db);
  return { full: can(viewer, "activity.read") ? detail : null, summary: toActivitySummary(detail) };
}

export type ActivityListRow = Pick<Activity, "id" | "type" | "date" | "termId" | "subject" | "classesVisited"> & { leadName: string | null; focus: Focus };

/** Activities, newest first. Carries the lead's name: pages for governors drop it. */
export function listActivities(
  { termId, academicYearId, type }: { termId?: string; academicYearId?: string; type?: ActivityType } = {},
  db: DbOrTx = defaultDb,
): ActivityListRow[] {
  const where: SQL[] = [];
  if (termId) where.push(eq(monitoringActivities.termId, termId));
  if (academicYearId) where.push(sql`${monitoringActivities.termId} in (select id from terms where academic_year_id = ${academicYearId})`);
  if (type) where.push(eq(monitoringActivities.type, type));
  const rows = db
    .select({ a: monitoringActivities, leadName: users.name })
    .from(monitoringActivities)
    .leftJoin(users, eq(monitoringActivities.leadId, users.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(monitoringActivities.date))
    .all();
  const foci = readFoci("activity", rows.map((r) => r.a.id), db);
  return rows.map(({ a, leadName }) => ({ id: a.id, type: a.type, date: a.date, termId: a.termId, subject: a.subject, classesVisited: a.classesVisited, leadName, focus: foci.get(a.id)! }));
}

function validateActivity(input: ActivityInput, db: DbOrTx) {
  const term = termForDate({ date: input.date }, db);
  assertStaff([input.leadId], "leadId", "The lead must be a member of staff", db);
  for (const id of input.participantIds) {
    const p = findPerson(id, db);
    if (!p || p.disabled) throw new ValidationError("Choose participants from the school's people.", { participantIds: ["Choose participants from the list"] });
  }
  validateFocus({ strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, term.academicYearId, db);
  assertNamesNoStaff({ subject: input.subject, classesVisited: input.classesVisited, strengths: input.strengths, areasToDevelop: input.areasToDevelop, actions: input.actions }, db);
  return term;
}

const activityValues = (input: ActivityInput, termId: string) => ({
  type: input.type,
  termId,
  date: input.date,
  leadId: input.leadId,
  subject: input.subject,
  classesVisited: input.classesVisited,
  strengths: input.strengths,
  areasToDevelop: input.areasToDevelop,
  actions: input.actions,
});

function writeParticipants(activityId: string, input: ActivityInput, tx: DbOrTx) {
  tx.delete(activityParticipants).where(eq(activityParticipants.activityId, activityId)).run();
  for (const userId of new Set(input.participantIds.filter((p) => p !== input.leadId))) tx.insert(activityParticipants).values({ activityId, userId }).run();
}

export function createActivity({ input, actor }: { input: ActivityInput; actor: Actor }, db: DbOrTx = defaultDb): { id: string } {
  return writeTransaction(db, (tx) => {
    const term = validateActivity(input, tx);
    const [row] = tx.insert(monitoringActivities).values({ ...activityValues(input, term.id), createdById: actor.id }).returning({ id: monitoringActivities.id }).all();
    writeParticipants(row!.id, input, tx);
    writeFoci("activity", row!.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "activity", entityId: row!.id, summary: `Recorded a ${input.type.replace("_", " ")} on ${input.date}`, after: getActivity({ id: row!.id }, tx) }, tx);
    return { id: row!.id };
  });
}

export function updateActivity({ input, actor }: { input: ActivityInput & { id: string; version: number }; actor: Actor }, db: DbOrTx = defaultDb): ActivityDetail {
  return writeTransaction(db, (tx) => {
    const before = getActivity({ id: input.id }, tx);
    const term = validateActivity(input, tx);
    const result = tx
      .update(monitoringActivities)
      .set({ ...activityValues(input, term.id), version: bumpVersion, updatedAt: now() })
      .where(and(eq(monitoringActivities.id, input.id), eq(monitoringActivities.version, input.version)))
      .run();
    assertUpdated(result, "This monitoring record");
    writeParticipants(input.id, input, tx);
    writeFoci("activity", input.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    const after = getActivity({ id: input.id }, tx);
    writeAudit({ actor, area: "monitoring", verb: "update", entityType: "activity", entityId: input.id, summary: `Updated the ${input.type.replace("_", " ")} of ${input.date}`, before, after }, tx);
    return after;
  });
}

// ---- Governor and adviser visits ---------------------------------------------------------------

export type Visit = typeof visits.$inferSelect;
export type VisitDetail = Visit & { visitorName: string; focus: Focus; termKey: string; academicYearId: string };
export type VisitKind = Visit["kind"];

/** The read verb for each kind of visit. */
export const VISIT_READ_VERB = { governor: "governorVisit.read", adviser: "adviserVisit.read" } as const;
export const VISIT_WRITE_VERB = { governor: "governorVisit.write", adviser: "adviserVisit.write" } as const;

export function getVisit({ id }: { id: string }, db: DbOrTx = defaultDb): VisitDetail {
  const row = db.select({ v: visits, visitorName: users.name }).from(visits).innerJoin(users, eq(visits.visitorId, users.id)).where(eq(visits.id, id)).get();
  if (!row) throw new NotFoundError("That visit");
  const term = getTerm({ id: row.v.termId }, db);
  return { ...row.v, visitorName: row.visitorName, focus: readFoci("visit", [id], db).get(id)!, termKey: term.key, academicYearId: term.academicYearId };
}

export function findVisitOwner({ id }: { id: string }, db: DbOrTx = defaultDb): { visitorId: string; kind: VisitKind } | null {
  return db.select({ visitorId: visits.visitorId, kind: visits.kind }).from(visits).where(eq(visits.id, id)).get() ?? null;
}

/** A visit as a user may see it: leaders, governors and advisers (SPEC §1); staff are refused. */
export function getVisitForViewer({ id, viewer }: { id: string; viewer: Viewer }, db: DbOrTx = defaultDb): VisitDetail {
  if (!can(viewer, "governorVisit.read") && !can(viewer, "adviserVisit.read")) throw new ForbiddenError();
  const visit = getVisit({ id }, db);
  if (!can(viewer, VISIT_READ_VERB[visit.kind])) throw new ForbiddenError();
  return visit;
}

export type VisitListRow = Pick<Visit, "id" | "kind" | "date" | "termId" | "visitorId" | "visitType" | "purpose"> & { visitorName: string; focus: Focus };

export function listVisits(
  { termId, academicYearId, kind, visitorId }: { termId?: string; academicYearId?: string; kind?: VisitKind; visitorId?: string } = {},
  db: DbOrTx = defaultDb,
): VisitListRow[] {
  const where: SQL[] = [];
  if (termId) where.push(eq(visits.termId, termId));
  if (academicYearId) where.push(sql`${visits.termId} in (select id from terms where academic_year_id = ${academicYearId})`);
  if (kind) where.push(eq(visits.kind, kind));
  if (visitorId) where.push(eq(visits.visitorId, visitorId));
  const rows = db
    .select({ v: visits, visitorName: users.name })
    .from(visits)
    .innerJoin(users, eq(visits.visitorId, users.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(visits.date))
    .all();
  const foci = readFoci("visit", rows.map((r) => r.v.id), db);
  return rows.map(({ v, visitorName }) => ({ id: v.id, kind: v.kind, date: v.date, termId: v.termId, visitorId: v.visitorId, visitType: v.visitType, purpose: v.purpose, visitorName, focus: foci.get(v.id)! }));
}

function validateVisit(input: VisitInput, db: DbOrTx) {
  const term = termForDate({ date: input.date }, db);
  const visitor = findPerson(input.visitorId, db);
  const role = input.kind === "governor" ? "governor" : "adviser";
  if (!visitor || visitor.disabled || visitor.role !== role) {
    throw new ValidationError(`Select the ${role} who made the visit.`, { visitorId: [`Select the ${role} who made the visit`] });
  }
  validateFocus({ strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, term.academicYearId, db);
  assertNamesNoStaff({ purpose: input.purpose, seen: input.seen, questions: input.questions, followUp: input.followUp }, db);
  return term;
}

const visitValues = (input: VisitInput, termId: string) => ({
  kind: input.kind,
  termId,
  date: input.date,
  visitorId: input.visitorId,
  visitType: input.visitType,
  purpose: input.purpose,
  seen: input.seen,
  questions: input.questions,
  followUp: input.followUp,
});

export function createVisit({ input, actor }: { input: VisitInput; actor: Actor }, db: DbOrTx = defaultDb): { id: string } {
  return writeTransaction(db, (tx) => {
    const term = validateVisit(input, tx);
    const [row] = tx.insert(visits).values(visitValues(input, term.id)).returning({ id: visits.id }).all();
    writeFoci("visit", row!.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    const after = getVisit({ id: row!.id }, tx);
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "visit", entityId: row!.id, summary: `Recorded a ${input.kind} visit by ${after.visitorName} on ${input.date}`, after }, tx);
    return { id: row!.id };
  });
}

/** Edits a visit. The kind of visit never changes: a governor's visit stays a governor's visit. */
export function updateVisit({ input, actor }: { input: VisitInput & { id: string; version: number }; actor: Actor }, db: DbOrTx = defaultDb): VisitDetail {
  return writeTransaction(db, (tx) => {
    const before = getVisit({ id: input.id }, tx);
    if (before.kind !== input.kind) throw new ValidationError("A visit's kind cannot be changed.", { kind: ["A visit's kind cannot be changed"] });
    const term = validateVisit(input, tx);
    const result = tx
      .update(visits)
      .set({ ...visitValues(input, term.id), version: bumpVersion, updatedAt: now() })
      .where(and(eq(visits.id, input.id), eq(visits.version, input.version)))
      .run();
    assertUpdated(result, "This visit");
    writeFoci("visit", input.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    const after = getVisit({ id: input.id }, tx);
    writeAudit({ actor, area: "monitoring", verb: "update", entityType: "visit", entityId: input.id, summary: `Updated the ${input.kind} visit of ${input.date}`, before, after }, tx);
    return after;
  });
}

// ---- Monitoring calendar -----------------------------------------------------------------------

export type PlannedType = (typeof PLANNED_TYPES)[number];
export type Planned = typeof plannedMonitoring.$inferSelect;
export type PlannedRow = Planned & { leadName: string | null; strandTitle: string | null; recordHref: string | null };

/** The kind of record that carries out a planned entry (progress meetings live in another area). */
export function recordTypeForPlanned(type: PlannedType): "observation" | "activity" | "visit" | null {
  if (type === "observation") return "observation";
  if (type === "governor_visit" || type === "adviser_visit") return "visit";
  if (type === "progress_meeting") return null;
  return "activity";
}

/** The stable page of a monitoring record, which plan reviews and SEF areas cite as evidence. */
export function recordHref(recordType: RecordType | null, id: string | null): string | null {
  if (!recordType || !id) return null;
  if (recordType === "observation") return `/monitoring/observations/${id}`;
  if (recordType === "activity") return `/monitoring/activities/${id}`;
  if (recordType === "visit") return `/monitoring/visits/${id}`;
  return null;
}

export function listPlanned(
  { termId, leadId, done }: { termId: string; leadId?: string; done?: boolean },
  db: DbOrTx = defaultDb,
): PlannedRow[] {
  const where: SQL[] = [eq(plannedMonitoring.termId, termId)];
  if (leadId) where.push(eq(plannedMonitoring.leadId, leadId));
  if (done !== undefined) where.push(eq(plannedMonitoring.done, done));
  const rows = db
    .select({ p: plannedMonitoring, leadName: users.name, strandTitle: strands.title })
    .from(plannedMonitoring)
    .leftJoin(users, eq(plannedMonitoring.leadId, users.id))
    .leftJoin(strands, eq(plannedMonitoring.strandId, strands.id))
    .where(and(...where))
    .orderBy(sql`${plannedMonitoring.plannedDate} is null`, asc(plannedMonitoring.plannedDate), asc(plannedMonitoring.title))
    .all();
  return rows.map(({ p, leadName, strandTitle }) => ({ ...p, leadName, strandTitle, recordHref: recordHref(p.recordType, p.recordId) }));
}

function getPlanned(id: string, db: DbOrTx): Planned {
  const row = db.select().from(plannedMonitoring).where(eq(plannedMonitoring.id, id)).get();
  if (!row) throw new NotFoundError("That calendar entry");
  return row;
}

export function createPlanned({ input, actor }: { input: PlannedInput; actor: Actor }, db: DbOrTx = defaultDb): Planned {
  return writeTransaction(db, (tx) => {
    const term = getTerm({ id: input.termId }, tx);
    if (input.plannedDate && (input.plannedDate < term.startDate || input.plannedDate > term.endDate)) {
      throw new ValidationError("The planned date must be in the term.", { plannedDate: ["Enter a date within the term"] });
    }
    if (input.leadId) {
      const lead = findPerson(input.leadId, tx);
      if (!lead || lead.disabled) throw new ValidationError("Choose who will lead it.", { leadId: ["Choose who will lead it"] });
    }
    if (input.strandId && !listStrandsForYear({ academicYearId: term.academicYearId }, tx).some((s) => s.id === input.strandId)) {
      throw new ValidationError("Choose a strand of this year's plan.", { strandId: ["Choose a strand of this year's plan"] });
    }
    const [row] = tx
      .insert(plannedMonitoring)
      .values({ termId: term.id, type: input.type, title: input.title, plannedDate: input.plannedDate, leadId: input.leadId, strandId: input.strandId })
      .returning()
      .all();
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "planned_monitoring", entityId: row!.id, summary: `Planned "${input.title}" for ${term.key}`, after: row }, tx);
    return row!;
  });
}

/**
 * Marks a calendar entry done (optionally naming the record that carried it out, which must be of the
 * planned kind and in the same term) or not done.
 */
export function markPlanned(
  { id, version, done, recordId, actor }: { id: string; version: number; done: boolean; recordId: string | null; actor: Actor },
  db: DbOrTx = defaultDb,
): Planned {
  return writeTransaction(db, (tx) => {
    const before = getPlanned(id, tx);
    const recordType = done && recordId ? recordTypeForPlanned(before.type) : null;
    if (done && recordId && !listLinkableRecords({ termId: before.termId, type: before.type }, tx).some((r) => r.id === recordId)) {
      throw new ValidationError("Choose a record from this term.", { recordId: ["Choose a record of this kind from the same term"] });
    }
    const result = tx
      .update(plannedMonitoring)
      .set({ done, recordType, recordId: recordType ? recordId : null, version: bumpVersion })
      .where(and(eq(plannedMonitoring.id, id), eq(plannedMonitoring.version, version)))
      .run();
    assertUpdated(result, "This calendar entry");
    const after = getPlanned(id, tx);
    writeAudit({ actor, area: "monitoring", verb: done ? "mark-done" : "mark-not-done", entityType: "planned_monitoring", entityId: id, summary: `Marked "${before.title}" ${done ? "done" : "not done"}`, before, after }, tx);
    return after;
  });
}

export function deletePlanned({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getPlanned(id, tx);
    const result = tx.delete(plannedMonitoring).where(and(eq(plannedMonitoring.id, id), eq(plannedMonitoring.version, version))).run();
    assertUpdated(result, "This calendar entry");
    writeAudit({ actor, area: "monitoring", verb: "delete", entityType: "planned_monitoring", entityId: id, summary: `Removed "${before.title}" from the calendar`, before }, tx);
  });
}

/** Records of a planned entry's kind in its term, to link as what carried it out (leaders only: names teachers). */
export function listLinkableRecords({ termId, type }: { termId: string; type: PlannedType }, db: DbOrTx = defaultDb): { id: string; label: string }[] {
  const recordType = recordTypeForPlanned(type);
  if (recordType === "observation") {
    return db
      .select({ id: observations.id, date: observations.date, subject: observations.subject, name: users.name })
      .from(observations)
      .innerJoin(users, eq(observations.teacherId, users.id))
      .where(eq(observations.termId, termId))
      .orderBy(asc(observations.date))
      .all()
      .map((o) => ({ id: o.id, label: `${o.date} · ${o.subject} · ${o.name}` }));
  }
  if (recordType === "visit") {
    return db
      .select({ id: visits.id, date: visits.date, visitType: visits.visitType, name: users.name })
      .from(visits)
      .innerJoin(users, eq(visits.visitorId, users.id))
      .where(and(eq(visits.termId, termId), eq(visits.kind, type === "governor_visit" ? "governor" : "adviser")))
      .orderBy(asc(visits.date))
      .all()
      .map((v) => ({ id: v.id, label: `${v.date} · ${v.visitType} · ${v.name}` }));
  }
  if (recordType === "activity") {
    return db
      .select({ id: monitoringActivities.id, date: monitoringActivities.date, subject: monitoringActivities.subject, classesVisited: monitoringActivities.classesVisited })
      .from(monitoringActivities)
      .where(and(eq(monitoringActivities.termId, termId), eq(monitoringActivities.type, type as ActivityType)))
      .orderBy(asc(monitoringActivities.date))
      .all()
      .map((a) => ({ id: a.id, label: [a.date, a.subject, a.classesVisited].filter(Boolean).join(" · ") }));
  }
  return [];
}

// ---- Evidence per strand -----------------------------------------------------------------------

export type StrandEvidence = StrandOption & { observations: number; activities: number; visits: number; total: number };

/**
 * For each strand of the plan for a term's year, how many monitoring records dated in that term tested
 * it. A strand with a total of 0 has had no monitoring evidence this term.
 */
export function listStrandEvidence({ termId }: { termId: string }, db: DbOrTx = defaultDb): StrandEvidence[] {
  const term = getTerm({ id: termId }, db);
  const planStrands = listStrandsForYear({ academicYearId: term.academicYearId }, db);
  if (planStrands.length === 0) return [];
  const rows = db
    .select({ strandId: monitoringFoci.strandId, recordType: monitoringFoci.recordType, n: sql<number>`count(distinct ${monitoringFoci.recordId})` })
    .from(monitoringFoci)
    .where(
      and(
        isNotNull(monitoringFoci.strandId),
        inArray(
          monitoringFoci.strandId,
          planStrands.map((s) => s.id),
        ),
        or(
          and(eq(monitoringFoci.recordType, "observation"), sql`${monitoringFoci.recordId} in (select id from observations where term_id = ${termId})`),
          and(eq(monitoringFoci.recordType, "activity"), sql`${monitoringFoci.recordId} in (select id from monitoring_activities where term_id = ${termId})`),
          and(eq(monitoringFoci.recordType, "visit"), sql`${monitoringFoci.recordId} in (select id from visits where term_id = ${termId})`),
        ),
      ),
    )
    .groupBy(monitoringFoci.strandId, monitoringFoci.recordType)
    .all();
  return planStrands.map((s) => {
    const count = (t: RecordType) => rows.find((r) => r.strandId === s.id && r.recordType === t)?.n ?? 0;
    const o = count("observation");
    const a = count("activity");
    const v = count("visit");
    return { ...s, observations: o, activities: a, visits: v, total: o + a + v };
  });
}

/** Strands of the plan with no monitoring record dated in the term. */
export function listStrandsWithoutEvidence({ termId }: { termId: string }, db: DbOrTx = defaultDb): StrandOption[] {
  return listStrandEvidence({ termId }, db)
    .filter((s) => s.total === 0)
    .map(({ id, title, position, leadId, linkGovernorId }) => ({ id, title, position, leadId, linkGovernorId }));
}

// ---- Aggregates for governors and the termly report ---------------------------------------------

/**
 * The term's monitoring as governors and the report see it (SPEC §3.7 section 3): counts by type,
 * observation coverage of teaching staff, and the criteria that recur as strengths and as developing.
 * Never a teacher's name, so any role may read it.
 */
export function getMonitoringSummary({ termId }: { termId: string }, db: DbOrTx = defaultDb): MonitoringSummary {
  const termObs = db.select({ id: observations.id, teacherId: observations.teacherId, date: observations.date }).from(observations).where(eq(observations.termId, termId)).all();
  const activityTypes = db.select({ type: monitoringActivities.type }).from(monitoringActivities).where(eq(monitoringActivities.termId, termId)).all().map((r) => r.type);
  const visitKinds = db.select({ kind: visits.kind }).from(visits).where(eq(visits.termId, termId)).all().map((r) => r.kind);
  const judgementRows = termObs.length
    ? db
        .select({ observationId: observationJudgements.observationId, heading: observationJudgements.heading, label: observationJudgements.label, judgement: observationJudgements.judgement })
        .from(observationJudgements)
        .where(inArray(observationJudgements.observationId, termObs.map((o) => o.id)))
        .all()
    : [];
  const coverage = computeCoverage({ teachers: listTeachingStaff(db), termObservations: termObs, yearObservations: [] });
  const themes = recurringThemes(judgementRows);
  return {
    countsByType: countMonitoring({ observations: termObs.length, activityTypes, visitKinds }),
    coveragePct: coverage.pct,
    recurringStrengths: themes.strengths,
    recurringDevelopment: themes.development,
  };
}

/**
 * The summary for each term of the given academic years, oldest first, up to and including `upTo`
 * when given: the trend governors compare.
 */
export function listMonitoringTrend({ academicYearIds, upTo }: { academicYearIds: string[]; upTo?: TermWithYear }, db: DbOrTx = defaultDb) {
  return listTerms({}, db)
    .filter((t) => academicYearIds.includes(t.academicYearId) && (!upTo || t.startDate <= upTo.startDate))
    .map((term) => ({ term, summary: getMonitoringSummary({ termId: term.id }, db) }));
}

/** Planned entries in a term: how many are done. */
export function countPlanned({ termId }: { termId: string }, db: DbOrTx = defaultDb): { done: number; total: number } {
  const rows = db.select({ done: plannedMonitoring.done }).from(plannedMonitoring).where(eq(plannedMonitoring.termId, termId)).all();
  return { done: rows.filter((r) => r.done).length, total: rows.length };
}

/** People a form may offer: staff (for observers, leads) and everyone enabled (for participants and calendar leads). */
export function listPeopleOptions(db: DbOrTx = defaultDb) {
  return db
    .select({ id: users.id, name: users.name, role: users.role, jobTitle: users.jobTitle, isTeaching: users.isTeaching })
    .from(users)
    .where(eq(users.disabled, false))
    .orderBy(asc(users.name))
    .all();
}
