import "server-only";
import { and, asc, eq, inArray, max } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, milestones, monitoringFoci, plannedMonitoring, planActions, planActionSupporters, plans, reviews, strands, strandSefLinks, successCriteria } from "@/db/schema";
import { shiftAcademicYear } from "@/lib/format";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { assertPersonRole, GOVERNOR_ROLES, LEAD_ROLES } from "../users";
import { findAcademicYearByName, getTerm, listTerms, todayIso, type AcademicYear } from "../school";
import { writeTransaction } from "../transaction";
import { CriterionReader, referenceTerm } from "./criterion-reader";
import { ensurePlan } from "./plans";
import { resolveSefLinks, writeSefLinks } from "./sef-links";
import { type Strand, now } from "./shared";

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
    const row = tx
      .insert(strands)
      .values({ planId: plan.id, position: last + 1, title: values.title, rationale: values.rationale, leadId: values.leadId, linkGovernorId: values.linkGovernorId })
      .returning()
      .get();
    writeSefLinks(row.id, links, tx);
    writeAudit({ actor, area: "sip", verb: "create", entityType: "strand", entityId: row.id, summary: `Added strand "${row.title}"`, after: strandAuditView(row.id, tx) }, tx);
    return row;
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
    const row = tx
      .insert(strands)
      .values({ planId: plan.id, position: last + 1, title: source.title, rationale: source.rationale, leadId: source.leadId, linkGovernorId: source.linkGovernorId, carriedFromId: source.id })
      .returning()
      .get();
    const newId = row.id;

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
      const copy = tx
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
        .get();
      for (const s of tx.select().from(planActionSupporters).where(eq(planActionSupporters.actionId, a.id)).all()) {
        tx.insert(planActionSupporters).values({ actionId: copy.id, userId: s.userId }).run();
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
