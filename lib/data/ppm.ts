import "server-only";
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import {
  academicYears,
  assessmentResults,
  classes,
  progressMeetingAttendees,
  progressMeetingItems,
  progressMeetings,
  pupils,
  terms,
  users,
  type PpmOutcomeKind,
  type Role,
  type YearGroup,
} from "@/db/schema";
import { formatDate, formatTerm } from "@/lib/format";
import { countProgressMeetings, ppmSubjects, selectCarryForward, sortOwnedActions, type PpmCounts } from "@/lib/analytics/ppm";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, scopeOf, type PolicyUser } from "@/lib/policy";
import type { AddItemInput, CreateMeetingInput, OutcomeInput, UpdateItemInput, UpdateMeetingInput } from "@/lib/validation/ppm";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { LEAD_ROLES, STAFF_ROLES } from "./users";
import { getSchoolScheme, getTerm, listClasses, listClassIdsTaughtBy, termKey, todayIso, type TermWithYear } from "./school";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "./transaction";

/**
 * Pupil progress meetings (SPEC §3.6): one per class per term; the pupils discussed, the action agreed for
 * each, and at the next meeting the outcome. Reads that return pupils' names take the viewer and apply
 * SPEC §1 themselves (leaders: every class; staff: the classes they teach; governors and advisers: none),
 * so a page that forgot its check still could not leak a name. The counts are names-free.
 */

export type ProgressMeeting = typeof progressMeetings.$inferSelect;
export type ProgressMeetingItem = typeof progressMeetingItems.$inferSelect;

/** Who may lead or attend a meeting, be its class teacher or own an action. */

// ---- Access ------------------------------------------------------------------------------------

/** The ids a page needs to decide access before it loads anything personal. */
export function findMeetingRef({ id }: { id: string }, db: DbOrTx = defaultDb): { id: string; classId: string; termId: string } | null {
  return (
    db
      .select({ id: progressMeetings.id, classId: progressMeetings.classId, termId: progressMeetings.termId })
      .from(progressMeetings)
      .where(eq(progressMeetings.id, id))
      .get() ?? null
  );
}

/** May this viewer read the meetings of this class? Leaders any class; staff only a class they teach. */
function canReadClassMeetings({ viewer, classId }: { viewer: PolicyUser; classId: string }, db: DbOrTx = defaultDb): boolean {
  const scope = scopeOf(viewer.role, "ppm.read");
  if (scope === "all") return true;
  if (scope === "own") return can(viewer, "ppm.read", listClassIdsTaughtBy({ userId: viewer.id }, db).includes(classId));
  return false;
}

function assertCanReadClass(viewer: PolicyUser, classId: string, db: DbOrTx) {
  if (!canReadClassMeetings({ viewer, classId }, db)) throw new ForbiddenError();
}

// ---- Reading -----------------------------------------------------------------------------------

export type PpmItemView = {
  id: string;
  version: number;
  meetingId: string;
  meetingDate: string;
  termKey: string;
  termStartDate: string;
  classId: string;
  className: string;
  pupilId: string;
  pupilName: string;
  upn: string;
  subject: string | null;
  concern: string;
  action: string;
  ownerId: string | null;
  ownerName: string | null;
  reviewDate: string | null;
  outcome: string | null;
  outcomeKind: PpmOutcomeKind | null;
  outcomeMeetingId: string | null;
  status: "open" | "closed";
  carriedFromId: string | null;
};

const owner = alias(users, "owner");

/** Items with what every view of them shows. Callers decide (and check) which items. */
function selectItems(where: SQL | undefined, db: DbOrTx): PpmItemView[] {
  return db
    .select({
      id: progressMeetingItems.id,
      version: progressMeetingItems.version,
      meetingId: progressMeetingItems.meetingId,
      meetingDate: progressMeetings.date,
      yearName: academicYears.name,
      termName: terms.name,
      termStartDate: terms.startDate,
      classId: progressMeetings.classId,
      className: classes.name,
      pupilId: progressMeetingItems.pupilId,
      firstName: pupils.firstName,
      lastName: pupils.lastName,
      upn: pupils.upn,
      subject: progressMeetingItems.subject,
      concern: progressMeetingItems.concern,
      action: progressMeetingItems.action,
      ownerId: progressMeetingItems.ownerId,
      ownerName: owner.name,
      reviewDate: progressMeetingItems.reviewDate,
      outcome: progressMeetingItems.outcome,
      outcomeKind: progressMeetingItems.outcomeKind,
      outcomeMeetingId: progressMeetingItems.outcomeMeetingId,
      status: progressMeetingItems.status,
      carriedFromId: progressMeetingItems.carriedFromId,
    })
    .from(progressMeetingItems)
    .innerJoin(progressMeetings, eq(progressMeetingItems.meetingId, progressMeetings.id))
    .innerJoin(terms, eq(progressMeetings.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .innerJoin(classes, eq(progressMeetings.classId, classes.id))
    .innerJoin(pupils, eq(progressMeetingItems.pupilId, pupils.id))
    .leftJoin(owner, eq(progressMeetingItems.ownerId, owner.id))
    .where(where)
    .orderBy(asc(terms.startDate), asc(pupils.lastName), asc(pupils.firstName), asc(progressMeetingItems.id))
    .all()
    .map(({ yearName, termName, firstName, lastName, ...rest }) => ({
      ...rest,
      termKey: termKey(yearName, termName),
      pupilName: `${firstName} ${lastName}`,
    }));
}

export type MeetingDetail = {
  meeting: ProgressMeeting & {
    term: TermWithYear;
    className: string;
    yearGroup: YearGroup | null;
    teacherName: string | null;
  };
  attendees: { id: string; name: string; jobTitle: string | null }[];
  /** The pupils discussed at this meeting and the actions agreed. */
  items: PpmItemView[];
  /** Open actions from earlier meetings for pupils now in this class: their outcome is due here. */
  toReview: PpmItemView[];
  /** Actions from earlier meetings whose outcome was recorded at this meeting. */
  reviewedHere: PpmItemView[];
  /** For each item that was continued at a later meeting, the id of the continuing item. */
  continuedBy: Record<string, string>;
};

/**
 * One meeting with its pupils, for a viewer allowed to read it (NotFoundError if there is no such
 * meeting; ForbiddenError for staff who do not teach the class and for governors and advisers).
 */
export function getProgressMeeting({ id, viewer }: { id: string; viewer: PolicyUser }, db: DbOrTx = defaultDb): MeetingDetail {
  const ref = findMeetingRef({ id }, db);
  if (!ref) throw new NotFoundError("That progress meeting");
  assertCanReadClass(viewer, ref.classId, db);

  const teacher = alias(users, "teacher");
  const row = db
    .select({ meeting: progressMeetings, className: classes.name, yearGroup: classes.yearGroup, teacherName: teacher.name })
    .from(progressMeetings)
    .innerJoin(classes, eq(progressMeetings.classId, classes.id))
    .leftJoin(teacher, eq(progressMeetings.teacherId, teacher.id))
    .where(eq(progressMeetings.id, id))
    .get()!;
  const term = getTerm({ id: row.meeting.termId }, db);
  const attendees = db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(progressMeetingAttendees)
    .innerJoin(users, eq(progressMeetingAttendees.userId, users.id))
    .where(eq(progressMeetingAttendees.meetingId, id))
    .orderBy(asc(users.name))
    .all();

  const items = selectItems(eq(progressMeetingItems.meetingId, id), db);
  const toReview = listItemsToReview({ meetingId: id, classId: row.meeting.classId, termStartDate: term.startDate }, db);
  const reviewedHere = selectItems(and(eq(progressMeetingItems.outcomeMeetingId, id), ne(progressMeetingItems.meetingId, id)), db);

  const ids = [...items, ...reviewedHere].map((i) => i.id);
  const continuedBy: Record<string, string> = {};
  if (ids.length) {
    for (const r of db
      .select({ id: progressMeetingItems.id, from: progressMeetingItems.carriedFromId })
      .from(progressMeetingItems)
      .where(inArray(progressMeetingItems.carriedFromId, ids))
      .all()) {
      if (r.from) continuedBy[r.from] = r.id;
    }
  }

  return {
    meeting: { ...row.meeting, term, className: row.className, yearGroup: row.yearGroup, teacherName: row.teacherName },
    attendees,
    items,
    toReview,
    reviewedHere,
    continuedBy,
  };
}

/** The UPNs of a class's pupils: how a pupil is followed from one academic year's record to the next. */
function classUpns(classId: string, db: DbOrTx): Map<string, string> {
  return new Map(
    db
      .select({ upn: pupils.upn, id: pupils.id })
      .from(pupils)
      .where(eq(pupils.classId, classId))
      .all()
      .map((p) => [p.upn, p.id]),
  );
}

function listItemsToReview({ meetingId, classId, termStartDate }: { meetingId: string; classId: string; termStartDate: string }, db: DbOrTx): PpmItemView[] {
  const upns = classUpns(classId, db);
  if (upns.size === 0) return [];
  const open = selectItems(and(eq(progressMeetingItems.status, "open"), inArray(pupils.upn, [...upns.keys()])), db);
  return selectCarryForward({ openItems: open, classUpns: new Set(upns.keys()), meetingId, termStartDate });
}

export type ClassMeetingRow = {
  classId: string;
  className: string;
  yearGroup: YearGroup | null;
  teacherNames: string[];
  meeting: { id: string; date: string; teacherName: string | null; pupilsDiscussed: number; actions: number; openActions: number } | null;
};

function classMeetingRows(term: TermWithYear, classList: { id: string; name: string; yearGroup: YearGroup | null; teacherIds: string[] }[], db: DbOrTx): ClassMeetingRow[] {
  if (classList.length === 0) return [];
  const names = new Map(db.select({ id: users.id, name: users.name }).from(users).all().map((u) => [u.id, u.name]));
  const meetings = db
    .select({ id: progressMeetings.id, classId: progressMeetings.classId, date: progressMeetings.date, teacherId: progressMeetings.teacherId })
    .from(progressMeetings)
    .where(and(eq(progressMeetings.termId, term.id), inArray(progressMeetings.classId, classList.map((c) => c.id))))
    .all();
  const itemStats = new Map(
    meetings.length
      ? db
          .select({
            meetingId: progressMeetingItems.meetingId,
            pupils: sql<number>`count(distinct ${progressMeetingItems.pupilId})`,
            actions: sql<number>`count(*)`,
            open: sql<number>`sum(case when ${progressMeetingItems.status} = 'open' then 1 else 0 end)`,
          })
          .from(progressMeetingItems)
          .where(inArray(progressMeetingItems.meetingId, meetings.map((m) => m.id)))
          .groupBy(progressMeetingItems.meetingId)
          .all()
          .map((s) => [s.meetingId, s])
      : [],
  );
  return classList.map((c) => {
    const m = meetings.find((x) => x.classId === c.id);
    const s = m ? itemStats.get(m.id) : undefined;
    return {
      classId: c.id,
      className: c.name,
      yearGroup: c.yearGroup,
      teacherNames: c.teacherIds.map((id) => names.get(id) ?? "").filter(Boolean),
      meeting: m
        ? {
            id: m.id,
            date: m.date,
            teacherName: m.teacherId ? (names.get(m.teacherId) ?? null) : null,
            pupilsDiscussed: s?.pupils ?? 0,
            actions: s?.actions ?? 0,
            openActions: s?.open ?? 0,
          }
        : null,
    };
  });
}

/**
 * For each class of the term's year that the viewer may see (every class for leaders, the classes they
 * teach for staff): its meeting this term, or null if it has not had one. Refused for governors and
 * advisers, who see counts only.
 */
export function listMeetingsForTerm({ termId, viewer }: { termId: string; viewer: PolicyUser }, db: DbOrTx = defaultDb): ClassMeetingRow[] {
  const scope = scopeOf(viewer.role, "ppm.read");
  if (!scope) throw new ForbiddenError();
  const term = getTerm({ id: termId }, db);
  let classList = listClasses({ academicYearId: term.academicYearId }, db);
  if (scope === "own") {
    const mine = new Set(listClassIdsTaughtBy({ userId: viewer.id }, db));
    classList = classList.filter((c) => mine.has(c.id));
  }
  return classMeetingRows(term, classList, db);
}

/** The meetings this term of the classes the viewer teaches (My responsibilities): only ever their own classes. */
export function listMyClassMeetings({ viewer, termId }: { viewer: PolicyUser; termId: string }, db: DbOrTx = defaultDb): ClassMeetingRow[] {
  const term = getTerm({ id: termId }, db);
  const classList = listClasses({ academicYearId: term.academicYearId }, db).filter((c) => c.teacherIds.includes(viewer.id));
  return classMeetingRows(term, classList, db);
}

/**
 * Open actions a person owns, overdue first. The owner sees the pupil and the action because they are
 * the one who must carry it out; `canOpenMeeting` says whether they may also read the whole meeting.
 */
export function listOpenPpmActionsOwnedBy(
  { viewer, today = todayIso() }: { viewer: PolicyUser; today?: string },
  db: DbOrTx = defaultDb,
): (PpmItemView & { canOpenMeeting: boolean })[] {
  const items = selectItems(and(eq(progressMeetingItems.ownerId, viewer.id), eq(progressMeetingItems.status, "open")), db);
  const taught = scopeOf(viewer.role, "ppm.read") === "own" ? new Set(listClassIdsTaughtBy({ userId: viewer.id }, db)) : null;
  return sortOwnedActions(items, today).map((i) => ({ ...i, canOpenMeeting: can(viewer, "ppm.read", taught ? taught.has(i.classId) : undefined) }));
}

/**
 * SPEC §3.7 item 5 for one term: how many meetings were held, pupils discussed, actions agreed and
 * outcomes recorded (by category), and how many actions were carried forward. Counts only, no names:
 * safe for governors and for the published report.
 */
export function getProgressMeetingCounts({ termId }: { termId: string }, db: DbOrTx = defaultDb): PpmCounts {
  const term = getTerm({ id: termId }, db);
  const classIds = db.select({ id: classes.id }).from(classes).where(eq(classes.academicYearId, term.academicYearId)).all().map((c) => c.id);
  const meetings = db
    .select({ id: progressMeetings.id, classId: progressMeetings.classId })
    .from(progressMeetings)
    .where(eq(progressMeetings.termId, termId))
    .all();
  const items = db
    .select({
      pupilId: progressMeetingItems.pupilId,
      subject: progressMeetingItems.subject,
      status: progressMeetingItems.status,
      carriedFromId: progressMeetingItems.carriedFromId,
    })
    .from(progressMeetingItems)
    .innerJoin(progressMeetings, eq(progressMeetingItems.meetingId, progressMeetings.id))
    .where(eq(progressMeetings.termId, termId))
    .all();
  const outcomeMeeting = alias(progressMeetings, "outcome_meeting");
  const outcomes = db
    .select({ outcomeKind: progressMeetingItems.outcomeKind })
    .from(progressMeetingItems)
    .innerJoin(outcomeMeeting, eq(progressMeetingItems.outcomeMeetingId, outcomeMeeting.id))
    .where(eq(outcomeMeeting.termId, termId))
    .all();
  return countProgressMeetings({ classIds, meetings, items, outcomes });
}

export type MeetingPupil = { id: string; name: string; sen: "N" | "K" | "E"; belowIn: string[] };

/**
 * The pupils of a meeting's class, for choosing who to discuss, each with the subjects in which their
 * result for the meeting's term is below the expected standard (the usual reason to discuss them).
 */
export function listMeetingPupils({ meetingId, viewer }: { meetingId: string; viewer: PolicyUser }, db: DbOrTx = defaultDb): MeetingPupil[] {
  const ref = findMeetingRef({ id: meetingId }, db);
  if (!ref) throw new NotFoundError("That progress meeting");
  assertCanReadClass(viewer, ref.classId, db);
  const scheme = getSchoolScheme(db);
  const list = db
    .select({ id: pupils.id, firstName: pupils.firstName, lastName: pupils.lastName, sen: pupils.sen })
    .from(pupils)
    .where(eq(pupils.classId, ref.classId))
    .orderBy(asc(pupils.lastName), asc(pupils.firstName))
    .all();
  const below = new Map<string, string[]>();
  if (list.length) {
    for (const r of db
      .select({ pupilId: assessmentResults.pupilId, subject: assessmentResults.subject, result: assessmentResults.result })
      .from(assessmentResults)
      .innerJoin(pupils, eq(assessmentResults.pupilId, pupils.id))
      .where(and(eq(pupils.classId, ref.classId), eq(assessmentResults.termId, ref.termId)))
      .all()) {
      if (!scheme.subjects.includes(r.subject) || scheme.expected.includes(r.result)) continue;
      const l = below.get(r.pupilId) ?? [];
      l.push(r.subject);
      below.set(r.pupilId, l);
    }
  }
  return list.map((p) => ({
    id: p.id,
    name: `${p.firstName} ${p.lastName}`,
    sen: p.sen,
    belowIn: (below.get(p.id) ?? []).sort((a, b) => scheme.subjects.indexOf(a) - scheme.subjects.indexOf(b)),
  }));
}

/** The subjects a concern may be about, from the school's assessment scheme. */
export function listPpmSubjects(db: DbOrTx = defaultDb): string[] {
  const scheme = getSchoolScheme(db);
  return ppmSubjects(scheme.subjects);
}

export type PpmPerson = { id: string; name: string; role: Role; jobTitle: string | null };

/** Staff who may be a meeting's teacher or own an action, and the leaders who may attend. */
export function listPpmPeople(db: DbOrTx = defaultDb): { staff: PpmPerson[]; leaders: PpmPerson[] } {
  const staff = db
    .select({ id: users.id, name: users.name, role: users.role, jobTitle: users.jobTitle })
    .from(users)
    .where(and(inArray(users.role, STAFF_ROLES), eq(users.disabled, false)))
    .orderBy(asc(users.name))
    .all();
  return { staff, leaders: staff.filter((u) => LEAD_ROLES.includes(u.role)) };
}

// ---- Writing -----------------------------------------------------------------------------------

/** The people of a change must exist, be enabled and hold a fitting role; else a field error. */
function assertPeople(ids: { field: string; id: string; roles: Role[]; message: string }[], db: DbOrTx) {
  const wanted = [...new Set(ids.map((i) => i.id))];
  if (!wanted.length) return;
  const found = new Map(
    db
      .select({ id: users.id, role: users.role, disabled: users.disabled })
      .from(users)
      .where(inArray(users.id, wanted))
      .all()
      .map((u) => [u.id, u]),
  );
  const errors: Record<string, string[]> = {};
  for (const i of ids) {
    const u = found.get(i.id);
    if (!u || u.disabled || !i.roles.includes(u.role)) (errors[i.field] ??= []).push(i.message);
  }
  if (Object.keys(errors).length) throw new ValidationError("Check the highlighted fields.", errors);
}

function assertMeetingDate(date: string, term: TermWithYear, today: string) {
  if (date < term.startDate || date > term.endDate) {
    throw new ValidationError("Check the highlighted fields.", {
      date: [`The date must be in ${formatTerm(term)} (${formatDate(term.startDate)} to ${formatDate(term.endDate)})`],
    });
  }
  // A meeting is recorded once it has taken place, so "held" always means held.
  if (date > today) throw new ValidationError("Check the highlighted fields.", { date: ["The date of the meeting must be today or in the past"] });
}

function meetingPeople(input: { teacherId: string; attendeeIds: string[] }) {
  return [
    { field: "teacherId", id: input.teacherId, roles: STAFF_ROLES, message: "Select a member of staff as the class teacher" },
    ...input.attendeeIds.map((id) => ({ field: "attendeeIds", id, roles: LEAD_ROLES, message: "Attendees must be the headteacher or senior leaders" })),
  ];
}

function getMeetingRow(id: string, db: DbOrTx) {
  const m = db.select().from(progressMeetings).where(eq(progressMeetings.id, id)).get();
  if (!m) throw new NotFoundError("That progress meeting");
  const cls = db.select({ name: classes.name }).from(classes).where(eq(classes.id, m.classId)).get();
  return { ...m, term: getTerm({ id: m.termId }, db), className: cls?.name ?? "" };
}

function meetingLabel(m: { className: string; term: TermWithYear }) {
  return `${m.className}'s progress meeting (${formatTerm(m.term)})`;
}

function attendeeIdsOf(meetingId: string, db: DbOrTx) {
  return db
    .select({ id: progressMeetingAttendees.userId })
    .from(progressMeetingAttendees)
    .where(eq(progressMeetingAttendees.meetingId, meetingId))
    .all()
    .map((a) => a.id)
    .sort();
}

/** Records a class's meeting for a term (one per class per term). */
export function createProgressMeeting(
  { input, actor, today = todayIso() }: { input: CreateMeetingInput; actor: Actor; today?: string },
  db: DbOrTx = defaultDb,
): ProgressMeeting {
  return writeTransaction(db, (tx) => {
    const termRow = tx.select({ id: terms.id }).from(terms).where(eq(terms.id, input.termId)).get();
    if (!termRow) throw new ValidationError("Check the highlighted fields.", { termId: ["Select a term"] });
    const term = getTerm({ id: input.termId }, tx);
    const cls = tx.select().from(classes).where(eq(classes.id, input.classId)).get();
    if (!cls || cls.academicYearId !== term.academicYearId) {
      throw new ValidationError("Check the highlighted fields.", { classId: [`Select a class of ${term.yearName}`] });
    }
    const existing = tx
      .select({ id: progressMeetings.id })
      .from(progressMeetings)
      .where(and(eq(progressMeetings.termId, term.id), eq(progressMeetings.classId, cls.id)))
      .get();
    if (existing) {
      throw new ValidationError("Check the highlighted fields.", { classId: [`${cls.name} already has a progress meeting for ${formatTerm(term)}`] });
    }
    assertMeetingDate(input.date, term, today);
    assertPeople(meetingPeople(input), tx);
    const row = tx
      .insert(progressMeetings)
      .values({ termId: term.id, classId: cls.id, date: input.date, teacherId: input.teacherId, notes: input.notes, createdById: actor.id })
      .returning()
      .get();
    for (const userId of new Set(input.attendeeIds)) tx.insert(progressMeetingAttendees).values({ meetingId: row.id, userId }).run();
    writeAudit(
      {
        actor,
        area: "ppm",
        verb: "create",
        entityType: "progress_meeting",
        entityId: row.id,
        summary: `Recorded ${meetingLabel({ className: cls.name, term })}`,
        after: { ...row, attendeeIds: [...new Set(input.attendeeIds)].sort() },
      },
      tx,
    );
    return row;
  });
}

/** Changes a meeting's date, teacher, attendees and notes (class and term are fixed: its pupils belong to them). */
export function updateProgressMeeting(
  { input, actor, today = todayIso() }: { input: UpdateMeetingInput; actor: Actor; today?: string },
  db: DbOrTx = defaultDb,
): ProgressMeeting {
  return writeTransaction(db, (tx) => {
    const before = getMeetingRow(input.id, tx);
    assertMeetingDate(input.date, before.term, today);
    assertPeople(meetingPeople(input), tx);
    const firstItemDate = tx
      .select({ d: sql<string | null>`min(${progressMeetingItems.reviewDate})` })
      .from(progressMeetingItems)
      .where(eq(progressMeetingItems.meetingId, input.id))
      .get()?.d;
    if (firstItemDate && firstItemDate < input.date) {
      throw new ValidationError("Check the highlighted fields.", { date: [`The meeting cannot be after the earliest review date it agreed (${formatDate(firstItemDate)})`] });
    }
    const beforeAttendees = attendeeIdsOf(input.id, tx);
    const result = tx
      .update(progressMeetings)
      .set({ date: input.date, teacherId: input.teacherId, notes: input.notes, version: bumpVersion, updatedAt: nowIso() })
      .where(and(eq(progressMeetings.id, input.id), eq(progressMeetings.version, input.version)))
      .run();
    assertUpdated(result, "This progress meeting");
    tx.delete(progressMeetingAttendees).where(eq(progressMeetingAttendees.meetingId, input.id)).run();
    for (const userId of new Set(input.attendeeIds)) tx.insert(progressMeetingAttendees).values({ meetingId: input.id, userId }).run();
    const after = tx.select().from(progressMeetings).where(eq(progressMeetings.id, input.id)).get()!;
    const { term: _t, className: _c, ...beforeRow } = before;
    writeAudit(
      {
        actor,
        area: "ppm",
        verb: "update",
        entityType: "progress_meeting",
        entityId: input.id,
        summary: `Updated ${meetingLabel(before)}`,
        before: { ...beforeRow, attendeeIds: beforeAttendees },
        after: { ...after, attendeeIds: attendeeIdsOf(input.id, tx) },
      },
      tx,
    );
    return after;
  });
}

/**
 * Deletes a meeting recorded by mistake. Only an empty one: a meeting with pupils discussed or outcomes
 * recorded is part of the pupils' history.
 */
export function deleteProgressMeeting({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getMeetingRow(id, tx);
    const used = tx
      .select({ n: sql<number>`count(*)` })
      .from(progressMeetingItems)
      .where(sql`${progressMeetingItems.meetingId} = ${id} or ${progressMeetingItems.outcomeMeetingId} = ${id}`)
      .get()!.n;
    if (used > 0) throw new ValidationError("This meeting has pupils discussed or outcomes recorded, so it cannot be deleted. Remove them first.");
    tx.delete(progressMeetingAttendees).where(eq(progressMeetingAttendees.meetingId, id)).run();
    const result = tx.delete(progressMeetings).where(and(eq(progressMeetings.id, id), eq(progressMeetings.version, version))).run();
    assertUpdated(result, "This progress meeting");
    const { term: _t, className: _c, ...row } = before;
    writeAudit({ actor, area: "ppm", verb: "delete", entityType: "progress_meeting", entityId: id, summary: `Deleted ${meetingLabel(before)}`, before: row }, tx);
  });
}

function assertItemFields(input: { subject: string; ownerId: string; reviewDate: string }, meetingDate: string, tx: DbOrTx) {
  const errors: Record<string, string[]> = {};
  if (!listPpmSubjects(tx).includes(input.subject)) errors.subject = ["Select what the concern is about from the list"];
  if (input.reviewDate < meetingDate) errors.reviewDate = [`The review date must be on or after the meeting (${formatDate(meetingDate)})`];
  if (Object.keys(errors).length) throw new ValidationError("Check the highlighted fields.", errors);
  assertPeople([{ field: "ownerId", id: input.ownerId, roles: STAFF_ROLES, message: "Select a member of staff to own the action" }], tx);
}

function getItemRow(id: string, db: DbOrTx): ProgressMeetingItem {
  const item = db.select().from(progressMeetingItems).where(eq(progressMeetingItems.id, id)).get();
  if (!item) throw new NotFoundError("That pupil's entry");
  return item;
}

/** Adds a pupil discussed at a meeting: the concern, the action agreed, its owner and review date. */
export function addProgressMeetingItem({ input, actor }: { input: AddItemInput; actor: Actor }, db: DbOrTx = defaultDb): ProgressMeetingItem {
  return writeTransaction(db, (tx) => {
    const meeting = getMeetingRow(input.meetingId, tx);
    const pupil = tx.select({ id: pupils.id, classId: pupils.classId }).from(pupils).where(eq(pupils.id, input.pupilId)).get();
    if (!pupil || pupil.classId !== meeting.classId) {
      throw new ValidationError("Check the highlighted fields.", { pupilId: [`Select a pupil in ${meeting.className}`] });
    }
    assertItemFields(input, meeting.date, tx);
    const row = tx
      .insert(progressMeetingItems)
      .values({
        meetingId: meeting.id,
        pupilId: pupil.id,
        subject: input.subject,
        concern: input.concern,
        action: input.action,
        ownerId: input.ownerId,
        reviewDate: input.reviewDate,
      })
      .returning()
      .get();
    writeAudit(
      { actor, area: "ppm", verb: "create", entityType: "progress_meeting_item", entityId: row.id, summary: `Added a pupil discussed at ${meetingLabel(meeting)}`, after: row },
      tx,
    );
    return row;
  });
}

/** Changes the concern, action, owner or review date agreed for a pupil (not the pupil or the meeting). */
export function updateProgressMeetingItem({ input, actor }: { input: UpdateItemInput; actor: Actor }, db: DbOrTx = defaultDb): ProgressMeetingItem {
  return writeTransaction(db, (tx) => {
    const before = getItemRow(input.id, tx);
    const meeting = getMeetingRow(before.meetingId, tx);
    assertItemFields(input, meeting.date, tx);
    const result = tx
      .update(progressMeetingItems)
      .set({ subject: input.subject, concern: input.concern, action: input.action, ownerId: input.ownerId, reviewDate: input.reviewDate, version: bumpVersion })
      .where(and(eq(progressMeetingItems.id, input.id), eq(progressMeetingItems.version, input.version)))
      .run();
    assertUpdated(result, "This pupil's entry");
    const after = getItemRow(input.id, tx);
    writeAudit(
      { actor, area: "ppm", verb: "update", entityType: "progress_meeting_item", entityId: input.id, summary: `Updated a pupil discussed at ${meetingLabel(meeting)}`, before, after },
      tx,
    );
    return after;
  });
}

/**
 * Removes a pupil's entry recorded by mistake. An entry continued at a later meeting must be removed
 * there first; removing a continuing entry reopens the action it continued, so its outcome can be
 * recorded again.
 */
export function deleteProgressMeetingItem({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getItemRow(id, tx);
    const meeting = getMeetingRow(before.meetingId, tx);
    const successor = tx.select({ id: progressMeetingItems.id }).from(progressMeetingItems).where(eq(progressMeetingItems.carriedFromId, id)).get();
    if (successor) throw new ValidationError("This action was continued at a later meeting. Remove it from that meeting first.");
    const result = tx.delete(progressMeetingItems).where(and(eq(progressMeetingItems.id, id), eq(progressMeetingItems.version, version))).run();
    assertUpdated(result, "This pupil's entry");
    if (before.carriedFromId) {
      const earlier = tx.select().from(progressMeetingItems).where(eq(progressMeetingItems.id, before.carriedFromId)).get();
      if (earlier && earlier.outcomeMeetingId === before.meetingId) {
        tx.update(progressMeetingItems)
          .set({ status: "open", outcome: null, outcomeKind: null, outcomeMeetingId: null, version: bumpVersion })
          .where(eq(progressMeetingItems.id, earlier.id))
          .run();
        writeAudit(
          {
            actor,
            area: "ppm",
            verb: "reopen",
            entityType: "progress_meeting_item",
            entityId: earlier.id,
            summary: `Reopened an action when its continuation was removed from ${meetingLabel(meeting)}`,
            before: earlier,
          },
          tx,
        );
      }
    }
    writeAudit(
      { actor, area: "ppm", verb: "delete", entityType: "progress_meeting_item", entityId: id, summary: `Removed a pupil discussed at ${meetingLabel(meeting)}`, before },
      tx,
    );
  });
}

/**
 * Records, at a meeting, the outcome of an action agreed earlier, and either closes it or continues it as
 * a new action of this meeting (linked by carriedFromId, so the history stays). The action's pupil is
 * found in this meeting's class by UPN, which carries actions across the summer-to-autumn change of
 * academic year. At the action's own meeting an outcome can be recorded only to close it (for example,
 * when the pupil has left). Recording again at the same meeting corrects the outcome's category and text.
 */
export function recordProgressMeetingOutcome(
  { input, actor }: { input: OutcomeInput; actor: Actor },
  db: DbOrTx = defaultDb,
): { item: ProgressMeetingItem; continuedAs: ProgressMeetingItem | null } {
  return writeTransaction(db, (tx) => {
    const before = getItemRow(input.itemId, tx);
    const meeting = getMeetingRow(input.meetingId, tx);
    const where = and(eq(progressMeetingItems.id, before.id), eq(progressMeetingItems.version, input.version));

    if (before.status === "closed") {
      if (before.outcomeMeetingId !== meeting.id) throw new ValidationError("This action's outcome was recorded at another meeting.");
      const result = tx
        .update(progressMeetingItems)
        .set({ outcome: input.outcome, outcomeKind: input.outcomeKind, version: bumpVersion })
        .where(where)
        .run();
      assertUpdated(result, "This action");
      const after = getItemRow(before.id, tx);
      writeAudit(
        { actor, area: "ppm", verb: "update", entityType: "progress_meeting_item", entityId: before.id, summary: `Corrected an outcome recorded at ${meetingLabel(meeting)}`, before, after },
        tx,
      );
      return { item: after, continuedAs: null };
    }

    let pupilId: string | null = null;
    if (before.meetingId === meeting.id) {
      if (input.next === "continue") {
        throw new ValidationError("Check the highlighted fields.", { next: ["An action can only be continued at a later meeting: close it here, or record its outcome at the next meeting"] });
      }
    } else {
      const agreedAt = getMeetingRow(before.meetingId, tx);
      if (agreedAt.term.startDate >= meeting.term.startDate) throw new ValidationError("An action's outcome is recorded at a later meeting than the one that agreed it.");
      const upn = tx.select({ upn: pupils.upn }).from(pupils).where(eq(pupils.id, before.pupilId)).get()?.upn;
      pupilId = (upn && classUpns(meeting.classId, tx).get(upn)) || null;
      if (!pupilId) throw new ValidationError(`This pupil is not in ${meeting.className}, so the action's outcome belongs to another class's meeting.`);
    }

    const result = tx
      .update(progressMeetingItems)
      .set({ outcome: input.outcome, outcomeKind: input.outcomeKind, outcomeMeetingId: meeting.id, status: "closed", version: bumpVersion })
      .where(where)
      .run();
    assertUpdated(result, "This action");
    const after = getItemRow(before.id, tx);

    let continuedAs: ProgressMeetingItem | null = null;
    if (input.next === "continue" && pupilId) {
      const next = { subject: before.subject ?? "general", ownerId: input.ownerId ?? "", reviewDate: input.reviewDate ?? "" };
      const errors: Record<string, string[]> = {};
      if (next.reviewDate < meeting.date) errors.reviewDate = [`The next review date must be on or after this meeting (${formatDate(meeting.date)})`];
      if (Object.keys(errors).length) throw new ValidationError("Check the highlighted fields.", errors);
      assertPeople([{ field: "ownerId", id: next.ownerId, roles: STAFF_ROLES, message: "Select a member of staff to own the continued action" }], tx);
      const row = tx
        .insert(progressMeetingItems)
        .values({
          meetingId: meeting.id,
          pupilId,
          subject: before.subject,
          concern: before.concern,
          action: input.action ?? before.action,
          ownerId: next.ownerId,
          reviewDate: next.reviewDate,
          carriedFromId: before.id,
        })
        .returning()
        .get();
      continuedAs = row ?? null;
    }
    writeAudit(
      {
        actor,
        area: "ppm",
        verb: "outcome",
        entityType: "progress_meeting_item",
        entityId: before.id,
        summary: `Recorded an outcome at ${meetingLabel(meeting)}${continuedAs ? " and continued the action" : ""}`,
        before,
        after: { ...after, continuedAs: continuedAs?.id ?? null },
      },
      tx,
    );
    return { item: after, continuedAs: continuedAs ?? null };
  });
}

/** The term's academic year classes, with default teachers, for the meeting form. */
export function listClassesForTerm({ termId }: { termId: string }, db: DbOrTx = defaultDb) {
  const term = getTerm({ id: termId }, db);
  return listClasses({ academicYearId: term.academicYearId }, db).map((c) => ({ id: c.id, name: c.name, yearGroup: c.yearGroup, teacherIds: c.teacherIds }));
}
