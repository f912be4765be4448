import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createChallengeAction } from "@/app/(app)/governance/actions";
import {
  addAgendaItemAction,
  addMinuteAction,
  createBodyAction,
  createMeetingAction,
  markPapersReadAction,
  recordAttendanceAction,
  updateMeetingAction,
} from "@/app/(app)/governance/meetings/actions";
import { GET as getMeetingDocx } from "@/app/(app)/governance/meetings/[id]/docx/route";
import { db } from "@/db/client";
import { auditLog, challenges, meetings, monitoringFoci, plans, reports, strands, visits } from "@/db/schema";
import { setLinkVisitsAction } from "@/app/(app)/governance/link-visits/actions";
import { listLinkVisitStatus, visitDueDates } from "@/lib/data/link-visits";
import { findNextMeeting, getMeeting } from "@/lib/data/meetings";
import { listCalendarEntries } from "@/lib/data/calendar";
import { setClockForTests } from "@/lib/clock";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";
import { expectRefused, expectRouteRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

let people: ReturnType<typeof createOnePerRole>;
let term: ReturnType<typeof ensureTestSchool>["term"];
let bodyId: string;
let reportId: string;

beforeAll(async () => {
  ({ term } = ensureTestSchool());
  people = createOnePerRole();
  const [r] = db.insert(reports).values({ termId: term.id, status: "draft" }).returning().all();
  reportId = r!.id;
  setClockForTests("2025-10-01");
  actAs(people.headteacher);
  const b = await createBodyAction({ name: "Full governing board", kind: "board", papersDaysBefore: 7, memberIds: [people.headteacher.id, people.governor.id] });
  if (!b.ok) throw new Error(JSON.stringify(b));
  bodyId = b.data.id;
});

const meetingInput = () => ({ bodyId, date: "2025-10-20", startTime: "18:00", place: "School library", papersOutDate: "", reportId, agenda: "Apologies\nAny other business" });

describe("scheduling a meeting", () => {
  it("the head schedules a meeting with the report as its paper; papers go out seven days before", async () => {
    actAs(people.headteacher);
    const r = await createMeetingAction(meetingInput());
    expectOk(r);
    const m = getMeeting({ id: r.data.id, today: "2025-10-01" });
    expect(m).toMatchObject({ papersOutDate: "2025-10-13", reportId, termId: term.id, bodyName: "Full governing board", papersOut: false, papersLate: false });
    expect(m.agenda.map((a) => a.title)).toEqual(["Headteacher's report to governors", "Apologies", "Any other business"]);
    expect(m.agenda[0]).toMatchObject({ linkType: "report", linkHref: `/reports/${term.key.replace(":", "-")}` });
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, r.data.id)).all()).toHaveLength(1);
  });

  it("warns when papers are due and the report is not published", async () => {
    actAs(people.headteacher);
    const r = await createMeetingAction(meetingInput());
    if (!r.ok) throw new Error("not created");
    expect(getMeeting({ id: r.data.id, today: "2025-10-14" }).papersLate).toBe(true);
    db.update(reports).set({ status: "published", publishedAt: "2025-10-12T10:00:00.000Z" }).where(eq(reports.id, reportId)).run();
    expect(getMeeting({ id: r.data.id, today: "2025-10-14" }).papersLate).toBe(false);
    db.update(reports).set({ status: "draft", publishedAt: null }).where(eq(reports.id, reportId)).run();
  });

  it("reports field errors and refuses papers after the meeting", async () => {
    actAs(people.headteacher);
    const bad = await createMeetingAction({ ...meetingInput(), date: "2025-02-30", startTime: "6pm", bodyId: "" });
    expectFailed(bad);
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["date", "startTime", "bodyId"]));
    const late = await createMeetingAction({ ...meetingInput(), papersOutDate: "2025-10-25" });
    expect(late).toMatchObject({ ok: false, fieldErrors: { papersOutDate: expect.any(Array) } });
  });

  it("a stale version is refused", async () => {
    actAs(people.headteacher);
    const r = await createMeetingAction(meetingInput());
    if (!r.ok) throw new Error("not created");
    const change = { id: r.data.id, version: 1, date: "2025-10-21", startTime: "18:30", place: "Hall", papersOutDate: "2025-10-14", reportId };
    expect(await updateMeetingAction(change)).toMatchObject({ ok: true, data: { version: 2 } });
    expect(await updateMeetingAction(change)).toMatchObject({ ok: false, formError: expect.stringMatching(/changed/i) });
  });

  it("is refused to SLT, staff, governors, advisers and signed-out callers", async () => {
    await expectRefused(createMeetingAction, meetingInput(), refusedBy("meeting.edit", people));
    await expectRefused(createBodyAction, { name: "X", kind: "committee", papersDaysBefore: 7, memberIds: [] }, refusedBy("meeting.edit", people));
    await expectRefused(updateMeetingAction, { id: "x", version: 1, date: "2025-10-21", startTime: "18:30", place: "", papersOutDate: "2025-10-14", reportId: "" }, refusedBy("meeting.edit", people));
    await expectRefused(addAgendaItemAction, { meetingId: "x", title: "Item", linkType: "", linkId: "" }, refusedBy("meeting.edit", people));
  });
});

describe("at the meeting", () => {
  let meetingId: string;
  beforeAll(async () => {
    actAs(people.headteacher);
    const r = await createMeetingAction(meetingInput());
    if (!r.ok) throw new Error("not created");
    meetingId = r.data.id;
  });

  it("adds an agenda item linked to a question, and refuses a link that does not exist", async () => {
    actAs(people.headteacher);
    expect(await addAgendaItemAction({ meetingId, title: "Safeguarding", linkType: "challenge", linkId: "nope" })).toMatchObject({ ok: false, fieldErrors: { linkId: expect.any(Array) } });
    expect(await addAgendaItemAction({ meetingId, title: "Safeguarding", linkType: "", linkId: "" })).toMatchObject({ ok: true });
    expect(getMeeting({ id: meetingId }).agenda.at(-1)).toMatchObject({ title: "Safeguarding", linkType: null });
  });

  it("a governor marks the papers read; the head cannot (it is the governors' record)", async () => {
    actAs(people.governor);
    expect(await markPapersReadAction({ meetingId })).toMatchObject({ ok: true });
    expect(await markPapersReadAction({ meetingId })).toMatchObject({ ok: true });
    expect(getMeeting({ id: meetingId }).members.find((m) => m.id === people.governor.id)?.readAt).toBeTruthy();
    await expectRefused(markPapersReadAction, { meetingId }, refusedBy("meeting.papers.read", people));
  });

  it("a governor's question raised at the meeting is tagged with it", async () => {
    actAs(people.governor);
    const r = await createChallengeAction({
      question: "How will governors see the impact of the new phonics scheme?",
      source: "meeting",
      raisedOn: "2025-10-20",
      strandId: "",
      areaKey: "",
      reportId: "",
      reportSection: "",
      visitId: "",
      ownerId: "",
      meetingId,
    });
    expectOk(r);
    expect(db.select().from(challenges).where(eq(challenges.id, r.data.id)).get()).toMatchObject({ meetingId, ownerId: people.headteacher.id });
    expect(getMeeting({ id: meetingId }).challenges.map((c) => c.id)).toContain(r.data.id);
  });

  it("records attendance (members only), decisions and actions as the minutes", async () => {
    actAs(people.governor);
    expect(
      await recordAttendanceAction({
        meetingId,
        entries: [
          { userId: people.headteacher.id, status: "present" },
          { userId: people.governor.id, status: "apologies" },
          { userId: people.staff.id, status: "present" },
        ],
      }),
    ).toMatchObject({ ok: true });
    expect(await addMinuteAction({ meetingId, kind: "decision", text: "Approved the behaviour policy.", ownerId: "", dueDate: "" })).toMatchObject({ ok: true });
    const noOwner = await addMinuteAction({ meetingId, kind: "action", text: "Share the data.", ownerId: "", dueDate: "" });
    expect(noOwner).toMatchObject({ ok: false, fieldErrors: { ownerId: expect.any(Array), dueDate: expect.any(Array) } });
    expect(await addMinuteAction({ meetingId, kind: "action", text: "Share the data.", ownerId: people.slt.id, dueDate: "2025-11-15" })).toMatchObject({ ok: true });
    const m = getMeeting({ id: meetingId });
    expect(m.members.map((x) => [x.id, x.attendance])).toEqual(
      expect.arrayContaining([
        [people.headteacher.id, "present"],
        [people.governor.id, "apologies"],
      ]),
    );
    expect(m.members.some((x) => x.id === people.staff.id)).toBe(false);
    expect(m.minutes.map((x) => [x.kind, x.ownerName])).toEqual([
      ["decision", null],
      ["action", people.slt.name],
    ]);
    expect(m.minutesRecordedAt).toBeTruthy();
    expect(listCalendarEntries({ userId: people.slt.id, role: "slt" }).filter((e) => e.uid.startsWith("minute-"))).toEqual([
      expect.objectContaining({ date: "2025-11-15", title: "Meeting action due: Share the data.", path: `/governance/meetings/${meetingId}` }),
    ]);
    await expectRefused(recordAttendanceAction, { meetingId, entries: [] }, refusedBy("meeting.minutes", people));
    await expectRefused(addMinuteAction, { meetingId, kind: "decision", text: "x", ownerId: "", dueDate: "" }, refusedBy("meeting.minutes", people));
  });

  it("the governor's next meeting is the soonest of a body they sit on", () => {
    const next = findNextMeeting({ userId: people.governor.id, today: "2025-10-02" });
    expect(next?.bodyName).toBe("Full governing board");
    expect(findNextMeeting({ userId: people.adviser.id, today: "2025-10-02" })).toBeNull();
  });

  it("prints the agenda and minutes as a Word document for readers, and refuses staff", async () => {
    actAs(people.governor);
    const res = await getMeetingDocx(new Request("http://localhost/x"), { params: Promise.resolve({ id: meetingId }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("wordprocessingml");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
    await expectRouteRefused("/governance/meetings/[id]/docx", () => getMeetingDocx(new Request("http://localhost/x"), { params: Promise.resolve({ id: meetingId }) }), [people.staff, null]);
    expect(db.select().from(meetings).all().length).toBeGreaterThan(0);
  });
});

describe("link governor visits planned", () => {
  it("spreads the expected visits across the year", () => {
    expect(visitDueDates({ start: "2025-09-01", end: "2026-08-31", expected: 3 })).toEqual(["2025-12-31", "2026-05-02", "2026-08-31"]);
  });

  it("shows visits made, due and overdue for a link governor, and the head sets the number expected", async () => {
    const [plan] = db.insert(plans).values({ academicYearId: term.academicYearId, title: "Plan" }).returning().all();
    const [s] = db.insert(strands).values({ planId: plan!.id, title: "Attendance", linkGovernorId: people.governor.id }).returning().all();
    const [v] = db.insert(visits).values({ kind: "governor", termId: term.id, date: "2025-11-10", visitorId: people.governor.id }).returning().all();
    db.insert(monitoringFoci).values({ recordType: "visit", recordId: v!.id, strandId: s!.id }).run();
    expect(listLinkVisitStatus({ governorId: people.governor.id, today: "2025-12-15" })[0]).toMatchObject({ expected: 3, done: 1, overdue: 0, state: "on_track", nextDueBy: "2026-05-02" });
    expect(listLinkVisitStatus({ governorId: people.governor.id, today: "2026-05-10" })[0]).toMatchObject({ done: 1, dueSoFar: 2, overdue: 1, state: "overdue" });
    actAs(people.headteacher);
    expect(await setLinkVisitsAction({ strandId: s!.id, version: 1, expected: 1 })).toMatchObject({ ok: true });
    expect(listLinkVisitStatus({ governorId: people.governor.id, today: "2026-05-10" })[0]).toMatchObject({ expected: 1, state: "complete", nextDueBy: null });
    expect(await setLinkVisitsAction({ strandId: s!.id, version: 1, expected: 4 })).toMatchObject({ ok: false });
    expect(await setLinkVisitsAction({ strandId: s!.id, version: 2, expected: 40 })).toMatchObject({ ok: false, fieldErrors: { expected: expect.any(Array) } });
    await expectRefused(setLinkVisitsAction, { strandId: s!.id, version: 2, expected: 2 }, refusedBy("meeting.edit", people));
  });
});
