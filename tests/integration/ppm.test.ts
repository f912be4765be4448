import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { assessmentResults, auditLog, classes, classTeachers, progressMeetingAttendees, progressMeetingItems, progressMeetings, type YearGroup } from "@/db/schema";
import {
  addPpmItemAction,
  createProgressMeetingAction,
  deletePpmItemAction,
  deleteProgressMeetingAction,
  recordPpmOutcomeAction,
  updatePpmItemAction,
  updateProgressMeetingAction,
} from "@/app/(app)/ppm/actions";
import { CLI_ACTOR } from "@/lib/data/audit";
import {
  addProgressMeetingItem,
  createProgressMeeting,
  getProgressMeeting,
  getProgressMeetingCounts,
  listMeetingPupils,
  listMeetingsForTerm,
  listMyClassMeetings,
  listOpenPpmActionsOwnedBy,
  recordProgressMeetingOutcome,
} from "@/lib/data/ppm";
import { ensureAcademicYear, findTermByKey, type TermWithYear } from "@/lib/data/school";
import { ForbiddenError } from "@/lib/errors";
import { actAs, createOnePerRole, createPupil, createTestUser, ensureTestSchool } from "../factories";
import { expectRefused } from "./helpers";

// forbidden() only works when Next's authInterrupts is on; next.config sets it for the app.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

type User = ReturnType<typeof createTestUser>;
let roles: ReturnType<typeof createOnePerRole>;
let teacher: User; // teaches Hazel (2025-26) and Maple (2026-27)
let otherTeacher: User; // teaches Maple (2025-26)
let ta: User;
let autumn25: TermWithYear, spring25: TermWithYear, summer25: TermWithYear, autumn26: TermWithYear;
let hazel25: string, maple25: string, maple26: string;
/** Pupil ids by name; "amy26" is Amy's 2026-27 record (same UPN as "amy"). */
const pupil: Record<string, string> = {};

function makeClass(academicYearId: string, name: string, yearGroup: YearGroup, teacherId: string) {
  const [c] = db.insert(classes).values({ academicYearId, name, yearGroup }).returning().all();
  db.insert(classTeachers).values({ classId: c!.id, userId: teacherId }).run();
  return c!.id;
}

function makePupil(key: string, academicYearId: string, classId: string, upn: string, yearGroup: YearGroup, firstName: string) {
  pupil[key] = createPupil({ academicYearId, classId, upn, firstName, yearGroup }).id;
}

beforeAll(() => {
  ensureTestSchool({ year: "2025-26" });
  ensureAcademicYear({ name: "2026-27", actor: CLI_ACTOR });
  roles = createOnePerRole();
  teacher = createTestUser({ role: "staff", name: "Class Teacher" });
  otherTeacher = createTestUser({ role: "staff", name: "Other Teacher" });
  ta = createTestUser({ role: "staff", name: "Teaching Assistant" });
  autumn25 = findTermByKey({ key: "2025-26:autumn" })!;
  spring25 = findTermByKey({ key: "2025-26:spring" })!;
  summer25 = findTermByKey({ key: "2025-26:summer" })!;
  autumn26 = findTermByKey({ key: "2026-27:autumn" })!;
  hazel25 = makeClass(autumn25.academicYearId, "Hazel", "Y3", teacher.id);
  maple25 = makeClass(autumn25.academicYearId, "Maple", "Y4", otherTeacher.id);
  maple26 = makeClass(autumn26.academicYearId, "Maple", "Y4", teacher.id);
  makePupil("amy", autumn25.academicYearId, hazel25, "A100000000001", "Y3", "Amy");
  makePupil("ben", autumn25.academicYearId, hazel25, "A100000000002", "Y3", "Ben");
  makePupil("cal", autumn25.academicYearId, maple25, "A100000000003", "Y4", "Cal");
  makePupil("amy26", autumn26.academicYearId, maple26, "A100000000001", "Y4", "Amy");
  makePupil("ben26", autumn26.academicYearId, maple26, "A100000000002", "Y4", "Ben");
  db.insert(assessmentResults).values({ pupilId: pupil.amy!, termId: autumn25.id, subject: "writing", result: "WTS" }).run();
  db.insert(assessmentResults).values({ pupilId: pupil.amy!, termId: autumn25.id, subject: "reading", result: "EXS" }).run();
});

const meetingInput = (over: Record<string, unknown> = {}) => ({
  termId: autumn25.id,
  classId: hazel25,
  date: "2025-11-12",
  teacherId: teacher.id,
  attendeeIds: [roles.slt.id, roles.headteacher.id],
  notes: "Writing is the class priority.",
  ...over,
});

const itemInput = (meetingId: string, over: Record<string, unknown> = {}) => ({
  meetingId,
  pupilId: pupil.amy!,
  subject: "writing",
  concern: "Working towards in writing: full stops not used consistently.",
  action: "Guided writing group weekly",
  ownerId: ta.id,
  reviewDate: "2026-01-20",
  ...over,
});

function meetingRow(id: string) {
  return db.select().from(progressMeetings).where(eq(progressMeetings.id, id)).get()!;
}
function itemRow(id: string) {
  return db.select().from(progressMeetingItems).where(eq(progressMeetingItems.id, id)).get()!;
}
/** A fresh meeting made directly (not through an action), for tests that need one to work on. */
function seedMeeting(termId: string, classId: string, date: string) {
  const existing = db
    .select()
    .from(progressMeetings)
    .where(and(eq(progressMeetings.termId, termId), eq(progressMeetings.classId, classId)))
    .get();
  if (existing) return existing;
  return createProgressMeeting({ input: { termId, classId, date, teacherId: teacher.id, attendeeIds: [], notes: "" }, actor: CLI_ACTOR });
}
function seedItem(meetingId: string, over: Partial<ReturnType<typeof itemInput>> = {}) {
  return addProgressMeetingItem({ input: { ...itemInput(meetingId), ...over } as ReturnType<typeof itemInput>, actor: CLI_ACTOR });
}

describe("createProgressMeetingAction", () => {
  it("records a class's meeting with its attendees and an audit row", async () => {
    actAs(roles.slt);
    const r = await createProgressMeetingAction(meetingInput());
    expect(r.ok).toBe(true);
    const id = (r as { data: { id: string } }).data.id;
    const m = meetingRow(id);
    expect(m).toMatchObject({ termId: autumn25.id, classId: hazel25, date: "2025-11-12", teacherId: teacher.id, createdById: roles.slt.id });
    const att = db.select().from(progressMeetingAttendees).where(eq(progressMeetingAttendees.meetingId, id)).all();
    expect(att.map((a) => a.userId).sort()).toEqual([roles.slt.id, roles.headteacher.id].sort());
    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, id)).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ area: "ppm", verb: "create", userId: roles.slt.id });
  });

  it("refuses a second meeting for the same class and term, with the error on the class", async () => {
    actAs(roles.headteacher);
    const r = await createProgressMeetingAction(meetingInput({ date: "2025-11-20" }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { classId: ["Hazel already has a progress meeting for Autumn 2025"] } });
  });

  it("gives field errors for missing and impossible values", async () => {
    actAs(roles.slt);
    const r = await createProgressMeetingAction(meetingInput({ classId: "", date: "2025-02-30", teacherId: "" }));
    expect(r.ok).toBe(false);
    const errors = (r as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(errors.classId).toEqual(["Select the class"]);
    expect(errors.date?.[0]).toMatch(/real date/);
    expect(errors.teacherId).toEqual(["Select the class teacher"]);
  });

  it("refuses a date outside the term, a class of another year and a non-leader attendee", async () => {
    actAs(roles.slt);
    const outside = await createProgressMeetingAction(meetingInput({ classId: maple25, date: "2026-01-15" }));
    expect(outside).toMatchObject({ ok: false, fieldErrors: { date: [expect.stringContaining("must be in Autumn 2025")] } });
    const otherYear = await createProgressMeetingAction(meetingInput({ classId: maple26 }));
    expect(otherYear).toMatchObject({ ok: false, fieldErrors: { classId: ["Select a class of 2025-26"] } });
    const attendee = await createProgressMeetingAction(meetingInput({ classId: maple25, attendeeIds: [roles.staff.id] }));
    expect(attendee).toMatchObject({ ok: false, fieldErrors: { attendeeIds: ["Attendees must be the headteacher or senior leaders"] } });
    const govTeacher = await createProgressMeetingAction(meetingInput({ classId: maple25, teacherId: roles.governor.id }));
    expect(govTeacher).toMatchObject({ ok: false, fieldErrors: { teacherId: [expect.any(String)] } });
  });

  it("refuses a meeting dated in the future: a record means the meeting was held", () => {
    expect(() => createProgressMeeting({ input: meetingInput({ classId: maple25, date: "2025-12-10" }), actor: CLI_ACTOR, today: "2025-12-01" })).toThrow(/Check the highlighted fields/);
  });

  it("is refused for staff, governors, advisers and signed-out users", async () => {
    await expectRefused(createProgressMeetingAction, meetingInput({ classId: maple25 }), [roles.staff, teacher, roles.governor, roles.adviser, null]);
    expect(db.select().from(progressMeetings).where(eq(progressMeetings.classId, maple25)).all()).toHaveLength(0);
  });
});

describe("updateProgressMeetingAction", () => {
  it("changes the details, replaces the attendees, and refuses a stale version", async () => {
    const m = seedMeeting(spring25.id, hazel25, "2026-03-10");
    actAs(roles.headteacher);
    const input = { id: m.id, version: m.version, date: "2026-03-11", teacherId: otherTeacher.id, attendeeIds: [roles.slt.id], notes: "Changed" };
    const r = await updateProgressMeetingAction(input);
    expect(r.ok).toBe(true);
    expect(meetingRow(m.id)).toMatchObject({ date: "2026-03-11", teacherId: otherTeacher.id, notes: "Changed", version: m.version + 1 });
    expect(
      db
        .select()
        .from(progressMeetingAttendees)
        .where(eq(progressMeetingAttendees.meetingId, m.id))
        .all()
        .map((a) => a.userId),
    ).toEqual([roles.slt.id]);

    const stale = await updateProgressMeetingAction({ ...input, notes: "Someone else's edit" });
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(meetingRow(m.id).notes).toBe("Changed");
  });

  it("gives field errors for a date outside the term", async () => {
    const m = seedMeeting(spring25.id, hazel25, "2026-03-10");
    actAs(roles.slt);
    const r = await updateProgressMeetingAction({ id: m.id, version: meetingRow(m.id).version, date: "2026-05-01", teacherId: teacher.id, attendeeIds: [], notes: "" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { date: [expect.stringContaining("Spring 2026")] } });
  });

  it("is refused for staff (even the class teacher), governors, advisers and signed-out users", async () => {
    const m = seedMeeting(spring25.id, hazel25, "2026-03-10");
    const row = meetingRow(m.id);
    await expectRefused(updateProgressMeetingAction, { id: m.id, version: row.version, date: row.date, teacherId: teacher.id, attendeeIds: [], notes: "forged" }, [
      teacher,
      roles.staff,
      roles.governor,
      roles.adviser,
      null,
    ]);
    expect(meetingRow(m.id).notes).not.toBe("forged");
  });
});

describe("deleteProgressMeetingAction", () => {
  it("deletes an empty meeting, refuses one with pupils, and refuses a stale version", async () => {
    const empty = seedMeeting(spring25.id, maple25, "2026-03-12");
    actAs(roles.slt);
    expect(await deleteProgressMeetingAction({ id: empty.id, version: empty.version + 5 })).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(await deleteProgressMeetingAction({ id: empty.id, version: empty.version })).toMatchObject({ ok: true });
    expect(db.select().from(progressMeetings).where(eq(progressMeetings.id, empty.id)).get()).toBeUndefined();

    const used = seedMeeting(summer25.id, hazel25, "2026-06-23");
    seedItem(used.id, { reviewDate: "2026-09-20" });
    const r = await deleteProgressMeetingAction({ id: used.id, version: meetingRow(used.id).version });
    expect(r).toMatchObject({ ok: false, formError: expect.stringContaining("cannot be deleted") });
  });

  it("is refused for staff, governors, advisers and signed-out users", async () => {
    const m = seedMeeting(spring25.id, maple25, "2026-03-12");
    await expectRefused(deleteProgressMeetingAction, { id: m.id, version: meetingRow(m.id).version }, [otherTeacher, roles.governor, roles.adviser, null]);
    expect(meetingRow(m.id)).toBeDefined();
  });
});

describe("addPpmItemAction", () => {
  it("adds a pupil discussed with the agreed action, owner and review date", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    actAs(roles.slt);
    const r = await addPpmItemAction(itemInput(m.id, { pupilId: pupil.ben! }));
    expect(r.ok).toBe(true);
    const item = itemRow((r as { data: { id: string } }).data.id);
    expect(item).toMatchObject({ meetingId: m.id, pupilId: pupil.ben, subject: "writing", ownerId: ta.id, reviewDate: "2026-01-20", status: "open", outcome: null });
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, item.id)).all()[0]).toMatchObject({ area: "ppm", verb: "create" });
  });

  it("gives field errors: empty fields, a pupil of another class, an unknown subject, a review before the meeting, a governor owner", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    actAs(roles.slt);
    const empty = await addPpmItemAction(itemInput(m.id, { pupilId: "", concern: " ", action: "", reviewDate: "" }));
    expect(empty).toMatchObject({
      ok: false,
      fieldErrors: { pupilId: ["Select the pupil"], concern: ["Enter the concern"], action: ["Enter the action or intervention agreed"], reviewDate: ["Enter the review date"] },
    });
    expect(await addPpmItemAction(itemInput(m.id, { pupilId: pupil.cal! }))).toMatchObject({ ok: false, fieldErrors: { pupilId: ["Select a pupil in Hazel"] } });
    expect(await addPpmItemAction(itemInput(m.id, { subject: "astrology" }))).toMatchObject({ ok: false, fieldErrors: { subject: [expect.any(String)] } });
    expect(await addPpmItemAction(itemInput(m.id, { reviewDate: "2025-11-01" }))).toMatchObject({ ok: false, fieldErrors: { reviewDate: [expect.stringContaining("on or after the meeting")] } });
    expect(await addPpmItemAction(itemInput(m.id, { ownerId: roles.governor.id }))).toMatchObject({ ok: false, fieldErrors: { ownerId: [expect.any(String)] } });
  });

  it("accepts the general concerns beside the scheme's subjects", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    actAs(roles.headteacher);
    for (const subject of ["attendance", "wellbeing", "general"]) {
      expect((await addPpmItemAction(itemInput(m.id, { pupilId: pupil.ben!, subject }))).ok).toBe(true);
    }
  });

  it("is refused for staff (even the class teacher), governors, advisers and signed-out users", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const before = db.select().from(progressMeetingItems).all().length;
    await expectRefused(addPpmItemAction, itemInput(m.id), [teacher, roles.staff, roles.governor, roles.adviser, null]);
    expect(db.select().from(progressMeetingItems).all().length).toBe(before);
  });
});

describe("updatePpmItemAction", () => {
  it("changes what was agreed and refuses a stale version", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const item = seedItem(m.id);
    actAs(roles.slt);
    const input = { id: item.id, version: item.version, subject: "reading", concern: "Fluency", action: "Daily 1:1 reading with TA", ownerId: teacher.id, reviewDate: "2026-02-01" };
    expect(await updatePpmItemAction(input)).toMatchObject({ ok: true });
    expect(itemRow(item.id)).toMatchObject({ subject: "reading", action: "Daily 1:1 reading with TA", ownerId: teacher.id, version: item.version + 1 });
    expect(await updatePpmItemAction({ ...input, action: "Other" })).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(await updatePpmItemAction({ ...input, version: item.version + 1, concern: "" })).toMatchObject({ ok: false, fieldErrors: { concern: ["Enter the concern"] } });
  });

  it("is refused for staff, governors, advisers and signed-out users", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const item = seedItem(m.id);
    await expectRefused(updatePpmItemAction, { id: item.id, version: item.version, subject: "maths", concern: "x", action: "forged", ownerId: ta.id, reviewDate: "2026-02-01" }, [
      teacher,
      ta,
      roles.governor,
      roles.adviser,
      null,
    ]);
    expect(itemRow(item.id).action).not.toBe("forged");
  });
});

describe("recordPpmOutcomeAction and carrying actions forward", () => {
  it("at the next meeting, closes an action with its outcome recorded there", async () => {
    const autumn = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const spring = seedMeeting(spring25.id, hazel25, "2026-03-10");
    const item = seedItem(autumn.id, { pupilId: pupil.ben!, subject: "maths" });
    // The spring meeting lists it for review.
    expect(getProgressMeeting({ id: spring.id, viewer: roles.slt }).toReview.map((i) => i.id)).toContain(item.id);
    actAs(roles.slt);
    const r = await recordPpmOutcomeAction({ itemId: item.id, version: item.version, meetingId: spring.id, outcomeKind: "on_track", outcome: "Now at the expected standard", next: "close" });
    expect(r).toMatchObject({ ok: true, data: { continuedAs: null } });
    expect(itemRow(item.id)).toMatchObject({ status: "closed", outcomeKind: "on_track", outcome: "Now at the expected standard", outcomeMeetingId: spring.id });
    const after = getProgressMeeting({ id: spring.id, viewer: roles.slt });
    expect(after.toReview.map((i) => i.id)).not.toContain(item.id);
    expect(after.reviewedHere.map((i) => i.id)).toContain(item.id);
  });

  it("carries an open action across the summer-to-autumn change of year by UPN, keeping the history", async () => {
    const summer = seedMeeting(summer25.id, hazel25, "2026-06-23");
    const autumn = seedMeeting(autumn26.id, maple26, "2026-09-24");
    const item = seedItem(summer.id, { pupilId: pupil.amy!, subject: "writing", reviewDate: "2026-09-20" });
    const toReview = getProgressMeeting({ id: autumn.id, viewer: roles.slt }).toReview;
    expect(toReview.find((i) => i.id === item.id)).toMatchObject({ pupilName: "Amy Testpupil", termKey: "2025-26:summer", className: "Hazel" });

    actAs(roles.headteacher);
    const r = await recordPpmOutcomeAction({
      itemId: item.id,
      version: item.version,
      meetingId: autumn.id,
      outcomeKind: "progress",
      outcome: "Closer, not there yet",
      next: "continue",
      action: "Guided writing twice a week",
      ownerId: teacher.id,
      reviewDate: "2026-12-01",
    });
    expect(r.ok).toBe(true);
    const continuedAs = (r as { data: { continuedAs: string } }).data.continuedAs;
    expect(itemRow(continuedAs)).toMatchObject({
      meetingId: autumn.id,
      pupilId: pupil.amy26, // the 2026-27 record of the same child
      subject: "writing",
      concern: item.concern,
      action: "Guided writing twice a week",
      ownerId: teacher.id,
      reviewDate: "2026-12-01",
      status: "open",
      carriedFromId: item.id,
    });
    expect(itemRow(item.id)).toMatchObject({ status: "closed", outcomeKind: "progress", outcomeMeetingId: autumn.id });
    const detail = getProgressMeeting({ id: autumn.id, viewer: roles.slt });
    expect(detail.continuedBy[item.id]).toBe(continuedAs);

    const counts = getProgressMeetingCounts({ termId: autumn26.id });
    expect(counts).toMatchObject({ meetingsHeld: 1, classesWithoutMeeting: 0, outcomesRecorded: 1, openCarriedForward: 1, stillOpen: 1, actionsAgreed: 1, pupilsDiscussed: 1 });
    expect(counts.byOutcome.progress).toBe(1);
    expect(counts.bySubject).toEqual({ writing: 1 });
  });

  it("corrects an outcome at the meeting that recorded it, and refuses a stale version", async () => {
    const autumn = seedMeeting(autumn26.id, maple26, "2026-09-24");
    const summer = seedMeeting(summer25.id, hazel25, "2026-06-23");
    const item = seedItem(summer.id, { pupilId: pupil.ben!, subject: "reading", reviewDate: "2026-09-20" });
    actAs(roles.slt);
    const first = await recordPpmOutcomeAction({ itemId: item.id, version: item.version, meetingId: autumn.id, outcomeKind: "no_progress", outcome: "Typo", next: "close" });
    expect(first.ok).toBe(true);
    const stale = await recordPpmOutcomeAction({ itemId: item.id, version: item.version, meetingId: autumn.id, outcomeKind: "progress", outcome: "Late", next: "close" });
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    const fixed = await recordPpmOutcomeAction({ itemId: item.id, version: item.version + 1, meetingId: autumn.id, outcomeKind: "progress", outcome: "Some progress", next: "close" });
    expect(fixed.ok).toBe(true);
    expect(itemRow(item.id)).toMatchObject({ outcomeKind: "progress", outcome: "Some progress", outcomeMeetingId: autumn.id, status: "closed" });
  });

  it("at the action's own meeting, closes but never continues", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const item = seedItem(m.id, { pupilId: pupil.ben!, subject: "science" });
    actAs(roles.slt);
    const cont = await recordPpmOutcomeAction({
      itemId: item.id,
      version: item.version,
      meetingId: m.id,
      outcomeKind: "other",
      outcome: "Left",
      next: "continue",
      action: "x",
      ownerId: ta.id,
      reviewDate: "2026-01-10",
    });
    expect(cont).toMatchObject({ ok: false, fieldErrors: { next: [expect.stringContaining("later meeting")] } });
    const close = await recordPpmOutcomeAction({ itemId: item.id, version: item.version, meetingId: m.id, outcomeKind: "other", outcome: "Pupil left the school", next: "close" });
    expect(close.ok).toBe(true);
    expect(itemRow(item.id)).toMatchObject({ status: "closed", outcomeKind: "other", outcomeMeetingId: m.id });
  });

  it("refuses an outcome at a meeting of a class the pupil is not in, or an earlier meeting", async () => {
    const mapleSpring = seedMeeting(spring25.id, maple25, "2026-03-12");
    const hazelSpring = seedMeeting(spring25.id, hazel25, "2026-03-10");
    const hazelAutumn = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const item = seedItem(hazelSpring.id, { pupilId: pupil.ben!, subject: "maths", reviewDate: "2026-04-30" });
    actAs(roles.slt);
    const wrongClass = await recordPpmOutcomeAction({ itemId: item.id, version: item.version, meetingId: mapleSpring.id, outcomeKind: "on_track", outcome: "x", next: "close" });
    expect(wrongClass).toMatchObject({ ok: false });
    const earlier = await recordPpmOutcomeAction({ itemId: item.id, version: item.version, meetingId: hazelAutumn.id, outcomeKind: "on_track", outcome: "x", next: "close" });
    expect(earlier).toMatchObject({ ok: false, formError: expect.stringContaining("later meeting") });
    expect(itemRow(item.id).status).toBe("open");
  });

  it("gives field errors: no outcome chosen, nothing written, continuing without an action, owner or review date", async () => {
    actAs(roles.slt);
    const r = await recordPpmOutcomeAction({ itemId: "x", version: 1, meetingId: "y", outcome: "", next: "continue", action: "", ownerId: "", reviewDate: "" } as never);
    expect(r.ok).toBe(false);
    const errors = (r as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(["action", "outcome", "outcomeKind", "ownerId", "reviewDate"]);
  });

  it("is refused for staff (even the class teacher and the action's owner), governors, advisers and signed-out users", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const item = seedItem(m.id, { ownerId: ta.id });
    await expectRefused(recordPpmOutcomeAction, { itemId: item.id, version: item.version, meetingId: m.id, outcomeKind: "on_track", outcome: "forged", next: "close" }, [
      teacher,
      ta,
      roles.governor,
      roles.adviser,
      null,
    ]);
    expect(itemRow(item.id).status).toBe("open");
  });
});

describe("deletePpmItemAction", () => {
  it("removes an entry; removing a continuing entry reopens the action it continued; refuses removing a continued one", async () => {
    const spring = seedMeeting(spring25.id, hazel25, "2026-03-10");
    const summer = seedMeeting(summer25.id, hazel25, "2026-06-23");
    const item = seedItem(spring.id, { pupilId: pupil.amy!, subject: "maths", reviewDate: "2026-05-01" });
    const { continuedAs } = recordProgressMeetingOutcome({
      input: {
        itemId: item.id,
        version: item.version,
        meetingId: summer.id,
        outcomeKind: "progress",
        outcome: "Some",
        next: "continue",
        action: "Same again",
        ownerId: ta.id,
        reviewDate: "2026-07-10",
      },
      actor: CLI_ACTOR,
    });
    actAs(roles.slt);
    const blocked = await deletePpmItemAction({ id: item.id, version: itemRow(item.id).version });
    expect(blocked).toMatchObject({ ok: false, formError: expect.stringContaining("continued at a later meeting") });

    expect(await deletePpmItemAction({ id: continuedAs!.id, version: continuedAs!.version + 3 })).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(await deletePpmItemAction({ id: continuedAs!.id, version: continuedAs!.version })).toMatchObject({ ok: true });
    expect(db.select().from(progressMeetingItems).where(eq(progressMeetingItems.id, continuedAs!.id)).get()).toBeUndefined();
    expect(itemRow(item.id)).toMatchObject({ status: "open", outcome: null, outcomeKind: null, outcomeMeetingId: null });
  });

  it("is refused for staff, governors, advisers and signed-out users", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const item = seedItem(m.id);
    await expectRefused(deletePpmItemAction, { id: item.id, version: item.version }, [teacher, roles.staff, roles.governor, roles.adviser, null]);
    expect(itemRow(item.id)).toBeDefined();
  });
});

describe("reading progress meetings (SPEC §1)", () => {
  it("lets the class teacher read their class's meeting, and refuses other staff, governors and advisers in the data layer", () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    expect(getProgressMeeting({ id: m.id, viewer: teacher }).meeting.className).toBe("Hazel");
    expect(getProgressMeeting({ id: m.id, viewer: roles.slt }).meeting.className).toBe("Hazel");
    for (const viewer of [otherTeacher, ta, roles.governor, roles.adviser]) {
      expect(() => getProgressMeeting({ id: m.id, viewer }), viewer.name).toThrow(ForbiddenError);
      expect(() => listMeetingPupils({ meetingId: m.id, viewer }), viewer.name).toThrow(ForbiddenError);
    }
  });

  it("lists only the classes a member of staff teaches, every class for leaders, and nothing for governors or advisers", () => {
    expect(listMeetingsForTerm({ termId: autumn25.id, viewer: teacher }).map((r) => r.className)).toEqual(["Hazel"]);
    expect(listMeetingsForTerm({ termId: autumn25.id, viewer: otherTeacher }).map((r) => r.className)).toEqual(["Maple"]);
    expect(listMeetingsForTerm({ termId: autumn25.id, viewer: ta })).toEqual([]);
    expect(
      listMeetingsForTerm({ termId: autumn25.id, viewer: roles.headteacher })
        .map((r) => r.className)
        .sort(),
    ).toEqual(["Hazel", "Maple"]);
    expect(() => listMeetingsForTerm({ termId: autumn25.id, viewer: roles.governor })).toThrow(ForbiddenError);
    expect(() => listMeetingsForTerm({ termId: autumn25.id, viewer: roles.adviser })).toThrow(ForbiddenError);
  });

  it("shows the pupils below the expected standard in the meeting's term first", () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const list = listMeetingPupils({ meetingId: m.id, viewer: roles.slt });
    expect(list.find((p) => p.id === pupil.amy)).toMatchObject({ name: "Amy Testpupil", belowIn: ["writing"] });
    expect(list.find((p) => p.id === pupil.ben)).toMatchObject({ belowIn: [] });
  });

  it("page: another teacher, a governor and an adviser get 403; the class teacher gets the page", async () => {
    const { default: Page } = await import("@/app/(app)/ppm/[id]/page");
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    for (const viewer of [otherTeacher, roles.governor, roles.adviser]) {
      actAs(viewer);
      await expect(Page({ params: Promise.resolve({ id: m.id }) }), viewer.name).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    }
    actAs(teacher);
    await expect(Page({ params: Promise.resolve({ id: m.id }) })).resolves.toBeTruthy();
    actAs(roles.slt);
    await expect(Page({ params: Promise.resolve({ id: "no-such-meeting" }) })).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
  });

  it("pages for recording are refused to staff, even the class teacher", async () => {
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    const { default: EditPage } = await import("@/app/(app)/ppm/[id]/edit/page");
    const { default: NewPage } = await import("@/app/(app)/ppm/new/page");
    for (const viewer of [teacher, roles.governor, roles.adviser]) {
      actAs(viewer);
      await expect(EditPage({ params: Promise.resolve({ id: m.id }) })).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
      await expect(NewPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    }
  });

  it("overview page: advisers are refused; governors get counts without any pupil's name", async () => {
    const { default: Overview } = await import("@/app/(app)/ppm/page");
    const m = seedMeeting(autumn25.id, hazel25, "2025-11-12");
    seedItem(m.id, { pupilId: pupil.amy! });
    actAs(roles.adviser);
    await expect(Overview({ searchParams: Promise.resolve({ term: "2025-26:autumn" }) })).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    actAs(roles.governor);
    const el = await Overview({ searchParams: Promise.resolve({ term: "2025-26:autumn" }) });
    const json = JSON.stringify(el);
    expect(json).not.toContain("Testpupil");
    expect(json).not.toContain("Hazel");
    expect(json).toContain("counts");
  });

  it("counts carry no names and count each pupil once", () => {
    const counts = getProgressMeetingCounts({ termId: autumn25.id });
    const json = JSON.stringify(counts);
    expect(json).not.toMatch(/Amy|Ben|Cal|Testpupil|Hazel|Maple/);
    const items = db
      .select({ pupilId: progressMeetingItems.pupilId })
      .from(progressMeetingItems)
      .innerJoin(progressMeetings, eq(progressMeetingItems.meetingId, progressMeetings.id))
      .where(eq(progressMeetings.termId, autumn25.id))
      .all();
    expect(counts.actionsAgreed).toBe(items.length);
    expect(counts.pupilsDiscussed).toBe(new Set(items.map((i) => i.pupilId)).size);
    expect(counts.meetingsHeld + counts.classesWithoutMeeting).toBe(2);
  });

  it("My responsibilities: a teacher's classes this term and the open actions someone owns, overdue first", () => {
    const rows = listMyClassMeetings({ viewer: teacher, termId: autumn26.id });
    expect(rows.map((r) => r.className)).toEqual(["Maple"]);
    const owned = listOpenPpmActionsOwnedBy({ viewer: ta, today: "2026-02-01" });
    expect(owned.length).toBeGreaterThan(0);
    expect(owned.every((i) => i.ownerId === ta.id && i.status === "open")).toBe(true);
    const overdueFlags = owned.map((i) => i.reviewDate !== null && i.reviewDate < "2026-02-01");
    expect(overdueFlags).toEqual([...overdueFlags].sort((a, b) => Number(b) - Number(a)));
    // The TA teaches no class, so they see their own actions but may not open the meetings.
    expect(owned.every((i) => i.canOpenMeeting === false)).toBe(true);
    expect(listOpenPpmActionsOwnedBy({ viewer: roles.slt }).every((i) => i.canOpenMeeting)).toBe(true);
  });
});
