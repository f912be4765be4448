import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { classes, observationJudgements, observationObservers, observations, observationTemplates, users, type Judgement, type YearGroup } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { ObservationInput, UpdateObservationInput } from "@/lib/validation/monitoring";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { STAFF_ROLES } from "../users";
import { findSchool, getTerm, listTerms } from "../school";
import { writeTransaction } from "../transaction";
import { type Focus, readFoci, validateFocus, writeFoci } from "./focus";
import { assertStaff, findPerson } from "./people";
import { type Viewer, now } from "./shared";
import { criteriaOf } from "./templates";
import { termForDate } from "./terms";

// ---- Lesson observations -----------------------------------------------------------------------

type ObservationJudgementRow = { id: string; criterionId: string | null; heading: string; label: string; judgement: Judgement; position: number };
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

/** The viewer's own shared observations that they have not yet acknowledged (My responsibilities): only ever their own. */
export function listObservationsAwaitingResponse({ viewer }: { viewer: Viewer }, db: DbOrTx = defaultDb) {
  const teacherId = viewer.id;
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
    const row = tx
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
      .get();
    const id = row.id;
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
