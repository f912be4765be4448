import { and, eq } from "drizzle-orm";
import { listAudit } from "@/lib/data/audit";
import { beforeAll, describe, expect, it } from "vitest";
import { createObservationAction, respondToObservationAction, updateObservationAction } from "@/app/(app)/monitoring/observations/actions";
import { GET as exportObservations } from "@/app/(app)/monitoring/observations/export/route";
import ObservationPage from "@/app/(app)/monitoring/observations/[id]/page";
import EditObservationPage from "@/app/(app)/monitoring/observations/[id]/edit/page";
import ObservationsPage from "@/app/(app)/monitoring/observations/page";
import { createObservationTemplateAction, setObservationTemplateStateAction, updateObservationTemplateAction } from "@/app/(app)/monitoring/templates/actions";
import { db } from "@/db/client";
import { auditLog, observationJudgements, observations, schools } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import {
  createTemplate,
  DEFAULT_TEMPLATE_CRITERIA,
  getObservation,
  getObservationForViewer,
  getTemplate,
  listObservations,
  listObservationsAwaitingResponse,
  listObservationsForExport,
  type TemplateWithCriteria,
} from "@/lib/data/monitoring";

import { ForbiddenError } from "@/lib/errors";
import { actAs, createOnePerRole, createStrand, createTestUser, ensureTestSchool } from "../factories";
import { expectRefused, expectRouteRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

// forbidden() only works where Next enables auth interrupts; the app's next.config does.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

let u: ReturnType<typeof createOnePerRole>;
let teacher: ReturnType<typeof createTestUser>;
let otherTeacher: ReturnType<typeof createTestUser>;
let template: TemplateWithCriteria;
let strandId: string;

beforeAll(() => {
  ensureTestSchool();
  u = createOnePerRole();
  teacher = createTestUser({ role: "staff", name: "Nadia Observed", isTeaching: true });
  otherTeacher = createTestUser({ role: "staff", name: "Oscar Other", isTeaching: true });
  template = getTemplate({ id: createTemplate({ name: "Curriculum and teaching", startFrom: "default", actor: CLI_ACTOR }).id });
  strandId = createStrand({ title: "Adaptive teaching", position: 1 }).id;
});

const observationInput = (overrides: Record<string, unknown> = {}) => ({
  teacherId: teacher.id,
  observerIds: [u.slt.id],
  date: "2025-10-14",
  classId: "",
  yearGroup: "Y5" as const,
  subject: "Science",
  templateId: template.id,
  focusStrandIds: [strandId],
  focusAreaKeys: ["curriculum_teaching"],
  judgements: template.criteria.map((c, i) => ({ ref: c.id, judgement: i % 4 === 0 ? ("strength" as const) : i % 4 === 1 ? ("developing" as const) : ("secure" as const) })),
  strengths: "Clear modelling of a fair test.",
  areasForDevelopment: "Questioning reached the same few pupils.",
  nextSteps: "Use mini-whiteboards at each hinge point.",
  followUpDate: "2025-11-11",
  grade: "" as const,
  status: "shared" as const,
  ...overrides,
});

async function newObservation(overrides: Record<string, unknown> = {}) {
  actAs(u.slt);
  const r = await createObservationAction(observationInput(overrides));
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.id;
}

/** Calls a page as a user and returns the HTTP status its control flow implies (200 when it renders). */
async function pageStatus(user: { id: string; name: string; email: string; role: "headteacher" | "slt" | "staff" | "governor" | "adviser" } | null, render: () => Promise<unknown>) {
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

const pageProps = (id: string) => ({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) });

describe("observation templates", () => {
  it("the default template is built around curriculum and teaching, 12–16 criteria under headings", () => {
    expect(DEFAULT_TEMPLATE_CRITERIA.length).toBeGreaterThanOrEqual(12);
    expect(DEFAULT_TEMPLATE_CRITERIA.length).toBeLessThanOrEqual(16);
    const headings = new Set(DEFAULT_TEMPLATE_CRITERIA.map((c) => c.heading));
    for (const h of [
      "Curriculum and sequencing",
      "Explanation and modelling",
      "Checking understanding and feedback",
      "Adaptation and inclusion",
      "Reading and vocabulary",
      "Behaviour and attitudes to learning",
    ]) {
      expect(headings.has(h), h).toBe(true);
    }
    expect(template.isDefault).toBe(true);
    expect(template.criteria.map((c) => c.label)).toEqual(DEFAULT_TEMPLATE_CRITERIA.map((c) => c.label));
  });

  it("leaders create a template from blank, the default or a copy; it is audited", async () => {
    actAs(u.slt);
    const blank = await createObservationTemplateAction({ name: "Phonics", startFrom: "blank" });
    expectOk(blank);
    const t = getTemplate({ id: blank.data.id });
    expect(t.criteria).toHaveLength(0);
    expect(t.isDefault).toBe(false);
    const copy = await createObservationTemplateAction({ name: "Copy", startFrom: template.id });
    expect(copy.ok && getTemplate({ id: copy.data.id }).criteria.length).toBe(template.criteria.length);
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "observation_template"), eq(auditLog.entityId, blank.data.id)))
        .all(),
    ).toHaveLength(1);
  });

  it("refuses a missing name and an unknown template to copy, with field errors", async () => {
    actAs(u.headteacher);
    const r = await createObservationTemplateAction({ name: " ", startFrom: "default" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { name: ["Enter a name for the template"] } });
    const r2 = await createObservationTemplateAction({ name: "X", startFrom: "no-such-template" });
    expect(r2).toMatchObject({ ok: false, fieldErrors: { startFrom: ["Choose a template to copy"] } });
  });

  it("edits criteria: add, remove, reorder and rename, keeping the ids of kept criteria", async () => {
    actAs(u.headteacher);
    const created = await createObservationTemplateAction({ name: "Editable", startFrom: "default" });
    if (!created.ok) throw new Error("create failed");
    const before = getTemplate({ id: created.data.id });
    const [c0, c1, c2] = before.criteria;
    const r = await updateObservationTemplateAction({
      id: before.id,
      version: before.version,
      name: "Edited",
      criteria: [
        { criterionId: c2!.id, heading: c2!.heading, label: c2!.label },
        { criterionId: c0!.id, heading: "New heading", label: "Reworded" },
        { heading: "Added", label: "A brand new criterion" },
      ],
    });
    expect(r.ok).toBe(true);
    const after = getTemplate({ id: before.id });
    expect(after.name).toBe("Edited");
    expect(after.criteria.map((c) => c.label)).toEqual([c2!.label, "Reworded", "A brand new criterion"]);
    expect(after.criteria[0]!.id).toBe(c2!.id);
    expect(after.criteria[1]!.id).toBe(c0!.id);
    expect(after.criteria.some((c) => c.id === c1!.id)).toBe(false);
  });

  it("refuses empty criteria text with field errors keyed to the row, and an empty list", async () => {
    actAs(u.headteacher);
    const r = await updateObservationTemplateAction({ id: template.id, version: template.version, name: "X", criteria: [{ heading: "H", label: "" }] });
    expect(r).toMatchObject({ ok: false, fieldErrors: { "criteria.0.label": ["Enter the criterion"] } });
    const r2 = await updateObservationTemplateAction({ id: template.id, version: template.version, name: "X", criteria: [] });
    expect(r2).toMatchObject({ ok: false, fieldErrors: { criteria: ["Add at least one criterion"] } });
  });

  it("refuses a stale version (someone else saved first)", async () => {
    actAs(u.headteacher);
    const created = await createObservationTemplateAction({ name: "Race", startFrom: "default" });
    if (!created.ok) throw new Error("create failed");
    const t = getTemplate({ id: created.data.id });
    const criteria = t.criteria.map((c) => ({ criterionId: c.id, heading: c.heading, label: c.label }));
    expect((await updateObservationTemplateAction({ id: t.id, version: t.version, name: "First", criteria })).ok).toBe(true);
    const second = await updateObservationTemplateAction({ id: t.id, version: t.version, name: "Second", criteria });
    expect(second.ok).toBe(false);
    expect(!second.ok && second.formError).toMatch(/changed by someone else/);
    expect(getTemplate({ id: t.id }).name).toBe("First");
  });

  it("archives, restores and makes default; the default cannot be archived", async () => {
    actAs(u.slt);
    const created = await createObservationTemplateAction({ name: "Lifecycle", startFrom: "default" });
    if (!created.ok) throw new Error("create failed");
    let t = getTemplate({ id: created.data.id });
    expect((await setObservationTemplateStateAction({ id: t.id, version: t.version, operation: "archive" })).ok).toBe(true);
    t = getTemplate({ id: t.id });
    expect(t.archived).toBe(true);
    expect(await setObservationTemplateStateAction({ id: t.id, version: t.version, operation: "make_default" })).toMatchObject({ ok: false });
    expect((await setObservationTemplateStateAction({ id: t.id, version: t.version, operation: "restore" })).ok).toBe(true);
    t = getTemplate({ id: t.id });
    expect((await setObservationTemplateStateAction({ id: t.id, version: t.version, operation: "make_default" })).ok).toBe(true);
    t = getTemplate({ id: t.id });
    expect(t.isDefault).toBe(true);
    expect(getTemplate({ id: template.id }).isDefault).toBe(false);
    expect(await setObservationTemplateStateAction({ id: t.id, version: t.version, operation: "archive" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/default template cannot be archived/),
    });
    // Stale version.
    expect(await setObservationTemplateStateAction({ id: t.id, version: t.version - 1, operation: "restore" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/changed by someone else/),
    });
    // Put the original default back for the other tests.
    const orig = getTemplate({ id: template.id });
    await setObservationTemplateStateAction({ id: orig.id, version: orig.version, operation: "make_default" });
  });

  it("refuses staff, governors, advisers and the signed out", async () => {
    const t = getTemplate({ id: template.id });
    const refused = refusedBy("observation.templates.edit", u);
    await expectRefused(createObservationTemplateAction, { name: "Nope", startFrom: "default" }, refused);
    await expectRefused(updateObservationTemplateAction, { id: t.id, version: t.version, name: "Nope", criteria: [{ heading: "H", label: "L" }] }, refused);
    await expectRefused(setObservationTemplateStateAction, { id: t.id, version: t.version, operation: "archive" }, refused);
    expect(getTemplate({ id: t.id }).name).toBe(t.name);
  });
});

describe("recording an observation", () => {
  it("records every field, copies the template's criteria and writes an audit row", async () => {
    const id = await newObservation();
    const o = getObservation({ id });
    expect(o).toMatchObject({
      teacherId: teacher.id,
      subject: "Science",
      yearGroup: "Y5",
      status: "shared",
      followUpDate: "2025-11-11",
      grade: null,
      createdById: u.slt.id,
      focus: { strandIds: [strandId], areaKeys: ["curriculum_teaching"] },
    });
    expect(o.observers.map((x) => x.id)).toEqual([u.slt.id]);
    expect(o.judgements).toHaveLength(template.criteria.length);
    expect(o.judgements[0]).toMatchObject({ heading: template.criteria[0]!.heading, label: template.criteria[0]!.label, judgement: "strength" });
    expect(o.termKey).toBe("2025-26:autumn");
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "observation"), eq(auditLog.entityId, id)))
        .all(),
    ).toHaveLength(1);
  });

  it("a criterion not judged is recorded as not seen", async () => {
    const id = await newObservation({ judgements: [] });
    expect(getObservation({ id }).judgements.every((j) => j.judgement === "not_seen")).toBe(true);
  });

  it("keeps history when the template changes later", async () => {
    const id = await newObservation();
    const t = getTemplate({ id: template.id });
    actAs(u.headteacher);
    await updateObservationTemplateAction({
      id: t.id,
      version: t.version,
      name: t.name,
      criteria: t.criteria.map((c, i) => ({ criterionId: c.id, heading: c.heading, label: i === 0 ? "Reworded later" : c.label })),
    });
    expect(getObservation({ id }).judgements[0]!.label).toBe(template.criteria[0]!.label);
    const t2 = getTemplate({ id: template.id });
    await updateObservationTemplateAction({
      id: t2.id,
      version: t2.version,
      name: t2.name,
      criteria: t2.criteria.map((c, i) => ({ criterionId: c.id, heading: c.heading, label: i === 0 ? template.criteria[0]!.label : c.label })),
    });
    template = getTemplate({ id: template.id });
  });

  it("returns field errors for missing and invalid fields", async () => {
    actAs(u.headteacher);
    const r = await createObservationAction(observationInput({ teacherId: "", observerIds: [], date: "2025-02-30", subject: "", followUpDate: "not a date" }));
    expectFailed(r);
    expect(r.fieldErrors).toMatchObject({
      teacherId: ["Select the teacher observed"],
      observerIds: ["Select at least one observer"],
      date: ["Enter the date of the observation as a real date"],
      subject: ["Enter the subject"],
      followUpDate: ["Enter the follow-up date as a real date"],
    });
  });

  it("refuses a follow-up before the observation, a date outside every term, the teacher as observer, and a non-staff teacher", async () => {
    actAs(u.headteacher);
    expect(await createObservationAction(observationInput({ followUpDate: "2025-10-01" }))).toMatchObject({
      ok: false,
      fieldErrors: { followUpDate: ["The follow-up date must be on or after the observation"] },
    });
    expect(await createObservationAction(observationInput({ date: "2031-01-10", followUpDate: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { date: ["Enter a date within one of the school's terms"] },
    });
    expect(await createObservationAction(observationInput({ observerIds: [teacher.id] }))).toMatchObject({
      ok: false,
      fieldErrors: { observerIds: ["The teacher observed cannot also be an observer"] },
    });
    expect(await createObservationAction(observationInput({ teacherId: u.governor.id }))).toMatchObject({ ok: false, fieldErrors: { teacherId: ["Select a member of staff to observe"] } });
    expect(await createObservationAction(observationInput({ focusStrandIds: ["not-a-strand"] }))).toMatchObject({ ok: false, fieldErrors: { focusStrandIds: expect.any(Array) } });
    expect(await createObservationAction(observationInput({ focusAreaKeys: ["made_up_area"] }))).toMatchObject({ ok: false, fieldErrors: { focusAreaKeys: expect.any(Array) } });
    expect(await createObservationAction(observationInput({ judgements: [{ ref: "forged", judgement: "strength" }] }))).toMatchObject({ ok: false, fieldErrors: { judgements: expect.any(Array) } });
    expect(await createObservationAction(observationInput({ judgements: [{ ref: template.criteria[0]!.id, judgement: "outstanding" }] }))).toMatchObject({
      ok: false,
      fieldErrors: { "judgements.0.judgement": ["Choose strength, secure, developing or not seen"] },
    });
  });

  it("ignores a grade unless the school has switched lesson grading on", async () => {
    const id = await newObservation({ grade: "2" });
    expect(getObservation({ id }).grade).toBeNull();
    db.update(schools).set({ lessonGradingEnabled: true }).where(eq(schools.lessonGradingEnabled, false)).run();
    const graded = await newObservation({ grade: "2" });
    expect(getObservation({ id: graded }).grade).toBe("2");
    db.update(schools).set({ lessonGradingEnabled: false }).where(eq(schools.lessonGradingEnabled, true)).run();
  });

  it("refuses a template that has been archived", async () => {
    actAs(u.headteacher);
    const created = await createObservationTemplateAction({ name: "Old", startFrom: "default" });
    if (!created.ok) throw new Error("create failed");
    const t = getTemplate({ id: created.data.id });
    await setObservationTemplateStateAction({ id: t.id, version: t.version, operation: "archive" });
    expect(await createObservationAction(observationInput({ templateId: t.id, judgements: [] }))).toMatchObject({ ok: false, fieldErrors: { templateId: ["Select a template in use"] } });
  });

  it("refuses staff (even the teacher), governors, advisers and the signed out", async () => {
    const before = db.select().from(observations).all().length;
    await expectRefused(createObservationAction, observationInput(), [u.staff, teacher, u.governor, u.adviser, null]);
    expect(db.select().from(observations).all()).toHaveLength(before);
  });
});

describe("editing an observation", () => {
  it("saves changes, replaces observers and judgements, and bumps the version", async () => {
    const id = await newObservation();
    const o = getObservation({ id });
    actAs(u.headteacher);
    const r = await updateObservationAction({
      ...observationInput({ observerIds: [u.headteacher.id, u.slt.id], subject: "Maths", focusStrandIds: [] }),
      id,
      version: o.version,
      judgements: o.judgements.map((j) => ({ ref: j.id, judgement: "developing" as const })),
    });
    expect(r.ok).toBe(true);
    const after = getObservation({ id });
    expect(after.subject).toBe("Maths");
    expect(after.observers.map((x) => x.id).sort()).toEqual([u.headteacher.id, u.slt.id].sort());
    expect(after.judgements.every((j) => j.judgement === "developing")).toBe(true);
    expect(after.focus.strandIds).toEqual([]);
    expect(after.version).toBe(o.version + 1);
  });

  it("refuses a stale version with a clear message and changes nothing", async () => {
    const id = await newObservation();
    const o = getObservation({ id });
    actAs(u.headteacher);
    const input = { ...observationInput({ subject: "First" }), id, version: o.version, judgements: [] };
    expect((await updateObservationAction(input)).ok).toBe(true);
    const second = await updateObservationAction({ ...input, subject: "Second" });
    expect(second).toMatchObject({ ok: false, formError: expect.stringMatching(/changed by someone else/) });
    expect(getObservation({ id }).subject).toBe("First");
  });

  it("cannot take a shared observation back to draft", async () => {
    const id = await newObservation();
    const o = getObservation({ id });
    actAs(u.headteacher);
    expect(await updateObservationAction({ ...observationInput({ status: "draft" }), id, version: o.version, judgements: [] })).toMatchObject({
      ok: false,
      fieldErrors: { status: expect.any(Array) },
    });
  });

  it("asks the teacher to acknowledge again when what is written changes after they acknowledged", async () => {
    const id = await newObservation();
    actAs(teacher);
    const o = getObservation({ id });
    expect((await respondToObservationAction({ id, version: o.version, response: "", acknowledge: true })).ok).toBe(true);
    const acked = getObservation({ id });
    expect(acked.acknowledgedAt).not.toBeNull();
    actAs(u.slt);
    // Changing only the observers keeps the acknowledgement…
    await updateObservationAction({ ...observationInput({ observerIds: [u.slt.id, u.headteacher.id] }), id, version: acked.version, judgements: [] });
    const same = getObservation({ id });
    expect(same.acknowledgedAt).toBe(acked.acknowledgedAt);
    // …changing the feedback clears it.
    await updateObservationAction({ ...observationInput({ strengths: "Rewritten" }), id, version: same.version, judgements: [] });
    expect(getObservation({ id }).acknowledgedAt).toBeNull();
  });

  it("refuses staff, governors, advisers and the signed out", async () => {
    const id = await newObservation();
    const o = getObservation({ id });
    await expectRefused(updateObservationAction, { ...observationInput({ subject: "Forged" }), id, version: o.version, judgements: [] }, [u.staff, teacher, u.governor, u.adviser, null]);
    expect(getObservation({ id }).subject).toBe("Science");
  });
});

describe("the observed teacher responds and acknowledges", () => {
  it("appears as awaiting their response, then they respond and acknowledge it", async () => {
    const id = await newObservation();
    expect(listObservationsAwaitingResponse({ viewer: teacher }).map((o) => o.id)).toContain(id);
    actAs(teacher);
    const o = getObservation({ id });
    const r1 = await respondToObservationAction({ id, version: o.version, response: "Thank you: I will try cold calling.", acknowledge: false });
    expect(r1).toMatchObject({ ok: true, data: { acknowledgedAt: null } });
    expect(listObservationsAwaitingResponse({ viewer: teacher }).find((x) => x.id === id)?.hasResponse).toBe(true);
    const r2 = await respondToObservationAction({ id, version: o.version + 1, response: "Thank you: I will try cold calling.", acknowledge: true });
    expect(r2.ok).toBe(true);
    const after = getObservation({ id });
    expect(after.teacherResponse).toBe("Thank you: I will try cold calling.");
    expect(after.acknowledgedAt).not.toBeNull();
    expect(listObservationsAwaitingResponse({ viewer: teacher }).map((x) => x.id)).not.toContain(id);
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.verb, "respond"), eq(auditLog.entityId, id)))
        .all(),
    ).toHaveLength(2);
  });

  it("needs a response or the acknowledgement", async () => {
    const id = await newObservation();
    actAs(teacher);
    expect(await respondToObservationAction({ id, version: getObservation({ id }).version, response: "  ", acknowledge: false })).toMatchObject({
      ok: false,
      fieldErrors: { response: ["Write a response, or tick the box to acknowledge the observation"] },
    });
  });

  it("refuses a stale version (the observer edited it meanwhile)", async () => {
    const id = await newObservation();
    const o = getObservation({ id });
    actAs(u.slt);
    await updateObservationAction({ ...observationInput({ nextSteps: "Changed" }), id, version: o.version, judgements: [] });
    actAs(teacher);
    expect(await respondToObservationAction({ id, version: o.version, response: "Fine", acknowledge: true })).toMatchObject({ ok: false, formError: expect.stringMatching(/changed by someone else/) });
  });

  it("only the observed teacher may respond: another teacher, leaders, governors, advisers and the signed out are refused", async () => {
    const id = await newObservation();
    const o = getObservation({ id });
    await expectRefused(respondToObservationAction, { id, version: o.version, response: "Forged", acknowledge: true }, [otherTeacher, u.staff, u.headteacher, u.slt, u.governor, u.adviser, null]);
    expect(getObservation({ id })).toMatchObject({ teacherResponse: null, acknowledgedAt: null });
  });

  it("cannot respond to a draft, which the teacher cannot yet see", async () => {
    const id = await newObservation({ status: "draft" });
    await expectRefused(respondToObservationAction, { id, version: getObservation({ id }).version, response: "Early", acknowledge: true }, [teacher]);
    expect(listObservationsAwaitingResponse({ viewer: teacher }).map((o) => o.id)).not.toContain(id);
  });

  it("refuses an observation that does not exist", async () => {
    await expectRefused(respondToObservationAction, { id: "no-such-observation", version: 1, response: "x", acknowledge: true }, [teacher]);
  });
});

describe("who can see an observation", () => {
  let id: string;
  let draftId: string;
  beforeAll(async () => {
    id = await newObservation({ subject: "Visibility" });
    draftId = await newObservation({ subject: "Draft visibility", status: "draft" });
  });

  it("leaders and the observed teacher can read it", () => {
    expect(getObservationForViewer({ id, viewer: u.headteacher }).id).toBe(id);
    expect(getObservationForViewer({ id, viewer: u.slt }).id).toBe(id);
    expect(getObservationForViewer({ id, viewer: teacher }).id).toBe(id);
  });

  it("another teacher, a governor and an adviser are refused by the data function", () => {
    for (const viewer of [otherTeacher, u.staff, u.governor, u.adviser]) {
      expect(() => getObservationForViewer({ id, viewer }), viewer.role).toThrow(ForbiddenError);
    }
    // The teacher cannot see a draft, and gets the same answer as for a record that does not exist.
    expect(() => getObservationForViewer({ id: draftId, viewer: teacher })).toThrow(ForbiddenError);
    expect(() => getObservationForViewer({ id: "missing", viewer: teacher })).toThrow(ForbiddenError);
  });

  it("another teacher, a governor and an adviser are refused by the page", async () => {
    expect(await pageStatus(teacher, () => ObservationPage(pageProps(id)))).toBe(200);
    expect(await pageStatus(u.slt, () => ObservationPage(pageProps(id)))).toBe(200);
    for (const user of [otherTeacher, u.governor, u.adviser]) {
      expect(await pageStatus(user, () => ObservationPage(pageProps(id))), user.role).toBe(403);
    }
    expect(await pageStatus(teacher, () => ObservationPage(pageProps(draftId)))).toBe(403);
    expect(await pageStatus(null, () => ObservationPage(pageProps(id)))).toBe(401);
    expect(await pageStatus(u.slt, () => ObservationPage(pageProps("missing")))).toBe(404);
  });

  it("only leaders can open the edit page", async () => {
    expect(await pageStatus(u.slt, () => EditObservationPage({ params: Promise.resolve({ id }) }))).toBe(200);
    for (const user of [teacher, otherTeacher, u.governor, u.adviser]) {
      expect(await pageStatus(user, () => EditObservationPage({ params: Promise.resolve({ id }) })), user.role).toBe(403);
    }
  });

  it("the list shows leaders everything, a teacher only their own shared ones, and refuses governors and advisers", async () => {
    expect(listObservations({ viewer: u.slt }).map((o) => o.id)).toEqual(expect.arrayContaining([id, draftId]));
    const own = listObservations({ viewer: teacher });
    expect(own.map((o) => o.id)).toContain(id);
    expect(own.map((o) => o.id)).not.toContain(draftId);
    expect(own.every((o) => o.teacherId === teacher.id)).toBe(true);
    expect(listObservations({ viewer: otherTeacher })).toEqual([]);
    expect(() => listObservations({ viewer: u.governor })).toThrow(ForbiddenError);
    expect(() => listObservations({ viewer: u.adviser })).toThrow(ForbiddenError);
    const searchParams = Promise.resolve({});
    expect(await pageStatus(teacher, () => ObservationsPage({ searchParams }))).toBe(200);
    expect(await pageStatus(u.governor, () => ObservationsPage({ searchParams }))).toBe(403);
    expect(await pageStatus(u.adviser, () => ObservationsPage({ searchParams }))).toBe(403);
  });

  it("the CSV export gives leaders every observation, a teacher only their own, and refuses governors, advisers and the signed out", async () => {
    const req = () => new Request("http://localhost/monitoring/observations/export?term=2025-26:autumn");
    actAs(u.slt);
    const leaderCsv = await (await exportObservations(req())).text();
    expect(listAudit({ userId: u.slt.id, area: "monitoring" })[0]).toMatchObject({ verb: "download", entityType: "observations-csv", summary: expect.stringContaining("as CSV") });
    expect(leaderCsv).toContain("Nadia Observed");
    expect(leaderCsv.split("\r\n")[0]).toBe("term,date,teacher,subject,year_group,class,status,acknowledged,heading,criterion,judgement");

    // Another teacher's observation must never appear in this teacher's export.
    await newObservation({ teacherId: otherTeacher.id, subject: "Someone else" });
    actAs(teacher);
    const res = await exportObservations(req());
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain("Visibility");
    expect(csv).not.toContain("Oscar Other");
    expect(csv).not.toContain("Someone else");
    expect(csv).not.toContain("Draft visibility");

    // Every term of their own history, and still nobody else's.
    const all = await (await exportObservations(new Request("http://localhost/monitoring/observations/export?term=all"))).text();
    expect(all).toContain("Visibility");
    expect(all).not.toContain("Oscar Other");

    await expectRouteRefused("/monitoring/observations/export", () => exportObservations(req()), [u.governor, u.adviser, null]);
    await expectRouteRefused("/monitoring/observations/export", () => exportObservations(new Request("http://localhost/monitoring/observations/export?term=all")), [u.governor, u.adviser]);
    expect(() => listObservationsForExport({ viewer: u.governor })).toThrow(ForbiddenError);
  });

  it("the judgements of an observation are stored once per criterion", () => {
    expect(db.select().from(observationJudgements).where(eq(observationJudgements.observationId, id)).all()).toHaveLength(template.criteria.length);
  });
});
