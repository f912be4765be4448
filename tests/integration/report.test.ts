import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/data/audit";
import { eq } from "drizzle-orm";
import { publishReportAction, saveReportNarrativeAction } from "@/app/(app)/reports/[termKey]/actions";
import { GET as getDocx } from "@/app/(app)/reports/[termKey]/docx/route";
import { GET as getJson } from "@/app/(app)/reports/[termKey]/json/route";
import { createChallengeAction, answerChallengeAction } from "@/app/(app)/governance/actions";
import { db } from "@/db/client";
import { auditLog, planActions, plans, reportNarratives, reports, reviews, strands } from "@/db/schema";
import { findReport } from "@/lib/data/report";
import { listTerms } from "@/lib/data/school";
import { assembleReport, getReportData } from "@/lib/report/assemble";
import { reportForViewer, previousPublished } from "@/lib/report/access";
import { compareReports } from "@/lib/report/compare";
import type { ReportData } from "@/lib/report/types";
import { actAs, createOnePerRole, createTestUser, ensureTestSchool } from "../factories";
import { expectRefused, expectRouteRefused, queriesWhile } from "./helpers";
import { docxText, unzip } from "./report-zip";
import { expectOk } from "../assert";

let people: ReturnType<typeof createOnePerRole>;
let autumn: ReturnType<typeof listTerms>[number];
let spring: ReturnType<typeof listTerms>[number];
let summer: ReturnType<typeof listTerms>[number];
let strandId: string;
let otherStrandId: string;
let actionId: string;

beforeAll(() => {
  ensureTestSchool();
  people = createOnePerRole();
  [autumn, spring, summer] = listTerms() as [typeof autumn, typeof spring, typeof summer];
  const [plan] = db.insert(plans).values({ academicYearId: autumn.academicYearId, title: "Plan 2025-26" }).returning().all();
  const [s] = db.insert(strands).values({ planId: plan!.id, title: "Writing", leadId: people.slt.id, position: 0 }).returning().all();
  const [o] = db.insert(strands).values({ planId: plan!.id, title: "Attendance", leadId: people.headteacher.id, position: 1 }).returning().all();
  strandId = s!.id;
  otherStrandId = o!.id;
  const [a] = db.insert(planActions).values({ strandId, description: "Train staff in shared writing", status: "in_progress", dueDate: "2025-11-30" }).returning().all();
  actionId = a!.id;
  db.insert(planActions).values({ strandId: otherStrandId, description: "Attendance letters", status: "done", dueDate: "2025-10-30" }).run();
  db.insert(reviews).values({ strandId, termId: autumn.id, rag: "amber", reviewedOn: "2025-12-10", progress: "Training done" }).run();
  db.insert(reviews).values({ strandId, termId: spring.id, rag: "green", reviewedOn: "2026-03-20", progress: "Writing improving" }).run();
});

const narrative = (over: Partial<{ termKey: string; sectionKey: string; body: string; version: number }> = {}) => ({
  termKey: "2025-26:autumn",
  sectionKey: "attainment",
  body: "Writing is improving.",
  version: 0,
  ...over,
});

describe("drafting the narrative", () => {
  it("the head saves a section; a stale version is a conflict and keeps the stored text", async () => {
    actAs(people.headteacher);
    const first = await saveReportNarrativeAction(narrative());
    expect(first).toMatchObject({ ok: true, data: { version: 1 } });
    const second = await saveReportNarrativeAction(narrative({ body: "Writing is improving quickly.", version: 1 }));
    expect(second).toMatchObject({ ok: true, data: { version: 2 } });
    const stale = await saveReportNarrativeAction(narrative({ body: "Overwrite", version: 1 }));
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    const report = findReport({ termId: autumn.id })!;
    const row = db
      .select()
      .from(reportNarratives)
      .where(eq(reportNarratives.reportId, report.id))
      .all()
      .find((r) => r.sectionKey === "attainment")!;
    expect(row.body).toBe("Writing is improving quickly.");
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, row.id)).all().length).toBe(2);
    expect(assembleReport({ termId: autumn.id }).narrative.attainment).toBe("Writing is improving quickly.");
  });

  it("a second writer of a new section who loaded it empty gets a conflict", async () => {
    actAs(people.headteacher);
    expect(await saveReportNarrativeAction(narrative({ sectionKey: "quality", body: "One" }))).toMatchObject({ ok: true });
    expect(await saveReportNarrativeAction(narrative({ sectionKey: "quality", body: "Two" }))).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
  });

  it("reports field errors for an unknown section and an over-long narrative", async () => {
    actAs(people.headteacher);
    const r = await saveReportNarrativeAction(narrative({ sectionKey: "nonsense", body: "x".repeat(10001) }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { sectionKey: expect.any(Array), body: expect.any(Array) } });
  });

  it("a senior leader drafts only the narrative of a strand they lead", async () => {
    actAs(people.slt);
    expect(await saveReportNarrativeAction(narrative({ sectionKey: `plan:${strandId}`, body: "Strand going well." }))).toMatchObject({ ok: true });
    await expectRefused(saveReportNarrativeAction, narrative({ sectionKey: `plan:${otherStrandId}` }), [people.slt]);
    await expectRefused(saveReportNarrativeAction, narrative({ sectionKey: "context" }), [people.slt]);
    const otherSlt = createTestUser({ role: "slt" });
    await expectRefused(saveReportNarrativeAction, narrative({ sectionKey: `plan:${strandId}` }), [otherSlt]);
    expect(assembleReport({ termId: autumn.id }).narrative[`plan:${strandId}`]).toBe("Strand going well.");
  });

  it("is refused to staff, governors, advisers and signed-out callers", async () => {
    await expectRefused(saveReportNarrativeAction, narrative({ sectionKey: `plan:${strandId}` }), [people.staff, people.governor, people.adviser, null]);
  });

  it("drafts are for leaders only: published readers are refused a draft, page and export", async () => {
    expect(reportForViewer(people.headteacher, "2025-26-autumn")).toMatchObject({ ok: true, published: false });
    expect(reportForViewer(people.slt, "2025-26-autumn")).toMatchObject({ ok: true, published: false });
    for (const u of [people.staff, people.governor, people.adviser]) expect(reportForViewer(u, "2025-26-autumn")).toMatchObject({ ok: false, status: 404 });
    expect(reportForViewer(null, "2025-26-autumn")).toMatchObject({ ok: false });
    expect(reportForViewer(people.headteacher, "not-a-term")).toMatchObject({ ok: false, status: 404 });
    await expectRouteRefused("/reports/[termKey]/docx", () => getDocx(new Request("http://x/"), { params: Promise.resolve({ termKey: "2025-26-autumn" }) }), [
      people.staff,
      people.governor,
      people.adviser,
      null,
    ]);
    await expectRouteRefused("/reports/[termKey]/json", () => getJson(new Request("http://x/"), { params: Promise.resolve({ termKey: "2025-26-autumn" }) }), [
      people.staff,
      people.governor,
      people.adviser,
      null,
    ]);
  });

  it("the head downloads the draft's data as JSON: the same object the CLI prints, marked as a draft", async () => {
    actAs(people.headteacher);
    const res = await getJson(new Request("http://x/"), { params: Promise.resolve({ termKey: "2025-26-autumn" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toContain("report-to-governors-2025-26-autumn-draft.json");
    const body = (await res.json()) as ReportData;
    expect(body).toMatchObject({ term: "2025-26:autumn", status: "draft" });
    expect(body.plan.strands.map((s) => s.title)).toEqual(["Writing", "Attendance"]);
    expect(listAudit({ userId: people.headteacher.id, area: "report" })[0]).toMatchObject({ verb: "download", entityType: "report-json", entityId: "2025-26:autumn" });
  });
});

describe("publishing", () => {
  it("is refused to SLT, staff, governors, advisers and signed-out callers", async () => {
    await expectRefused(publishReportAction, { termKey: "2025-26:autumn", version: 1, confirm: true }, [people.slt, people.staff, people.governor, people.adviser, null]);
  });

  it("needs confirmation and the current version", async () => {
    actAs(people.headteacher);
    expect(await publishReportAction({ termKey: "2025-26:autumn", version: 1, confirm: false })).toMatchObject({ ok: false, fieldErrors: { confirm: expect.any(Array) } });
    expect(await publishReportAction({ termKey: "2025-26:autumn", version: 99, confirm: true })).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
  });

  it("freezes the report: later changes to the data never alter what governors received", async () => {
    actAs(people.headteacher);
    const version = findReport({ termId: autumn.id })!.version;
    const r = await publishReportAction({ termKey: "2025-26:autumn", version, confirm: true });
    expect(r).toMatchObject({ ok: true });
    const frozen = getReportData({ termKey: "2025-26:autumn" });
    expect(frozen.status).toBe("published");
    expect(frozen.plan.strands[0]!.actions.done).toBe(0);
    expect(frozen.plan.strands[0]!.rag).toBe("amber");

    db.update(planActions).set({ status: "done" }).where(eq(planActions.id, actionId)).run();
    db.update(reviews).set({ rag: "red" }).where(eq(reviews.termId, autumn.id)).run();
    const after = getReportData({ termKey: "2025-26:autumn" });
    expect(after).toEqual(frozen);
    // The live data did change: a fresh assembly sees it.
    expect(assembleReport({ termId: autumn.id }).plan.strands[0]!.actions.done).toBe(1);
    db.update(reviews).set({ rag: "amber" }).where(eq(reviews.termId, autumn.id)).run();

    // Its narrative is frozen too, and it cannot be published twice.
    expect(await saveReportNarrativeAction(narrative({ sectionKey: "governance", body: "Late edit" }))).toMatchObject({ ok: false });
    const now = findReport({ termId: autumn.id })!;
    expect(await publishReportAction({ termKey: "2025-26:autumn", version: now.version, confirm: true })).toMatchObject({ ok: false, formError: expect.stringContaining("already been published") });
    expect(db.select().from(auditLog).where(eq(auditLog.verb, "publish")).all()).toHaveLength(1);
  });

  it("published reports are readable by every role, from the snapshot", () => {
    for (const u of [people.headteacher, people.slt, people.staff, people.governor, people.adviser]) expect(reportForViewer(u, "2025-26-autumn")).toMatchObject({ ok: true, published: true });
  });

  it("a governor downloads the published report's data as JSON, from its snapshot", async () => {
    actAs(people.governor);
    const res = await getJson(new Request("http://x/"), { params: Promise.resolve({ termKey: "2025-26-autumn" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain('filename="report-to-governors-2025-26-autumn.json"');
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(getReportData({ termKey: "2025-26:autumn" }))));
    expect(listAudit({ userId: people.governor.id, area: "report" })[0]).toMatchObject({ verb: "download", entityType: "report-json" });
  });

  it("the Word document has the report's text and chart images", async () => {
    actAs(people.governor);
    const res = await getDocx(new Request("http://x/"), { params: Promise.resolve({ termKey: "2025-26-autumn" }) });
    expect(res.status).toBe(200);
    expect(listAudit({ userId: people.governor.id, area: "report" })[0]).toMatchObject({ verb: "download", entityType: "report-docx", entityId: "2025-26:autumn" });
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    const text = docxText(files);
    expect(text).toContain("Progress of the improvement plan");
    expect(text).toContain("Writing is improving quickly.");
    expect(text).toContain("1. Writing");
  });
});

describe("the next report", () => {
  it("compares with the previous published report and carries the governors' questions", async () => {
    // A governor asks about the attainment section of the published autumn report, during spring.
    actAs(people.governor);
    const report = findReport({ termId: autumn.id })!;
    const asked = await createChallengeAction({
      question: "Why did Year 6 writing dip?",
      source: "report",
      raisedOn: "2026-01-20",
      reportId: report.id,
      reportSection: "attainment",
      strandId: "",
      areaKey: "",
      visitId: "",
      ownerId: "",
    });
    expectOk(asked);
    actAs(people.headteacher);
    const c = (await import("@/lib/data/governance")).getChallenge({ id: asked.data.id });
    expect(c.termId).toBe(spring.id);
    expect(await answerChallengeAction({ id: c.id, version: c.version, answer: "Moderation lowered early judgements.", status: "answered", ownerId: "" })).toMatchObject({ ok: true });

    const springDraft = assembleReport({ termId: spring.id });
    const q = springDraft.governance.challenges.find((x) => x.id === c.id)!;
    expect(q).toMatchObject({ question: "Why did Year 6 writing dip?", answer: "Moderation lowered early judgements.", status: "answered" });
    expect(q.about).toContain("Autumn 2025 report: Pupil progress and attainment");

    const prev = previousPublished(spring.id)!;
    expect(prev.termKey).toBe("2025-26:autumn");
    // The latest published before the term, past terms without one: never the term's own or a later one.
    expect(previousPublished(summer.id)!.termKey).toBe("2025-26:autumn");
    expect(previousPublished(autumn.id)).toBeNull();
    const cmp = compareReports(springDraft, prev.data);
    expect(cmp.ragChanges).toContainEqual({ strand: "Writing", number: 1, from: "amber", to: "green" });
    expect(cmp.counts.find((x) => x.label === "Plan actions done")).toEqual({ label: "Plan actions done", from: 1, to: 2 });
    expect(springDraft.plan.strands[0]!.previousRag).toBe("amber");
  });

  it("a draft is assembled once while the data and the day stay the same, and afresh after any change", async () => {
    db.insert(planActions).values({ strandId: otherStrandId, description: "Attendance panel meetings", status: "not_started", dueDate: "2026-02-15" }).run();
    const overdue = (d: ReportData) => d.plan.strands.find((x) => x.title === "Attendance")!.actions.overdue;
    const count = (assemble: () => ReportData) => {
      const { result, sources } = queriesWhile(assemble);
      return { data: result, queries: sources.length };
    };
    const first = count(() => assembleReport({ termId: spring.id, today: "2026-03-01", now: "2026-03-01T09:00:00.000Z" }));
    const again = count(() => assembleReport({ termId: spring.id, today: "2026-03-01", now: "2026-03-01T15:30:00.000Z" }));
    expect(first.queries).toBeGreaterThan(20);
    expect(again.queries).toBe(0);
    // The same report, stamped with the time it was asked for, and the caller's own copy.
    expect(again.data.generatedAt).toBe("2026-03-01T15:30:00.000Z");
    expect(Object.keys(again.data)).toEqual(Object.keys(first.data));
    expect({ ...again.data, generatedAt: "" }).toEqual({ ...first.data, generatedAt: "" });
    again.data.plan.strands[0]!.title = "Changed by one caller";
    expect(assembleReport({ termId: spring.id, today: "2026-03-01" }).plan.strands[0]!.title).toBe("Writing");

    // Another day decides what is overdue afresh: the panel meetings were due on 15 February.
    const before = count(() => assembleReport({ termId: spring.id, today: "2026-02-01" }));
    expect(before.queries).toBeGreaterThan(20);
    expect(overdue(before.data)).toBe(0);
    expect(overdue(first.data)).toBe(1);

    // Any write, such as the head's narrative, is in the next assembly.
    actAs(people.headteacher);
    expect(await saveReportNarrativeAction(narrative({ termKey: "2025-26:spring", sectionKey: "context", body: "New staff this term." }))).toMatchObject({ ok: true });
    const after = count(() => assembleReport({ termId: spring.id, today: "2026-03-01" }));
    expect(after.queries).toBeGreaterThan(20);
    expect(after.data.narrative.context).toBe("New staff this term.");
    expect(first.data.narrative.context).toBeUndefined();
  });

  it("a term with nothing recorded still assembles, with empty sections", () => {
    const d: ReportData = assembleReport({ termId: summer.id });
    expect(d.term).toBe("2025-26:summer");
    expect(d.attainment).toEqual([]);
    expect(d.progressMeetings.meetingsHeld).toBe(0);
    expect(Object.keys(d)).toEqual(
      expect.arrayContaining(["school", "term", "status", "context", "plan", "monitoring", "attainment", "gaps", "progressMeetings", "selfEvaluation", "governance", "narrative"]),
    );
    expect(db.select().from(reports).where(eq(reports.termId, summer.id)).get()).toBeUndefined();
  });
});
