import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  addSefDevelopmentPointAction,
  addSefEvidenceAction,
  createStrandFromSefPointAction,
  publishSefAction,
  removeSefDevelopmentPointAction,
  removeSefEvidenceAction,
  restartSefUnderFrameworkAction,
  saveSefAreaStrengthsAction,
  saveSefTextAction,
  setSefAreaGradeAction,
  startSefAction,
} from "@/app/(app)/sef/actions";
import { updateSefDevelopmentPointAction } from "@/app/(app)/sef/actions";
import { db } from "@/db/client";
import { assessmentResults, auditLog, evidenceLinks, monitoringActivities, observations, plans, pupils, reviews, schools, sefAreas, sefVersions, strandSefLinks, strands, visits } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { listEvidenceCandidates } from "@/lib/data/evidence";
import { buildSefSnapshot, getSefDraft, getSefForReader, snapshotStamp, updateSefArea } from "@/lib/data/sef";
import { actAs, createOnePerRole, createTestUser, ensureTestSchool } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectOk } from "../assert";

const CONFLICT = /changed by someone else/;

let people: ReturnType<typeof createOnePerRole>;
let yearId: string;
let termId: string;
let notDraftEditors: (typeof people.staff | null)[];

beforeAll(async () => {
  const { term } = ensureTestSchool();
  termId = term.id;
  yearId = term.academicYearId;
  people = createOnePerRole();
  notDraftEditors = refusedBy("sef.draft.edit", people);
  actAs(people.headteacher);
  const r = await startSefAction({ academicYearId: yearId });
  expect(r.ok).toBe(true);
});

beforeEach(() => actAs(people.headteacher));

function draft() {
  return getSefDraft({ academicYearId: yearId })!;
}
function areaOf(key: string) {
  const a = draft().areas.find((x) => x.areaKey === key);
  if (!a) throw new Error(`no area ${key}`);
  return a;
}

describe("starting a SEF", () => {
  it("creates one row per applicable area of the school's framework: early years, no sixth form", () => {
    const d = draft();
    expect(d.framework.id).toBe("ofsted_renewed_2025");
    expect(d.areas.map((a) => a.areaKey)).toEqual([
      "safeguarding",
      "inclusion",
      "curriculum_teaching",
      "achievement",
      "attendance_behaviour",
      "personal_development_wellbeing",
      "early_years",
      "leadership_governance",
    ]);
    expect(d.missingAreas).toEqual([]);
  });

  it("is idempotent and audited", async () => {
    const again = await startSefAction({ academicYearId: yearId });
    expect(again).toMatchObject({ ok: true, data: { sefId: draft().sef.id } });
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.area, "sef"), eq(auditLog.verb, "create"), eq(auditLog.entityType, "sef")))
        .all(),
    ).toHaveLength(1);
  });

  it("rejects a missing year id and refuses everyone but head and senior leaders", async () => {
    const bad = await startSefAction({ academicYearId: "" });
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.fieldErrors?.academicYearId).toBeTruthy();
    await expectRefused(startSefAction, { academicYearId: yearId }, notDraftEditors);
  });
});

describe("autosaving the overall summary and context notes", () => {
  it("saves, returns the new version and writes an audit row with before and after", async () => {
    const { sef } = draft();
    actAs(people.slt);
    const r = await saveSefTextAction({ sefId: sef.id, version: sef.version, field: "overallSummary", value: "A good school that knows itself well." });
    expect(r).toMatchObject({ ok: true, data: { version: sef.version + 1 } });
    expect(draft().sef.overallSummary).toBe("A good school that knows itself well.");
    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, sef.id)).all().at(-1)!;
    expect(audit).toMatchObject({ area: "sef", verb: "update", userId: people.slt.id });
    expect(audit.after).toEqual({ overallSummary: "A good school that knows itself well." });
  });

  it("refuses a stale version with the conflict message and changes nothing", async () => {
    const { sef } = draft();
    const r = await saveSefTextAction({ sefId: sef.id, version: sef.version - 1, field: "contextNotes", value: "Overwrite?" });
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.formError).toMatch(CONFLICT);
    expect(draft().sef.contextNotes).toBe("");
  });

  it("gives field errors for an unknown field or an over-long text", async () => {
    const { sef } = draft();
    const r1 = await saveSefTextAction({ sefId: sef.id, version: sef.version, field: "frameworkId" as "contextNotes", value: "x" });
    expect(r1.ok === false && r1.fieldErrors?.field).toBeTruthy();
    const r2 = await saveSefTextAction({ sefId: sef.id, version: sef.version, field: "contextNotes", value: "x".repeat(20_001) });
    expect(r2.ok === false && r2.fieldErrors?.value).toBeTruthy();
  });

  it("refuses staff, governors, advisers and the signed-out", async () => {
    const { sef } = draft();
    await expectRefused(saveSefTextAction, { sefId: sef.id, version: sef.version, field: "overallSummary", value: "forged" }, notDraftEditors);
    expect(draft().sef.overallSummary).not.toBe("forged");
  });
});

describe("an area's strengths and grade", () => {
  it("autosaves strengths", async () => {
    const a = areaOf("achievement");
    const r = await saveSefAreaStrengthsAction({ areaId: a.id, version: a.version, strengths: "KS2 reading is above national." });
    expect(r).toMatchObject({ ok: true, data: { version: a.version + 1 } });
    expect(areaOf("achievement").strengths).toBe("KS2 reading is above national.");
  });

  it("sets a grade from the area's scale and returns its label", async () => {
    const a = areaOf("achievement");
    const r = await setSefAreaGradeAction({ areaId: a.id, version: a.version, grade: "strong_standard" });
    expect(r).toMatchObject({ ok: true, data: { gradeLabel: "Strong standard" } });
    expect(areaOf("achievement")).toMatchObject({ grade: "strong_standard", gradeLabel: "Strong standard", gradeTone: "green" });
  });

  it("safeguarding takes met / not met, not the five-point scale", async () => {
    const s = areaOf("safeguarding");
    const wrong = await setSefAreaGradeAction({ areaId: s.id, version: s.version, grade: "exceptional" });
    expect(wrong.ok).toBe(false);
    expect(wrong.ok === false && wrong.fieldErrors?.grade?.[0]).toMatch(/Safeguarding/);
    const right = await setSefAreaGradeAction({ areaId: s.id, version: s.version, grade: "met" });
    expect(right).toMatchObject({ ok: true, data: { gradeLabel: "Met" } });
  });

  it("clears a grade with null", async () => {
    const a = areaOf("inclusion");
    await setSefAreaGradeAction({ areaId: a.id, version: a.version, grade: "expected_standard" });
    const b = areaOf("inclusion");
    expect((await setSefAreaGradeAction({ areaId: b.id, version: b.version, grade: null })).ok).toBe(true);
    expect(areaOf("inclusion").grade).toBeNull();
  });

  it("refuses a stale version: grade and strengths share the area's version", async () => {
    const a = areaOf("achievement");
    await saveSefAreaStrengthsAction({ areaId: a.id, version: a.version, strengths: "Someone else's edit." });
    const r = await setSefAreaGradeAction({ areaId: a.id, version: a.version, grade: "exceptional" });
    expect(r.ok === false && r.formError).toMatch(CONFLICT);
    const r2 = await saveSefAreaStrengthsAction({ areaId: a.id, version: a.version, strengths: "Mine." });
    expect(r2.ok === false && r2.formError).toMatch(CONFLICT);
    expect(areaOf("achievement").strengths).toBe("Someone else's edit.");
  });

  it("field errors: missing area, non-integer version", async () => {
    const r = await saveSefAreaStrengthsAction({ areaId: "", version: 1.5, strengths: "x" });
    expect(r.ok === false && Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(["areaId", "version"]));
  });

  it("an unknown area is not found", async () => {
    const r = await setSefAreaGradeAction({ areaId: "no-such-area", version: 1, grade: "met" });
    expect(r.ok === false && r.formError).toMatch(/not found/);
  });

  it("refuses staff, governors, advisers and the signed-out", async () => {
    const a = areaOf("achievement");
    await expectRefused(saveSefAreaStrengthsAction, { areaId: a.id, version: a.version, strengths: "forged" }, notDraftEditors);
    await expectRefused(setSefAreaGradeAction, { areaId: a.id, version: a.version, grade: "urgent_improvement" }, notDraftEditors);
    expect(areaOf("achievement").grade).not.toBe("urgent_improvement");
  });
});

describe("areas for development", () => {
  it("adds, edits and removes points, each audited", async () => {
    const a = areaOf("curriculum_teaching");
    const added = await addSefDevelopmentPointAction({ areaId: a.id, text: "  Sequence the foundation-subject curriculum.  " });
    expect(added).toMatchObject({ ok: true, data: { text: "Sequence the foundation-subject curriculum." } });
    const second = await addSefDevelopmentPointAction({ areaId: a.id, text: "Embed retrieval practice." });
    expect(second.ok).toBe(true);
    expect(areaOf("curriculum_teaching").developmentPoints.map((p) => [p.text, p.position])).toEqual([
      ["Sequence the foundation-subject curriculum.", 0],
      ["Embed retrieval practice.", 1],
    ]);
    const p = areaOf("curriculum_teaching").developmentPoints[1]!;
    const edited = await updateSefDevelopmentPointAction({ id: p.id, version: p.version, text: "Embed retrieval practice in every subject." });
    expect(edited).toMatchObject({ ok: true, data: { version: p.version + 1 } });
    const removed = await removeSefDevelopmentPointAction({ id: p.id, version: p.version + 1 });
    expect(removed.ok).toBe(true);
    expect(areaOf("curriculum_teaching").developmentPoints).toHaveLength(1);
    const verbs = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityType, "sef_development_point"))
      .all()
      .map((r) => r.verb);
    expect(verbs).toEqual(["create", "create", "update", "delete"]);
  });

  it("an empty point is a field error", async () => {
    const a = areaOf("curriculum_teaching");
    const r = await addSefDevelopmentPointAction({ areaId: a.id, text: "   " });
    expect(r.ok === false && r.fieldErrors?.text?.[0]).toBe("Enter the area for development");
  });

  it("refuses stale edits and removals", async () => {
    const p = areaOf("curriculum_teaching").developmentPoints[0]!;
    await updateSefDevelopmentPointAction({ id: p.id, version: p.version, text: "First edit." });
    const r = await updateSefDevelopmentPointAction({ id: p.id, version: p.version, text: "Second, stale edit." });
    expect(r.ok === false && r.formError).toMatch(CONFLICT);
    const rm = await removeSefDevelopmentPointAction({ id: p.id, version: p.version });
    expect(rm.ok === false && rm.formError).toMatch(CONFLICT);
    expect(areaOf("curriculum_teaching").developmentPoints[0]!.text).toBe("First edit.");
  });

  it("refuses staff, governors, advisers and the signed-out", async () => {
    const a = areaOf("curriculum_teaching");
    const p = a.developmentPoints[0]!;
    await expectRefused(addSefDevelopmentPointAction, { areaId: a.id, text: "forged" }, notDraftEditors);
    await expectRefused(updateSefDevelopmentPointAction, { id: p.id, version: p.version, text: "forged" }, notDraftEditors);
    await expectRefused(removeSefDevelopmentPointAction, { id: p.id, version: p.version }, notDraftEditors);
    expect(areaOf("curriculum_teaching").developmentPoints.map((x) => x.text)).toEqual(["First edit."]);
  });
});

describe("an area for development becomes a plan strand in one step", () => {
  it("creates the year's plan if missing, the strand and the golden-thread link", async () => {
    const a = areaOf("achievement");
    await addSefDevelopmentPointAction({ areaId: a.id, text: "Raise the proportion of Year 6 pupils writing at the expected standard to at least 75%." });
    const p = areaOf("achievement").developmentPoints[0]!;
    expect(db.select().from(plans).all()).toHaveLength(0);
    actAs(people.slt);
    const r = await createStrandFromSefPointAction({ developmentPointId: p.id, version: p.version });
    expectOk(r);
    expect(r.data.href).toBe(`/plan/strands/${r.data.strandId}`);
    const plan = db.select().from(plans).get()!;
    expect(plan).toMatchObject({ academicYearId: yearId, title: "School improvement plan 2025-26" });
    const strand = db.select().from(strands).where(eq(strands.id, r.data.strandId)).get()!;
    expect(strand).toMatchObject({ planId: plan.id, leadId: people.slt.id, title: "Raise the proportion of Year 6 pupils writing at the expected standard to at least 75%" });
    expect(strand.rationale).toContain("Achievement");
    expect(db.select().from(strandSefLinks).where(eq(strandSefLinks.strandId, strand.id)).all()).toEqual([expect.objectContaining({ areaKey: "achievement", developmentPointId: p.id })]);
    // The point now shows the strand that answers it.
    expect(areaOf("achievement").developmentPoints[0]!.strands).toEqual([{ id: strand.id, title: strand.title }]);
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.area, "sip"), eq(auditLog.entityId, strand.id)))
        .all(),
    ).toHaveLength(1);
  });

  it("reuses the existing plan, places the strand last, and refuses a point already answered", async () => {
    const a = areaOf("achievement");
    await addSefDevelopmentPointAction({ areaId: a.id, text: "Narrow the gap between disadvantaged pupils and others in reading." });
    const [answered, fresh] = areaOf("achievement").developmentPoints;
    const again = await createStrandFromSefPointAction({ developmentPointId: answered!.id, version: answered!.version });
    expect(again.ok === false && again.formError).toMatch(/already answered/);
    const r = await createStrandFromSefPointAction({ developmentPointId: fresh!.id, version: fresh!.version });
    expect(r.ok).toBe(true);
    expect(db.select().from(plans).all()).toHaveLength(1);
    expect(
      db
        .select({ p: strands.position })
        .from(strands)
        .all()
        .map((x) => x.p)
        .sort(),
    ).toEqual([0, 1]);
  });

  it("refuses a stale point and bad input", async () => {
    const a = areaOf("attendance_behaviour");
    await addSefDevelopmentPointAction({ areaId: a.id, text: "Reduce persistent absence." });
    const p = areaOf("attendance_behaviour").developmentPoints[0]!;
    await updateSefDevelopmentPointAction({ id: p.id, version: p.version, text: "Reduce persistent absence below 12%." });
    const r = await createStrandFromSefPointAction({ developmentPointId: p.id, version: p.version });
    expect(r.ok === false && r.formError).toMatch(CONFLICT);
    const bad = await createStrandFromSefPointAction({ developmentPointId: "", version: 0 });
    expect(bad.ok === false && Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["developmentPointId", "version"]));
  });

  it("refuses staff, governors, advisers and the signed-out", async () => {
    const p = areaOf("attendance_behaviour").developmentPoints[0]!;
    await expectRefused(createStrandFromSefPointAction, { developmentPointId: p.id, version: p.version }, notDraftEditors);
    expect(areaOf("attendance_behaviour").developmentPoints[0]!.strands).toEqual([]);
  });

  it("removing a point keeps its strand in the plan", async () => {
    const p = areaOf("achievement").developmentPoints[1]!;
    const strandId = p.strands[0]!.id;
    expect((await removeSefDevelopmentPointAction({ id: p.id, version: p.version })).ok).toBe(true);
    expect(db.select().from(strands).where(eq(strands.id, strandId)).get()).toBeTruthy();
    expect(db.select().from(strandSefLinks).where(eq(strandSefLinks.strandId, strandId)).get()).toMatchObject({ areaKey: "achievement", developmentPointId: null });
  });
});

describe("evidence", () => {
  let observationId: string;
  let reviewId: string;
  let teacherName: string;

  beforeAll(() => {
    const teacher = createTestUser({ role: "staff", name: "Imogen Teachername" });
    teacherName = teacher.name;
    const strand = db.select().from(strands).get()!;
    [{ id: reviewId }] = db.insert(reviews).values({ strandId: strand.id, termId, rag: "amber", progress: "Some", reviewedOn: "2025-12-10" }).returning({ id: reviews.id }).all() as [{ id: string }];
    [{ id: observationId }] = db
      .insert(observations)
      .values({ termId, date: "2025-10-12", teacherId: teacher.id, yearGroup: "Y4", subject: "maths", strengths: "Clear modelling" })
      .returning({ id: observations.id })
      .all() as [{ id: string }];
    db.insert(observations).values({ termId, date: "2025-10-13", teacherId: teacher.id, yearGroup: "Y5", subject: "history", status: "draft" }).run();
    db.insert(monitoringActivities).values({ type: "learning_walk", termId, date: "2025-11-03", subject: "writing", classesVisited: "Y3, Y4" }).run();
    db.insert(visits).values({ kind: "adviser", termId, date: "2025-10-05", visitorId: people.adviser.id, visitType: "Joint Annual Review", purpose: "Discussed Imogen Teachername's lesson" }).run();
    const [pupil] = db.insert(pupils).values({ academicYearId: yearId, upn: "A123456789012", firstName: "Ann", lastName: "Pupil", yearGroup: "Y6", gender: "F" }).returning().all();
    db.insert(assessmentResults).values({ pupilId: pupil!.id, termId, subject: "writing", result: "EXS" }).run();
  });

  it("lists candidates of the year with labels that name no teacher", () => {
    const c = listEvidenceCandidates({ academicYearId: yearId });
    const labels = c.map((x) => x.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        "Lesson observation, 12 Oct 2025",
        "Learning walk: writing (Y3, Y4), 3 Nov 2025",
        "Adviser visit: Joint Annual Review, 5 Oct 2025",
        "Assessment summary: Autumn 2025",
        expect.stringMatching(/^Plan strand: Raise the proportion/),
        expect.stringMatching(/^Review: .*, Autumn 2025 \(amber\)$/),
      ]),
    );
    expect(labels.join("\n")).not.toContain(teacherName);
    expect(labels.join("\n")).not.toContain("Imogen");
    // A draft observation is not yet evidence.
    expect(labels.some((l) => l.includes("history"))).toBe(false);
    expect(c.find((x) => x.targetType === "observation")!.href).toBe(`/monitoring/observations/${observationId}`);
    expect(c.find((x) => x.targetType === "assessment_summary")).toMatchObject({ targetId: termId, href: "/pupils/analysis?term=2025-26%3Aautumn" });
  });

  it("cites a record with a label made on the server, and a document link", async () => {
    const a = areaOf("curriculum_teaching");
    const r = await addSefEvidenceAction({ kind: "record", areaId: a.id, targetType: "observation", targetId: observationId });
    expect(r).toMatchObject({ ok: true, data: { label: "Lesson observation, 12 Oct 2025", href: `/monitoring/observations/${observationId}` } });
    const d = await addSefEvidenceAction({ kind: "document", areaId: a.id, label: "Curriculum map 2025-26", url: "https://example.org/curriculum-map.pdf" });
    expect(d).toMatchObject({ ok: true, data: { targetType: "document", label: "Curriculum map 2025-26", href: "https://example.org/curriculum-map.pdf" } });
    const rv = await addSefEvidenceAction({ kind: "record", areaId: a.id, targetType: "review", targetId: reviewId });
    expect(rv.ok).toBe(true);
    expect(areaOf("curriculum_teaching").evidence.map((e) => e.label)).toHaveLength(3);
    expect(db.select().from(auditLog).where(eq(auditLog.entityType, "evidence_link")).all()).toHaveLength(3);
  });

  it("refuses duplicates, unknown records and bad links with field errors", async () => {
    const a = areaOf("curriculum_teaching");
    const dup = await addSefEvidenceAction({ kind: "record", areaId: a.id, targetType: "observation", targetId: observationId });
    expect(dup.ok === false && dup.fieldErrors?.targetId?.[0]).toMatch(/already cited/);
    const missing = await addSefEvidenceAction({ kind: "record", areaId: a.id, targetType: "observation", targetId: "nope" });
    expect(missing.ok === false && missing.fieldErrors?.targetId).toBeTruthy();
    const badUrl = await addSefEvidenceAction({ kind: "document", areaId: a.id, label: "Notes", url: "javascript:alert(1)" });
    expect(badUrl.ok === false && badUrl.fieldErrors?.url?.[0]).toMatch(/https:\/\//);
    const noLabel = await addSefEvidenceAction({ kind: "document", areaId: a.id, label: " ", url: "https://example.org" });
    expect(noLabel.ok === false && noLabel.fieldErrors?.label).toBeTruthy();
    const notCitable = await addSefEvidenceAction({ kind: "record", areaId: a.id, targetType: "sef_area", targetId: a.id });
    expect(notCitable.ok === false && notCitable.fieldErrors?.targetType).toBeTruthy();
  });

  it("removes a citation, and will not remove another record's evidence through the SEF", async () => {
    const link = areaOf("curriculum_teaching").evidence.find((e) => e.targetType === "document")!;
    expect((await removeSefEvidenceAction({ linkId: link.id })).ok).toBe(true);
    expect(areaOf("curriculum_teaching").evidence.some((e) => e.id === link.id)).toBe(false);
    const [other] = db.insert(evidenceLinks).values({ ownerType: "review", ownerId: reviewId, targetType: "observation", targetId: observationId, label: "x" }).returning().all();
    const r = await removeSefEvidenceAction({ linkId: other!.id });
    expect(r).toMatchObject({ ok: false, formError: "You do not have permission to do that." });
    expect(db.select().from(evidenceLinks).where(eq(evidenceLinks.id, other!.id)).get()).toBeTruthy();
    const gone = await removeSefEvidenceAction({ linkId: link.id });
    expect(gone.ok === false && gone.formError).toMatch(/not found/);
  });

  it("refuses staff, governors, advisers and the signed-out", async () => {
    const a = areaOf("curriculum_teaching");
    const link = a.evidence[0]!;
    await expectRefused(addSefEvidenceAction, { kind: "document", areaId: a.id, label: "Forged", url: "https://example.org/x" }, notDraftEditors);
    await expectRefused(removeSefEvidenceAction, { linkId: link.id }, notDraftEditors);
    expect(areaOf("curriculum_teaching").evidence.map((e) => e.label)).not.toContain("Forged");
  });
});

describe("publishing", () => {
  const stamp = () => snapshotStamp(buildSefSnapshot({ academicYearId: yearId })!);

  it("only the head publishes: senior leaders, staff, governors, advisers and the signed-out are refused", async () => {
    await expectRefused(publishSefAction, { sefId: draft().sef.id, draftStamp: stamp() }, refusedBy("sef.publish", people));
    expect(db.select().from(sefVersions).all()).toHaveLength(0);
  });

  it("keeps each publication as a numbered snapshot with labels, points, evidence and computed context", async () => {
    const r = await publishSefAction({ sefId: draft().sef.id, draftStamp: stamp(), note: "Autumn review" });
    expect(r).toMatchObject({ ok: true, data: { number: 1 } });
    const v = db.select().from(sefVersions).get()!;
    expect(v).toMatchObject({ number: 1, publishedById: people.headteacher.id, note: "Autumn review" });
    const snap = v.snapshot as ReturnType<typeof buildSefSnapshot> & object;
    const ach = snap.areas.find((a) => a.key === "achievement")!;
    expect(ach).toMatchObject({ gradeLabel: "Strong standard", strengths: "Someone else's edit." });
    expect(ach.developmentPoints[0]!.strands).toHaveLength(1);
    expect(snap.areas.find((a) => a.key === "curriculum_teaching")!.evidence.map((e) => e.label)).toContain("Lesson observation, 12 Oct 2025");
    expect(snap.context).toMatchObject({ onRoll: 1 });
    expect(snap.areas.map((a) => a.key)).not.toContain("sixth_form");
    expect(db.select().from(auditLog).where(eq(auditLog.verb, "publish")).all()).toHaveLength(1);
  });

  it("refuses to publish a draft that changed since it was read, or one identical to the last version", async () => {
    const old = stamp();
    const same = await publishSefAction({ sefId: draft().sef.id, draftStamp: old });
    expect(same.ok === false && same.formError).toMatch(/Nothing has changed since version 1/);
    const a = areaOf("inclusion");
    updateSefArea({ areaId: a.id, version: a.version, changes: { strengths: "Changed by a colleague." }, actor: CLI_ACTOR });
    const stale = await publishSefAction({ sefId: draft().sef.id, draftStamp: old });
    expect(stale.ok === false && stale.formError).toMatch(CONFLICT);
    const ok = await publishSefAction({ sefId: draft().sef.id, draftStamp: stamp() });
    expect(ok).toMatchObject({ ok: true, data: { number: 2 } });
  });

  it("field errors on a missing stamp or an over-long note", async () => {
    const r = await publishSefAction({ sefId: draft().sef.id, draftStamp: "", note: "x".repeat(501) });
    expect(r.ok === false && Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(["draftStamp", "note"]));
  });

  it("governors, advisers and staff read the latest publication only, never the draft", async () => {
    const a = areaOf("inclusion");
    updateSefArea({ areaId: a.id, version: a.version, changes: { strengths: "Unpublished draft text." }, actor: CLI_ACTOR });
    for (const user of [people.governor, people.adviser, people.staff]) {
      const seen = getSefForReader({ academicYearId: yearId, user });
      expect(seen.draft).toBeNull();
      expect(seen.latest!.number).toBe(2);
      expect(JSON.stringify(seen)).not.toContain("Unpublished draft text.");
      expect(seen.latest!.snapshot.areas.find((x) => x.key === "inclusion")!.strengths).toBe("Changed by a colleague.");
    }
    for (const user of [people.headteacher, people.slt]) {
      expect(getSefForReader({ academicYearId: yearId, user }).draft!.areas.find((x) => x.areaKey === "inclusion")!.strengths).toBe("Unpublished draft text.");
    }
  });
});

describe("switching the school to the 2019 framework", () => {
  it("only the head restarts the SEF; a stale version conflicts", async () => {
    db.update(schools).set({ frameworkId: "ofsted_eif_2019" }).where(eq(schools.id, ensureTestSchool().school.id)).run();
    const { sef } = draft();
    await expectRefused(restartSefUnderFrameworkAction, { sefId: sef.id, version: sef.version }, refusedBy("sef.publish", people));
    expect(draft().framework.id).toBe("ofsted_renewed_2025");
    actAs(people.headteacher);
    const stale = await restartSefUnderFrameworkAction({ sefId: sef.id, version: sef.version - 1 });
    expect(stale.ok === false && stale.formError).toMatch(CONFLICT);
    const bad = await restartSefUnderFrameworkAction({ sefId: sef.id, version: 0 });
    expect(bad.ok === false && bad.fieldErrors?.version).toBeTruthy();
  });

  it("re-creates the areas under the new framework, drops their evidence and keeps old versions", async () => {
    const { sef } = draft();
    const oldAreaIds = draft().areas.map((a) => a.id);
    const r = await restartSefUnderFrameworkAction({ sefId: sef.id, version: sef.version });
    expect(r.ok).toBe(true);
    const d = draft();
    expect(d.framework.id).toBe("ofsted_eif_2019");
    expect(d.sef.overallSummary).toBe("A good school that knows itself well.");
    expect(d.areas.map((a) => a.areaKey)).toEqual(["quality_of_education", "behaviour_attitudes", "personal_development", "leadership_management", "early_years_provision", "safeguarding"]);
    expect(d.areas.every((a) => a.grade === null && a.developmentPoints.length === 0 && a.evidence.length === 0)).toBe(true);
    for (const id of oldAreaIds) expect(db.select().from(evidenceLinks).where(eq(evidenceLinks.ownerId, id)).all()).toEqual([]);
    expect(db.select().from(sefVersions).all()).toHaveLength(2);
    // A strand made from an old point stays in the plan.
    expect(db.select().from(strands).all()).toHaveLength(2);
    const q = areaOf("quality_of_education");
    expect((await setSefAreaGradeAction({ areaId: q.id, version: q.version, grade: "good" })).ok).toBe(true);
    const s = areaOf("safeguarding");
    const wrong = await setSefAreaGradeAction({ areaId: s.id, version: s.version, grade: "met" });
    expect(wrong.ok === false && wrong.fieldErrors?.grade).toBeTruthy();
  });

  it("refuses to restart when the SEF already uses the school's framework", async () => {
    const { sef } = draft();
    const r = await restartSefUnderFrameworkAction({ sefId: sef.id, version: sef.version });
    expect(r.ok === false && r.formError).toMatch(/already uses/);
  });

  it("a school that gains early years later gets the missing area when the SEF is started again", async () => {
    db.update(schools).set({ hasEarlyYears: false }).where(eq(schools.id, ensureTestSchool().school.id)).run();
    expect(draft().areas.map((a) => a.areaKey)).not.toContain("early_years_provision");
    db.delete(sefAreas)
      .where(and(eq(sefAreas.sefId, draft().sef.id), eq(sefAreas.areaKey, "early_years_provision")))
      .run();
    db.update(schools).set({ hasEarlyYears: true }).where(eq(schools.id, ensureTestSchool().school.id)).run();
    expect(draft().missingAreas.map((a) => a.id)).toEqual(["early_years_provision"]);
    await startSefAction({ academicYearId: yearId });
    expect(draft().missingAreas).toEqual([]);
  });
});
