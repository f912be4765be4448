import { describe, expect, it } from "vitest";
import { computeAttainment, computeGaps, pct, type AnalysisPupil, type AnalysisResult } from "@/lib/analytics/attainment";
import { PRIMARY_SCHEME } from "@/lib/analytics/schemes";

function pupil(id: string, over: Partial<AnalysisPupil> = {}): AnalysisPupil {
  return { id, yearGroup: "Y6", gender: "F", disadvantaged: false, sen: "N", eal: false, ...over };
}
const res = (pupilId: string, subject: string, result: string): AnalysisResult => ({ pupilId, subject, result });
const row = (rows: ReturnType<typeof computeAttainment>, subject: string, group: string) => rows.find((r) => r.subject === subject && r.group === group);

describe("pct: half-up to one decimal place in integers", () => {
  it.each([
    [1, 3, 33.3], // 33.333…
    [2, 3, 66.7], // 66.666…
    [1, 8, 12.5], // exact
    [1, 16, 6.3], // 6.25 rounds half up
    [5, 16, 31.3], // 31.25 rounds half up
    [3, 40, 7.5],
    [0, 7, 0],
    [7, 7, 100],
  ])("%i of %i → %d", (count, cohort, expected) => {
    expect(pct(count, cohort)).toBe(expected);
  });
});

describe("computeAttainment (SPEC §4.4)", () => {
  it("suppresses a cohort of 4 but not of 5", () => {
    const ps = ["a", "b", "c", "d", "e"].map((id) => pupil(id));
    const four = computeAttainment(
      ps.slice(0, 4),
      ps.slice(0, 4).map((p) => res(p.id, "maths", "EXS")),
      PRIMARY_SCHEME,
    );
    expect(row(four, "maths", "all")).toEqual({
      yearGroup: "Y6",
      subject: "maths",
      group: "all",
      cohort: 4,
      atExpectedPct: null,
      greaterDepthPct: null,
      suppressed: true,
      suppressionReason: "small_cohort",
    });
    const five = computeAttainment(ps, [...ps.slice(0, 3).map((p) => res(p.id, "maths", "EXS")), res("d", "maths", "WTS"), res("e", "maths", "GDS")], PRIMARY_SCHEME);
    expect(row(five, "maths", "all")).toEqual({ yearGroup: "Y6", subject: "maths", group: "all", cohort: 5, atExpectedPct: 80, greaterDepthPct: 20, suppressed: false });
  });

  it("counts only pupils with a result for the subject in the term; no row for an empty cohort", () => {
    const ps = ["a", "b", "c", "d", "e", "f"].map((id) => pupil(id));
    const rows = computeAttainment(
      ps,
      ps.slice(0, 5).map((p, i) => res(p.id, "reading", i < 2 ? "EXS" : "WTS")),
      PRIMARY_SCHEME,
    );
    expect(row(rows, "reading", "all")?.cohort).toBe(5);
    expect(row(rows, "reading", "all")?.atExpectedPct).toBe(40);
    expect(row(rows, "writing", "all")).toBeUndefined();
    expect(row(rows, "reading", "disadvantaged")).toBeUndefined();
  });

  it("rwm counts pupils with any of the three and treats a missing subject as not met", () => {
    const ps = ["a", "b", "c", "d", "e"].map((id) => pupil(id));
    const results = [
      // a: all three EXS+ → met; all three GDS → greater depth
      res("a", "reading", "GDS"),
      res("a", "writing", "GDS"),
      res("a", "maths", "GDS"),
      // b: met, not greater depth
      res("b", "reading", "EXS"),
      res("b", "writing", "GDS"),
      res("b", "maths", "EXS"),
      // c: writing missing → counted, not met
      res("c", "reading", "GDS"),
      res("c", "maths", "GDS"),
      // d: only maths → counted, not met
      res("d", "maths", "EXS"),
      // e: WTS in writing → not met
      res("e", "reading", "EXS"),
      res("e", "writing", "WTS"),
      res("e", "maths", "EXS"),
    ];
    const rwm = row(computeAttainment(ps, results, PRIMARY_SCHEME), "rwm", "all");
    expect(rwm).toMatchObject({ cohort: 5, atExpectedPct: 40, greaterDepthPct: 20, suppressed: false });
  });

  it("science is not part of rwm and a pupil with only science is not in the rwm cohort", () => {
    const ps = ["a", "b", "c", "d", "e", "f"].map((id) => pupil(id));
    const results = [...ps.slice(0, 5).map((p) => res(p.id, "reading", "EXS")), res("f", "science", "EXS")];
    expect(row(computeAttainment(ps, results, PRIMARY_SCHEME), "rwm", "all")?.cohort).toBe(5);
  });

  it("gender X pupils count in all but in neither girls nor boys", () => {
    const ps = [...["g1", "g2", "g3", "g4", "g5"].map((id) => pupil(id, { gender: "F" })), ...["b1", "b2", "b3", "b4", "b5"].map((id) => pupil(id, { gender: "M" })), pupil("x1", { gender: "X" })];
    const rows = computeAttainment(
      ps,
      ps.map((p) => res(p.id, "maths", ["x1", "g1", "b1", "b2"].includes(p.id) ? "EXS" : "WTS")),
      PRIMARY_SCHEME,
    );
    expect(row(rows, "maths", "all")).toMatchObject({ cohort: 11, atExpectedPct: 36.4 });
    // The one pupil recorded as X would be all − girls − boys: the smaller of girls and boys (here the first of equals) is withheld too.
    expect(row(rows, "maths", "girls")).toMatchObject({ cohort: 5, atExpectedPct: null, suppressed: true, suppressionReason: "secondary" });
    expect(row(rows, "maths", "boys")).toMatchObject({ cohort: 5, atExpectedPct: 40, suppressed: false });
  });

  it("sen is K or E; year groups come out in school order", () => {
    const ps = [
      ...["a", "b", "c"].map((id) => pupil(id, { sen: "K", yearGroup: "Y6" })),
      ...["d", "e"].map((id) => pupil(id, { sen: "E", yearGroup: "Y6" })),
      ...["f", "g", "h", "i", "j"].map((id) => pupil(id, { yearGroup: "R" })),
    ];
    const rows = computeAttainment(
      ps,
      ps.map((p) => res(p.id, "reading", "EXS")),
      PRIMARY_SCHEME,
    );
    expect(
      row(
        rows.filter((r) => r.yearGroup === "Y6"),
        "reading",
        "sen",
      )?.cohort,
    ).toBe(5);
    expect(rows[0]!.yearGroup).toBe("R");
  });
});

describe("computeGaps", () => {
  it("is disadvantaged minus not-disadvantaged, null when either side is suppressed", () => {
    const dis = ["d1", "d2", "d3", "d4", "d5", "d6", "d7"].map((id) => pupil(id, { disadvantaged: true }));
    const non = ["n1", "n2", "n3", "n4", "n5", "n6"].map((id) => pupil(id));
    const results = [
      ...dis.map((p, i) => res(p.id, "writing", i < 4 ? "EXS" : "WTS")), // 4/7 = 57.1
      ...non.map((p, i) => res(p.id, "writing", i < 5 ? "EXS" : "WTS")), // 5/6 = 83.3
      ...dis.slice(0, 3).map((p) => res(p.id, "maths", "EXS")), // disadvantaged cohort 3: suppressed
      ...non.map((p, i) => res(p.id, "maths", i < 4 ? "EXS" : "WTS")),
    ];
    const gaps = computeGaps(computeAttainment([...dis, ...non], results, PRIMARY_SCHEME));
    expect(gaps.find((g) => g.subject === "writing")).toEqual({ yearGroup: "Y6", subject: "writing", gapPts: -26.2 });
    expect(gaps.find((g) => g.subject === "maths")).toEqual({ yearGroup: "Y6", subject: "maths", gapPts: null });
  });
});
