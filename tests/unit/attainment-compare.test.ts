import { describe, expect, it } from "vitest";
import { computeAttainment, computeGaps, type AnalysisPupil, type AnalysisResult, type AttainmentRow } from "@/lib/analytics/attainment";
import { attainmentTrend, changePts, compareAttainment, compareGaps, computeTargetAttainment, findPockets, gapTrend, trendHasData } from "@/lib/analytics/attainment-compare";
import { analysisSubjects, getScheme, PRIMARY_SCHEME, SECONDARY_SCHEME } from "@/lib/analytics/schemes";

function pupil(id: string, over: Partial<AnalysisPupil> = {}): AnalysisPupil {
  return { id, yearGroup: "Y11", gender: "F", disadvantaged: false, sen: "N", eal: false, ...over };
}
const res = (pupilId: string, subject: string, result: string): AnalysisResult => ({ pupilId, subject, result });
const row = (over: Partial<AttainmentRow>): AttainmentRow => ({ yearGroup: "Y6", subject: "writing", group: "all", cohort: 30, atExpectedPct: 60, greaterDepthPct: 10, suppressed: false, ...over });

describe("secondary scheme (GCSE 9–1)", () => {
  it("is chosen by id and reports its combined measure, basics", () => {
    expect(getScheme("secondary")).toBe(SECONDARY_SCHEME);
    expect(analysisSubjects(SECONDARY_SCHEME)).toEqual(["english", "maths", "science", "history", "geography", "languages", "basics"]);
    expect(analysisSubjects(PRIMARY_SCHEME)).toEqual(["reading", "writing", "maths", "science", "rwm"]);
  });

  it("counts grade 4+ as the expected standard and 7+ as the higher standard; U and 3 are below", () => {
    const ps = ["a", "b", "c", "d", "e", "f", "g", "h"].map((id) => pupil(id));
    const grades = ["U", "3", "4", "5", "6", "7", "8", "9"];
    const rows = computeAttainment(
      ps,
      ps.map((p, i) => res(p.id, "maths", grades[i]!)),
      SECONDARY_SCHEME,
    );
    expect(rows.find((r) => r.subject === "maths" && r.group === "all")).toEqual({
      yearGroup: "Y11",
      subject: "maths",
      group: "all",
      cohort: 8,
      atExpectedPct: 75,
      greaterDepthPct: 37.5,
      suppressed: false,
    });
  });

  it("basics needs 4+ in both English and maths; a missing one is not met; 7+ in both for the higher standard", () => {
    const ps = ["a", "b", "c", "d", "e", "f"].map((id) => pupil(id));
    const results = [
      res("a", "english", "7"),
      res("a", "maths", "9"), // met, higher
      res("b", "english", "4"),
      res("b", "maths", "4"), // met
      res("c", "english", "3"),
      res("c", "maths", "8"), // not met
      res("d", "english", "6"), // maths missing: counted, not met
      res("e", "maths", "5"),
      res("e", "english", "7"), // met
      res("f", "science", "9"), // no English or maths: not in the basics cohort
    ];
    const rows = computeAttainment(ps, results, SECONDARY_SCHEME);
    expect(rows.find((r) => r.subject === "basics" && r.group === "all")).toMatchObject({ cohort: 5, atExpectedPct: 60, greaterDepthPct: 20 });
    expect(rows.find((r) => r.subject === "science" && r.group === "all")).toMatchObject({ cohort: 1, suppressed: true, atExpectedPct: null });
  });

  it("computes gaps for secondary subjects", () => {
    const dis = ["d1", "d2", "d3", "d4", "d5"].map((id) => pupil(id, { disadvantaged: true }));
    const non = ["n1", "n2", "n3", "n4", "n5"].map((id) => pupil(id));
    const results = [...dis.map((p, i) => res(p.id, "english", i < 2 ? "4" : "2")), ...non.map((p, i) => res(p.id, "english", i < 4 ? "5" : "3"))];
    const gaps = computeGaps(computeAttainment([...dis, ...non], results, SECONDARY_SCHEME));
    expect(gaps.find((g) => g.subject === "english")).toEqual({ yearGroup: "Y11", subject: "english", gapPts: -40 });
  });

  it("% at or above target, suppressed below five, and none for a scheme without targets", () => {
    const ps = ["a", "b", "c", "d", "e"].map((id) => pupil(id));
    const results = [
      { pupilId: "a", subject: "maths", result: "6", target: "6" },
      { pupilId: "b", subject: "maths", result: "7", target: "6" },
      { pupilId: "c", subject: "maths", result: "U", target: "4" },
      { pupilId: "d", subject: "maths", result: "5", target: "6" },
      { pupilId: "e", subject: "maths", result: "9", target: "8" },
      { pupilId: "a", subject: "english", result: "5", target: null }, // no target: not counted
    ];
    const rows = computeTargetAttainment(ps, results, SECONDARY_SCHEME);
    expect(rows.find((r) => r.subject === "maths" && r.group === "all")).toEqual({ yearGroup: "Y11", subject: "maths", group: "all", cohort: 5, onTargetPct: 60, suppressed: false });
    expect(rows.find((r) => r.subject === "english")).toBeUndefined();
    expect(computeTargetAttainment(ps, results, PRIMARY_SCHEME)).toEqual([]);
  });
});

describe("changes since the previous term and last year", () => {
  it("is the difference in points to one decimal place, null when either side is missing or suppressed", () => {
    expect(changePts(71.4, 58.3)).toBe(13.1);
    expect(changePts(50, 62.5)).toBe(-12.5);
    expect(changePts(null, 50)).toBeNull();
    expect(changePts(50, undefined)).toBeNull();
  });

  it("matches rows by year group, subject and group", () => {
    const current = [row({ atExpectedPct: 71 }), row({ group: "disadvantaged", cohort: 4, atExpectedPct: null, suppressed: true }), row({ subject: "maths", atExpectedPct: 80 })];
    const previous = [row({ atExpectedPct: 58.3 }), row({ group: "disadvantaged", cohort: 6, atExpectedPct: 50 }), row({ yearGroup: "Y5", subject: "maths", atExpectedPct: 10 })];
    const lastYear = [row({ atExpectedPct: 75.5 })];
    const out = compareAttainment(current, previous, lastYear);
    expect(out[0]).toMatchObject({ previousTermPct: 58.3, changeSincePreviousTerm: 12.7, lastYearPct: 75.5, changeSinceLastYear: -4.5 });
    expect(out[1]).toMatchObject({ previousTermPct: 50, changeSincePreviousTerm: null });
    expect(out[2]).toMatchObject({ previousTermPct: null, changeSincePreviousTerm: null, lastYearPct: null });
    expect(compareAttainment(current, null, null)[0]).toMatchObject({ changeSincePreviousTerm: null, changeSinceLastYear: null });
  });

  it("compares gaps the same way (a positive change is a narrowing gap)", () => {
    const out = compareGaps([{ yearGroup: "Y6", subject: "writing", gapPts: -12 }], [{ yearGroup: "Y6", subject: "writing", gapPts: -18 }], [{ yearGroup: "Y6", subject: "writing", gapPts: null }]);
    expect(out[0]).toEqual({ yearGroup: "Y6", subject: "writing", gapPts: -12, previousTermGap: -18, changeSincePreviousTerm: 6, lastYearGap: null, changeSinceLastYear: null });
  });
});

describe("pockets of underachievement", () => {
  it("flags a group 15 or more points below its year group, never a suppressed one, largest first", () => {
    const rows = [
      row({ atExpectedPct: 70 }),
      row({ group: "disadvantaged", cohort: 9, atExpectedPct: 55 }), // exactly 15 below: a pocket
      row({ group: "boys", cohort: 15, atExpectedPct: 55.1 }), // 14.9 below: not
      row({ group: "sen", cohort: 4, atExpectedPct: null, suppressed: true }), // suppressed: never
      row({ group: "eal", cohort: 6, atExpectedPct: 33.3 }), // 36.7 below
      row({ subject: "maths", atExpectedPct: null, suppressed: true, cohort: 3 }),
      row({ subject: "maths", group: "girls", cohort: 5, atExpectedPct: 0 }), // whole year suppressed: no comparison
    ];
    expect(findPockets(rows)).toEqual([
      { yearGroup: "Y6", subject: "writing", group: "eal", cohort: 6, groupPct: 33.3, yearGroupPct: 70, belowPts: 36.7 },
      { yearGroup: "Y6", subject: "writing", group: "disadvantaged", cohort: 9, groupPct: 55, yearGroupPct: 70, belowPts: 15 },
    ]);
    expect(findPockets(rows, { thresholdPts: 40 })).toEqual([]);
  });
});

describe("trends", () => {
  const series = [
    { termKey: "2025-26:autumn", attainment: [row({ atExpectedPct: 50 }), row({ subject: "maths", atExpectedPct: 60 })], gaps: [{ yearGroup: "Y6", subject: "writing", gapPts: -20 }] },
    { termKey: "2025-26:spring", attainment: [row({ atExpectedPct: 55 })], gaps: [{ yearGroup: "Y6", subject: "writing", gapPts: null }] },
    { termKey: "2025-26:summer", attainment: [], gaps: [] },
  ];
  it("gives % at expected per subject per term, null where absent", () => {
    expect(attainmentTrend(series, { yearGroup: "Y6", subjects: ["writing", "maths"] })).toEqual([
      { termKey: "2025-26:autumn", values: { writing: 50, maths: 60 } },
      { termKey: "2025-26:spring", values: { writing: 55, maths: null } },
      { termKey: "2025-26:summer", values: { writing: null, maths: null } },
    ]);
  });
  it("gives the gap per subject per term", () => {
    const g = gapTrend(series, { yearGroup: "Y6", subjects: ["writing"] });
    expect(g.map((p) => p.values.writing)).toEqual([-20, null, null]);
    expect(trendHasData(g)).toBe(true);
    expect(trendHasData(gapTrend(series, { yearGroup: "Y5", subjects: ["writing"] }))).toBe(false);
  });
});
