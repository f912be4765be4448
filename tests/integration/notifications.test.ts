import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { answerChallengeAction, createChallengeAction } from "@/app/(app)/governance/actions";
import { createPlanActionAction, updatePlanActionAction } from "@/app/(app)/plan/actions";
import { markAllNotificationsReadAction, openNotificationAction } from "@/app/(app)/notifications/actions";
import { resetCalendarTokenAction, revokeCalendarTokenAction, savePreferencesAction } from "@/app/(app)/account/notifications/actions";
import { runNotificationsNowAction } from "@/app/(app)/admin/outbox/actions";
import { GET as getCalendar } from "@/app/api/calendar/[token]/route";
import { db } from "@/db/client";
import { bodyMembers, emailMessages, governingBodies, meetings, notifications, observations, planActions, plans, pupils, reports, strands } from "@/db/schema";
import { COMMANDS } from "@/lib/cli/commands";
import { setClockForTests } from "@/lib/clock";
import { acquireLease, countUnread, listNotifications, listOutbox, listPreferences, releaseLease } from "@/lib/data/notifications";
import { notifyEvent } from "@/lib/notify/events";
import { runNotificationPass, weekOf } from "@/lib/notify/run";
import { actAs, createOnePerRole, createTestUser, ensureTestSchool } from "../factories";
import { expectRefused, expectRouteRefused, refusedBy } from "./helpers";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let port = 0;
let rejectNext = 0;

/** Undoes quoted-printable so a name split across soft line breaks is still found. */
function decode(raw: string) {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(raw)?.[1]?.trim() ?? "";

let people: ReturnType<typeof createOnePerRole>;
let teacher: ReturnType<typeof createTestUser>;
let term: ReturnType<typeof ensureTestSchool>["term"];
const MONDAY = "2025-10-06T08:00:00.000Z";
const PUPIL = { firstName: "Zebedee", lastName: "Quartermaine", upn: "A123456789012" };
const OBSERVATION_TEXT = "Strong questioning of the Kingfisher reading group";
const QUESTION = "Why has persistent absence risen among the Nightingale cohort?";

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth: (auth, _session, cb) => (auth.username === "waymark" && auth.password === "secret" ? cb(null, { user: auth.username }) : cb(new Error("Invalid username or password"))),
    onData: (stream, session, cb) => {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        if (rejectNext > 0) {
          rejectNext--;
          return cb(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 }));
        }
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.server.address() as { port: number }).port;

  ({ term } = ensureTestSchool());
  people = createOnePerRole();
  teacher = createTestUser({ role: "staff", name: "Tess Teacher", email: "tess@test.school" });
  setClockForTests(MONDAY);
  const [plan] = db.insert(plans).values({ academicYearId: term.academicYearId, title: "Plan" }).returning().all();
  const [s] = db.insert(strands).values({ planId: plan!.id, title: "Reading for pleasure", leadId: people.slt.id }).returning().all();
  db.insert(planActions)
    .values([
      { strandId: s!.id, description: "Refresh the class library", ownerId: teacher.id, dueDate: "2025-10-09", status: "in_progress" },
      { strandId: s!.id, description: "Run the reading survey", ownerId: teacher.id, dueDate: "2025-09-30", status: "not_started" },
      { strandId: s!.id, description: "Finished already", ownerId: teacher.id, dueDate: "2025-10-08", status: "done" },
    ])
    .run();
  db.insert(pupils)
    .values({ academicYearId: term.academicYearId, ...PUPIL, yearGroup: "Y4", gender: "F" })
    .run();
  const [o] = db
    .insert(observations)
    .values({ termId: term.id, date: "2025-10-02", teacherId: teacher.id, subject: "Reading", strengths: `${OBSERVATION_TEXT} (${PUPIL.firstName} ${PUPIL.lastName})`, status: "shared" })
    .returning()
    .all();
  notifyEvent.observationShared({ observationId: o!.id, byUserId: people.slt.id });

  // A board meeting in two days with the published report as its papers, which went out last week.
  const [report] = db.insert(reports).values({ termId: term.id, status: "published", publishedAt: "2025-09-30T16:00:00.000Z" }).returning().all();
  const [body] = db.insert(governingBodies).values({ name: "Full governing board", kind: "board" }).returning().all();
  db.insert(bodyMembers)
    .values([
      { bodyId: body!.id, userId: people.governor.id },
      { bodyId: body!.id, userId: people.headteacher.id },
    ])
    .run();
  db.insert(meetings).values({ bodyId: body!.id, termId: term.id, date: "2025-10-08", startTime: "18:00", place: "Library", papersOutDate: "2025-10-01", reportId: report!.id }).run();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const smtp = () => ({ smtpUrl: `smtp://waymark:secret@127.0.0.1:${port}`, from: "Oakfield Waymark <waymark@oakfield.test>" });

describe("notifications by email over SMTP", () => {
  it("a governor's question is answered: the governor is told in the app at once", async () => {
    actAs(people.governor);
    const asked = await createChallengeAction({
      question: QUESTION,
      source: "meeting",
      raisedOn: "2025-10-03",
      strandId: "",
      areaKey: "attendance_behaviour",
      reportId: "",
      reportSection: "",
      visitId: "",
      ownerId: people.slt.id,
    });
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    actAs(people.slt);
    const c = db.select().from(notifications).where(eq(notifications.userId, people.slt.id)).all();
    expect(c.map((n) => n.kind)).toContain("challenge_assigned");
    expect(await answerChallengeAction({ id: asked.data.id, version: 1, answer: "Three families; see the attendance report.", status: "answered", ownerId: "" })).toMatchObject({ ok: true });
    const mine = listNotifications({ userId: people.governor.id });
    expect(mine.map((n) => n.kind)).toEqual(expect.arrayContaining(["challenge_answered"]));
    expect(countUnread({ userId: people.governor.id })).toBeGreaterThan(0);
  });

  it("one pass sends what is due through a real SMTP server: recipients, subjects, and nothing from a pupil or an observation", async () => {
    const r = await runNotificationPass({ at: "2025-10-06T08:01:00.000Z", settings: smtp() });
    expect(r).toMatchObject({ skipped: false, failed: 0, retrying: 0, outbox: 0 });
    expect(r.sent).toBe(received.length);
    const bySubject = (to: string) => received.filter((m) => m.to.includes(to)).map((m) => header(decode(m.raw), "Subject"));
    expect(bySubject(teacher.email)).toEqual(expect.arrayContaining(["An observation of your teaching has been shared with you", "Your actions this week: 1 due within 7 days, 1 overdue"]));
    expect(bySubject(teacher.email)).toHaveLength(2);
    expect(bySubject(people.governor.email)).toEqual(
      expect.arrayContaining(["Your question has been answered", "Papers are out for the Full governing board on 8 Oct 2025", "The Full governing board meets on 8 Oct 2025"]),
    );
    expect(bySubject(people.slt.email)).toEqual(["A governor's question is waiting for your answer"]);
    for (const m of received) {
      const text = decode(m.raw);
      expect(m.from).toBe("waymark@oakfield.test");
      for (const secret of [PUPIL.firstName, PUPIL.lastName, PUPIL.upn, OBSERVATION_TEXT, "Kingfisher", QUESTION, "Nightingale"]) expect(text).not.toContain(secret);
      expect(text).toMatch(/https?:\/\/\S+\/(me|governance|monitoring|plan|reports)/);
    }
    const digest = decode(received.find((m) => header(m.raw, "Subject").startsWith("Your actions"))!.raw);
    expect(digest).toContain("Refresh the class library");
    expect(digest).toContain("Run the reading survey");
    expect(digest).not.toContain("Finished already");
  });

  it("a second pass sends nothing new", async () => {
    const before = received.length;
    const r = await runNotificationPass({ at: "2025-10-06T08:05:00.000Z", settings: smtp() });
    expect(r).toMatchObject({ created: 0, sent: 0 });
    expect(received.length).toBe(before);
  });

  it("the digest comes once a week: the next Monday brings a new one", async () => {
    expect(weekOf("2025-10-12")).toBe("2025-10-06");
    const r = await runNotificationPass({ at: "2025-10-13T08:00:00.000Z", settings: smtp() });
    expect(
      received
        .slice(-r.sent)
        .filter((m) => m.to.includes(teacher.email))
        .map((m) => header(m.raw, "Subject")),
    ).toEqual(["Your actions this week: 0 due within 7 days, 2 overdue"]);
  });

  it("a refused send is retried with a growing wait, its state visible in the outbox, then sent", async () => {
    actAs(people.governor);
    rejectNext = 1;
    notifyEvent.reportPublished({ reportId: db.select().from(reports).get()!.id });
    const first = await runNotificationPass({ at: "2025-10-14T09:00:00.000Z", settings: smtp() });
    expect(first).toMatchObject({ retrying: 1, sent: 0 });
    const waiting = listOutbox().find((m) => m.kind === "report_published")!;
    expect(waiting).toMatchObject({ state: "pending", attempts: 1, nextAttemptAt: "2025-10-14T09:01:00.000Z" });
    expect(waiting.lastError).toMatch(/busy/i);
    expect(await runNotificationPass({ at: "2025-10-14T09:00:30.000Z", settings: smtp() })).toMatchObject({ sent: 0, retrying: 0 });
    expect(await runNotificationPass({ at: "2025-10-14T09:01:00.000Z", settings: smtp() })).toMatchObject({ sent: 1 });
    expect(listOutbox().find((m) => m.kind === "report_published")).toMatchObject({ state: "sent", attempts: 2, lastError: null });
  });

  it("with no SMTP server, mail goes to the outbox", async () => {
    createTestUser({ role: "governor", email: "late@test.school" });
    notifyEvent.reportPublished({ reportId: db.select().from(reports).get()!.id });
    const r = await runNotificationPass({ at: "2025-10-14T10:00:00.000Z", settings: { smtpUrl: null, from: "x@y" } });
    expect(r).toMatchObject({ outbox: 1, sent: 0 });
    expect(listOutbox().find((m) => m.to === "late@test.school")).toMatchObject({ state: "outbox", subject: expect.stringContaining("report to governors is published") });
  });

  it("the head is warned when papers are due and the report is not published; governors are not told papers are out", async () => {
    const body = db.select().from(governingBodies).get()!;
    const spring = db.select().from(reports).get()!;
    db.update(reports).set({ status: "draft", publishedAt: null }).where(eq(reports.id, spring.id)).run();
    const [m] = db.insert(meetings).values({ bodyId: body.id, termId: term.id, date: "2025-10-24", startTime: "18:00", papersOutDate: "2025-10-17", reportId: spring.id }).returning().all();
    try {
      await runNotificationPass({ at: "2025-10-17T09:00:00.000Z", settings: { smtpUrl: null, from: "x@y" } });
      const told = db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.link === `/governance/meetings/${m!.id}`);
      expect(told.map((n) => [n.kind, n.userId])).toEqual([["papers_late", people.headteacher.id]]);
    } finally {
      db.update(reports).set({ status: "published", publishedAt: "2025-09-30T16:00:00.000Z" }).where(eq(reports.id, spring.id)).run();
    }
  });

  it("the head can run a pass now from the outbox; no one else can", async () => {
    actAs(people.headteacher);
    expect(await runNotificationsNowAction({})).toMatchObject({ ok: true, data: { skipped: false } });
    await expectRefused(runNotificationsNowAction, {}, refusedBy("outbox.read", people));
  });

  it("two processes never both send: the lease goes to one holder until it expires", () => {
    const at = "2025-10-14T11:00:00.000Z";
    expect(acquireLease({ name: "test", holder: "a", ms: 60_000, at })).toBe(true);
    expect(acquireLease({ name: "test", holder: "b", ms: 60_000, at })).toBe(false);
    expect(acquireLease({ name: "test", holder: "a", ms: 60_000, at })).toBe(true);
    expect(acquireLease({ name: "test", holder: "b", ms: 60_000, at: "2025-10-14T11:02:00.000Z" })).toBe(true);
    releaseLease({ name: "test", holder: "b" });
  });

  it("a pass skips while another holds the lease", async () => {
    acquireLease({ name: "notify", holder: "other", ms: 60_000, at: "2025-10-14T12:00:00.000Z" });
    expect(await runNotificationPass({ at: "2025-10-14T12:00:10.000Z", settings: smtp() })).toMatchObject({ skipped: true });
    releaseLease({ name: "notify", holder: "other" });
  });

  it("`notify run --now` makes one pass and prints how many it sent", async () => {
    const out: string[] = [];
    const cmd = COMMANDS.find((c) => c.name === "notify run")!;
    const prev = process.env.SMTP_URL;
    process.env.SMTP_URL = smtp().smtpUrl;
    try {
      const code = await cmd.run({ _: [], now: "2025-10-20T08:00:00Z" }, { db, io: { out: (s) => out.push(s), err: (s) => out.push(s) } });
      expect(code).toBe(0);
      expect(out.join("\n")).toMatch(/Sent [1-9]\d* messages\./);
      const again: string[] = [];
      await cmd.run({ _: [], now: "2025-10-20T08:00:00Z" }, { db, io: { out: (s) => again.push(s), err: (s) => again.push(s) } });
      expect(again.join("\n")).toContain("Sent 0 messages");
    } finally {
      if (prev === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = prev;
      setClockForTests(MONDAY);
    }
  });
});

describe("what each person is told", () => {
  it("an action's new owner is told once; reassigning tells the next owner; no one is told of their own doing", async () => {
    const strandId = db.select().from(strands).get()!.id;
    const fields = {
      description: "Book-swap afternoon",
      supporterIds: [] as string[],
      startDate: "2025-10-20",
      dueDate: "2025-11-20",
      cost: "0",
      resources: "",
      monitoring: "",
      monitoredById: "",
      status: "not_started" as const,
      notes: "",
    };
    actAs(people.slt);
    const created = await createPlanActionAction({ strandId, ownerId: teacher.id, ...fields });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const told = (userId: string) =>
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.kind === "action_assigned" && n.userId === userId && n.key.includes(created.data.id));
    expect(told(teacher.id)).toHaveLength(1);
    expect(told(teacher.id)[0]!.title).toBe("An improvement plan action has been assigned to you");
    expect(await updatePlanActionAction({ id: created.data.id, version: created.data.version, ownerId: teacher.id, ...fields, notes: "Changed" })).toMatchObject({ ok: true });
    expect(told(teacher.id)).toHaveLength(1);
    expect(await updatePlanActionAction({ id: created.data.id, version: created.data.version + 1, ownerId: people.slt.id, ...fields })).toMatchObject({ ok: true });
    expect(told(people.slt.id)).toHaveLength(0);
    expect(await updatePlanActionAction({ id: created.data.id, version: created.data.version + 2, ownerId: people.staff.id, ...fields })).toMatchObject({ ok: true });
    expect(told(people.staff.id)).toHaveLength(1);
  });

  it("a strand's lead is reminded of its review in the last two weeks of term, once", async () => {
    const reviewDue = () =>
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.kind === "review_due");
    await runNotificationPass({ at: "2025-12-16T08:00:00.000Z", settings: { smtpUrl: null, from: "x@y" } });
    expect(reviewDue()).toHaveLength(0);
    await runNotificationPass({ at: "2025-12-17T08:00:00.000Z", settings: { smtpUrl: null, from: "x@y" } });
    await runNotificationPass({ at: "2025-12-18T08:00:00.000Z", settings: { smtpUrl: null, from: "x@y" } });
    expect(reviewDue().map((n) => [n.userId, n.title])).toEqual([[people.slt.id, "The Autumn 2025 review of a strand you lead is due"]]);
  });
});

describe("in-app list and preferences", () => {
  it("opening a notification marks it read and leads to its page; another user's is not found", async () => {
    const n = listNotifications({ userId: people.governor.id })[0]!;
    actAs(people.headteacher);
    expect(await openNotificationAction({ id: n.id })).toMatchObject({ ok: false });
    actAs(people.governor);
    expect(await openNotificationAction({ id: n.id })).toMatchObject({ ok: true, data: { link: n.link } });
    expect(await markAllNotificationsReadAction({})).toMatchObject({ ok: true });
    expect(countUnread({ userId: people.governor.id })).toBe(0);
    await expectRefused(openNotificationAction, { id: n.id }, [null]);
    await expectRefused(markAllNotificationsReadAction, {}, [null]);
  });

  it("a user who turns email off for a kind still sees it in the app; turning both off hides it", async () => {
    actAs(people.slt);
    const prefs = listPreferences({ userId: people.slt.id }).map((p) =>
      p.kind === "challenge_assigned" ? { ...p, email: false } : p.kind === "action_assigned" ? { ...p, email: false, inApp: false } : p,
    );
    expect(await savePreferencesAction({ preferences: prefs })).toMatchObject({ ok: true });
    actAs(people.governor);
    const asked = await createChallengeAction({
      question: "Another question",
      source: "meeting",
      raisedOn: "2025-10-20",
      strandId: "",
      areaKey: "attendance_behaviour",
      reportId: "",
      reportSection: "",
      visitId: "",
      ownerId: people.slt.id,
    });
    if (!asked.ok) throw new Error("not asked");
    const n = db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `challenge_assigned:${asked.data.id}:${people.slt.id}`))
      .get()!;
    expect(n.inApp).toBe(true);
    expect(db.select().from(emailMessages).where(eq(emailMessages.notificationId, n.id)).all()).toHaveLength(0);
    await expectRefused(savePreferencesAction, { preferences: prefs }, [null]);
  });
});

describe("calendar feed", () => {
  it("serves the user's meetings and actions on a secret address; a new address revokes the old", async () => {
    actAs(teacher);
    const first = await resetCalendarTokenAction({});
    if (!first.ok) throw new Error("no token");
    const feed = async (token: string) => getCalendar(new Request("http://localhost/x"), { params: Promise.resolve({ token }) });
    const res = await feed(first.data.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const ics = await res.text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("Action due: Refresh the class library");
    expect(ics).not.toContain("Finished already");
    actAs(people.governor);
    const gov = await resetCalendarTokenAction({});
    if (!gov.ok) throw new Error("no token");
    expect(await (await feed(gov.data.token)).text()).toMatch(/DTSTART;TZID=Europe\/London:20251008T180000/);
    actAs(teacher);
    const second = await resetCalendarTokenAction({});
    if (!second.ok) throw new Error("no token");
    expect((await feed(first.data.token)).status).toBe(404);
    expect((await feed(second.data.token)).status).toBe(200);
    expect(await revokeCalendarTokenAction({})).toMatchObject({ ok: true });
    await expectRouteRefused("/api/calendar/[token]", () => feed(second.data.token), [null, teacher]);
    await expectRefused(resetCalendarTokenAction, {}, [null]);
    await expectRefused(revokeCalendarTokenAction, {}, [null]);
  });
});
