import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createMonitoringActivityAction, updateMonitoringActivityAction } from "@/app/(app)/monitoring/activities/actions";
import ActivityPage from "@/app/(app)/monitoring/activities/[id]/page";
import { createPlannedMonitoringAction, deletePlannedMonitoringAction, markPlannedMonitoringAction } from "@/app/(app)/monitoring/calendar/actions";
import CalendarPage from "@/app/(app)/monitoring/calendar/page";
import CoveragePage from "@/app/(app)/monitoring/coverage/page";
import { createObservationAction } from "@/app/(app)/monitoring/observations/actions";
import ThemesPage from "@/app/(app)/monitoring/themes/page";
import { createMonitoringVisitAction, updateMonitoringVisitAction } from "@/app/(app)/monitoring/visits/actions";
import VisitPage from "@/app/(app)/monitoring/visits/[id]/page";
import EditVisitPage from "@/app/(app)/monitoring/visits/[id]/edit/page";
import { db } from "@/db/client";
import { auditLog, monitoringFoci, plannedMonitoring, users } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import {
  createTemplate,
  getActivity,
  getActivityForViewer,
  getCoverage,
  getMonitoringSummary,
  getTemplate,
  getVisit,
  getVisitForViewer,
  labelFoci,
  labelFocus,
  listPlanned,
  listStrandEvidence,
  listStrandsWithoutEvidence,
  type TemplateWithCriteria,
} from "@/lib/data/monitoring";
import { getCurrentYear, listTerms, type TermWithYear } from "@/lib/data/school";
import { ForbiddenError } from "@/lib/errors";
import { actAs, createOnePerRole, createStrand, createTestUser, ensureTestSchool } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

let u: ReturnType<typeof createOnePerRole>;
let governor2: ReturnType<typeof createTestUser>;
let teachers: ReturnType<typeof createTestUser>[];
let template: TemplateWithCriteria;
let autumn: TermWithYear;
let spring: TermWithYear;
let strandA: string;
let strandB: string;
let strandC: string;

beforeAll(() => {
  ensureTestSchool();
  u = createOnePerRole();
  governor2 = createTestUser({ role: "governor", name: "Gwen Second" });
  teachers = [
    createTestUser({ role: "staff", name: "Emma Clarke", isTeaching: true }),
    createTestUser({ role: "staff", name: "Tom Bennett", isTeaching: true }),
    createTestUser({ role: "slt", name: "Rachel Green", isTeaching: true }),
  ];
  // Not teaching, and disabled: neither counts towards coverage.
  createTestUser({ role: "staff", name: "Lucy Assistant", isTeaching: false });
  createTestUser({ role: "staff", name: "Former Teacher", isTeaching: true, disabled: true });
  template = getTemplate({ id: createTemplate({ name: "Default", startFrom: "default", actor: CLI_ACTOR }).id });
  [autumn, spring] = listTerms({ academicYearId: getCurrentYear().id }) as [TermWithYear, TermWithYear];
  const mk = (title: string, position: number) => createStrand({ title, position, linkGovernorId: u.governor.id }).id;
  strandA = mk("Reading", 1);
  strandB = mk("Adaptive teaching", 2);
  strandC = mk("Attendance", 3);
});

const activityInput = (overrides: Record<string, unknown> = {}) => ({
  type: "learning_walk" as const,
  date: "2025-10-08",
  leadId: u.slt.id,
  participantIds: [u.headteacher.id, u.governor.id],
  subject: "Reading",
  classesVisited: "Y3, Y4",
  focusStrandIds: [strandA],
  focusAreaKeys: ["curriculum_teaching"],
  strengths: "Class novels are read aloud daily.",
  areasToDevelop: "Weaker readers read little themselves.",
  actions: "English lead to model choral reading.",
  ...overrides,
});

const visitInput = (overrides: Record<string, unknown> = {}) => ({
  kind: "governor" as const,
  visitorId: u.governor.id,
  date: "2025-11-05",
  visitType: "Link governor visit",
  purpose: "To see how reading is taught.",
  focusStrandIds: [strandA],
  focusAreaKeys: [],
  seen: "A phonics lesson in Y1.",
  questions: "How do you know who is falling behind?",
  followUp: "Report to the committee.",
  ...overrides,
});

async function pageStatus(user: Parameters<typeof actAs>[0], render: () => Promise<unknown>) {
  actAs(user);
  try {
    await render();
    return 200;
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? (e as Error).message);
    if (digest.includes("403")) return 403;
    if (digest.includes("404")) return 404;
    if (digest.includes("REDIRECT")) return 401;
    throw e;
  }
}
const props = (id: string) => ({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) });
const noParams = () => ({ searchParams: Promise.resolve({}) });

describe("focus labels", () => {
  it("labels a list of records' foci at once, each in plan and framework order, as labelFocus does one", () => {
    const foci = [
      { strandIds: [strandC, strandA], areaKeys: ["curriculum_teaching"] },
      { strandIds: [strandB], areaKeys: [] },
      { strandIds: [], areaKeys: [] },
    ];
    const labels = labelFoci(foci);
    expect(labels.map((l) => l.strands.map((s) => s.title))).toEqual([["Reading", "Attendance"], ["Adaptive teaching"], []]);
    expect(labels[0]!.areas.map((a) => a.key)).toEqual(["curriculum_teaching"]);
    expect(labels[0]!.areas[0]!.name).toBeTruthy();
    expect(labels.slice(1).map((l) => l.areas)).toEqual([[], []]);
    expect(foci.map((f) => labelFocus(f))).toEqual(labels);
  });
});

describe("learning walks, work scrutiny, pupil voice and drop-ins", () => {
  it("leaders record one with lead, participants, focus and findings; it is audited", async () => {
    actAs(u.slt);
    const r = await createMonitoringActivityAction(activityInput());
    expectOk(r);
    const a = getActivity({ id: r.data.id });
    expect(a).toMatchObject({
      type: "learning_walk",
      termId: autumn.id,
      leadId: u.slt.id,
      subject: "Reading",
      classesVisited: "Y3, Y4",
      focus: { strandIds: [strandA], areaKeys: ["curriculum_teaching"] },
    });
    expect(a.participants.map((p) => p.id).sort()).toEqual([u.headteacher.id, u.governor.id].sort());
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "activity"), eq(auditLog.entityId, a.id)))
        .all(),
    ).toHaveLength(1);
  });

  it("refuses findings that name a member of staff, by full name or title and surname, on the field that does", async () => {
    actAs(u.headteacher);
    const r = await createMonitoringActivityAction(activityInput({ strengths: "Emma Clarke's class read beautifully.", actions: "Mr Bennett to model reading." }));
    expectFailed(r);
    expect(r.fieldErrors?.strengths?.[0]).toMatch(/Emma Clarke/);
    expect(r.fieldErrors?.actions?.[0]).toMatch(/Tom Bennett/);
    expect(r.fieldErrors?.areasToDevelop).toBeUndefined();
    // Ordinary words that happen to be surnames are fine.
    const ok = await createMonitoringActivityAction(activityInput({ strengths: "Pupils planted green beans in Y1." }));
    expect(ok.ok).toBe(true);
  });

  it("returns field errors for a missing lead, date and findings", async () => {
    actAs(u.headteacher);
    const r = await createMonitoringActivityAction(activityInput({ leadId: "", date: "", strengths: "", areasToDevelop: "" }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { leadId: ["Select who led it"], date: ["Enter the date"], strengths: ["Record at least one strength or area to develop"] } });
    expect(await createMonitoringActivityAction(activityInput({ type: "book_look" }))).toMatchObject({ ok: false, fieldErrors: { type: ["Select the kind of monitoring"] } });
    expect(await createMonitoringActivityAction(activityInput({ leadId: u.governor.id }))).toMatchObject({ ok: false, fieldErrors: { leadId: ["The lead must be a member of staff"] } });
  });

  it("edits with optimistic concurrency", async () => {
    actAs(u.slt);
    const r = await createMonitoringActivityAction(activityInput());
    if (!r.ok) throw new Error("create failed");
    const a = getActivity({ id: r.data.id });
    const first = await updateMonitoringActivityAction({ ...activityInput({ type: "drop_in", participantIds: [] }), id: a.id, version: a.version });
    expect(first.ok).toBe(true);
    expect(getActivity({ id: a.id })).toMatchObject({ type: "drop_in", participants: [] });
    const second = await updateMonitoringActivityAction({ ...activityInput({ subject: "Stale" }), id: a.id, version: a.version });
    expect(second).toMatchObject({ ok: false, formError: expect.stringMatching(/changed by someone else/) });
    expect(getActivity({ id: a.id }).subject).toBe("Reading");
    expect(await updateMonitoringActivityAction({ ...activityInput({ strengths: "Miss Green was great" }), id: a.id, version: a.version + 1 })).toMatchObject({
      ok: false,
      fieldErrors: { strengths: expect.any(Array) },
    });
  });

  it("refuses staff, governors, advisers and the signed out", async () => {
    actAs(u.slt);
    const r = await createMonitoringActivityAction(activityInput());
    if (!r.ok) throw new Error("create failed");
    const a = getActivity({ id: r.data.id });
    await expectRefused(createMonitoringActivityAction, activityInput(), refusedBy("activity.edit", u));
    await expectRefused(updateMonitoringActivityAction, { ...activityInput({ subject: "Forged" }), id: a.id, version: a.version }, refusedBy("activity.edit", u));
    expect(getActivity({ id: a.id }).subject).toBe("Reading");
  });

  it("staff read the whole record; governors and advisers read the summary without the people", async () => {
    actAs(u.slt);
    const r = await createMonitoringActivityAction(activityInput());
    if (!r.ok) throw new Error("create failed");
    expect(getActivityForViewer({ id: r.data.id, viewer: u.staff }).full?.leadName).toBeTruthy();
    for (const viewer of [u.governor, u.adviser]) {
      const seen = getActivityForViewer({ id: r.data.id, viewer });
      expect(seen.full).toBeNull();
      expect(JSON.stringify(seen.summary)).not.toContain(u.slt.name);
      expect(seen.summary).not.toHaveProperty("leadId");
      expect(seen.summary).not.toHaveProperty("participants");
      expect(seen.summary.strengths).toBe("Class novels are read aloud daily.");
      expect(await pageStatus(viewer, () => ActivityPage(props(r.data.id)))).toBe(200);
    }
    expect(await pageStatus(null, () => ActivityPage(props(r.data.id)))).toBe(401);
  });
});

describe("governor and adviser visits", () => {
  it("a governor records their own visit against their strands", async () => {
    actAs(u.governor);
    const r = await createMonitoringVisitAction(visitInput());
    expectOk(r);
    expect(getVisit({ id: r.data.id })).toMatchObject({ kind: "governor", visitorId: u.governor.id, termId: autumn.id, focus: { strandIds: [strandA] } });
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "visit"), eq(auditLog.entityId, r.data.id)))
        .all(),
    ).toHaveLength(1);
  });

  it("an adviser records their own; the head records any, naming the visitor", async () => {
    actAs(u.adviser);
    const jar = await createMonitoringVisitAction(visitInput({ kind: "adviser", visitorId: u.adviser.id, visitType: "Joint Annual Review" }));
    expect(jar.ok).toBe(true);
    actAs(u.headteacher);
    const byHead = await createMonitoringVisitAction(visitInput({ visitorId: governor2.id }));
    expect(byHead.ok).toBe(true);
    // The visitor must be of the visit's kind.
    expect(await createMonitoringVisitAction(visitInput({ visitorId: u.adviser.id }))).toMatchObject({ ok: false, fieldErrors: { visitorId: ["Select the governor who made the visit"] } });
  });

  it("returns field errors, and refuses notes that name staff", async () => {
    actAs(u.governor);
    expect(await createMonitoringVisitAction(visitInput({ purpose: "", visitType: "", date: "2025-13-01" }))).toMatchObject({
      ok: false,
      fieldErrors: { purpose: ["Enter the purpose of the visit"], visitType: ["Enter the type of visit"], date: ["Enter the date of the visit as a real date"] },
    });
    const named = await createMonitoringVisitAction(visitInput({ seen: "Watched Emma Clarke teach fractions." }));
    expect(named).toMatchObject({ ok: false, fieldErrors: { seen: [expect.stringMatching(/Emma Clarke/)] } });
  });

  it("a governor cannot record a visit as someone else, or an adviser visit; staff and SLT cannot record visits", async () => {
    await expectRefused(createMonitoringVisitAction, visitInput({ visitorId: governor2.id }), [u.governor]);
    await expectRefused(createMonitoringVisitAction, visitInput({ kind: "adviser", visitorId: u.governor.id }), [u.governor]);
    await expectRefused(createMonitoringVisitAction, visitInput({ kind: "adviser", visitorId: u.adviser.id }), [u.governor, u.slt, u.staff, null]);
    await expectRefused(createMonitoringVisitAction, visitInput(), [u.slt, u.staff, u.adviser, null]);
  });

  it("a governor edits only their own visit and cannot hand it to someone else; the head edits any", async () => {
    actAs(u.governor);
    const r = await createMonitoringVisitAction(visitInput());
    if (!r.ok) throw new Error("create failed");
    const v = getVisit({ id: r.data.id });
    expect((await updateMonitoringVisitAction({ ...visitInput({ followUp: "Revisit in spring." }), id: v.id, version: v.version })).ok).toBe(true);
    const v2 = getVisit({ id: v.id });
    expect(v2.followUp).toBe("Revisit in spring.");
    await expectRefused(updateMonitoringVisitAction, { ...visitInput({ followUp: "Forged" }), id: v.id, version: v2.version }, [governor2, u.slt, u.staff, u.adviser, null]);
    await expectRefused(updateMonitoringVisitAction, { ...visitInput({ visitorId: governor2.id }), id: v.id, version: v2.version }, [u.governor]);
    actAs(u.headteacher);
    expect((await updateMonitoringVisitAction({ ...visitInput({ purpose: "Edited by the head." }), id: v.id, version: v2.version })).ok).toBe(true);
    // Stale version.
    actAs(u.governor);
    expect(await updateMonitoringVisitAction({ ...visitInput(), id: v.id, version: v2.version })).toMatchObject({ ok: false, formError: expect.stringMatching(/changed by someone else/) });
    // The kind cannot change.
    actAs(u.headteacher);
    expect(await updateMonitoringVisitAction({ ...visitInput({ kind: "adviser", visitorId: u.adviser.id }), id: v.id, version: v2.version + 1 })).toMatchObject({ ok: false });
    expect(getVisit({ id: v.id }).kind).toBe("governor");
  });

  it("leaders, governors and advisers read visits; staff are refused by page and data function", async () => {
    actAs(u.adviser);
    const r = await createMonitoringVisitAction(visitInput({ kind: "adviser", visitorId: u.adviser.id, visitType: "Termly monitoring visit" }));
    if (!r.ok) throw new Error("create failed");
    for (const viewer of [u.headteacher, u.slt, u.governor, u.adviser]) {
      expect(getVisitForViewer({ id: r.data.id, viewer }).id).toBe(r.data.id);
      expect(await pageStatus(viewer, () => VisitPage(props(r.data.id))), viewer.role).toBe(200);
    }
    expect(() => getVisitForViewer({ id: r.data.id, viewer: u.staff })).toThrow(ForbiddenError);
    expect(await pageStatus(u.staff, () => VisitPage(props(r.data.id)))).toBe(403);
    // Only the adviser and the head may open its edit page.
    expect(await pageStatus(u.adviser, () => EditVisitPage({ params: Promise.resolve({ id: r.data.id }) }))).toBe(200);
    expect(await pageStatus(u.headteacher, () => EditVisitPage({ params: Promise.resolve({ id: r.data.id }) }))).toBe(200);
    for (const user of [u.governor, u.slt, u.staff]) {
      expect(await pageStatus(user, () => EditVisitPage({ params: Promise.resolve({ id: r.data.id }) })), user.role).toBe(403);
    }
  });
});

describe("the monitoring calendar", () => {
  it("leaders plan, mark done with the record that carried it out, mark not done and remove", async () => {
    actAs(u.slt);
    const walk = await createMonitoringActivityAction(activityInput({ date: "2026-02-10", focusStrandIds: [] }));
    if (!walk.ok) throw new Error("walk failed");
    const r = await createPlannedMonitoringAction({ termId: spring.id, type: "learning_walk", title: "Learning walk: reading", plannedDate: "2026-02-10", leadId: u.slt.id, strandId: strandA });
    expectOk(r);
    let p = listPlanned({ termId: spring.id }).find((x) => x.id === r.data.id)!;
    expect(p).toMatchObject({ done: false, leadName: u.slt.name, strandTitle: "Reading" });
    expect(listPlanned({ termId: spring.id, leadId: u.slt.id, done: false }).map((x) => x.id)).toContain(p.id);

    expect((await markPlannedMonitoringAction({ id: p.id, version: p.version, done: true, recordId: walk.data.id })).ok).toBe(true);
    p = listPlanned({ termId: spring.id }).find((x) => x.id === r.data.id)!;
    expect(p).toMatchObject({ done: true, recordType: "activity", recordId: walk.data.id, recordHref: `/monitoring/activities/${walk.data.id}` });

    // Stale version.
    expect(await markPlannedMonitoringAction({ id: p.id, version: p.version - 1, done: false, recordId: "" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/changed by someone else/),
    });
    expect((await markPlannedMonitoringAction({ id: p.id, version: p.version, done: false, recordId: "" })).ok).toBe(true);
    p = listPlanned({ termId: spring.id }).find((x) => x.id === r.data.id)!;
    expect(p).toMatchObject({ done: false, recordType: null, recordId: null });

    expect(await deletePlannedMonitoringAction({ id: p.id, version: p.version - 1 })).toMatchObject({ ok: false });
    expect((await deletePlannedMonitoringAction({ id: p.id, version: p.version })).ok).toBe(true);
    expect(db.select().from(plannedMonitoring).where(eq(plannedMonitoring.id, p.id)).all()).toHaveLength(0);
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "planned_monitoring"), eq(auditLog.entityId, p.id)))
        .all()
        .map((a) => a.verb)
        .sort(),
    ).toEqual(["create", "delete", "mark-done", "mark-not-done"]);
  });

  it("refuses a record of another kind or term as what carried it out, a date outside the term, and a missing title", async () => {
    actAs(u.headteacher);
    const autumnWalk = await createMonitoringActivityAction(activityInput({ date: "2025-10-20" }));
    if (!autumnWalk.ok) throw new Error("walk failed");
    const r = await createPlannedMonitoringAction({ termId: spring.id, type: "learning_walk", title: "Walk", plannedDate: "", leadId: "", strandId: "" });
    if (!r.ok) throw new Error("plan failed");
    const p = listPlanned({ termId: spring.id }).find((x) => x.id === r.data.id)!;
    expect(await markPlannedMonitoringAction({ id: p.id, version: p.version, done: true, recordId: autumnWalk.data.id })).toMatchObject({ ok: false, fieldErrors: { recordId: expect.any(Array) } });
    expect(await createPlannedMonitoringAction({ termId: spring.id, type: "drop_in", title: "", plannedDate: "2025-10-01", leadId: "", strandId: "" })).toMatchObject({
      ok: false,
      fieldErrors: { title: ["Enter what is planned"] },
    });
    expect(await createPlannedMonitoringAction({ termId: spring.id, type: "drop_in", title: "Drop-ins", plannedDate: "2025-10-01", leadId: "", strandId: "" })).toMatchObject({
      ok: false,
      fieldErrors: { plannedDate: ["Enter a date within the term"] },
    });
    expect(await createPlannedMonitoringAction({ termId: spring.id, type: "drop_in", title: "Drop-ins", plannedDate: "", leadId: "", strandId: "not-a-strand" })).toMatchObject({
      ok: false,
      fieldErrors: { strandId: expect.any(Array) },
    });
  });

  it("refuses staff, governors, advisers and the signed out, by action and by page", async () => {
    actAs(u.slt);
    const r = await createPlannedMonitoringAction({ termId: spring.id, type: "pupil_voice", title: "Pupil voice", plannedDate: "", leadId: "", strandId: "" });
    if (!r.ok) throw new Error("plan failed");
    const p = listPlanned({ termId: spring.id }).find((x) => x.id === r.data.id)!;
    const refused = refusedBy("calendar.edit", u);
    await expectRefused(createPlannedMonitoringAction, { termId: spring.id, type: "pupil_voice", title: "Forged", plannedDate: "", leadId: "", strandId: "" }, refused);
    await expectRefused(markPlannedMonitoringAction, { id: p.id, version: p.version, done: true, recordId: "" }, refused);
    await expectRefused(deletePlannedMonitoringAction, { id: p.id, version: p.version }, refused);
    expect(listPlanned({ termId: spring.id }).find((x) => x.id === p.id)?.done).toBe(false);
    for (const user of [u.staff, u.governor, u.adviser]) expect(await pageStatus(user, () => CalendarPage(noParams())), user.role).toBe(403);
    expect(await pageStatus(u.slt, () => CalendarPage(noParams()))).toBe(200);
  });
});

describe("coverage, strand evidence and the aggregates", () => {
  let summerTerm: TermWithYear;
  beforeAll(async () => {
    summerTerm = listTerms({ academicYearId: getCurrentYear().id })[2]!;
    // Summer: two of the three teachers seen (one twice), with recurring judgements; one strand tested.
    actAs(u.headteacher);
    const judged = (strong: number[], developing: number[]) =>
      template.criteria.map((c, i) => ({ ref: c.id, judgement: strong.includes(i) ? ("strength" as const) : developing.includes(i) ? ("developing" as const) : ("secure" as const) }));
    const obs = (teacherId: string, date: string, strong: number[], developing: number[], focusStrandIds: string[] = []) =>
      createObservationAction({
        teacherId,
        observerIds: [u.headteacher.id],
        date,
        classId: "",
        yearGroup: "",
        subject: "Maths",
        templateId: template.id,
        focusStrandIds,
        focusAreaKeys: [],
        judgements: judged(strong, developing),
        strengths: "",
        areasForDevelopment: "",
        nextSteps: "",
        followUpDate: "",
        grade: "",
        status: "shared",
      });
    await obs(teachers[0]!.id, "2026-05-05", [12, 14], [4]);
    await obs(teachers[0]!.id, "2026-06-05", [12], [4, 7]);
    await obs(teachers[1]!.id, "2026-06-10", [12, 2], [4], [strandB]);
    // Someone not teaching is observed too: it counts as an observation but not towards coverage.
    await obs(db.select().from(users).where(eq(users.name, "Lucy Assistant")).get()!.id, "2026-06-11", [], []);
    await createMonitoringActivityAction(activityInput({ date: "2026-05-12", type: "work_scrutiny", focusStrandIds: [] }));
    actAs(u.governor);
    await createMonitoringVisitAction(visitInput({ date: "2026-06-20", focusStrandIds: [] }));
  });

  it("coverage names who has not been seen this term and who has fewer than three this year", () => {
    const c = getCoverage({ termId: summerTerm.id });
    expect(c.total).toBe(3);
    expect(c.seen).toBe(2);
    expect(c.pct).toBe(66.7);
    expect(c.notSeen.map((r) => r.name)).toEqual(["Rachel Green"]);
    expect(c.rows.find((r) => r.name === "Emma Clarke")).toMatchObject({ termCount: 2, lastObservedOn: "2026-06-05" });
    expect(c.fewerThanMinimum.map((r) => r.name).sort()).toEqual(["Emma Clarke", "Rachel Green", "Tom Bennett"]);
    expect(c.rows.some((r) => r.name === "Former Teacher" || r.name === "Lucy Assistant")).toBe(false);
  });

  it("the coverage page is for leaders only", async () => {
    expect(await pageStatus(u.slt, () => CoveragePage(noParams()))).toBe(200);
    for (const user of [u.staff, u.governor, u.adviser]) expect(await pageStatus(user, () => CoveragePage(noParams())), user.role).toBe(403);
  });

  it("strands with no monitoring evidence this term are those no record dated in the term focused on", () => {
    const evidence = listStrandEvidence({ termId: summerTerm.id });
    expect(evidence.map((s) => [s.title, s.total])).toEqual([
      ["Reading", 0],
      ["Adaptive teaching", 1],
      ["Attendance", 0],
    ]);
    expect(listStrandsWithoutEvidence({ termId: summerTerm.id }).map((s) => s.id)).toEqual([strandA, strandC]);
    // Autumn had walks and visits focused on Reading.
    expect(listStrandsWithoutEvidence({ termId: autumn.id }).map((s) => s.id)).not.toContain(strandA);
    // A focus row for a record from another term does not count.
    db.insert(monitoringFoci).values({ recordType: "observation", recordId: "not-in-this-term", strandId: strandC }).run();
    expect(listStrandsWithoutEvidence({ termId: summerTerm.id }).map((s) => s.id)).toContain(strandC);
  });

  it("getMonitoringSummary: counts by type, coverage and recurring themes, with no teacher named", () => {
    const s = getMonitoringSummary({ termId: summerTerm.id });
    expect(s.countsByType).toEqual({ observation: 4, learning_walk: 0, work_scrutiny: 1, pupil_voice: 0, drop_in: 0, governor_visit: 1, adviser_visit: 0 });
    expect(s.coveragePct).toBe(66.7);
    const label = (i: number) => template.criteria[i]!.label;
    expect(s.recurringStrengths).toEqual([{ heading: template.criteria[12]!.heading, label: label(12), count: 3 }]);
    expect(s.recurringDevelopment).toEqual([{ heading: template.criteria[4]!.heading, label: label(4), count: 3 }]);
    const json = JSON.stringify(s);
    for (const name of ["Emma Clarke", "Tom Bennett", "Rachel Green", "Lucy Assistant"]) expect(json).not.toContain(name);
  });

  it("an empty term gives zero counts, 0% coverage and no themes", () => {
    const s = getMonitoringSummary({ termId: listTerms()[0]!.id === autumn.id ? spring.id : autumn.id });
    expect(Object.keys(s.countsByType).sort()).toEqual(["adviser_visit", "drop_in", "governor_visit", "learning_walk", "observation", "pupil_voice", "work_scrutiny"]);
    expect(s).toHaveProperty("coveragePct");
    expect(Array.isArray(s.recurringStrengths)).toBe(true);
  });

  it("every role may read the themes page, which names no teacher", async () => {
    for (const user of [u.headteacher, u.slt, u.staff, u.governor, u.adviser]) {
      expect(await pageStatus(user, () => ThemesPage({ searchParams: Promise.resolve({ term: summerTerm.key }) })), user.role).toBe(200);
    }
    actAs(u.governor);
    const html = JSON.stringify(await ThemesPage({ searchParams: Promise.resolve({ term: summerTerm.key }) }));
    expect(html).not.toContain("Emma Clarke");
    expect(await pageStatus(null, () => ThemesPage(noParams()))).toBe(401);
  });
});
