import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { activityParticipants, monitoringActivities, users, type ActivityType } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { ActivityInput } from "@/lib/validation/monitoring";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { getTerm } from "../school";
import { writeTransaction } from "../transaction";
import { type Focus, readFoci, validateFocus, writeFoci } from "./focus";
import { assertNamesNoStaff, assertStaff, findPerson } from "./people";
import { type Viewer, now } from "./shared";
import { termForDate } from "./terms";

// ---- Learning walks, work scrutiny, pupil voice, drop-ins --------------------------------------

type Activity = typeof monitoringActivities.$inferSelect;
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

function toActivitySummary(detail: ActivityDetail): ActivitySummary {
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
    const row = tx.insert(monitoringActivities).values({ ...activityValues(input, term.id), createdById: actor.id }).returning({ id: monitoringActivities.id }).get();
    writeParticipants(row.id, input, tx);
    writeFoci("activity", row.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "activity", entityId: row.id, summary: `Recorded a ${input.type.replace("_", " ")} on ${input.date}`, after: getActivity({ id: row.id }, tx) }, tx);
    return { id: row.id };
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
