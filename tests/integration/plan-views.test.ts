import { unzipSync, strFromU8 } from "fflate";
import { listAudit } from "@/lib/data/audit";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPlanDocx } from "@/app/(app)/plan/export/docx/route";
import { db } from "@/db/client";
import { assessmentResults, monitoringActivities, monitoringFoci, pupils, visits } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { getCurrentYear, listTerms, type TermWithYear } from "@/lib/data/school";
import {
  addReviewComment,
  createCriterion,
  createMilestone,
  createPlanAction,
  createStrand,
  getMyPlanWork,
  getPlanOverview,
  getStrandDetail,
  listEvidenceCandidates,
  listStrandMonitoring,
  saveReview,
  type CriterionFields,
  type PlanActionFields,
} from "@/lib/data/sip";
import type { PolicyUser } from "@/lib/policy";
import { actAs, createObservation, createOnePerRole, createTestUser, ensureTestSchool } from "../factories";
import { expectRouteRefused } from "./helpers";

let u: ReturnType<typeof createOnePerRole>;
let teacher: ReturnType<typeof createTestUser>;
let yearId: string;
let autumn: TermWithYear;
let spring: TermWithYear;
let summer: TermWithYear;
let strandId: string;
let writingId: string;
let eal: string;

const actor = () => ({ id: u.headteacher.id, name: u.headteacher.name });
const criterion = (over: Partial<CriterionFields>): CriterionFields => ({
  kind: "measurable",
  description: "Y6 writing at expected",
  isHeadline: false,
  metric: "attainment_expected",
  yearGroup: "Y6",
  subject: "writing",
  pupilGroup: "all",
  unit: null,
  baseline: 58,
  target: 75,
  lowerIsBetter: false,
  dueTermId: null,
  ...over,
});
const action = (over: Partial<PlanActionFields>): PlanActionFields => ({
  description: "An action",
  ownerId: u.staff.id,
  supporterIds: [],
  startDate: null,
  dueDate: null,
  costPence: 0,
  resources: "",
  monitoring: "",
  monitoredById: null,
  status: "not_started",
  notes: "",
  ...over,
});

/** Ten Y6 pupils (three disadvantaged, two EAL) with writing results per term. */
function seedResults() {
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const [p] = db
      .insert(pupils)
      .values({ academicYearId: yearId, upn: `A00000000000${i}`, firstName: `Pupil${i}`, lastName: "Secret", yearGroup: "Y6", gender: i % 2 ? "F" : "M", disadvantaged: i < 3, eal: i >= 8 })
      .returning()
      .all();
    ids.push(p!.id);
  }
  // Autumn: 6 of 10 at expected (60%), summer: 8 of 10 (80%); the two EAL pupils are a suppressed group.
  ids.forEach((pupilId, i) => {
    db.insert(assessmentResults)
      .values({ pupilId, termId: autumn.id, subject: "writing", result: i < 6 ? "EXS" : "WTS" })
      .run();
    db.insert(assessmentResults)
      .values({ pupilId, termId: summer.id, subject: "writing", result: i < 8 ? (i === 0 ? "GDS" : "EXS") : "WTS" })
      .run();
  });
}

beforeAll(() => {
  ensureTestSchool();
  u = createOnePerRole();
  teacher = createTestUser({ role: "staff", name: "Tamsin Taught" });
  yearId = getCurrentYear().id;
  [autumn, spring, summer] = listTerms({ academicYearId: yearId }) as [TermWithYear, TermWithYear, TermWithYear];
  seedResults();
  const s = createStrand({
    academicYearId: yearId,
    values: { title: "Writing", rationale: "Because.", leadId: u.slt.id, linkGovernorId: u.governor.id, areaKeys: ["achievement"], developmentPointIds: [] },
    actor: actor(),
  });
  strandId = s.id;
  writingId = createCriterion({ strandId, values: criterion({ isHeadline: true, dueTermId: summer.id }), actor: actor() }).id;
  eal = createCriterion({ strandId, values: criterion({ description: "EAL writing", pupilGroup: "eal" }), actor: actor() }).id;
  createCriterion({
    strandId,
    values: criterion({ kind: "narrative", metric: null, yearGroup: null, subject: null, pupilGroup: null, baseline: null, target: null, description: "Pupils love writing" }),
    actor: actor(),
  });
  createPlanAction({ strandId, values: action({ description: "Overdue one", dueDate: "2025-10-01", costPence: 10_000 }), actor: actor() });
  createPlanAction({ strandId, values: action({ description: "Due soon one", dueDate: "2025-10-20", costPence: 2_550 }), actor: actor() });
  createPlanAction({ strandId, values: action({ description: "Later one", dueDate: "2026-06-01", ownerId: u.slt.id }), actor: actor() });
  createPlanAction({ strandId, values: action({ description: "Finished one", dueDate: "2025-09-20", status: "done", costPence: 5_000 }), actor: actor() });
  createPlanAction({ strandId, values: action({ description: "Dropped one", status: "dropped", costPence: 99_999 }), actor: actor() });
  createMilestone({ strandId, values: { term: "autumn", description: "Modelling in every class", met: null }, actor: actor() });
});

describe("criteria read their current value from stored data", () => {
  it("reads the reference term's attainment and judges progress against time elapsed", () => {
    const d = getStrandDetail({ id: strandId, viewer: u.headteacher, today: "2026-07-01" });
    const c = d.criteria.find((x) => x.id === writingId)!;
    expect(c.current).toMatchObject({ value: 80, termId: summer.id });
    expect(c.currentLabel).toBe("80.0%");
    expect(c.status).toBe("met");
    expect(d.headline?.id).toBe(writingId);
  });

  it("falls back to the latest earlier term with data", () => {
    const d = getStrandDetail({ id: strandId, viewer: u.headteacher, today: "2026-02-01" });
    const c = d.criteria.find((x) => x.id === writingId)!;
    // Spring has no results: autumn's 60% is the latest. One term of three: 58 + 17/3 ≈ 63.7 needed.
    expect(c.current).toMatchObject({ value: 60, termId: autumn.id });
    expect(c.status).toBe("behind");
  });

  it("never shows a suppressed group's figure", () => {
    const d = getStrandDetail({ id: strandId, viewer: u.headteacher, today: "2026-07-01" });
    const c = d.criteria.find((x) => x.id === eal)!;
    expect(c.current).toMatchObject({ value: null, suppressed: true });
    expect(c.currentLabel).toBe("Withheld (small group)");
    expect(c.status).toBe("no_data");
  });

  it("offers the term's readings as review evidence, with no pupil named", () => {
    const candidates = listEvidenceCandidates({ strandId, termId: summer.id, viewer: u.headteacher });
    const summary = candidates.find((c) => c.targetType === "assessment_summary" && c.targetId === `${summer.id}|${writingId}`);
    expect(summary?.label).toBe("Assessment, Summer 2026: Year 6 writing, % at expected 80.0%");
    expect(JSON.stringify(candidates)).not.toMatch(/Pupil\d|Secret/);
  });
});

describe("plan overview", () => {
  it("counts actions, flags overdue and due soon, totals cost without dropped actions", () => {
    const ov = getPlanOverview({ academicYearId: yearId, today: "2025-10-10" });
    expect(ov.refTerm.id).toBe(autumn.id);
    expect(ov.strands).toHaveLength(1);
    const s = ov.strands[0]!;
    expect(s.counts).toMatchObject({ total: 5, done: 1, dropped: 1, overdue: 1, dueSoon: 1, completionPct: 25 });
    expect(s.costPence).toBe(17_550);
    expect(ov.costPence).toBe(17_550);
    expect(ov.overdue.map((a) => a.description)).toEqual(["Overdue one"]);
    expect(ov.dueSoon.map((a) => a.description)).toEqual(["Due soon one"]);
    expect(ov.dueThisTerm.map((a) => a.description).sort()).toEqual(["Due soon one", "Overdue one"]);
    expect(ov.reviewsMissing.map((r) => r.id)).toEqual([strandId]);
    expect(s.headline?.description).toBe("Y6 writing at expected");
    expect(ov.tooLong).toBe(false);
  });

  it("shows this term's RAG, the latest earlier one, and RAG history", () => {
    saveReview({
      strandId,
      termId: autumn.id,
      id: null,
      version: null,
      values: { rag: "amber", progress: "Started", impact: "", nextSteps: "", reviewerId: u.slt.id, reviewedOn: "2025-12-01" },
      evidenceKeys: [],
      evidenceUrls: [],
      actor: actor(),
      today: "2025-12-01",
    });
    const ov = getPlanOverview({ academicYearId: yearId, today: "2026-02-01" });
    const s = ov.strands[0]!;
    expect(s.rag).toBeNull();
    expect(s.previousRag).toEqual({ rag: "amber", termKey: "2025-26:autumn" });
    expect(s.ragByTerm).toEqual({ [autumn.id]: "amber", [spring.id]: null, [summer.id]: null });
  });

  it("refuses to review a term that has not started", () => {
    expect(() =>
      saveReview({
        strandId,
        termId: summer.id,
        id: null,
        version: null,
        values: { rag: "green", progress: "Too soon", impact: "", nextSteps: "", reviewerId: u.slt.id, reviewedOn: "2026-02-01" },
        evidenceKeys: [],
        evidenceUrls: [],
        actor: actor(),
        today: "2026-02-01",
      }),
    ).toThrow(/has not started yet/);
  });

  it("warns when a plan grows beyond six strands", () => {
    for (let i = 0; i < 6; i++)
      createStrand({
        academicYearId: yearId,
        values: { title: `Extra ${i}`, rationale: "", leadId: u.slt.id, linkGovernorId: null, areaKeys: ["inclusion"], developmentPointIds: [] },
        actor: CLI_ACTOR,
      });
    const ov = getPlanOverview({ academicYearId: yearId, today: "2025-10-10" });
    expect(ov.strands.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ov.tooLong).toBe(true);
  });
});

describe("my plan work", () => {
  it("lists the actions I own (overdue, due soon, rest, finished) and the strands I lead or link-govern", () => {
    const mine = getMyPlanWork({ userId: u.staff.id, today: "2025-10-10" });
    expect(mine.actions.map((a) => [a.description, a.flag])).toEqual([
      ["Overdue one", "overdue"],
      ["Due soon one", "due_soon"],
      ["Finished one", null],
      ["Dropped one", null],
    ]);
    expect(mine.actions[0]!.strandTitle).toBe("Writing");
    expect(getMyPlanWork({ userId: u.slt.id }).leads.map((s) => s.title)).toContain("Writing");
    expect(getMyPlanWork({ userId: u.governor.id }).linkGoverns.map((s) => s.id)).toEqual([strandId]);
    expect(getMyPlanWork({ userId: u.adviser.id }).actions).toEqual([]);
  });
});

describe("monitoring that tested a strand", () => {
  it("lists observations, activities and visits in the term without naming the observed teacher", () => {
    const obs = createObservation({ termId: autumn.id, date: "2025-11-05", teacherId: teacher.id, yearGroup: "Y6", subject: "writing" });
    const draft = createObservation({ termId: autumn.id, date: "2025-11-06", teacherId: teacher.id, yearGroup: "Y6", subject: "writing", status: "draft" });
    const [walk] = db
      .insert(monitoringActivities)
      .values({ type: "learning_walk", termId: autumn.id, date: "2025-10-15", subject: "writing", classesVisited: "Y3, Y4, Y5", strengths: "Modelling seen in every class" })
      .returning()
      .all();
    const [visit] = db
      .insert(visits)
      .values({ kind: "governor", termId: autumn.id, date: "2025-11-20", visitorId: u.governor.id, visitType: "Link governor visit", purpose: "Writing in KS2" })
      .returning()
      .all();
    const [otherTerm] = db.insert(monitoringActivities).values({ type: "work_scrutiny", termId: spring.id, date: "2026-02-01" }).returning().all();
    for (const [recordType, recordId] of [
      ["observation", obs.id],
      ["observation", draft.id],
      ["activity", walk!.id],
      ["visit", visit!.id],
      ["activity", otherTerm!.id],
    ] as const) {
      db.insert(monitoringFoci).values({ recordType, recordId, strandId }).run();
    }
    const asLeader = listStrandMonitoring({ strandId, termId: autumn.id, viewer: u.headteacher });
    expect(asLeader.map((m) => [m.recordType, m.date, m.kind])).toEqual([
      ["activity", "2025-10-15", "Learning walk"],
      ["observation", "2025-11-05", "Lesson observation"],
      ["visit", "2025-11-20", "Governor visit"],
    ]);
    expect(asLeader.find((m) => m.recordType === "observation")).toMatchObject({ label: "Writing, Year 6", viewerIsSubject: false });
    expect(JSON.stringify(asLeader)).not.toContain("Tamsin");
    expect(JSON.stringify(asLeader)).not.toContain(teacher.id);
    const asTeacher = listStrandMonitoring({ strandId, termId: autumn.id, viewer: teacher });
    expect(asTeacher.find((m) => m.recordType === "observation")?.viewerIsSubject).toBe(true);
    // Governors (and anyone who may not read every observation): one teacher teaches Year 6, and only one
    // has been observed teaching writing, so neither is shown.
    const observationFor = (viewer: PolicyUser) => listStrandMonitoring({ strandId, termId: autumn.id, viewer }).find((m) => m.id === obs!.id);
    expect(observationFor(u.governor)).toMatchObject({ kind: "Lesson observation", date: "2025-11-05", label: "" });
    // A second teacher observed teaching writing elsewhere: "writing" no longer points at one teacher; "Year 6" still does.
    createObservation({ termId: autumn.id, date: "2025-11-12", teacherId: u.staff.id, yearGroup: "Y3", subject: "writing" });
    expect(observationFor(u.adviser)).toMatchObject({ label: "Writing" });
  });
});

describe("the plan as a Word document", () => {
  it("refuses signed-out callers", async () => {
    await expectRouteRefused("/plan/export/docx", () => getPlanDocx(new Request("http://localhost/plan/export/docx")), [null]);
  });

  it("gives every role that reads the plan a .docx with its tables, and no observed teacher's name", async () => {
    const review = saveReview({
      strandId,
      termId: autumn.id,
      id: getStrandDetail({ id: strandId, viewer: u.headteacher }).reviews[0]!.id,
      version: getStrandDetail({ id: strandId, viewer: u.headteacher }).reviews[0]!.version,
      values: { rag: "green", progress: "Modelled writing everywhere", impact: "Longer pieces", nextSteps: "Editing", reviewerId: u.slt.id, reviewedOn: "2025-12-02" },
      evidenceKeys: listEvidenceCandidates({ strandId, termId: autumn.id, viewer: u.headteacher })
        .filter((c) => c.targetType === "observation" || c.targetType === "visit")
        .map((c) => c.key),
      evidenceUrls: [],
      actor: actor(),
      today: "2025-12-02",
    });
    addReviewComment({ reviewId: review.id, body: "How do you know?", actor: { id: u.governor.id, name: u.governor.name } });
    for (const user of [u.headteacher, u.staff, u.governor, u.adviser]) {
      actAs(user);
      const res = await getPlanDocx(new Request("http://localhost/plan/export/docx?year=2025-26"));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(res.headers.get("content-disposition")).toContain("improvement-plan-2025-26.docx");
      expect(listAudit({ userId: user.id, area: "sip" })[0]).toMatchObject({ verb: "download", entityType: "plan-docx", entityId: "2025-26" });
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const xml = strFromU8(files["word/document.xml"]!);
      for (const text of [
        "School improvement plan 2025-26",
        "Writing",
        "Success criteria",
        "Y6 writing at expected",
        "Overdue one",
        "£100",
        "Termly reviews",
        "Modelled writing everywhere",
        "Green: on track",
        "Lesson observation: writing, 5 Nov 2025",
        "How do you know?",
      ]) {
        expect(xml, text).toContain(text.replace("&", "&amp;"));
      }
      // Staff may not see governor visits, even as a label.
      if (user.role === "staff") expect(xml).not.toContain("Governor visit");
      else expect(xml).toContain("Governor visit: Link governor visit, 20 Nov 2025");
      expect(xml).not.toContain("Tamsin");
      expect(xml).not.toMatch(/Pupil\d|Secret/);
      expect(xml).toContain("<w:tbl>");
    }
  });

  it("answers 404 for an unknown year", async () => {
    actAs(u.headteacher);
    expect((await getPlanDocx(new Request("http://localhost/plan/export/docx?year=1999-00"))).status).toBe(404);
  });
});
