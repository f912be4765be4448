import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import { CRITERION_STATUS_LABEL } from "@/lib/analytics/criteria";
import { getPlanOverview, getStrandDetail } from "@/lib/data/sip";
import { REPORT_READER } from "../factories";
import { listTerms, todayIso } from "@/lib/data/school";
import { buildPlan } from "@/lib/report/sections/plan";
import type { ReportCriterion } from "@/lib/report/types";

/**
 * The report's plan section reads every strand's criteria, reviews and evidence in one query per kind
 * of row. It must say exactly what the strand pages say: each criterion's current value, label, term
 * and status as getStrandDetail (the plan area's own view) gives them, for every term of every year.
 */
beforeAll(async () => {
  await seedDemo(db);
});

function fromStrandPage(strandId: string, asOf: string, termId: string): { criteria: ReportCriterion[]; progress: string; links: string[] } {
  const detail = getStrandDetail({ id: strandId, viewer: REPORT_READER, today: asOf });
  const review = detail.reviews.find((r) => r.termId === termId) ?? null;
  return {
    criteria: detail.criteria.map((c) => {
      const measurable = c.kind === "measurable" && !!c.metric;
      return {
        description: c.description,
        headline: c.isHeadline,
        measurable,
        metric: measurable ? c.metricLabel : null,
        baseline: c.baseline,
        target: c.target,
        current: c.current.value,
        currentLabel: c.currentLabel,
        baselineLabel: c.baselineLabel,
        targetLabel: c.targetLabel,
        currentTerm: c.current.termKey,
        lowerIsBetter: c.lowerIsBetter,
        dueTerm: c.dueTermKey,
        status: c.status ? CRITERION_STATUS_LABEL[c.status] : null,
      };
    }),
    progress: review?.progress ?? "",
    links: (review?.evidence ?? []).map((e) => (e.targetType === "observation" ? "A lesson observation" : e.label)),
  };
}

describe("the report's plan section, read for all strands at once", () => {
  it("values every criterion and cites every review as the strand pages do, in every term", () => {
    const today = todayIso();
    let compared = 0;
    let measurable = 0;
    for (const term of listTerms().filter((t) => t.startDate <= today)) {
      const asOf = today < term.endDate ? today : term.endDate;
      const plan = buildPlan({ term, asOf }, db);
      expect(plan.strands.length).toBe(getPlanOverview({ academicYearId: term.academicYearId, today: asOf, refTermId: term.id }).strands.length);
      for (const s of plan.strands) {
        const page = fromStrandPage(s.id, asOf, term.id);
        expect(s.criteria, `${term.key} strand ${s.number}`).toEqual(page.criteria);
        expect(s.evidence.progress).toBe(page.progress);
        expect(s.evidence.links).toEqual(page.links);
        compared += s.criteria.length;
        measurable += s.criteria.filter((c) => c.measurable && c.current !== null).length;
      }
    }
    // The demo exercises it: many criteria, many of them measured.
    expect(compared).toBeGreaterThan(20);
    expect(measurable).toBeGreaterThan(10);
  });
});
