import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { publishReportAction } from "@/app/(app)/reports/[termKey]/actions";
import { saveReportFormatAction } from "@/app/(app)/reports/format/actions";
import { db } from "@/db/client";
import { auditLog, planActions, plans, reviews, strands, successCriteria } from "@/db/schema";
import { REPORT_SECTIONS, type ReportSection } from "@/db/schema/enums";
import { findReport } from "@/lib/data/report";
import { getReportFormat } from "@/lib/data/report-format";
import { listTerms } from "@/lib/data/school";
import { assembleReport, getReportData } from "@/lib/report/assemble";
import { DEFAULT_FORMAT, DEFAULT_MARK, LEGACY_FORMAT, formatOf, placedSections } from "@/lib/report/format";
import { suggestNarrative } from "@/lib/report/suggest";
import type { ReportData } from "@/lib/report/types";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";
import { expectRefused } from "./helpers";

let people: ReturnType<typeof createOnePerRole>;
let autumn: ReturnType<typeof listTerms>[number];
let spring: ReturnType<typeof listTerms>[number];
let summer: ReturnType<typeof listTerms>[number];

const ORDER: ReportSection[] = ["summary", "plan", "attainment", "attendance", "quality", "self_evaluation", "progress_meetings", "governance", "priorities", "context"];
const input = (over: Partial<{ version: number; targetPages: number; sections: { key: ReportSection; include: boolean; mark: "decision" | "discussion" | "information" }[] }> = {}) => ({
  version: 0,
  targetPages: 8,
  sections: ORDER.map((key) => ({ key, include: key !== "progress_meetings", mark: key === "attendance" ? ("decision" as const) : DEFAULT_MARK[key] })),
  ...over,
});

beforeAll(() => {
  ensureTestSchool();
  people = createOnePerRole();
  [autumn, spring, summer] = listTerms() as [typeof autumn, typeof spring, typeof summer];
  const [plan] = db.insert(plans).values({ academicYearId: autumn.academicYearId, title: "Plan" }).returning().all();
  const [writing] = db.insert(strands).values({ planId: plan!.id, title: "Writing", leadId: people.slt.id, position: 0 }).returning().all();
  const [reading] = db.insert(strands).values({ planId: plan!.id, title: "Reading", leadId: people.headteacher.id, position: 1 }).returning().all();
  db.insert(successCriteria)
    .values({
      strandId: writing!.id,
      kind: "measurable",
      description: "Subject leaders complete deep dives",
      isHeadline: true,
      metric: "manual",
      baseline: 0,
      target: 8,
      unit: "subjects",
      dueTermId: summer.id,
      position: 0,
    })
    .run();
  db.insert(planActions).values({ strandId: writing!.id, description: "Train staff", status: "in_progress", dueDate: "2025-11-30" }).run();
  db.insert(reviews).values({ strandId: writing!.id, termId: autumn.id, rag: "green", reviewedOn: "2025-12-10", progress: "Going well" }).run();
  db.insert(reviews).values({ strandId: writing!.id, termId: spring.id, rag: "red", reviewedOn: "2026-03-20", progress: "Stalled" }).run();
  db.insert(reviews).values({ strandId: reading!.id, termId: spring.id, rag: "amber", reviewedOn: "2026-03-20", progress: "Slow" }).run();
});

describe("the board's report format", () => {
  it("is the default (summary first, every section, ten pages) until the head saves one, and drafts carry it", () => {
    const f = getReportFormat();
    expect(f.version).toBe(0);
    expect(f.sections.map((s) => s.key)).toEqual([...REPORT_SECTIONS]);
    expect(f.sections[0]).toEqual({ key: "summary", include: true, mark: "discussion" });
    expect(f.targetPages).toBe(10);
    const draft = assembleReport({ termId: autumn.id });
    expect(draft.format).toEqual(DEFAULT_FORMAT);
    expect(placedSections(formatOf(draft)).map((s) => [s.key, s.number])).toEqual([
      ["summary", null],
      ["context", 1],
      ["plan", 2],
      ["quality", 3],
      ["attainment", 4],
      ["attendance", 5],
      ["progress_meetings", 6],
      ["self_evaluation", 7],
      ["governance", 8],
      ["priorities", 9],
    ]);
  });

  it("is set by the head alone", async () => {
    await expectRefused(saveReportFormatAction, input(), [people.slt, people.staff, people.governor, people.adviser, null]);
    expect(getReportFormat().version).toBe(0);
  });

  it("refuses a length out of range, no section at all, or a section twice, with field errors", async () => {
    actAs(people.headteacher);
    expect(await saveReportFormatAction(input({ targetPages: 1 }))).toMatchObject({ ok: false, fieldErrors: { targetPages: [expect.stringContaining("at least 2")] } });
    expect(await saveReportFormatAction(input({ targetPages: 2.5 }))).toMatchObject({ ok: false, fieldErrors: { targetPages: expect.any(Array) } });
    expect(await saveReportFormatAction(input({ sections: ORDER.map((key) => ({ key, include: false, mark: "information" })) }))).toMatchObject({
      ok: false,
      fieldErrors: { sections: [expect.stringContaining("at least one section")] },
    });
    const twice = ORDER.map((key) => ({ key: key === "context" ? ("plan" as const) : key, include: true, mark: "information" as const }));
    expect(await saveReportFormatAction(input({ sections: twice }))).toMatchObject({ ok: false, fieldErrors: { sections: [expect.stringContaining("every section once")] } });
    expect(getReportFormat().version).toBe(0);
  });

  it("saves the order, the sections left out, the marks and the length; drafts follow it; a stale save is a conflict", async () => {
    actAs(people.headteacher);
    expect(await saveReportFormatAction(input())).toMatchObject({ ok: true, data: { version: 1 } });
    const draft = assembleReport({ termId: spring.id });
    expect(draft.format!.targetPages).toBe(8);
    expect(placedSections(formatOf(draft)).map((s) => s.key)).toEqual(ORDER.filter((k) => k !== "progress_meetings"));
    expect(placedSections(formatOf(draft)).find((s) => s.key === "attendance")).toMatchObject({ number: 3, mark: "decision" });
    expect(await saveReportFormatAction(input({ targetPages: 12 }))).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(getReportFormat().targetPages).toBe(8);
    const audit = db.select().from(auditLog).where(eq(auditLog.entityType, "report_format")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain("9 sections");
  });

  it("a published report keeps the format it was published with; later changes reach drafts only", async () => {
    actAs(people.headteacher);
    const version = findReport({ termId: autumn.id })?.version ?? 0;
    expect(await publishReportAction({ termKey: "2025-26:autumn", version, confirm: true })).toMatchObject({ ok: true });
    const published = getReportData({ termKey: "2025-26:autumn" });
    expect(published.format!.targetPages).toBe(8);

    const next = ORDER.map((key) => ({ key, include: key !== "governance", mark: DEFAULT_MARK[key] }));
    expect(await saveReportFormatAction(input({ version: 1, targetPages: 6, sections: next.reverse() }))).toMatchObject({ ok: true, data: { version: 2 } });
    const again = getReportData({ termKey: "2025-26:autumn" });
    expect(again.format).toEqual(published.format);
    expect(placedSections(formatOf(again)).map((s) => s.key)).toContain("governance");
    const draft = getReportData({ termKey: "2025-26:spring" });
    expect(draft.format!.targetPages).toBe(6);
    expect(placedSections(formatOf(draft)).map((s) => s.key)).not.toContain("governance");
    expect(placedSections(formatOf(draft))[0]!.key).toBe("context");
  });

  it("a snapshot published before the board had a format shows the old nine sections, without a summary", () => {
    const old = { ...assembleReport({ termId: summer.id }), format: undefined, summary: undefined } as ReportData;
    expect(formatOf(old)).toBe(LEGACY_FORMAT);
    expect(placedSections(formatOf(old)).map((s) => s.key)).toEqual(REPORT_SECTIONS.filter((k) => k !== "summary"));
  });
});

describe("the summary", () => {
  it("puts each strand's headline criteria now and last term, the points for the board and what changed", () => {
    // Spring, after the autumn report was published: the writing strand fell from green to red.
    const data = assembleReport({ termId: spring.id });
    const s = data.summary!;
    expect(s.previousTerm).toBe("2025-26:autumn");
    expect(s.heatMap).toEqual([
      expect.objectContaining({ strandNumber: 1, criterion: "Subject leaders complete deep dives", previousTone: expect.any(String), nowTone: expect.any(String) }),
      // A strand with no headline criterion shows its own RAG.
      expect.objectContaining({ strandNumber: 2, criterion: null, now: "Amber", nowTone: "amber", previous: null, previousTone: "grey" }),
    ]);
    expect(s.points.length).toBeGreaterThanOrEqual(3);
    expect(s.points.length).toBeLessThanOrEqual(5);
    expect(s.points[0]).toMatchObject({ kind: "decision", section: "plan", text: expect.stringContaining("Strand 1 (Writing) is red") });
    expect(s.points.map((p) => p.text).join(" ")).toContain("Strand 2 (Reading) is amber");
    expect(s.points.map((p) => p.text).join(" ")).toMatch(/1 action is overdue/);
    expect(s.points.some((p) => p.kind === "decision" && p.section === "priorities")).toBe(true);
    expect(s.changes).toContain("Strand 1 (Writing) moved from green to red.");
  });

  it("with nothing published before, says there is nothing to compare with", () => {
    const s = assembleReport({ termId: autumn.id }).summary!;
    expect(s.previousTerm).toBeNull();
    expect(s.changes).toEqual(["This is the first published report to governors: there is nothing earlier to compare with."]);
  });

  it("suggests a narrative from its points, for the head to edit", () => {
    const data = assembleReport({ termId: spring.id });
    const text = suggestNarrative("summary", data);
    expect(text).toContain("For decision: Strand 1 (Writing) is red");
    expect(text).toContain("For discussion:");
  });
});
