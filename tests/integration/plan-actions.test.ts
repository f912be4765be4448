import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addReviewCommentAction,
  carryForwardStrandAction,
  createCriterionAction,
  createMilestoneAction,
  createPlanActionAction,
  createStrandAction,
  deleteCriterionAction,
  deleteMilestoneAction,
  deletePlanActionAction,
  deleteStrandAction,
  recordCriterionValueAction,
  saveReviewAction,
  updateCriterionAction,
  updateMilestoneAction,
  updatePlanActionAction,
  updatePlanActionProgressAction,
  updateStrandAction,
} from "@/app/(app)/plan/actions";
import { db } from "@/db/client";
import { auditLog, evidenceLinks, planActions, planActionSupporters, reviewComments, strands, successCriteria, strandSefLinks } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { ensureAcademicYear, getCurrentYear, listTerms, type TermWithYear } from "@/lib/data/school";
import { getPlanAction, getStrand, getStrandDetail } from "@/lib/data/sip";
import { actAs, createObservation, createOnePerRole, createTestUser, ensureTestSchool, linkToStrand } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectFailed } from "../assert";

let u: ReturnType<typeof createOnePerRole>;
let otherStaff: ReturnType<typeof createTestUser>;
let yearId: string;
let terms: TermWithYear[];
let autumn: TermWithYear;
let summer: TermWithYear;

beforeAll(() => {
  ensureTestSchool();
  u = createOnePerRole();
  otherStaff = createTestUser({ role: "staff", name: "Olive Other" });
  yearId = getCurrentYear().id;
  terms = listTerms({ academicYearId: yearId });
  autumn = terms[0]!;
  summer = terms[2]!;
});

const strandInput = () => ({
  academicYearId: yearId,
  title: "Raise standards in KS2 writing",
  rationale: "Writing at the expected standard lags reading and maths.",
  areaKeys: ["achievement", "curriculum_teaching"],
  developmentPointIds: [],
  leadId: u.slt.id,
  linkGovernorId: u.governor.id,
});

async function newStrand() {
  actAs(u.headteacher);
  const r = await createStrandAction(strandInput());
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data;
}

const actionInput = (strandId: string, ownerId: string) => ({
  strandId,
  description: "Weekly modelled writing in every KS2 class",
  ownerId,
  supporterIds: [] as string[],
  startDate: "2025-09-08",
  dueDate: "2025-12-12",
  cost: "1,250.50",
  resources: "Two INSET sessions",
  monitoring: "Book looks each half term",
  monitoredById: u.slt.id,
  status: "not_started" as const,
  notes: "",
});

const criterionInput = (strandId: string) => ({
  strandId,
  kind: "measurable" as const,
  description: "Y6 writing at the expected standard",
  isHeadline: true,
  metric: "attainment_expected" as const,
  yearGroup: "Y6" as const,
  subject: "writing",
  pupilGroup: "all" as const,
  unit: "",
  baseline: "58",
  target: "72",
  lowerIsBetter: false,
  dueTermId: summer.id,
});

const lastAudit = (entityType: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.area, "sip"), eq(auditLog.entityType, entityType)))
    .all()
    .at(-1);
const CONFLICT = /changed by someone else/;

describe("strands", () => {
  it("head creates a strand (and the year's plan on first use), audited", async () => {
    const { id } = await newStrand();
    const s = getStrand({ id });
    expect(s.title).toBe("Raise standards in KS2 writing");
    expect(s.leadId).toBe(u.slt.id);
    const links = db.select().from(strandSefLinks).where(eq(strandSefLinks.strandId, id)).all();
    expect(links.map((l) => l.areaKey).sort()).toEqual(["achievement", "curriculum_teaching"]);
    expect(lastAudit("strand")).toMatchObject({ verb: "create", entityId: id, userId: u.headteacher.id });
    expect(lastAudit("plan")).toMatchObject({ verb: "create" });
  });

  it("a senior leader may create strands too", async () => {
    actAs(u.slt);
    expect((await createStrandAction(strandInput())).ok).toBe(true);
  });

  it("reports field errors for a missing title, no SEF area and a lead who is not a leader", async () => {
    actAs(u.headteacher);
    const r = await createStrandAction({ ...strandInput(), title: " ", areaKeys: [], leadId: "" });
    expectFailed(r);
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["areaKeys", "leadId", "title"]);
    const r2 = await createStrandAction({ ...strandInput(), areaKeys: [] });
    expect(!r2.ok && r2.fieldErrors?.areaKeys).toEqual(["Select at least one SEF area this strand answers"]);
    const r3 = await createStrandAction({ ...strandInput(), leadId: u.staff.id, linkGovernorId: u.adviser.id });
    expect(!r3.ok && r3.fieldErrors?.leadId).toBeTruthy();
    const r4 = await createStrandAction({ ...strandInput(), linkGovernorId: u.adviser.id });
    expect(!r4.ok && r4.fieldErrors?.linkGovernorId).toEqual(["The link governor must be a governor"]);
    const r5 = await createStrandAction({ ...strandInput(), areaKeys: ["not_an_area"] });
    expect(!r5.ok && r5.fieldErrors?.areaKeys).toBeTruthy();
  });

  it("refuses staff, governors, advisers and signed-out callers", async () => {
    const { id } = await newStrand();
    await expectRefused(createStrandAction, strandInput(), refusedBy("plan.edit", u));
    await expectRefused(updateStrandAction, { ...strandInput(), id, version: 1 }, refusedBy("plan.edit", u));
    await expectRefused(deleteStrandAction, { id, version: 1 }, refusedBy("plan.edit", u));
    await expectRefused(carryForwardStrandAction, { id }, refusedBy("plan.edit", u));
    expect(getStrand({ id }).version).toBe(1);
  });

  it("updates with the version read, and refuses a stale version", async () => {
    const { id } = await newStrand();
    actAs(u.slt);
    const r = await updateStrandAction({ ...strandInput(), id, version: 1, title: "Writing for every pupil", linkGovernorId: "" });
    expect(r).toMatchObject({ ok: true, data: { version: 2 } });
    expect(getStrand({ id })).toMatchObject({ title: "Writing for every pupil", linkGovernorId: null });
    const stale = await updateStrandAction({ ...strandInput(), id, version: 1, title: "Overwritten?" });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.formError).toMatch(CONFLICT);
    expect(getStrand({ id }).title).toBe("Writing for every pupil");
    expect(lastAudit("strand")).toMatchObject({ verb: "update", entityId: id });
  });

  it("deletes a strand without history, but not one with a review", async () => {
    const { id } = await newStrand();
    actAs(u.headteacher);
    expect(await deleteStrandAction({ id, version: 1 })).toMatchObject({ ok: true });
    expect(db.select().from(strands).where(eq(strands.id, id)).get()).toBeUndefined();

    const other = await newStrand();
    const saved = await saveReviewAction(reviewInput(other.id));
    expect(saved.ok).toBe(true);
    const refused = await deleteStrandAction({ id: other.id, version: 1 });
    expect(!refused.ok && refused.formError).toMatch(/termly reviews/);
  });
});

describe("success criteria", () => {
  it("creates a measurable criterion and keeps one headline per strand", async () => {
    const { id: strandId } = await newStrand();
    const first = await createCriterionAction(criterionInput(strandId));
    expect(first.ok).toBe(true);
    const second = await createCriterionAction({ ...criterionInput(strandId), description: "Disadvantaged gap in Y6 rwm", metric: "disadvantaged_gap", subject: "rwm", baseline: "-18", target: "-8" });
    expect(second.ok).toBe(true);
    const rows = db.select().from(successCriteria).where(eq(successCriteria.strandId, strandId)).all();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.isHeadline)).toHaveLength(1);
    const gap = rows.find((r) => r.metric === "disadvantaged_gap")!;
    expect(gap).toMatchObject({ isHeadline: true, baseline: -18, target: -8, pupilGroup: null });
    expect(lastAudit("criterion")).toMatchObject({ verb: "create" });
  });

  it("requires the metric's fields for a measurable criterion", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const r = await createCriterionAction({ ...criterionInput(strandId), yearGroup: "", subject: "", pupilGroup: "", baseline: "", target: "lots", dueTermId: "" });
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["target"]);
    const r2 = await createCriterionAction({ ...criterionInput(strandId), yearGroup: "", subject: "", pupilGroup: "", baseline: "", target: "70", dueTermId: "" });
    expect(!r2.ok && Object.keys(r2.fieldErrors ?? {}).sort()).toEqual(["baseline", "dueTermId", "pupilGroup", "subject", "yearGroup"]);
    const r3 = await createCriterionAction({ ...criterionInput(strandId), description: "" });
    expect(!r3.ok && r3.fieldErrors?.description).toEqual(["Enter what success looks like"]);
  });

  it("stores a narrative criterion without metric fields", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const r = await createCriterionAction({ ...criterionInput(strandId), kind: "narrative", description: "Pupils talk confidently about their writing", isHeadline: false });
    expect(r.ok).toBe(true);
    const row = db
      .select()
      .from(successCriteria)
      .where(eq(successCriteria.id, r.ok ? r.data.id : ""))
      .get()!;
    expect(row).toMatchObject({ kind: "narrative", metric: null, yearGroup: null, baseline: null, target: null });
  });

  it("updates with version checks, deletes, and refuses everyone but leaders", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const c = await createCriterionAction(criterionInput(strandId));
    if (!c.ok) throw new Error("create failed");
    const { strandId: _s, ...fields } = criterionInput(strandId);
    await expectRefused(createCriterionAction, criterionInput(strandId), refusedBy("plan.edit", u));
    await expectRefused(updateCriterionAction, { ...fields, id: c.data.id, version: c.data.version }, refusedBy("plan.edit", u));
    await expectRefused(deleteCriterionAction, { id: c.data.id, version: c.data.version }, refusedBy("plan.edit", u));
    actAs(u.slt);
    const up = await updateCriterionAction({ ...fields, id: c.data.id, version: c.data.version, target: "75" });
    expect(up).toMatchObject({ ok: true, data: { version: c.data.version + 1 } });
    const stale = await updateCriterionAction({ ...fields, id: c.data.id, version: c.data.version, target: "80" });
    expect(!stale.ok && stale.formError).toMatch(CONFLICT);
    const del = await deleteCriterionAction({ id: c.data.id, version: c.data.version + 1 });
    expect(del.ok).toBe(true);
    expect(lastAudit("criterion")).toMatchObject({ verb: "delete", entityId: c.data.id });
  });

  it("records hand-entered values per term, version-checked", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const c = await createCriterionAction({ ...criterionInput(strandId), description: "Attendance", metric: "manual", unit: "%", baseline: "94.1", target: "96" });
    const other = await createCriterionAction(criterionInput(strandId));
    if (!c.ok || !other.ok) throw new Error("create failed");
    const input = { criterionId: c.data.id, termId: autumn.id, value: "95.2%", note: "Autumn attendance", version: null };
    await expectRefused(recordCriterionValueAction, input, refusedBy("plan.edit", u));
    actAs(u.headteacher);
    const first = await recordCriterionValueAction(input);
    expect(first).toMatchObject({ ok: true, data: { version: 1 } });
    // A second "first" value for the same term means someone else recorded it meanwhile.
    const clash = await recordCriterionValueAction({ ...input, value: "90" });
    expect(!clash.ok && clash.formError).toMatch(CONFLICT);
    const replace = await recordCriterionValueAction({ ...input, value: 95.4, version: 1 });
    expect(replace).toMatchObject({ ok: true, data: { version: 2 } });
    const bad = await recordCriterionValueAction({ ...input, value: "ninety", version: 2 });
    expect(!bad.ok && bad.fieldErrors?.value).toBeTruthy();
    const wrongKind = await recordCriterionValueAction({ ...input, criterionId: other.data.id });
    expect(!wrongKind.ok && wrongKind.formError).toMatch(/recorded by hand only/);
    const detail = getStrandDetail({ id: strandId, viewer: u.headteacher, today: "2025-10-01" });
    const att = detail.criteria.find((x) => x.id === c.data.id)!;
    expect(att.current).toMatchObject({ value: 95.4, termId: autumn.id });
    expect(att.currentLabel).toBe("95.4%");
    expect(att.status).toBe("on_track");
  });
});

describe("actions in the plan", () => {
  it("creates an action with owner, supporters and cost in pence", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.slt);
    const r = await createPlanActionAction({ ...actionInput(strandId, u.staff.id), supporterIds: [otherStaff.id, u.headteacher.id] });
    expect(r.ok).toBe(true);
    const a = getPlanAction({ id: r.ok ? r.data.id : "" });
    expect(a).toMatchObject({ costPence: 125050, ownerId: u.staff.id, status: "not_started" });
    expect(db.select().from(planActionSupporters).where(eq(planActionSupporters.actionId, a.id)).all()).toHaveLength(2);
    expect(lastAudit("plan_action")).toMatchObject({ verb: "create", entityId: a.id });
  });

  it("reports field errors: dates in the wrong order, a bad cost, a missing owner, an owner who is not staff", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const r = await createPlanActionAction({ ...actionInput(strandId, ""), description: "", startDate: "2025-12-01", dueDate: "2025-11-01", cost: "12.345" });
    expect(!r.ok && Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["cost", "description", "ownerId"]);
    const r2 = await createPlanActionAction({ ...actionInput(strandId, u.staff.id), startDate: "2025-12-01", dueDate: "2025-11-01" });
    expect(!r2.ok && r2.fieldErrors?.dueDate).toEqual(["The due date must be on or after the start date"]);
    const r3 = await createPlanActionAction({ ...actionInput(strandId, u.governor.id) });
    expect(!r3.ok && r3.fieldErrors?.ownerId).toEqual(["The owner must be a member of staff"]);
    const r4 = await createPlanActionAction({ ...actionInput(strandId, u.staff.id), dueDate: "2025-02-30" });
    expect(!r4.ok && r4.fieldErrors?.dueDate).toEqual(["Enter the due date as a real date"]);
  });

  it("edits with version checks, deletes, and refuses everyone but leaders", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const c = await createPlanActionAction(actionInput(strandId, u.staff.id));
    if (!c.ok) throw new Error("create failed");
    const { strandId: _s, ...fields } = actionInput(strandId, u.staff.id);
    await expectRefused(createPlanActionAction, actionInput(strandId, u.staff.id), refusedBy("plan.edit", u));
    await expectRefused(updatePlanActionAction, { ...fields, id: c.data.id, version: 1 }, refusedBy("plan.edit", u));
    await expectRefused(deletePlanActionAction, { id: c.data.id, version: 1 }, refusedBy("plan.edit", u));
    actAs(u.slt);
    const up = await updatePlanActionAction({ ...fields, id: c.data.id, version: 1, status: "done", cost: 99 });
    expect(up.ok).toBe(true);
    expect(getPlanAction({ id: c.data.id })).toMatchObject({ status: "done", costPence: 9900 });
    expect(getPlanAction({ id: c.data.id }).completedAt).toBeTruthy();
    const stale = await updatePlanActionAction({ ...fields, id: c.data.id, version: 1 });
    expect(!stale.ok && stale.formError).toMatch(CONFLICT);
    expect((await deletePlanActionAction({ id: c.data.id, version: 2 })).ok).toBe(true);
    expect(db.select().from(planActions).where(eq(planActions.id, c.data.id)).get()).toBeUndefined();
  });

  it("lets the owner (and leaders) update status and notes, and nobody else", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const c = await createPlanActionAction(actionInput(strandId, u.staff.id));
    if (!c.ok) throw new Error("create failed");
    const id = c.data.id;
    await expectRefused(updatePlanActionProgressAction, { id, version: 1, status: "in_progress", notes: "Not mine" }, [otherStaff, u.governor, u.adviser, null]);
    actAs(u.staff);
    const own = await updatePlanActionProgressAction({ id, version: 1, status: "in_progress", notes: "Started with Y5" });
    expect(own).toMatchObject({ ok: true, data: { version: 2, status: "in_progress" } });
    expect(getPlanAction({ id })).toMatchObject({ status: "in_progress", notes: "Started with Y5", description: "Weekly modelled writing in every KS2 class" });
    expect(lastAudit("plan_action")).toMatchObject({ verb: "update", userId: u.staff.id });
    const stale = await updatePlanActionProgressAction({ id, version: 1, status: "done", notes: "" });
    expect(!stale.ok && stale.formError).toMatch(CONFLICT);
    const bad = await updatePlanActionProgressAction({ id, version: 2, status: "finished" as never, notes: "" });
    expect(!bad.ok && bad.fieldErrors?.status).toEqual(["Select the status"]);
    actAs(u.slt);
    expect((await updatePlanActionProgressAction({ id, version: 2, status: "done", notes: "Checked" })).ok).toBe(true);
    // Staff learn nothing about actions that do not exist.
    await expectRefused(updatePlanActionProgressAction, { id: "missing", version: 1, status: "done", notes: "" }, [u.staff]);
  });
});

describe("milestones", () => {
  it("creates, updates (version-checked) and deletes milestones; only leaders", async () => {
    const { id: strandId } = await newStrand();
    const input = { strandId, term: "autumn" as const, description: "Every KS2 class has a writing display of best work", met: "" as const };
    await expectRefused(createMilestoneAction, input, refusedBy("plan.edit", u));
    actAs(u.headteacher);
    const bad = await createMilestoneAction({ ...input, description: "", term: "winter" as never });
    expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["description", "term"]);
    const c = await createMilestoneAction(input);
    if (!c.ok) throw new Error("create failed");
    const upd = { id: c.data.id, version: 1, term: "autumn" as const, description: input.description, met: "met" as const };
    await expectRefused(updateMilestoneAction, upd, refusedBy("plan.edit", u));
    await expectRefused(deleteMilestoneAction, { id: c.data.id, version: 1 }, refusedBy("plan.edit", u));
    actAs(u.slt);
    expect((await updateMilestoneAction(upd)).ok).toBe(true);
    expect(getStrandDetail({ id: strandId, viewer: u.headteacher }).milestones[0]).toMatchObject({ met: true, version: 2 });
    const stale = await updateMilestoneAction({ ...upd, met: "not_met" });
    expect(!stale.ok && stale.formError).toMatch(CONFLICT);
    expect((await deleteMilestoneAction({ id: c.data.id, version: 2 })).ok).toBe(true);
    expect(lastAudit("milestone")).toMatchObject({ verb: "delete" });
  });
});

function reviewInput(strandId: string) {
  return {
    strandId,
    termId: autumn.id,
    id: null,
    version: null,
    rag: "green" as const,
    progress: "Modelled writing is in place in every KS2 class.",
    impact: "Book looks show longer, better-structured pieces.",
    nextSteps: "Focus on editing in spring.",
    reviewerId: u.headteacher.id,
    reviewedOn: "2025-12-10",
    evidenceKeys: [] as string[],
    evidenceUrls: [] as { label: string; url: string }[],
  };
}

describe("termly reviews", () => {
  it("writes a review citing monitoring that tested the strand, labelled without the teacher's name", async () => {
    const { id: strandId } = await newStrand();
    const teacher = createTestUser({ role: "staff", name: "Tamsin Taught" });
    const obs = createObservation({ termId: autumn.id, date: "2025-11-12", teacherId: teacher.id, yearGroup: "Y5", subject: "writing" });
    linkToStrand("observation", obs.id, strandId);
    actAs(u.slt);
    const r = await saveReviewAction({
      ...reviewInput(strandId),
      evidenceKeys: [`observation:${obs.id}`],
      evidenceUrls: [
        { label: "Writing moderation notes", url: "https://example.org/notes" },
        { label: "", url: "" },
      ],
    });
    expect(r).toMatchObject({ ok: true, data: { version: 1 } });
    const links = db
      .select()
      .from(evidenceLinks)
      .where(eq(evidenceLinks.ownerId, r.ok ? r.data.id : ""))
      .all();
    expect(links).toHaveLength(2);
    const obsLink = links.find((l) => l.targetType === "observation")!;
    // One teacher observed, in one class: neither year group nor subject would leave the teacher unnamed.
    expect(obsLink.label).toBe("Lesson observation, 12 Nov 2025");
    expect(obsLink.label).not.toContain("Tamsin");
    expect(links.find((l) => l.targetType === "document")).toMatchObject({ url: "https://example.org/notes" });
    expect(lastAudit("review")).toMatchObject({ verb: "create" });
  });

  it("refuses evidence that was not offered, and bad web links, as field errors", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const r = await saveReviewAction({ ...reviewInput(strandId), evidenceKeys: ["observation:someone-elses"] });
    expect(!r.ok && r.fieldErrors?.evidenceKeys).toBeTruthy();
    const r2 = await saveReviewAction({ ...reviewInput(strandId), progress: "", evidenceUrls: [{ label: "Notes", url: "javascript:alert(1)" }] });
    expect(!r2.ok && Object.keys(r2.fieldErrors ?? {}).sort()).toEqual(["evidenceUrls.0.url", "progress"]);
    const r3 = await saveReviewAction({ ...reviewInput(strandId), rag: "purple" as never, reviewedOn: "2025-13-01" });
    expect(!r3.ok && Object.keys(r3.fieldErrors ?? {}).sort()).toEqual(["rag", "reviewedOn"]);
  });

  it("edits a review with its version; refuses a stale edit and a second first review", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const first = await saveReviewAction(reviewInput(strandId));
    if (!first.ok) throw new Error("save failed");
    const again = await saveReviewAction({ ...reviewInput(strandId), rag: "red" });
    expect(!again.ok && again.formError).toMatch(/saved by someone else/);
    const edit = await saveReviewAction({ ...reviewInput(strandId), id: first.data.id, version: 1, rag: "amber" });
    expect(edit).toMatchObject({ ok: true, data: { version: 2 } });
    const stale = await saveReviewAction({ ...reviewInput(strandId), id: first.data.id, version: 1, rag: "blue" });
    expect(!stale.ok && stale.formError).toMatch(CONFLICT);
    expect(getStrandDetail({ id: strandId, viewer: u.headteacher, today: "2025-10-01" }).ragByTerm[autumn.id]).toBe("amber");
  });

  it("refuses staff, governors, advisers and signed-out callers", async () => {
    const { id: strandId } = await newStrand();
    await expectRefused(saveReviewAction, reviewInput(strandId), refusedBy("review.edit", u));
  });

  it("lets governors and leaders comment, and nobody else", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const r = await saveReviewAction(reviewInput(strandId));
    if (!r.ok) throw new Error("save failed");
    await expectRefused(addReviewCommentAction, { reviewId: r.data.id, body: "Why?" }, refusedBy("review.comment", u));
    actAs(u.governor);
    const empty = await addReviewCommentAction({ reviewId: r.data.id, body: "  " });
    expect(!empty.ok && empty.fieldErrors?.body).toEqual(["Enter your comment"]);
    const ok = await addReviewCommentAction({ reviewId: r.data.id, body: "How do you know the longer pieces are better?" });
    expect(ok.ok).toBe(true);
    actAs(u.slt);
    expect((await addReviewCommentAction({ reviewId: r.data.id, body: "The moderation notes show it." })).ok).toBe(true);
    const comments = db.select().from(reviewComments).where(eq(reviewComments.reviewId, r.data.id)).all();
    expect(comments.map((c) => c.authorId)).toEqual([u.governor.id, u.slt.id]);
    const view = getStrandDetail({ id: strandId, viewer: u.headteacher }).reviews[0]!;
    expect(view.comments[0]).toMatchObject({ authorName: u.governor.name, authorRole: "governor" });
  });
});

describe("carrying a strand forward", () => {
  it("copies the strand into next year's plan with last values as baselines and unfinished actions", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const manual = await createCriterionAction({ ...criterionInput(strandId), description: "Attendance", metric: "manual", unit: "%", baseline: "94", target: "96" });
    if (!manual.ok) throw new Error("criterion failed");
    await recordCriterionValueAction({ criterionId: manual.data.id, termId: summer.id, value: "95.1", note: "", version: null });
    const done = await createPlanActionAction({ ...actionInput(strandId, u.staff.id), description: "Done already", status: "done" });
    const open = await createPlanActionAction({ ...actionInput(strandId, u.staff.id), description: "Still to do", status: "in_progress", supporterIds: [otherStaff.id] });
    expect(done.ok && open.ok).toBe(true);
    await createMilestoneAction({ strandId, term: "spring", description: "Half of Y6 writing at expected", met: "met" });

    const noYear = await carryForwardStrandAction({ id: strandId });
    expect(!noYear.ok && noYear.formError).toMatch(/Add the academic year after 2025-26/);

    ensureAcademicYear({ name: "2026-27", actor: CLI_ACTOR });
    const r = await carryForwardStrandAction({ id: strandId });
    expect(r.ok).toBe(true);
    const newId = r.ok ? r.data.id : "";
    const copy = getStrandDetail({ id: newId, viewer: u.headteacher });
    expect(copy.strand).toMatchObject({ carriedFromId: strandId, title: "Raise standards in KS2 writing", leadId: u.slt.id, linkGovernorId: u.governor.id });
    expect(copy.year.name).toBe("2026-27");
    expect(copy.sefLinks.map((l) => l.areaKey).sort()).toEqual(["achievement", "curriculum_teaching"]);
    const att = copy.criteria.find((c) => c.description === "Attendance")!;
    expect(att).toMatchObject({ baseline: 95.1, target: 96 });
    expect(att.dueTermKey).toBe("2026-27:summer");
    expect(copy.actions.map((a) => [a.description, a.status, a.dueDate, a.supporterIds.length])).toEqual([["Still to do", "not_started", "2026-12-12", 1]]);
    expect(copy.milestones).toMatchObject([{ term: "spring", met: null }]);
    expect(copy.carriedFrom).toMatchObject({ id: strandId, yearName: "2025-26" });
    expect(lastAudit("strand")).toMatchObject({ verb: "carry-forward", entityId: newId });

    const twice = await carryForwardStrandAction({ id: strandId });
    expect(!twice.ok && twice.formError).toMatch(/already been carried forward/);
  });
});

describe("deleting is version-checked and validated", () => {
  it("refuses stale versions and malformed references", async () => {
    const { id: strandId } = await newStrand();
    actAs(u.headteacher);
    const c = await createCriterionAction(criterionInput(strandId));
    const a = await createPlanActionAction(actionInput(strandId, u.staff.id));
    const m = await createMilestoneAction({ strandId, term: "spring", description: "Half way", met: "" });
    if (!c.ok || !a.ok || !m.ok) throw new Error("create failed");
    for (const [action, id] of [
      [deleteStrandAction, strandId],
      [deleteCriterionAction, c.data.id],
      [deletePlanActionAction, a.data.id],
      [deleteMilestoneAction, m.data.id],
    ] as const) {
      const stale = await action({ id, version: 7 });
      expect(!stale.ok && stale.formError, `${action.name} with a stale version`).toMatch(CONFLICT);
      const bad = await action({ id: "", version: 0 });
      expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["id", "version"]);
    }
    const badCarry = await carryForwardStrandAction({ id: "" });
    expect(!badCarry.ok && badCarry.fieldErrors?.id).toBeTruthy();
    expect(getStrand({ id: strandId }).version).toBe(1);
  });
});
