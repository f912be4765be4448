import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { formatTerm } from "@/lib/format";
import { termKeyToSlug } from "@/lib/report/term-key";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import {
  academicYears,
  agendaItems,
  bodyMembers,
  challenges,
  governingBodies,
  meetingAttendance,
  meetingMinutes,
  meetings,
  paperReads,
  plans,
  reports,
  sefs,
  sefVersions,
  strands,
  terms,
  users,
} from "@/db/schema";
import type { AgendaLink, Attendance } from "@/db/schema/enums";
import { nowIso, todayIso } from "@/lib/clock";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { listChallenges, termIdForDate, type Challenge } from "./governance";
import { termKey } from "./school";
import { writeTransaction } from "./transaction";

export type GoverningBody = typeof governingBodies.$inferSelect & { memberIds: string[] };
export type MeetingRow = typeof meetings.$inferSelect;

/** The board and its committees, the board first, each with its members. */
export function listBodies(db: DbOrTx = defaultDb): GoverningBody[] {
  const rows = db.select().from(governingBodies).orderBy(asc(governingBodies.position), asc(governingBodies.name)).all();
  const members = db.select().from(bodyMembers).all();
  return rows.map((b) => ({ ...b, memberIds: members.filter((m) => m.bodyId === b.id).map((m) => m.userId) }));
}

/** Names a board or committee and its members. */
export function createBody(
  { input, actor }: { input: { name: string; kind: "board" | "committee"; papersDaysBefore: number; memberIds: string[] }; actor: Actor },
  db: DbOrTx = defaultDb,
): GoverningBody {
  return writeTransaction(db, (tx) => {
    const position = tx.select({ n: sql<number>`count(*)` }).from(governingBodies).get()?.n ?? 0;
    const row = tx.insert(governingBodies).values({ name: input.name, kind: input.kind, papersDaysBefore: input.papersDaysBefore, position }).returning().get();
    const valid = input.memberIds.length ? tx.select({ id: users.id }).from(users).where(inArray(users.id, input.memberIds)).all() : [];
    if (valid.length) tx.insert(bodyMembers).values(valid.map((u) => ({ bodyId: row.id, userId: u.id }))).run();
    writeAudit({ actor, area: "governance", verb: "create", entityType: "governing_body", entityId: row.id, summary: `Named the ${input.name}`, after: row }, tx);
    return { ...row, memberIds: valid.map((v) => v.id) };
  });
}

export type MeetingListItem = MeetingRow & { bodyName: string; bodyKind: "board" | "committee"; reportTermKey: string | null; reportStatus: "draft" | "published" | null; questionCount: number };

/** Meetings, soonest first (upcoming) or latest first (past), optionally only bodies a user sits on. */
export function listMeetings(
  { from, before, memberId, order = "asc" }: { from?: string; before?: string; memberId?: string; order?: "asc" | "desc" } = {},
  db: DbOrTx = defaultDb,
): MeetingListItem[] {
  const where = [];
  if (from) where.push(gte(meetings.date, from));
  if (before) where.push(lt(meetings.date, before));
  if (memberId) {
    const bodyIds = db.select({ id: bodyMembers.bodyId }).from(bodyMembers).where(eq(bodyMembers.userId, memberId)).all().map((b) => b.id);
    if (!bodyIds.length) return [];
    where.push(inArray(meetings.bodyId, bodyIds));
  }
  const counts = new Map(
    db
      .select({ id: challenges.meetingId, n: sql<number>`count(*)` })
      .from(challenges)
      .where(sql`${challenges.meetingId} is not null`)
      .groupBy(challenges.meetingId)
      .all()
      .map((r) => [r.id!, r.n]),
  );
  return db
    .select({ m: meetings, bodyName: governingBodies.name, bodyKind: governingBodies.kind, reportStatus: reports.status, yearName: academicYears.name, termName: terms.name })
    .from(meetings)
    .innerJoin(governingBodies, eq(meetings.bodyId, governingBodies.id))
    .leftJoin(reports, eq(meetings.reportId, reports.id))
    .leftJoin(terms, eq(reports.termId, terms.id))
    .leftJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(order === "asc" ? asc(meetings.date) : desc(meetings.date), asc(meetings.startTime))
    .all()
    .map((r) => ({
      ...r.m,
      bodyName: r.bodyName,
      bodyKind: r.bodyKind,
      reportStatus: r.reportStatus,
      reportTermKey: r.yearName && r.termName ? termKey(r.yearName, r.termName) : null,
      questionCount: counts.get(r.m.id) ?? 0,
    }));
}

type AgendaItemView = typeof agendaItems.$inferSelect & { linkLabel: string | null; linkHref: string | null };
export type MeetingView = MeetingListItem & {
  members: { id: string; name: string; role: string; jobTitle: string | null; attendance: Attendance | null; readAt: string | null }[];
  agenda: AgendaItemView[];
  minutes: (typeof meetingMinutes.$inferSelect & { ownerName: string | null })[];
  challenges: Challenge[];
  /** Papers are due out and the report attached is not yet published (or none is attached). */
  papersLate: boolean;
  papersOut: boolean;
};

/** A meeting with everything its page, print and Word document show. */
export function getMeeting({ id, today = todayIso() }: { id: string; today?: string }, db: DbOrTx = defaultDb): MeetingView {
  const m = findMeetingListItem(id, db);
  if (!m) throw new NotFoundError("That meeting");
  const memberRows = db
    .select({ id: users.id, name: users.name, role: users.role, jobTitle: users.jobTitle })
    .from(bodyMembers)
    .innerJoin(users, eq(bodyMembers.userId, users.id))
    .where(eq(bodyMembers.bodyId, m.bodyId))
    .orderBy(asc(users.name))
    .all();
  const attendance = new Map(db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, id)).all().map((a) => [a.userId, a.status]));
  const reads = new Map(db.select().from(paperReads).where(eq(paperReads.meetingId, id)).all().map((r) => [r.userId, r.readAt]));
  const agenda = db.select().from(agendaItems).where(eq(agendaItems.meetingId, id)).orderBy(asc(agendaItems.position)).all();
  const minutes = db
    .select({ r: meetingMinutes, ownerName: users.name })
    .from(meetingMinutes)
    .leftJoin(users, eq(meetingMinutes.ownerId, users.id))
    .where(eq(meetingMinutes.meetingId, id))
    .orderBy(asc(meetingMinutes.createdAt))
    .all()
    .map((r) => ({ ...r.r, ownerName: r.ownerName }));
  const papersOut = today >= m.papersOutDate;
  return {
    ...m,
    members: memberRows.map((u) => ({ ...u, attendance: attendance.get(u.id) ?? null, readAt: reads.get(u.id) ?? null })),
    agenda: agenda.map((a) => ({ ...a, ...agendaLink(a.linkType, a.linkId, db) })),
    minutes,
    challenges: listChallenges({ meetingId: id }, db),
    papersOut,
    papersLate: papersOut && m.date >= today && m.reportStatus !== "published",
  };
}

/** One meeting's row with its body's name, or null. */
export function findMeeting({ id }: { id: string }, db: DbOrTx = defaultDb): MeetingListItem | null {
  return findMeetingListItem(id, db);
}

function findMeetingListItem(id: string, db: DbOrTx): MeetingListItem | null {
  const m = db.select().from(meetings).where(eq(meetings.id, id)).get();
  if (!m) return null;
  return listMeetings({ from: m.date, before: nextDay(m.date) }, db).find((x) => x.id === id) ?? null;
}

function nextDay(date: string) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A date `days` before another, "YYYY-MM-DD". */
export function daysBefore(date: string, days: number) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function agendaLink(type: AgendaLink | null, linkId: string | null, db: DbOrTx): { linkLabel: string | null; linkHref: string | null } {
  if (!type || !linkId) return { linkLabel: null, linkHref: null };
  if (type === "report") {
    const r = db
      .select({ yearName: academicYears.name, termName: terms.name, status: reports.status })
      .from(reports)
      .innerJoin(terms, eq(reports.termId, terms.id))
      .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
      .where(eq(reports.id, linkId))
      .get();
    if (!r) return { linkLabel: null, linkHref: null };
    const key = termKey(r.yearName, r.termName);
    return { linkLabel: `Report to governors, ${formatTerm(key)}${r.status === "published" ? "" : " (draft)"}`, linkHref: `/reports/${termKeyToSlug(key)}` };
  }
  if (type === "strand") {
    const s = db.select({ title: strands.title }).from(strands).where(eq(strands.id, linkId)).get();
    return s ? { linkLabel: `Plan strand: ${s.title}`, linkHref: `/plan/strands/${linkId}` } : { linkLabel: null, linkHref: null };
  }
  if (type === "sef_version") {
    const v = db
      .select({ number: sefVersions.number, yearName: academicYears.name })
      .from(sefVersions)
      .innerJoin(sefs, eq(sefVersions.sefId, sefs.id))
      .innerJoin(academicYears, eq(sefs.academicYearId, academicYears.id))
      .where(eq(sefVersions.id, linkId))
      .get();
    return v ? { linkLabel: `Self-evaluation ${v.yearName}, version ${v.number}`, linkHref: `/sef/versions/${v.number}?year=${encodeURIComponent(v.yearName)}` } : { linkLabel: null, linkHref: null };
  }
  const c = db.select({ question: challenges.question }).from(challenges).where(eq(challenges.id, linkId)).get();
  return c ? { linkLabel: `Question: ${c.question.length > 80 ? `${c.question.slice(0, 77)}…` : c.question}`, linkHref: `/governance/challenges/${linkId}` } : { linkLabel: null, linkHref: null };
}

export type NewMeeting = { bodyId: string; date: string; startTime: string; place: string; papersOutDate: string | null; reportId: string | null; agenda: string[] };

/**
 * Schedules a meeting. Papers are due out the body's lead time before (seven days unless the school
 * says otherwise) unless a date is given; the agenda opens with the report when one is attached.
 */
export function createMeeting({ input, actor }: { input: NewMeeting; actor: Actor }, db: DbOrTx = defaultDb): MeetingRow {
  return writeTransaction(db, (tx) => {
    const body = tx.select().from(governingBodies).where(eq(governingBodies.id, input.bodyId)).get();
    if (!body) throw new ValidationError("That board or committee was not found.", { bodyId: ["Select the board or a committee"] });
    assertReport(input.reportId, tx);
    const papersOutDate = input.papersOutDate ?? daysBefore(input.date, body.papersDaysBefore);
    if (papersOutDate > input.date) throw new ValidationError("Papers must go out before the meeting.", { papersOutDate: ["Enter a date on or before the meeting"] });
    const termId = termIdForDate({ date: input.date }, tx);
    const row = tx
      .insert(meetings)
      .values({ bodyId: input.bodyId, termId, date: input.date, startTime: input.startTime, place: input.place, papersOutDate, reportId: input.reportId })
      .returning()
      .get();
    const items: { title: string; linkType: AgendaLink | null; linkId: string | null }[] = input.agenda.map((title) => ({ title, linkType: null, linkId: null }));
    if (input.reportId) items.unshift({ title: "Headteacher's report to governors", linkType: "report", linkId: input.reportId });
    if (items.length) tx.insert(agendaItems).values(items.map((it, i) => ({ ...it, meetingId: row.id, position: i }))).run();
    writeAudit({ actor, area: "governance", verb: "create", entityType: "meeting", entityId: row.id, summary: `Scheduled a meeting of the ${body.name} on ${input.date}`, after: row }, tx);
    return row;
  });
}

function assertReport(reportId: string | null, tx: DbOrTx) {
  if (reportId && !tx.select({ id: reports.id }).from(reports).where(eq(reports.id, reportId)).get()) {
    throw new ValidationError("That report was not found.", { reportId: ["Select a report from the list"] });
  }
}

/** Changes a meeting's date, time, place, papers date or attached report. */
export function updateMeeting(
  { id, version, changes, actor }: { id: string; version: number; changes: Omit<NewMeeting, "bodyId" | "agenda"> & { papersOutDate: string }; actor: Actor },
  db: DbOrTx = defaultDb,
): MeetingRow {
  return writeTransaction(db, (tx) => {
    const before = tx.select().from(meetings).where(eq(meetings.id, id)).get();
    if (!before) throw new NotFoundError("That meeting");
    assertReport(changes.reportId, tx);
    if (changes.papersOutDate > changes.date) throw new ValidationError("Papers must go out before the meeting.", { papersOutDate: ["Enter a date on or before the meeting"] });
    const result = tx
      .update(meetings)
      .set({ ...changes, termId: termIdForDate({ date: changes.date }, tx), version: bumpVersion, updatedAt: nowIso() })
      .where(and(eq(meetings.id, id), eq(meetings.version, version)))
      .run();
    assertUpdated(result, "This meeting");
    const after = tx.select().from(meetings).where(eq(meetings.id, id)).get()!;
    writeAudit({ actor, area: "governance", verb: "update", entityType: "meeting", entityId: id, summary: `Changed the meeting of ${after.date}`, before, after }, tx);
    return after;
  });
}

/** Adds an item to the agenda, optionally linked to a report, strand, SEF version or question. */
export function addAgendaItem(
  { meetingId, title, linkType, linkId, actor }: { meetingId: string; title: string; linkType: AgendaLink | null; linkId: string | null; actor: Actor },
  db: DbOrTx = defaultDb,
) {
  return writeTransaction(db, (tx) => {
    if (!tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).get()) throw new NotFoundError("That meeting");
    if (linkType && (!linkId || !agendaLink(linkType, linkId, tx).linkLabel)) throw new ValidationError("That link was not found.", { linkId: ["Select what the item is about"] });
    const position = tx.select({ n: sql<number>`coalesce(max(position), -1) + 1` }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).get()?.n ?? 0;
    const row = tx.insert(agendaItems).values({ meetingId, title, linkType: linkType ?? null, linkId: linkType ? linkId : null, position }).returning().get();
    writeAudit({ actor, area: "governance", verb: "create", entityType: "agenda_item", entityId: row.id, summary: `Added "${title}" to an agenda`, after: row }, tx);
    return row;
  });
}

/** Records who came and who sent apologies; replaces what was recorded before. */
export function recordAttendance(
  { meetingId, entries, actor }: { meetingId: string; entries: { userId: string; status: Attendance }[]; actor: Actor },
  db: DbOrTx = defaultDb,
) {
  writeTransaction(db, (tx) => {
    const m = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!m) throw new NotFoundError("That meeting");
    const members = new Set(tx.select({ id: bodyMembers.userId }).from(bodyMembers).where(eq(bodyMembers.bodyId, m.bodyId)).all().map((r) => r.id));
    const valid = entries.filter((e) => members.has(e.userId));
    tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).run();
    if (valid.length) tx.insert(meetingAttendance).values(valid.map((e) => ({ meetingId, ...e }))).run();
    tx.update(meetings).set({ minutesRecordedAt: m.minutesRecordedAt ?? nowIso(), updatedAt: nowIso() }).where(eq(meetings.id, meetingId)).run();
    writeAudit({ actor, area: "governance", verb: "update", entityType: "meeting", entityId: meetingId, summary: `Recorded attendance at the meeting of ${m.date}`, after: valid }, tx);
  });
}

/** Minutes a decision, or an action with its owner and due date. */
export function addMinute(
  { meetingId, kind, text, ownerId, dueDate, actor }: { meetingId: string; kind: "decision" | "action"; text: string; ownerId: string | null; dueDate: string | null; actor: Actor },
  db: DbOrTx = defaultDb,
) {
  return writeTransaction(db, (tx) => {
    const m = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!m) throw new NotFoundError("That meeting");
    if (ownerId && !tx.select({ id: users.id }).from(users).where(and(eq(users.id, ownerId), eq(users.disabled, false))).get()) {
      throw new ValidationError("That person was not found.", { ownerId: ["Select who will do it"] });
    }
    const row = tx.insert(meetingMinutes).values({ meetingId, kind, text, ownerId: kind === "action" ? ownerId : null, dueDate: kind === "action" ? dueDate : null, createdAt: nowIso() }).returning().get();
    tx.update(meetings).set({ minutesRecordedAt: m.minutesRecordedAt ?? nowIso(), updatedAt: nowIso() }).where(eq(meetings.id, meetingId)).run();
    writeAudit({ actor, area: "governance", verb: "create", entityType: "meeting_minute", entityId: row.id, summary: `Minuted a ${kind} at the meeting of ${m.date}`, after: row }, tx);
    return row;
  });
}

/** A governor marks the papers read (again is harmless: the first time is kept). */
export function markPapersRead({ meetingId, userId }: { meetingId: string; userId: string }, db: DbOrTx = defaultDb) {
  if (!db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).get()) throw new NotFoundError("That meeting");
  db.insert(paperReads).values({ meetingId, userId, readAt: nowIso() }).onConflictDoNothing().run();
}

/** The next meeting of a body the user sits on (or of any body), today or later. */
export function findNextMeeting({ userId, today = todayIso() }: { userId?: string; today?: string } = {}, db: DbOrTx = defaultDb): MeetingView | null {
  const next = listMeetings({ from: today, memberId: userId }, db)[0];
  return next ? getMeeting({ id: next.id, today }, db) : null;
}

/** What an agenda item can link to: reports, this year's strands, published SEF versions, open questions. */
export function listAgendaLinkOptions(db: DbOrTx = defaultDb) {
  const reportRows = db
    .select({ id: reports.id, status: reports.status, yearName: academicYears.name, termName: terms.name })
    .from(reports)
    .innerJoin(terms, eq(reports.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .orderBy(desc(terms.startDate))
    .all()
    .map((r) => ({ id: r.id, termKey: termKey(r.yearName, r.termName), status: r.status }));
  const strandRows = db
    .select({ id: strands.id, title: strands.title, yearName: academicYears.name })
    .from(strands)
    .innerJoin(plans, eq(plans.id, strands.planId))
    .innerJoin(academicYears, eq(academicYears.id, plans.academicYearId))
    .where(eq(academicYears.isCurrent, true))
    .orderBy(asc(strands.position))
    .all();
  const sefRows = db
    .select({ id: sefVersions.id, number: sefVersions.number, yearName: academicYears.name })
    .from(sefVersions)
    .innerJoin(sefs, eq(sefVersions.sefId, sefs.id))
    .innerJoin(academicYears, eq(sefs.academicYearId, academicYears.id))
    .orderBy(desc(sefVersions.publishedAt))
    .limit(10)
    .all();
  const openQuestions = listChallenges({ statuses: ["open", "follow_up", "answered"] }, db).slice(0, 30);
  return { reports: reportRows, strands: strandRows, sefVersions: sefRows, challenges: openQuestions.map((c) => ({ id: c.id, question: c.question })) };
}
