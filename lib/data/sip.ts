import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { applicableAreas } from "@/db/frameworks";
import {
  academicYears,
  criterionValues,
  evidenceLinks,
  milestones,
  monitoringActivities,
  monitoringFoci,
  observations,
  plannedMonitoring,
  planActions,
  planActionSupporters,
  plans,
  reviewComments,
  reviews,
  sefAreas,
  sefDevelopmentPoints,
  sefs,
  strands,
  strandSefLinks,
  successCriteria,
  users,
  visits,
  type PlanActionStatus,
  type Rag,
  type RecordType,
  type Role,
  type TermName,
} from "@/db/schema";
import { formatDate, formatTerm, shiftAcademicYear } from "@/lib/format";
import { criterionStatus, describeMetric, formatMetricValue, readAttendanceMetric, readMetric, termSpan, type CriterionStatus } from "@/lib/analytics/criteria";
import { isAttendanceMetric } from "@/db/schema/enums";
import { getAttendanceCached, termHasAttendance, type AttendanceCache } from "./attendance";
import { yearGroupLabel } from "@/lib/analytics/schemes";
import { ACTIVITY_LABEL } from "@/lib/labels/monitoring";
import { actionFlag, costTotals, countActions, dueWithin, isPlanTooLong, sortForOwner, totalCost, type ActionCounts, type ActionFlag } from "@/lib/analytics/plan";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getAttainmentCached, termHasResults, type AttainmentCache } from "./attainment";
import { EVIDENCE_SOURCES, getTeacherPools } from "./evidence";
import { unidentifyingDetail } from "@/lib/analytics/monitoring";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { assertPersonRole, GOVERNOR_ROLES, LEAD_ROLES, STAFF_ROLES } from "./users";
import { findAcademicYearByName, findCurrentYear, getAcademicYear, getFramework, getSchool, getTerm, listTerms, todayIso, type AcademicYear, type TermWithYear } from "./school";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "./transaction";

/*
 * The school improvement plan (SPEC §3.4): plans, strands, success criteria, actions (planActions:
 * "action" means a server action in code), milestones, termly reviews and governors' comments.
 * Every change is one transaction with its audit row; every editable record is version-checked.
 */

export type Plan = typeof plans.$inferSelect;
export type Strand = typeof strands.$inferSelect;
export type Criterion = typeof successCriteria.$inferSelect;
export type CriterionValue = typeof criterionValues.$inferSelect;
export type PlanAction = typeof planActions.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
export type Review = typeof reviews.$inferSelect;
export type ReviewComment = typeof reviewComments.$inferSelect;
export type EvidenceLink = typeof evidenceLinks.$inferSelect;

/** Who may lead a strand or review it, own an action, or be a strand's link governor. */

const now = nowIso;

// ---- People ---------------------------------------------------------------------------------------

export type Person = { id: string; name: string; role: Role; jobTitle: string | null };

/** Everyone (disabled users too, so history still shows their names), by id. No secrets. */
export function peopleById(db: DbOrTx = defaultDb): Map<string, Person> {
  const rows = db.select({ id: users.id, name: users.name, role: users.role, jobTitle: users.jobTitle }).from(users).all();
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- Plans ----------------------------------------------------------------------------------------

export function findPlan({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): Plan | null {
  return db.select().from(plans).where(eq(plans.academicYearId, academicYearId)).get() ?? null;
}

/** The plan for a year, created on first use (an empty plan titled after the year). */
export function ensurePlan({ academicYearId, actor }: { academicYearId: string; actor: Actor }, db: DbOrTx = defaultDb): Plan {
  return writeTransaction(db, (tx) => {
    const existing = findPlan({ academicYearId }, tx);
    if (existing) return existing;
    const year = getAcademicYear({ id: academicYearId }, tx);
    const [row] = tx.insert(plans).values({ academicYearId, title: `School improvement plan ${year.name}` }).returning().all();
    writeAudit({ actor, area: "sip", verb: "create", entityType: "plan", entityId: row!.id, summary: `Started the improvement plan for ${year.name}`, after: row }, tx);
    return row!;
  });
}

// ---- SEF links ------------------------------------------------------------------------------------

export type SefAreaOption = { key: string; name: string };
export type DevelopmentPointOption = { id: string; areaKey: string; text: string };

/**
 * What a strand can answer: the framework's areas that apply to the school, and the areas for
 * development written in that year's SEF (read straight from the SEF tables).
 */
export function listSefLinkOptions({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): { areas: SefAreaOption[]; developmentPoints: DevelopmentPointOption[] } {
  const school = getSchool(db);
  const areas = applicableAreas(getFramework({}, db), school).map((a) => ({ key: a.id, name: a.name }));
  const developmentPoints = db
    .select({ id: sefDevelopmentPoints.id, areaKey: sefAreas.areaKey, text: sefDevelopmentPoints.text, position: sefDevelopmentPoints.position })
    .from(sefDevelopmentPoints)
    .innerJoin(sefAreas, eq(sefDevelopmentPoints.sefAreaId, sefAreas.id))
    .innerJoin(sefs, eq(sefAreas.sefId, sefs.id))
    .where(eq(sefs.academicYearId, academicYearId))
    .orderBy(asc(sefDevelopmentPoints.position))
    .all();
  const order = new Map(areas.map((a, i) => [a.key, i]));
  return {
    areas,
    developmentPoints: developmentPoints
      .filter((p) => order.has(p.areaKey))
      .sort((a, b) => order.get(a.areaKey)! - order.get(b.areaKey)! || a.position - b.position)
      .map(({ id, areaKey, text }) => ({ id, areaKey, text })),
  };
}

/** Area keys and development points → link rows: one per point, and one per area chosen without a point. */
function resolveSefLinks({ academicYearId, areaKeys, developmentPointIds }: { academicYearId: string; areaKeys: string[]; developmentPointIds: string[] }, db: DbOrTx) {
  const options = listSefLinkOptions({ academicYearId }, db);
  const known = new Set(options.areas.map((a) => a.key));
  const badArea = areaKeys.find((k) => !known.has(k));
  if (badArea) throw new ValidationError("Select SEF areas from the list.", { areaKeys: ["Select SEF areas from the list"] });
  const points = developmentPointIds.map((id) => options.developmentPoints.find((p) => p.id === id));
  if (points.some((p) => !p)) throw new ValidationError("Select areas for development from the list.", { developmentPointIds: ["Select areas for development from this year's SEF"] });
  const rows: { areaKey: string; developmentPointId: string | null }[] = [];
  for (const area of options.areas) {
    const mine = points.filter((p) => p!.areaKey === area.key);
    if (mine.length) for (const p of mine) rows.push({ areaKey: area.key, developmentPointId: p!.id });
    else if (areaKeys.includes(area.key)) rows.push({ areaKey: area.key, developmentPointId: null });
  }
  return rows;
}

function writeSefLinks(strandId: string, rows: { areaKey: string; developmentPointId: string | null }[], tx: DbOrTx) {
  tx.delete(strandSefLinks).where(eq(strandSefLinks.strandId, strandId)).run();
  for (const r of rows) tx.insert(strandSefLinks).values({ strandId, ...r }).run();
}

export type SefLinkView = { areaKey: string; areaName: string; developmentPointId: string | null; developmentPointText: string | null };

function listSefLinks({ strandIds }: { strandIds: string[] }, db: DbOrTx): Map<string, SefLinkView[]> {
  const rows = db
    .select({ strandId: strandSefLinks.strandId, areaKey: strandSefLinks.areaKey, developmentPointId: strandSefLinks.developmentPointId, text: sefDevelopmentPoints.text })
    .from(strandSefLinks)
    .leftJoin(sefDevelopmentPoints, eq(strandSefLinks.developmentPointId, sefDevelopmentPoints.id))
    .where(inArray(strandSefLinks.strandId, strandIds))
    .all();
  let names = new Map<string, string>();
  try {
    names = new Map(getFramework({}, db).areas.map((a) => [a.id, a.name]));
  } catch {
    // No school yet: area keys are shown as they are.
  }
  const out = new Map<string, SefLinkView[]>();
  for (const r of rows) {
    const list = out.get(r.strandId) ?? [];
    list.push({ areaKey: r.areaKey, areaName: names.get(r.areaKey) ?? r.areaKey, developmentPointId: r.developmentPointId, developmentPointText: r.text ?? null });
    out.set(r.strandId, list);
  }
  return out;
}

// ---- Strands --------------------------------------------------------------------------------------

export type StrandValues = {
  title: string;
  rationale: string;
  leadId: string;
  linkGovernorId: string | null;
  areaKeys: string[];
  developmentPointIds: string[];
};

export function findStrand({ id }: { id: string }, db: DbOrTx = defaultDb): Strand | null {
  return db.select().from(strands).where(eq(strands.id, id)).get() ?? null;
}

export function getStrand({ id }: { id: string }, db: DbOrTx = defaultDb): Strand {
  const row = findStrand({ id }, db);
  if (!row) throw new NotFoundError("That strand");
  return row;
}

/** The strands of a plan in their order. */
export function listStrands({ planId }: { planId: string }, db: DbOrTx = defaultDb): Strand[] {
  return db.select().from(strands).where(eq(strands.planId, planId)).orderBy(asc(strands.position), asc(strands.createdAt)).all();
}

/** The academic year a strand's plan belongs to. */
export function yearOfStrand({ strandId }: { strandId: string }, db: DbOrTx = defaultDb): AcademicYear {
  const row = db
    .select({ year: academicYears })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(academicYears, eq(plans.academicYearId, academicYears.id))
    .where(eq(strands.id, strandId))
    .get();
  if (!row) throw new NotFoundError("That strand");
  return row.year;
}

function checkStrandPeople(values: Pick<StrandValues, "leadId" | "linkGovernorId">, tx: DbOrTx) {
  assertPersonRole(values.leadId, LEAD_ROLES, "leadId", "The lead must be the headteacher or a senior leader", tx);
  assertPersonRole(values.linkGovernorId, GOVERNOR_ROLES, "linkGovernorId", "The link governor must be a governor", tx);
}

function strandAuditView(strandId: string, tx: DbOrTx) {
  const strand = getStrand({ id: strandId }, tx);
  const links = tx.select({ areaKey: strandSefLinks.areaKey, developmentPointId: strandSefLinks.developmentPointId }).from(strandSefLinks).where(eq(strandSefLinks.strandId, strandId)).all();
  return { ...strand, sefLinks: links };
}

/** Adds a strand at the end of the year's plan (creating the plan on first use). */
export function createStrand({ academicYearId, values, actor }: { academicYearId: string; values: StrandValues; actor: Actor }, db: DbOrTx = defaultDb): Strand {
  return writeTransaction(db, (tx) => {
    checkStrandPeople(values, tx);
    const links = resolveSefLinks({ academicYearId, areaKeys: values.areaKeys, developmentPointIds: values.developmentPointIds }, tx);
    const plan = ensurePlan({ academicYearId, actor }, tx);
    const last = tx.select({ p: max(strands.position) }).from(strands).where(eq(strands.planId, plan.id)).get()?.p ?? 0;
    const [row] = tx
      .insert(strands)
      .values({ planId: plan.id, position: last + 1, title: values.title, rationale: values.rationale, leadId: values.leadId, linkGovernorId: values.linkGovernorId })
      .returning()
      .all();
    writeSefLinks(row!.id, links, tx);
    writeAudit({ actor, area: "sip", verb: "create", entityType: "strand", entityId: row!.id, summary: `Added strand "${row!.title}"`, after: strandAuditView(row!.id, tx) }, tx);
    return row!;
  });
}

export function updateStrand({ id, version, values, actor }: { id: string; version: number; values: StrandValues; actor: Actor }, db: DbOrTx = defaultDb): Strand {
  return writeTransaction(db, (tx) => {
    const before = strandAuditView(id, tx);
    checkStrandPeople(values, tx);
    const year = yearOfStrand({ strandId: id }, tx);
    const links = resolveSefLinks({ academicYearId: year.id, areaKeys: values.areaKeys, developmentPointIds: values.developmentPointIds }, tx);
    const result = tx
      .update(strands)
      .set({ title: values.title, rationale: values.rationale, leadId: values.leadId, linkGovernorId: values.linkGovernorId, version: bumpVersion, updatedAt: now() })
      .where(and(eq(strands.id, id), eq(strands.version, version)))
      .run();
    assertUpdated(result, "This strand");
    writeSefLinks(id, links, tx);
    const after = strandAuditView(id, tx);
    writeAudit({ actor, area: "sip", verb: "update", entityType: "strand", entityId: id, summary: `Updated strand "${after.title}"`, before, after }, tx);
    return getStrand({ id }, tx);
  });
}

/**
 * Removes a strand added by mistake. A strand with reviews, monitoring pointed at it, or carried into
 * another year is history and stays.
 */
export function deleteStrand({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = strandAuditView(id, tx);
    if (before.version !== version) assertUpdated({ changes: 0 }, "This strand");
    const reasons: string[] = [];
    if (tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.strandId, id)).get()) reasons.push("it has termly reviews");
    if (tx.select({ id: monitoringFoci.id }).from(monitoringFoci).where(eq(monitoringFoci.strandId, id)).get() || tx.select({ id: plannedMonitoring.id }).from(plannedMonitoring).where(eq(plannedMonitoring.strandId, id)).get()) {
      reasons.push("monitoring records point at it");
    }
    if (tx.select({ id: strands.id }).from(strands).where(eq(strands.carriedFromId, id)).get()) reasons.push("it was carried forward into another year");
    if (reasons.length) throw new ValidationError(`This strand cannot be deleted because ${reasons.join(" and ")}.`);
    const result = tx.delete(strands).where(and(eq(strands.id, id), eq(strands.version, version))).run();
    assertUpdated(result, "This strand");
    writeAudit({ actor, area: "sip", verb: "delete", entityType: "strand", entityId: id, summary: `Deleted strand "${before.title}"`, before }, tx);
  });
}

/** The academic year after a year, by name ("2025-26" → "2026-27"), if it exists. */
function nextYearOf(year: AcademicYear, db: DbOrTx): AcademicYear | null {
  return findAcademicYearByName({ name: shiftAcademicYear(year.name, 1) }, db);
}

/** Same calendar date a year later (29 Feb → 28 Feb). */
function plusOneYear(iso: string | null): string | null {
  if (!iso) return null;
  const y = Number(iso.slice(0, 4)) + 1;
  const md = iso.slice(5) === "02-29" ? "02-28" : iso.slice(5);
  return `${y}-${md}`;
}

/**
 * Carries a strand into next year's plan: title, rationale, SEF areas, lead, link governor and
 * milestones; its success criteria with the last recorded value as the new baseline and the due term
 * moved on a year; and its unfinished actions as new, not-started actions a year later. The new
 * strand remembers where it came from (carriedFromId). A strand is carried forward once.
 */
export function carryForwardStrand({ id, actor, today = todayIso() }: { id: string; actor: Actor; today?: string }, db: DbOrTx = defaultDb): Strand {
  return writeTransaction(db, (tx) => {
    const source = getStrand({ id }, tx);
    const year = yearOfStrand({ strandId: id }, tx);
    const next = nextYearOf(year, tx);
    if (!next) throw new ValidationError(`Add the academic year after ${year.name} before carrying this strand forward.`);
    const already = tx.select({ id: strands.id }).from(strands).where(eq(strands.carriedFromId, id)).get();
    if (already) throw new ValidationError("This strand has already been carried forward into next year's plan.");
    const plan = ensurePlan({ academicYearId: next.id, actor }, tx);
    const last = tx.select({ p: max(strands.position) }).from(strands).where(eq(strands.planId, plan.id)).get()?.p ?? 0;
    const [row] = tx
      .insert(strands)
      .values({ planId: plan.id, position: last + 1, title: source.title, rationale: source.rationale, leadId: source.leadId, linkGovernorId: source.linkGovernorId, carriedFromId: source.id })
      .returning()
      .all();
    const newId = row!.id;

    // Development points belong to last year's SEF, so only the areas travel.
    const areaKeys = [...new Set(tx.select({ areaKey: strandSefLinks.areaKey }).from(strandSefLinks).where(eq(strandSefLinks.strandId, id)).all().map((l) => l.areaKey))];
    for (const areaKey of areaKeys) tx.insert(strandSefLinks).values({ strandId: newId, areaKey, developmentPointId: null }).run();

    const nextTerms = listTerms({ academicYearId: next.id }, tx);
    const criteria = tx.select().from(successCriteria).where(eq(successCriteria.strandId, id)).orderBy(asc(successCriteria.position)).all();
    const reader = new CriterionReader(tx, referenceTerm(listTerms({ academicYearId: year.id }, tx), today).id, criteria.map((c) => c.id));
    for (const c of criteria) {
      const latest = reader.current(c);
      const dueName = c.dueTermId ? getTerm({ id: c.dueTermId }, tx).name : "summer";
      tx.insert(successCriteria)
        .values({
          strandId: newId,
          position: c.position,
          kind: c.kind,
          description: c.description,
          isHeadline: c.isHeadline,
          metric: c.metric,
          yearGroup: c.yearGroup,
          subject: c.subject,
          pupilGroup: c.pupilGroup,
          unit: c.unit,
          baseline: latest.value ?? c.baseline,
          target: c.target,
          lowerIsBetter: c.lowerIsBetter,
          dueTermId: c.kind === "measurable" ? (nextTerms.find((t) => t.name === dueName)?.id ?? null) : null,
        })
        .run();
    }

    const unfinished = tx
      .select()
      .from(planActions)
      .where(and(eq(planActions.strandId, id), inArray(planActions.status, ["not_started", "in_progress"])))
      .orderBy(asc(planActions.position))
      .all();
    for (const a of unfinished) {
      const [copy] = tx
        .insert(planActions)
        .values({
          strandId: newId,
          position: a.position,
          description: a.description,
          ownerId: a.ownerId,
          startDate: plusOneYear(a.startDate),
          dueDate: plusOneYear(a.dueDate),
          costPence: a.costPence,
          resources: a.resources,
          monitoring: a.monitoring,
          monitoredById: a.monitoredById,
          status: "not_started",
          notes: "",
        })
        .returning({ id: planActions.id })
        .all();
      for (const s of tx.select().from(planActionSupporters).where(eq(planActionSupporters.actionId, a.id)).all()) {
        tx.insert(planActionSupporters).values({ actionId: copy!.id, userId: s.userId }).run();
      }
    }
    for (const m of tx.select().from(milestones).where(eq(milestones.strandId, id)).orderBy(asc(milestones.position)).all()) {
      tx.insert(milestones).values({ strandId: newId, term: m.term, description: m.description, position: m.position, met: null }).run();
    }
    writeAudit(
      {
        actor,
        area: "sip",
        verb: "carry-forward",
        entityType: "strand",
        entityId: newId,
        summary: `Carried strand "${source.title}" forward from ${year.name} to ${next.name} (${criteria.length} criteria, ${unfinished.length} unfinished actions)`,
        before: { id: source.id },
        after: strandAuditView(newId, tx),
      },
      tx,
    );
    return getStrand({ id: newId }, tx);
  });
}

// ---- Success criteria -----------------------------------------------------------------------------

export type CriterionFields = {
  kind: Criterion["kind"];
  description: string;
  isHeadline: boolean;
  metric: Criterion["metric"];
  yearGroup: Criterion["yearGroup"];
  subject: string | null;
  pupilGroup: Criterion["pupilGroup"];
  unit: string | null;
  baseline: number | null;
  target: number | null;
  lowerIsBetter: boolean;
  dueTermId: string | null;
};

export function getCriterion({ id }: { id: string }, db: DbOrTx = defaultDb): Criterion {
  const row = db.select().from(successCriteria).where(eq(successCriteria.id, id)).get();
  if (!row) throw new NotFoundError("That success criterion");
  return row;
}

function checkDueTerm(strandId: string, dueTermId: string | null, tx: DbOrTx) {
  if (!dueTermId) return;
  const year = yearOfStrand({ strandId }, tx);
  const ok = listTerms({ academicYearId: year.id }, tx).some((t) => t.id === dueTermId);
  if (!ok) throw new ValidationError("Choose a term of this plan's year.", { dueTermId: ["Choose a term of this plan's year"] });
}

/** Only one headline criterion per strand: choosing one clears the others. */
function clearOtherHeadlines(strandId: string, keepId: string, tx: DbOrTx) {
  tx.update(successCriteria)
    .set({ isHeadline: false, version: bumpVersion })
    .where(and(eq(successCriteria.strandId, strandId), eq(successCriteria.isHeadline, true), sql`${successCriteria.id} <> ${keepId}`))
    .run();
}

export function createCriterion({ strandId, values, actor }: { strandId: string; values: CriterionFields; actor: Actor }, db: DbOrTx = defaultDb): Criterion {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    checkDueTerm(strandId, values.dueTermId, tx);
    const last = tx.select({ p: max(successCriteria.position) }).from(successCriteria).where(eq(successCriteria.strandId, strandId)).get()?.p ?? 0;
    const isFirst = !tx.select({ id: successCriteria.id }).from(successCriteria).where(eq(successCriteria.strandId, strandId)).get();
    // A strand's first criterion is its headline until another is chosen.
    const [row] = tx.insert(successCriteria).values({ ...values, isHeadline: values.isHeadline || isFirst, strandId, position: last + 1 }).returning().all();
    if (row!.isHeadline) clearOtherHeadlines(strandId, row!.id, tx);
    writeAudit({ actor, area: "sip", verb: "create", entityType: "criterion", entityId: row!.id, summary: `Added a success criterion to "${strand.title}"`, after: row }, tx);
    return row!;
  });
}

export function updateCriterion({ id, version, values, actor }: { id: string; version: number; values: CriterionFields; actor: Actor }, db: DbOrTx = defaultDb): Criterion {
  return writeTransaction(db, (tx) => {
    const before = getCriterion({ id }, tx);
    checkDueTerm(before.strandId, values.dueTermId, tx);
    const result = tx
      .update(successCriteria)
      .set({ ...values, version: bumpVersion })
      .where(and(eq(successCriteria.id, id), eq(successCriteria.version, version)))
      .run();
    assertUpdated(result, "This success criterion");
    if (values.isHeadline) clearOtherHeadlines(before.strandId, id, tx);
    const after = getCriterion({ id }, tx);
    writeAudit({ actor, area: "sip", verb: "update", entityType: "criterion", entityId: id, summary: `Updated success criterion "${after.description}"`, before, after }, tx);
    return after;
  });
}

export function deleteCriterion({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getCriterion({ id }, tx);
    const result = tx.delete(successCriteria).where(and(eq(successCriteria.id, id), eq(successCriteria.version, version))).run();
    assertUpdated(result, "This success criterion");
    writeAudit({ actor, area: "sip", verb: "delete", entityType: "criterion", entityId: id, summary: `Deleted success criterion "${before.description}"`, before }, tx);
  });
}

/**
 * Records a hand-entered value (e.g. attendance %) for a term. `version` is null for the term's first
 * value and the version read when replacing one, so two people recording at once cannot overwrite
 * each other.
 */
export function recordCriterionValue(
  { criterionId, termId, value, note, version, actor }: { criterionId: string; termId: string; value: number; note: string; version: number | null; actor: Actor },
  db: DbOrTx = defaultDb,
): CriterionValue {
  return writeTransaction(db, (tx) => {
    const criterion = getCriterion({ id: criterionId }, tx);
    if (criterion.kind !== "measurable" || criterion.metric !== "manual") {
      throw new ValidationError("Values are recorded by hand only for criteria measured by hand; the others read stored data.");
    }
    const term = getTerm({ id: termId }, tx);
    const existing = tx.select().from(criterionValues).where(and(eq(criterionValues.criterionId, criterionId), eq(criterionValues.termId, termId))).get();
    let row: CriterionValue;
    if (existing) {
      if (version === null) assertUpdated({ changes: 0 }, `The ${term.name} value`);
      const result = tx
        .update(criterionValues)
        .set({ value, note: note || null, recordedById: actor.id, recordedAt: now(), version: bumpVersion })
        .where(and(eq(criterionValues.id, existing.id), eq(criterionValues.version, version ?? -1)))
        .run();
      assertUpdated(result, `The ${term.name} value`);
      row = tx.select().from(criterionValues).where(eq(criterionValues.id, existing.id)).get()!;
    } else {
      [row] = tx.insert(criterionValues).values({ criterionId, termId, value, note: note || null, recordedById: actor.id }).returning().all() as [CriterionValue];
    }
    writeAudit(
      { actor, area: "sip", verb: existing ? "update" : "create", entityType: "criterion_value", entityId: row.id, summary: `Recorded ${value} for "${criterion.description}" (${term.key})`, before: existing, after: row },
      tx,
    );
    return row;
  });
}

// ---- Reading criteria values ----------------------------------------------------------------------

/**
 * The term a plan is judged at: the term containing today, or the year's last term once it is over,
 * or its first before it starts.
 */
export function referenceTerm(yearTerms: TermWithYear[], today: string): TermWithYear {
  if (!yearTerms.length) throw new NotFoundError("The year's terms");
  return yearTerms.find((t) => t.startDate <= today && today <= t.endDate) ?? (today > yearTerms[yearTerms.length - 1]!.endDate ? yearTerms[yearTerms.length - 1]! : yearTerms[0]!);
}

export type CurrentValue = { value: number | null; termId: string | null; termKey: string | null; suppressed: boolean };

/**
 * Reads measurable criteria's values from stored data, caching each term's attainment analysis:
 * attainment metrics from the SPEC §4.4 analysis, hand-entered metrics from criterion_values.
 */
class CriterionReader {
  private allTerms: TermWithYear[];
  private index: Map<string, number>;
  private refIndex: number;
  private termsWithResults = new Map<string, boolean>();
  private termsWithAttendance = new Map<string, boolean>();
  private attendanceCache: AttendanceCache = new Map();
  private manual = new Map<string, Map<string, CriterionValue>>();

  constructor(
    private db: DbOrTx,
    refTermId: string,
    criterionIds: string[],
    /** Shared with the other readers (and the report's attainment section) of one request. */
    private cache: AttainmentCache = new Map(),
  ) {
    this.allTerms = listTerms({}, db);
    this.index = new Map(this.allTerms.map((t, i) => [t.id, i]));
    this.refIndex = this.index.get(refTermId) ?? this.allTerms.length - 1;
    for (const v of criterionIds.length ? db.select().from(criterionValues).where(inArray(criterionValues.criterionId, criterionIds)).all() : []) {
      const m = this.manual.get(v.criterionId) ?? new Map<string, CriterionValue>();
      m.set(v.termId, v);
      this.manual.set(v.criterionId, m);
    }
  }

  indexOf(termId: string | null): number | null {
    return termId ? (this.index.get(termId) ?? null) : null;
  }

  termAt(i: number): TermWithYear | undefined {
    return this.allTerms[i];
  }

  private hasResults(termId: string): boolean {
    let has = this.termsWithResults.get(termId);
    if (has === undefined) {
      has = termHasResults({ termId }, this.db);
      this.termsWithResults.set(termId, has);
    }
    return has;
  }

  private hasAttendance(termId: string): boolean {
    let has = this.termsWithAttendance.get(termId);
    if (has === undefined) {
      has = termHasAttendance({ termId }, this.db);
      this.termsWithAttendance.set(termId, has);
    }
    return has;
  }

  /** The value in one term exactly (no fallback); `found` false when the term has no data for it. */
  at(c: Criterion, termId: string): { value: number | null; suppressed: boolean; found: boolean } {
    if (c.kind !== "measurable" || !c.metric) return { value: null, suppressed: false, found: false };
    if (isAttendanceMetric(c.metric)) {
      // Attendance (and suspensions, imported with it) counts as recorded for a term once its attendance is.
      if (!this.hasAttendance(termId)) return { value: null, suppressed: false, found: false };
      return readAttendanceMetric(c, getAttendanceCached({ termId, cache: this.attendanceCache }, this.db));
    }
    if (c.metric === "manual") {
      const v = this.manual.get(c.id)?.get(termId);
      return v ? { value: v.value, suppressed: false, found: true } : { value: null, suppressed: false, found: false };
    }
    if (!this.hasResults(termId)) return { value: null, suppressed: false, found: false };
    return readMetric(c, getAttainmentCached({ termId, cache: this.cache }, this.db));
  }

  /** The value in the reference term, or else the latest earlier term with data for it. */
  current(c: Criterion): CurrentValue {
    for (let i = this.refIndex; i >= 0; i--) {
      const term = this.allTerms[i]!;
      const r = this.at(c, term.id);
      if (r.found) return { value: r.value, termId: term.id, termKey: term.key, suppressed: r.suppressed };
    }
    return { value: null, termId: null, termKey: null, suppressed: false };
  }

  manualValues(criterionId: string): CriterionValue[] {
    return [...(this.manual.get(criterionId)?.values() ?? [])].sort((a, b) => (this.index.get(a.termId) ?? 0) - (this.index.get(b.termId) ?? 0));
  }
}

export type CriterionView = Criterion & {
  metricLabel: string;
  current: CurrentValue;
  currentLabel: string;
  baselineLabel: string;
  targetLabel: string;
  status: CriterionStatus | null;
  dueTermKey: string | null;
  /** Hand-entered values by term, oldest first (manual metrics only). */
  values: (CriterionValue & { termKey: string })[];
};

function viewCriterion(c: Criterion, reader: CriterionReader, planStartIndex: number): CriterionView {
  const measurable = c.kind === "measurable" && !!c.metric;
  const current = measurable ? reader.current(c) : { value: null, termId: null, termKey: null, suppressed: false };
  const dueIndex = reader.indexOf(c.dueTermId) ?? planStartIndex + 2;
  const status = measurable
    ? criterionStatus({
        baseline: c.baseline,
        target: c.target,
        current: current.value,
        lowerIsBetter: c.lowerIsBetter,
        ...termSpan({ planStart: planStartIndex, valueAt: reader.indexOf(current.termId), due: dueIndex }),
      })
    : null;
  return {
    ...c,
    metricLabel: measurable ? describeMetric(c) : "",
    current,
    currentLabel: current.suppressed ? "Withheld (small group)" : formatMetricValue(current.value, c),
    baselineLabel: formatMetricValue(c.baseline, c),
    targetLabel: formatMetricValue(c.target, c),
    status,
    dueTermKey: c.dueTermId ? (reader.termAt(reader.indexOf(c.dueTermId) ?? -1)?.key ?? null) : null,
    values: c.metric === "manual" ? reader.manualValues(c.id).map((v) => ({ ...v, termKey: reader.termAt(reader.indexOf(v.termId) ?? -1)?.key ?? "" })) : [],
  };
}

// ---- Actions (tasks in the plan) -------------------------------------------------------------------

export type PlanActionFields = {
  description: string;
  ownerId: string;
  supporterIds: string[];
  startDate: string | null;
  dueDate: string | null;
  costPence: number;
  resources: string;
  monitoring: string;
  monitoredById: string | null;
  status: PlanActionStatus;
  notes: string;
};

export function findPlanAction({ id }: { id: string }, db: DbOrTx = defaultDb): PlanAction | null {
  return db.select().from(planActions).where(eq(planActions.id, id)).get() ?? null;
}

export function getPlanAction({ id }: { id: string }, db: DbOrTx = defaultDb): PlanAction {
  const row = findPlanAction({ id }, db);
  if (!row) throw new NotFoundError("That action");
  return row;
}

/** The staff supporting an action, by id. */
export function supportersOf(actionId: string, db: DbOrTx = defaultDb): string[] {
  return db.select({ userId: planActionSupporters.userId }).from(planActionSupporters).where(eq(planActionSupporters.actionId, actionId)).all().map((r) => r.userId);
}

function checkActionPeople(values: Pick<PlanActionFields, "ownerId" | "supporterIds" | "monitoredById">, tx: DbOrTx) {
  assertPersonRole(values.ownerId, STAFF_ROLES, "ownerId", "The owner must be a member of staff", tx);
  for (const id of values.supporterIds) assertPersonRole(id, STAFF_ROLES, "supporterIds", "Supporting staff must be members of staff", tx);
  assertPersonRole(values.monitoredById, STAFF_ROLES, "monitoredById", "The person monitoring must be a member of staff", tx);
}

function writeSupporters(actionId: string, ids: string[], tx: DbOrTx) {
  tx.delete(planActionSupporters).where(eq(planActionSupporters.actionId, actionId)).run();
  for (const userId of new Set(ids)) tx.insert(planActionSupporters).values({ actionId, userId }).run();
}

/** completedAt follows the status: set when an action becomes done, cleared when it is reopened. */
function completedAtFor(status: PlanActionStatus, previous: string | null): string | null {
  return status === "done" ? (previous ?? now()) : null;
}

export function createPlanAction({ strandId, values, actor }: { strandId: string; values: PlanActionFields; actor: Actor }, db: DbOrTx = defaultDb): PlanAction {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    checkActionPeople(values, tx);
    const last = tx.select({ p: max(planActions.position) }).from(planActions).where(eq(planActions.strandId, strandId)).get()?.p ?? 0;
    const { supporterIds, ...fields } = values;
    const [row] = tx
      .insert(planActions)
      .values({ ...fields, strandId, position: last + 1, completedAt: completedAtFor(values.status, null) })
      .returning()
      .all();
    writeSupporters(row!.id, supporterIds, tx);
    writeAudit({ actor, area: "sip", verb: "create", entityType: "plan_action", entityId: row!.id, summary: `Added action "${row!.description}" to "${strand.title}"`, after: { ...row, supporterIds } }, tx);
    return row!;
  });
}

export function updatePlanAction({ id, version, values, actor }: { id: string; version: number; values: PlanActionFields; actor: Actor }, db: DbOrTx = defaultDb): PlanAction {
  return writeTransaction(db, (tx) => {
    const before = { ...getPlanAction({ id }, tx), supporterIds: supportersOf(id, tx) };
    checkActionPeople(values, tx);
    const { supporterIds, ...fields } = values;
    const result = tx
      .update(planActions)
      .set({ ...fields, completedAt: completedAtFor(values.status, before.completedAt), version: bumpVersion, updatedAt: now() })
      .where(and(eq(planActions.id, id), eq(planActions.version, version)))
      .run();
    assertUpdated(result, "This action");
    writeSupporters(id, supporterIds, tx);
    const after = { ...getPlanAction({ id }, tx), supporterIds };
    writeAudit({ actor, area: "sip", verb: "update", entityType: "plan_action", entityId: id, summary: `Updated action "${after.description}"`, before, after }, tx);
    return after;
  });
}

/** The owner's update: status and notes only. */
export function updatePlanActionProgress(
  { id, version, status, notes, actor }: { id: string; version: number; status: PlanActionStatus; notes: string; actor: Actor },
  db: DbOrTx = defaultDb,
): PlanAction {
  return writeTransaction(db, (tx) => {
    const before = getPlanAction({ id }, tx);
    const result = tx
      .update(planActions)
      .set({ status, notes, completedAt: completedAtFor(status, before.completedAt), version: bumpVersion, updatedAt: now() })
      .where(and(eq(planActions.id, id), eq(planActions.version, version)))
      .run();
    assertUpdated(result, "This action");
    const after = getPlanAction({ id }, tx);
    writeAudit(
      { actor, area: "sip", verb: "update", entityType: "plan_action", entityId: id, summary: `Progress on "${after.description}": ${status.replace("_", " ")}`, before: { status: before.status, notes: before.notes }, after: { status, notes } },
      tx,
    );
    return after;
  });
}

export function deletePlanAction({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = { ...getPlanAction({ id }, tx), supporterIds: supportersOf(id, tx) };
    const result = tx.delete(planActions).where(and(eq(planActions.id, id), eq(planActions.version, version))).run();
    assertUpdated(result, "This action");
    writeAudit({ actor, area: "sip", verb: "delete", entityType: "plan_action", entityId: id, summary: `Deleted action "${before.description}"`, before }, tx);
  });
}

export type PlanActionView = PlanAction & {
  ownerName: string | null;
  supporterIds: string[];
  supporterNames: string[];
  monitoredByName: string | null;
  flag: ActionFlag;
};

function viewActions(rows: PlanAction[], people: Map<string, Person>, today: string, db: DbOrTx): PlanActionView[] {
  const ids = rows.map((r) => r.id);
  const sup = ids.length ? db.select().from(planActionSupporters).where(inArray(planActionSupporters.actionId, ids)).all() : [];
  return rows.map((a) => {
    const supporterIds = sup.filter((s) => s.actionId === a.id).map((s) => s.userId);
    return {
      ...a,
      ownerName: a.ownerId ? (people.get(a.ownerId)?.name ?? null) : null,
      supporterIds,
      supporterNames: supporterIds.map((id) => people.get(id)?.name ?? "").filter(Boolean),
      monitoredByName: a.monitoredById ? (people.get(a.monitoredById)?.name ?? null) : null,
      flag: actionFlag(a, today),
    };
  });
}

// ---- Milestones -----------------------------------------------------------------------------------

export type MilestoneFields = { term: TermName; description: string; met: boolean | null };

export function getMilestone({ id }: { id: string }, db: DbOrTx = defaultDb): Milestone {
  const row = db.select().from(milestones).where(eq(milestones.id, id)).get();
  if (!row) throw new NotFoundError("That milestone");
  return row;
}

export function createMilestone({ strandId, values, actor }: { strandId: string; values: MilestoneFields; actor: Actor }, db: DbOrTx = defaultDb): Milestone {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    const last = tx.select({ p: max(milestones.position) }).from(milestones).where(eq(milestones.strandId, strandId)).get()?.p ?? 0;
    const [row] = tx.insert(milestones).values({ ...values, strandId, position: last + 1 }).returning().all();
    writeAudit({ actor, area: "sip", verb: "create", entityType: "milestone", entityId: row!.id, summary: `Added a ${values.term} milestone to "${strand.title}"`, after: row }, tx);
    return row!;
  });
}

export function updateMilestone({ id, version, values, actor }: { id: string; version: number; values: MilestoneFields; actor: Actor }, db: DbOrTx = defaultDb): Milestone {
  return writeTransaction(db, (tx) => {
    const before = getMilestone({ id }, tx);
    const result = tx
      .update(milestones)
      .set({ ...values, version: bumpVersion })
      .where(and(eq(milestones.id, id), eq(milestones.version, version)))
      .run();
    assertUpdated(result, "This milestone");
    const after = getMilestone({ id }, tx);
    writeAudit({ actor, area: "sip", verb: "update", entityType: "milestone", entityId: id, summary: `Updated a ${after.term} milestone`, before, after }, tx);
    return after;
  });
}

export function deleteMilestone({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getMilestone({ id }, tx);
    const result = tx.delete(milestones).where(and(eq(milestones.id, id), eq(milestones.version, version))).run();
    assertUpdated(result, "This milestone");
    writeAudit({ actor, area: "sip", verb: "delete", entityType: "milestone", entityId: id, summary: `Deleted a ${before.term} milestone`, before }, tx);
  });
}

// ---- Monitoring that tested a strand ---------------------------------------------------------------

/**
 * A monitoring record that tested a strand, described without naming any observed teacher.
 * `viewerIsSubject` says whether the viewer is the teacher observed, so the page can decide (with
 * lib/policy) whether to link to the record.
 */
export type MonitoringItem = {
  recordType: "observation" | "activity" | "visit";
  id: string;
  date: string;
  kind: string;
  label: string;
  findings: string;
  visitKind: "governor" | "adviser" | null;
  viewerIsSubject: boolean;
};

/**
 * Observations (shared ones), monitoring activities and visits in a term whose focus is the strand. An
 * observation is described by kind, date and (the strand's) focus, with its subject and year group only
 * where the school has more than one teacher for them, unless `identifiable` (leaders, who may read every
 * observation anyway): in a one-form-entry school "Science, Year 5" names the teacher.
 */
export function listStrandMonitoring(
  { strandId, termId, viewerId, identifiable = false }: { strandId: string; termId: string; viewerId?: string | null; identifiable?: boolean },
  db: DbOrTx = defaultDb,
): MonitoringItem[] {
  const foci = db.select({ recordType: monitoringFoci.recordType, recordId: monitoringFoci.recordId }).from(monitoringFoci).where(eq(monitoringFoci.strandId, strandId)).all();
  const ids = (type: RecordType) => [...new Set(foci.filter((f) => f.recordType === type).map((f) => f.recordId))];
  const out: MonitoringItem[] = [];
  const obsIds = ids("observation");
  if (obsIds.length) {
    const pools = identifiable ? null : getTeacherPools({ academicYearId: getTerm({ id: termId }, db).academicYearId }, db);
    const rows = db
      .select({ id: observations.id, date: observations.date, subject: observations.subject, yearGroup: observations.yearGroup, teacherId: observations.teacherId })
      .from(observations)
      .where(and(inArray(observations.id, obsIds), eq(observations.termId, termId), eq(observations.status, "shared")))
      .all();
    for (const o of rows) {
      const shown = pools ? unidentifyingDetail({ subject: o.subject, yearGroup: o.yearGroup }, pools) : o;
      const year = shown.yearGroup ? yearGroupLabel(shown.yearGroup) : "";
      const subject = shown.subject;
      out.push({
        recordType: "observation",
        id: o.id,
        date: o.date,
        kind: "Lesson observation",
        label: [subject ? subject[0]!.toUpperCase() + subject.slice(1) : "", year].filter(Boolean).join(", "),
        findings: "",
        visitKind: null,
        viewerIsSubject: !!viewerId && o.teacherId === viewerId,
      });
    }
  }
  const actIds = ids("activity");
  if (actIds.length) {
    const rows = db.select().from(monitoringActivities).where(and(inArray(monitoringActivities.id, actIds), eq(monitoringActivities.termId, termId))).all();
    for (const a of rows) {
      out.push({
        recordType: "activity",
        id: a.id,
        date: a.date,
        kind: ACTIVITY_LABEL[a.type],
        label: [a.subject ? a.subject[0]!.toUpperCase() + a.subject.slice(1) : "", a.classesVisited].filter(Boolean).join(", "),
        findings: [a.strengths && `Strengths: ${a.strengths}`, a.areasToDevelop && `To develop: ${a.areasToDevelop}`].filter(Boolean).join(" "),
        visitKind: null,
        viewerIsSubject: false,
      });
    }
  }
  const visitIds = ids("visit");
  if (visitIds.length) {
    const rows = db
      .select({ id: visits.id, kind: visits.kind, date: visits.date, visitType: visits.visitType, purpose: visits.purpose, seen: visits.seen, visitorName: users.name })
      .from(visits)
      .innerJoin(users, eq(visits.visitorId, users.id))
      .where(and(inArray(visits.id, visitIds), eq(visits.termId, termId)))
      .all();
    for (const v of rows) {
      out.push({
        recordType: "visit",
        id: v.id,
        date: v.date,
        kind: v.kind === "governor" ? "Governor visit" : "Adviser visit",
        label: [v.visitType, v.visitorName].filter(Boolean).join(", "),
        findings: v.purpose,
        visitKind: v.kind,
        viewerIsSubject: false,
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}

// ---- Reviews --------------------------------------------------------------------------------------

export type EvidenceCandidate = { key: string; targetType: RecordType; targetId: string; label: string };

function monitoringEvidenceLabel(m: MonitoringItem): string {
  return `${m.kind}, ${formatDate(m.date)}${m.label ? `: ${m.label}` : ""}`;
}

/**
 * What a review of a strand for a term may cite: the monitoring records whose focus is the strand in
 * that term (labelled without any teacher's name), and the term's readings of the strand's measurable
 * criteria (assessment summaries and hand-recorded values).
 */
export function listEvidenceCandidates({ strandId, termId }: { strandId: string; termId: string }, db: DbOrTx = defaultDb): EvidenceCandidate[] {
  const items = listStrandMonitoring({ strandId, termId, identifiable: true }, db);
  // Labels as every area cites these records (lib/data/evidence), so a review and the SEF read alike.
  const shared = new Map<string, string>();
  for (const type of ["observation", "activity", "visit"] as const) {
    const ids = items.filter((m) => m.recordType === type).map((m) => m.id);
    if (ids.length) for (const c of EVIDENCE_SOURCES[type]?.query({ ids }, db) ?? []) shared.set(`${type}:${c.targetId}`, c.label);
  }
  const out: EvidenceCandidate[] = items.map((m) => ({
    key: `${m.recordType}:${m.id}`,
    targetType: m.recordType,
    targetId: m.id,
    label: shared.get(`${m.recordType}:${m.id}`) ?? monitoringEvidenceLabel(m),
  }));
  const term = getTerm({ id: termId }, db);
  const criteria = db.select().from(successCriteria).where(eq(successCriteria.strandId, strandId)).orderBy(asc(successCriteria.position)).all();
  const reader = new CriterionReader(db, termId, criteria.map((c) => c.id));
  for (const c of criteria) {
    if (c.kind !== "measurable" || !c.metric) continue;
    const r = reader.at(c, termId);
    if (!r.found) continue;
    // One term's reading of one criterion: the target id says which term and which criterion.
    const targetId = `${termId}|${c.id}`;
    if (c.metric === "manual") {
      out.push({ key: `criterion:${targetId}`, targetType: "criterion", targetId, label: `${c.description}, ${formatTerm(term)}: ${formatMetricValue(r.value, c)}` });
      continue;
    }
    if (isAttendanceMetric(c.metric)) {
      out.push({
        key: `attendance_summary:${targetId}`,
        targetType: "attendance_summary",
        targetId,
        label: `Attendance, ${formatTerm(term)}: ${describeMetric(c)} ${r.suppressed ? "suppressed (fewer than 5 pupils)" : formatMetricValue(r.value, c)}`,
      });
      continue;
    }
    out.push({
      key: `assessment_summary:${targetId}`,
      targetType: "assessment_summary",
      targetId,
      label: `Assessment, ${formatTerm(term)}: ${describeMetric(c)} ${r.suppressed ? "withheld (small group)" : formatMetricValue(r.value, c)}`,
    });
  }
  return out;
}

export type ReviewFields = {
  rag: Rag;
  progress: string;
  impact: string;
  nextSteps: string;
  reviewerId: string;
  reviewedOn: string;
};

export function findReview({ strandId, termId }: { strandId: string; termId: string }, db: DbOrTx = defaultDb): Review | null {
  return db.select().from(reviews).where(and(eq(reviews.strandId, strandId), eq(reviews.termId, termId))).get() ?? null;
}

export function getReview({ id }: { id: string }, db: DbOrTx = defaultDb): Review {
  const row = db.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!row) throw new NotFoundError("That review");
  return row;
}

function evidenceOf(reviewId: string, db: DbOrTx): EvidenceLink[] {
  return db.select().from(evidenceLinks).where(and(eq(evidenceLinks.ownerType, "review"), eq(evidenceLinks.ownerId, reviewId))).orderBy(asc(evidenceLinks.createdAt), asc(evidenceLinks.label)).all();
}

/**
 * Writes (or rewrites) a strand's review for a term with its evidence. `id`/`version` are null for
 * the term's first review; when someone else wrote it meanwhile, or changed it since it was read, the
 * save is refused. Evidence is chosen from the candidates (or kept from before), plus web links.
 */
export function saveReview(
  {
    strandId,
    termId,
    id,
    version,
    values,
    evidenceKeys,
    evidenceUrls,
    actor,
    today = todayIso(),
  }: {
    strandId: string;
    termId: string;
    id: string | null;
    version: number | null;
    values: ReviewFields;
    evidenceKeys: string[];
    evidenceUrls: { label: string; url: string }[];
    actor: Actor;
    today?: string;
  },
  db: DbOrTx = defaultDb,
): Review {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    const year = yearOfStrand({ strandId }, tx);
    const term = listTerms({ academicYearId: year.id }, tx).find((t) => t.id === termId);
    if (!term) throw new ValidationError("Reviews are written for a term of the plan's year.");
    if (term.startDate > today) throw new ValidationError(`The ${term.name} term has not started yet, so it cannot be reviewed.`);
    assertPersonRole(values.reviewerId, LEAD_ROLES, "reviewerId", "The reviewer must be the headteacher or a senior leader", tx);

    const existing = findReview({ strandId, termId }, tx);
    if (existing && existing.id !== id) {
      throw new ValidationError(`A review of this strand for ${term.key} was saved by someone else while you were writing. Copy your text, reload the page and edit their review.`);
    }
    if (!existing && id) throw new NotFoundError("That review");
    const before = existing ? { ...existing, evidence: evidenceOf(existing.id, tx) } : null;

    const candidates = new Map(listEvidenceCandidates({ strandId, termId }, tx).map((c) => [c.key, c]));
    const kept = new Map((before?.evidence ?? []).filter((e) => e.targetType !== "document").map((e) => [`${e.targetType}:${e.targetId}`, e]));
    const chosen = evidenceKeys.map((key) => {
      const c = candidates.get(key);
      if (c) return { targetType: c.targetType, targetId: c.targetId, label: c.label };
      const k = kept.get(key);
      if (k) return { targetType: k.targetType, targetId: k.targetId, label: k.label };
      throw new ValidationError("Choose evidence from the list.", { evidenceKeys: ["Choose evidence from the list for this strand and term"] });
    });

    let reviewId: string;
    if (existing) {
      const result = tx
        .update(reviews)
        .set({ ...values, version: bumpVersion, updatedAt: now() })
        .where(and(eq(reviews.id, existing.id), eq(reviews.version, version ?? -1)))
        .run();
      assertUpdated(result, "This review");
      reviewId = existing.id;
    } else {
      const [row] = tx.insert(reviews).values({ ...values, strandId, termId }).returning().all();
      reviewId = row!.id;
    }
    tx.delete(evidenceLinks).where(and(eq(evidenceLinks.ownerType, "review"), eq(evidenceLinks.ownerId, reviewId))).run();
    for (const e of chosen) tx.insert(evidenceLinks).values({ ownerType: "review", ownerId: reviewId, ...e, url: null, createdById: actor.id }).run();
    for (const u of evidenceUrls) tx.insert(evidenceLinks).values({ ownerType: "review", ownerId: reviewId, targetType: "document", targetId: null, label: u.label, url: u.url, createdById: actor.id }).run();

    const after = { ...getReview({ id: reviewId }, tx), evidence: evidenceOf(reviewId, tx) };
    writeAudit(
      { actor, area: "sip", verb: existing ? "update" : "create", entityType: "review", entityId: reviewId, summary: `${existing ? "Updated" : "Wrote"} the ${term.key} review of "${strand.title}" (${values.rag})`, before, after },
      tx,
    );
    return getReview({ id: reviewId }, tx);
  });
}

/** A governor's (or leader's) comment on a review, as a critical friend. Comments are not edited. */
export function addReviewComment({ reviewId, body, actor }: { reviewId: string; body: string; actor: Actor & { id: string } }, db: DbOrTx = defaultDb): ReviewComment {
  return writeTransaction(db, (tx) => {
    const review = getReview({ id: reviewId }, tx);
    const [row] = tx.insert(reviewComments).values({ reviewId, authorId: actor.id, body }).returning().all();
    writeAudit({ actor, area: "sip", verb: "comment", entityType: "review", entityId: review.id, summary: `Commented on a review`, after: row }, tx);
    return row!;
  });
}

export type EvidenceView = EvidenceLink & { viewerIsSubject: boolean };
export type ReviewView = Review & {
  termKey: string;
  termName: TermName;
  reviewerName: string | null;
  evidence: EvidenceView[];
  comments: (ReviewComment & { authorName: string; authorRole: Role | null })[];
};

function viewReviews(rows: Review[], termsById: Map<string, TermWithYear>, people: Map<string, Person>, viewerId: string | null, db: DbOrTx): ReviewView[] {
  const ids = rows.map((r) => r.id);
  const ev = ids.length ? db.select().from(evidenceLinks).where(and(eq(evidenceLinks.ownerType, "review"), inArray(evidenceLinks.ownerId, ids))).orderBy(asc(evidenceLinks.label)).all() : [];
  const obsIds = ev.filter((e) => e.targetType === "observation" && e.targetId).map((e) => e.targetId!);
  const mine = new Set(
    viewerId && obsIds.length
      ? db.select({ id: observations.id }).from(observations).where(and(inArray(observations.id, obsIds), eq(observations.teacherId, viewerId))).all().map((o) => o.id)
      : [],
  );
  const comments = ids.length ? db.select().from(reviewComments).where(inArray(reviewComments.reviewId, ids)).orderBy(asc(reviewComments.createdAt)).all() : [];
  return rows
    .map((r) => {
      const term = termsById.get(r.termId);
      return {
        ...r,
        termKey: term?.key ?? "",
        termName: term?.name ?? "autumn",
        reviewerName: r.reviewerId ? (people.get(r.reviewerId)?.name ?? null) : null,
        evidence: ev.filter((e) => e.ownerId === r.id).map((e) => ({ ...e, viewerIsSubject: e.targetType === "observation" && !!e.targetId && mine.has(e.targetId) })),
        comments: comments.filter((c) => c.reviewId === r.id).map((c) => ({ ...c, authorName: people.get(c.authorId)?.name ?? "Former user", authorRole: people.get(c.authorId)?.role ?? null })),
      };
    })
    .sort((a, b) => a.termKey.localeCompare(b.termKey) || ["autumn", "spring", "summer"].indexOf(a.termName) - ["autumn", "spring", "summer"].indexOf(b.termName));
}

// ---- Views: one strand -------------------------------------------------------------------------------

export type StrandDetail = {
  strand: Strand;
  plan: Plan;
  year: AcademicYear;
  yearTerms: TermWithYear[];
  refTerm: TermWithYear;
  number: number;
  lead: Person | null;
  linkGovernor: Person | null;
  sefLinks: SefLinkView[];
  carriedFrom: { id: string; title: string; yearName: string } | null;
  carriedTo: { id: string; title: string; yearName: string } | null;
  criteria: CriterionView[];
  headline: CriterionView | null;
  actions: PlanActionView[];
  counts: ActionCounts;
  costPence: number;
  milestones: Milestone[];
  reviews: ReviewView[];
  ragByTerm: Record<string, Rag | null>;
};

function strandYearRef(strandId: string | null, db: DbOrTx): { id: string; title: string; yearName: string } | null {
  if (!strandId) return null;
  const row = db
    .select({ id: strands.id, title: strands.title, yearName: academicYears.name })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(academicYears, eq(plans.academicYearId, academicYears.id))
    .where(eq(strands.id, strandId))
    .get();
  return row ?? null;
}

/**
 * A strand with its plan, year, number in the plan and SEF links: what its edit forms and page headers
 * need, without reading its criteria (and the attainment behind them), actions or reviews.
 */
export function getStrandHeader({ id }: { id: string }, db: DbOrTx = defaultDb) {
  const strand = getStrand({ id }, db);
  const plan = db.select().from(plans).where(eq(plans.id, strand.planId)).get()!;
  const year = getAcademicYear({ id: plan.academicYearId }, db);
  const number = listStrands({ planId: plan.id }, db).findIndex((s) => s.id === id) + 1;
  return { strand, plan, year, number, sefLinks: listSefLinks({ strandIds: [id] }, db).get(id) ?? [] };
}

/** Everything about one strand, as its page, the impact view and the exports show it. */
export function getStrandDetail(
  { id, today = todayIso(), viewerId = null, attainmentCache }: { id: string; today?: string; viewerId?: string | null; attainmentCache?: AttainmentCache },
  db: DbOrTx = defaultDb,
): StrandDetail {
  const { strand, plan, year, number, sefLinks } = getStrandHeader({ id }, db);
  const yearTerms = listTerms({ academicYearId: year.id }, db);
  const refTerm = referenceTerm(yearTerms, today);
  const people = peopleById(db);
  const criteriaRows = db.select().from(successCriteria).where(eq(successCriteria.strandId, id)).orderBy(asc(successCriteria.position)).all();
  const reader = new CriterionReader(db, refTerm.id, criteriaRows.map((c) => c.id), attainmentCache);
  const planStart = reader.indexOf(yearTerms[0]!.id) ?? 0;
  const criteria = criteriaRows.map((c) => viewCriterion(c, reader, planStart));
  const actionRows = db.select().from(planActions).where(eq(planActions.strandId, id)).orderBy(asc(planActions.position), asc(planActions.createdAt)).all();
  const actions = viewActions(actionRows, people, today, db);
  const termsById = new Map(yearTerms.map((t) => [t.id, t]));
  const reviewRows = db.select().from(reviews).where(eq(reviews.strandId, id)).all();
  const reviewViews = viewReviews(reviewRows, termsById, people, viewerId, db);
  const carriedTo = db.select({ id: strands.id }).from(strands).where(eq(strands.carriedFromId, id)).get();
  return {
    strand,
    plan,
    year,
    yearTerms,
    refTerm,
    number,
    lead: strand.leadId ? (people.get(strand.leadId) ?? null) : null,
    linkGovernor: strand.linkGovernorId ? (people.get(strand.linkGovernorId) ?? null) : null,
    sefLinks,
    carriedFrom: strandYearRef(strand.carriedFromId, db),
    carriedTo: strandYearRef(carriedTo?.id ?? null, db),
    criteria,
    headline: criteria.find((c) => c.isHeadline) ?? null,
    actions,
    counts: countActions(actionRows, today),
    costPence: totalCost(actionRows),
    milestones: db.select().from(milestones).where(eq(milestones.strandId, id)).orderBy(asc(milestones.position)).all(),
    reviews: reviewViews,
    ragByTerm: Object.fromEntries(yearTerms.map((t) => [t.id, reviewRows.find((r) => r.termId === t.id)?.rag ?? null])),
  };
}

/** Criteria values term by term across the plan's year, for the impact view. */
export function criterionValuesByTerm({ strandId }: { strandId: string }, db: DbOrTx = defaultDb): Record<string, Record<string, { value: number | null; suppressed: boolean; label: string } | null>> {
  const year = yearOfStrand({ strandId }, db);
  const yearTerms = listTerms({ academicYearId: year.id }, db);
  const criteria = db.select().from(successCriteria).where(eq(successCriteria.strandId, strandId)).all();
  const reader = new CriterionReader(db, yearTerms[yearTerms.length - 1]!.id, criteria.map((c) => c.id));
  const out: Record<string, Record<string, { value: number | null; suppressed: boolean; label: string } | null>> = {};
  for (const c of criteria) {
    out[c.id] = {};
    for (const t of yearTerms) {
      const r = reader.at(c, t.id);
      out[c.id]![t.id] = r.found ? { value: r.value, suppressed: r.suppressed, label: r.suppressed ? "Withheld" : formatMetricValue(r.value, c) } : null;
    }
  }
  return out;
}

// ---- Views: the whole plan ------------------------------------------------------------------------------

export type StrandSummary = {
  strand: Strand;
  number: number;
  lead: Person | null;
  linkGovernor: Person | null;
  sefLinks: SefLinkView[];
  ragByTerm: Record<string, Rag | null>;
  /** This term's RAG (the reference term) and the latest review before it. */
  rag: Rag | null;
  previousRag: { rag: Rag; termKey: string } | null;
  counts: ActionCounts;
  costPence: number;
  headline: CriterionView | null;
  carriedFrom: { id: string; title: string; yearName: string } | null;
};

export type PlanOverview = {
  plan: Plan | null;
  year: AcademicYear;
  yearTerms: TermWithYear[];
  refTerm: TermWithYear;
  strands: StrandSummary[];
  counts: ActionCounts;
  costPence: number;
  tooLong: boolean;
  overdue: (PlanActionView & { strandId: string; strandTitle: string; strandNumber: number })[];
  dueSoon: (PlanActionView & { strandId: string; strandTitle: string; strandNumber: number })[];
  dueThisTerm: (PlanActionView & { strandId: string; strandTitle: string; strandNumber: number })[];
  /** Strands with no review yet for the reference term (once it has started). */
  reviewsMissing: { id: string; title: string; number: number }[];
};

/**
 * The plan of a year as the plan page, the plan on a page, the dashboard and the termly report need
 * it: each strand with its lead, RAG history, action counts, cost and headline criterion, and the
 * plan's totals and overdue actions. Works (empty) when the year has no plan yet.
 */
export function getPlanOverview(
  { academicYearId, today = todayIso(), refTermId, attainmentCache }: { academicYearId: string; today?: string; refTermId?: string; attainmentCache?: AttainmentCache },
  db: DbOrTx = defaultDb,
): PlanOverview {
  const year = getAcademicYear({ id: academicYearId }, db);
  const yearTerms = listTerms({ academicYearId }, db);
  const refTerm = (refTermId && yearTerms.find((t) => t.id === refTermId)) || referenceTerm(yearTerms, today);
  const plan = findPlan({ academicYearId }, db);
  const strandRows = plan ? listStrands({ planId: plan.id }, db) : [];
  const ids = strandRows.map((s) => s.id);
  const people = peopleById(db);
  const actionRows = ids.length ? db.select().from(planActions).where(inArray(planActions.strandId, ids)).orderBy(asc(planActions.dueDate), asc(planActions.position)).all() : [];
  const actionViews = viewActions(actionRows, people, today, db);
  const reviewRows = ids.length ? db.select({ strandId: reviews.strandId, termId: reviews.termId, rag: reviews.rag }).from(reviews).where(inArray(reviews.strandId, ids)).all() : [];
  const headlineRows = ids.length ? db.select().from(successCriteria).where(and(inArray(successCriteria.strandId, ids), eq(successCriteria.isHeadline, true))).all() : [];
  const reader = new CriterionReader(db, refTerm.id, headlineRows.map((c) => c.id), attainmentCache);
  const planStart = reader.indexOf(yearTerms[0]!.id) ?? 0;
  const links = listSefLinks({ strandIds: ids }, db);
  const allTerms = listTerms({}, db);
  const termIndex = new Map(allTerms.map((t, i) => [t.id, i]));
  const refIndex = termIndex.get(refTerm.id) ?? 0;
  const costs = costTotals(strandRows.map((s) => ({ id: s.id, actions: actionRows.filter((a) => a.strandId === s.id) })));

  const summaries: StrandSummary[] = strandRows.map((s, i) => {
    const mine = reviewRows.filter((r) => r.strandId === s.id);
    const earlier = mine
      .filter((r) => (termIndex.get(r.termId) ?? -1) < refIndex)
      .sort((a, b) => (termIndex.get(b.termId) ?? 0) - (termIndex.get(a.termId) ?? 0))[0];
    const headline = headlineRows.find((c) => c.strandId === s.id);
    return {
      strand: s,
      number: i + 1,
      lead: s.leadId ? (people.get(s.leadId) ?? null) : null,
      linkGovernor: s.linkGovernorId ? (people.get(s.linkGovernorId) ?? null) : null,
      sefLinks: links.get(s.id) ?? [],
      ragByTerm: Object.fromEntries(yearTerms.map((t) => [t.id, mine.find((r) => r.termId === t.id)?.rag ?? null])),
      rag: mine.find((r) => r.termId === refTerm.id)?.rag ?? null,
      previousRag: earlier ? { rag: earlier.rag, termKey: allTerms[termIndex.get(earlier.termId)!]!.key } : null,
      counts: countActions(
        actionRows.filter((a) => a.strandId === s.id),
        today,
      ),
      costPence: costs.byStrand[s.id] ?? 0,
      headline: headline ? viewCriterion(headline, reader, planStart) : null,
      carriedFrom: strandYearRef(s.carriedFromId, db),
    };
  });
  const withStrand = (a: PlanActionView) => {
    const s = summaries.find((x) => x.strand.id === a.strandId)!;
    return { ...a, strandId: s.strand.id, strandTitle: s.strand.title, strandNumber: s.number };
  };
  return {
    plan,
    year,
    yearTerms,
    refTerm,
    strands: summaries,
    counts: countActions(actionRows, today),
    costPence: costs.plan,
    tooLong: isPlanTooLong(strandRows.length),
    overdue: actionViews.filter((a) => a.flag === "overdue").map(withStrand),
    dueSoon: actionViews.filter((a) => a.flag === "due_soon").map(withStrand),
    dueThisTerm: dueWithin(actionViews, refTerm).map(withStrand),
    reviewsMissing: refTerm.startDate <= today ? summaries.filter((s) => !s.rag).map((s) => ({ id: s.strand.id, title: s.strand.title, number: s.number })) : [],
  };
}

/** Every strand's full detail, in order: for the printable plan and the Word export. */
export function getPlanDocument({ academicYearId, today = todayIso() }: { academicYearId: string; today?: string }, db: DbOrTx = defaultDb): { overview: PlanOverview; strands: StrandDetail[] } {
  const attainmentCache: AttainmentCache = new Map();
  const overview = getPlanOverview({ academicYearId, today, attainmentCache }, db);
  return { overview, strands: overview.strands.map((s) => getStrandDetail({ id: s.strand.id, today, attainmentCache }, db)) };
}

/** The years that have a plan (newest first), and the current year even without one. */
export function listPlanYears(db: DbOrTx = defaultDb): { id: string; name: string; hasPlan: boolean; isCurrent: boolean }[] {
  const years = db.select().from(academicYears).orderBy(desc(academicYears.name)).all();
  const withPlans = new Set(db.select({ y: plans.academicYearId }).from(plans).all().map((r) => r.y));
  return years.filter((y) => withPlans.has(y.id) || y.isCurrent).map((y) => ({ id: y.id, name: y.name, hasPlan: withPlans.has(y.id), isCurrent: y.isCurrent }));
}

// ---- Views: one person ------------------------------------------------------------------------------------

export type MyPlanWork = {
  year: AcademicYear | null;
  actions: (PlanActionView & { strandTitle: string })[];
  leads: { id: string; title: string; rag: Rag | null }[];
  linkGoverns: { id: string; title: string; rag: Rag | null }[];
};

/**
 * The plan work a person owns this year: their actions (overdue first, then due soon, then the rest,
 * then finished ones) and the strands they lead or are link governor for.
 */
export function getMyPlanWork({ userId, today = todayIso() }: { userId: string; today?: string }, db: DbOrTx = defaultDb): MyPlanWork {
  const year = findCurrentYear(db);
  if (!year) return { year: null, actions: [], leads: [], linkGoverns: [] };
  const plan = findPlan({ academicYearId: year.id }, db);
  if (!plan) return { year, actions: [], leads: [], linkGoverns: [] };
  const strandRows = listStrands({ planId: plan.id }, db);
  const titles = new Map(strandRows.map((s) => [s.id, s.title]));
  const ids = strandRows.map((s) => s.id);
  const rows = ids.length ? db.select().from(planActions).where(and(inArray(planActions.strandId, ids), eq(planActions.ownerId, userId))).all() : [];
  const people = peopleById(db);
  const refTerm = referenceTerm(listTerms({ academicYearId: year.id }, db), today);
  const rag = (strandId: string) => findReview({ strandId, termId: refTerm.id }, db)?.rag ?? null;
  return {
    year,
    actions: sortForOwner(viewActions(rows, people, today, db), today).map((a) => ({ ...a, strandTitle: titles.get(a.strandId) ?? "" })),
    leads: strandRows.filter((s) => s.leadId === userId).map((s) => ({ id: s.id, title: s.title, rag: rag(s.id) })),
    linkGoverns: strandRows.filter((s) => s.linkGovernorId === userId).map((s) => ({ id: s.id, title: s.title, rag: rag(s.id) })),
  };
}
