import { describe, expect, it } from "vitest";
import { applySuppression, decideSuppression, withheldLabel, type DisclosureRow } from "@/lib/analytics/disclosure";

/** A row of one measure, "exp", given as count of cohort. */
const r = (group: string, cohort: number, count: number, yearGroup = "Y3"): DisclosureRow => ({
  yearGroup,
  group,
  cohort,
  values: { exp: Math.floor((2000 * count + cohort) / (2 * cohort)) / 10 },
});
const decide = (rows: DisclosureRow[]) => Object.fromEntries(decideSuppression(rows).map((d, i) => [`${rows[i]!.yearGroup}/${rows[i]!.group}`, d]));

describe("primary suppression and all-or-none (lib/analytics/disclosure)", () => {
  it("hides a cohort of 1–4, withholds 0% or 100% of 5–9 pupils, and shows 0% or 100% of 10", () => {
    const d = decide([r("all", 4, 2, "Y1"), r("all", 7, 7, "Y2"), r("all", 9, 0, "Y4"), r("all", 10, 10, "Y5"), r("all", 9, 4, "Y6")]);
    expect(d["Y1/all"]).toMatchObject({ suppressed: true, suppressionReason: "small_cohort" });
    expect(d["Y2/all"]).toMatchObject({ suppressed: true, suppressionReason: "all_or_none" });
    expect(d["Y4/all"]).toMatchObject({ suppressed: true, suppressionReason: "all_or_none" });
    expect(d["Y5/all"]).toMatchObject({ suppressed: false, withheld: {} });
    expect(d["Y6/all"]).toMatchObject({ suppressed: false, withheld: {} });
  });

  it("withholds only the figure that is 0% or 100%, not the row's other figures", () => {
    const [row] = applySuppression([{ yearGroup: "Y6", group: "sen", cohort: 7, atExpectedPct: 57.1, greaterDepthPct: 0 }], ["atExpectedPct", "greaterDepthPct"], { partitions: [] });
    expect(row).toEqual({ yearGroup: "Y6", group: "sen", cohort: 7, atExpectedPct: 57.1, greaterDepthPct: null, suppressed: false, withheld: { greaterDepthPct: "all_or_none" } });
    expect(withheldLabel(row!, "greaterDepthPct")).toBe("withheld (all or none)");
    expect(withheldLabel(row!, "atExpectedPct")).toBeNull();
  });
});

describe("secondary suppression (SPEC §4.4)", () => {
  it("all − girls − boys leaving one pupil recorded as X: the smaller of girls and boys is hidden too", () => {
    const d = decide([r("all", 30, 18), r("girls", 14, 9), r("boys", 15, 8)]);
    expect(d["Y3/girls"]).toMatchObject({ suppressed: true, suppressionReason: "secondary" });
    expect(d["Y3/boys"]).toMatchObject({ suppressed: false });
    expect(d["Y3/all"]).toMatchObject({ suppressed: false });
  });

  it("leaves girls and boys alone when they make up the whole year group, or leave five or more", () => {
    expect(decide([r("all", 29, 18), r("girls", 14, 9), r("boys", 15, 9)])["Y3/girls"]).toMatchObject({ suppressed: false });
    expect(decide([r("all", 34, 18), r("girls", 14, 9), r("boys", 15, 6)])["Y3/girls"]).toMatchObject({ suppressed: false });
  });

  it("a hidden disadvantaged group is not left as all − not disadvantaged", () => {
    const d = decide([r("all", 28, 20), r("disadvantaged", 3, 1), r("not_disadvantaged", 25, 19)]);
    expect(d["Y3/disadvantaged"]).toMatchObject({ suppressed: true, suppressionReason: "small_cohort" });
    expect(d["Y3/not_disadvantaged"]).toMatchObject({ suppressed: true, suppressionReason: "secondary" });
  });

  it("a group of 5–9 withheld as all-or-none is not left as all − its partner either", () => {
    const d = decide([r("all", 30, 23), r("disadvantaged", 6, 6), r("not_disadvantaged", 24, 17)]);
    expect(d["Y3/disadvantaged"]).toMatchObject({ suppressed: true, suppressionReason: "all_or_none" });
    expect(d["Y3/not_disadvantaged"]).toMatchObject({ suppressed: true, suppressionReason: "secondary" });
  });

  it("a derived group of 5–9 pupils who all or none meet the measure counts as disclosed", () => {
    // all 30 − girls 12 − boys 12 = 6 pupils recorded as X, all of them at the standard.
    const d = decide([r("all", 30, 20), r("girls", 12, 7), r("boys", 12, 7)]);
    expect(d["Y3/girls"]).toMatchObject({ suppressed: true, suppressionReason: "secondary" });
    expect(d["Y3/boys"]).toMatchObject({ suppressed: false });
    // The same six pupils with a mixed result are not disclosed.
    expect(decide([r("all", 30, 17), r("girls", 12, 7), r("boys", 12, 7)])["Y3/girls"]).toMatchObject({ suppressed: false });
  });

  it("a group covering all but 1–4 of the year group (SEN, EAL) is hidden: the rest would be all − it", () => {
    const d = decide([r("all", 20, 12), r("sen", 17, 9), r("eal", 15, 9)]);
    expect(d["Y3/sen"]).toMatchObject({ suppressed: true, suppressionReason: "secondary" });
    expect(d["Y3/eal"]).toMatchObject({ suppressed: false });
  });

  it("year groups are a partition of the whole school where whole-school rows exist", () => {
    const d = decide([r("all", 40, 30, "all"), r("all", 3, 2, "Y1"), r("all", 37, 28, "Y2")]);
    expect(d["Y1/all"]).toMatchObject({ suppressionReason: "small_cohort" });
    expect(d["Y2/all"]).toMatchObject({ suppressed: true, suppressionReason: "secondary" });
  });

  it("compares rows only within a slice (one subject cannot be subtracted from another)", () => {
    const rows = [r("all", 30, 18), r("girls", 14, 9), { ...r("boys", 15, 8) }];
    const decisions = decideSuppression([...rows, ...rows.slice(0, 2)], { slice: (_row, i) => (i < 3 ? "reading" : "maths") });
    expect(decisions.map((d) => d.suppressed)).toEqual([false, true, false, false, false]);
  });

  it("counts only (the report's context): a count is hidden when the whole minus the others leaves 1–4", () => {
    const rows = [
      { yearGroup: "all", group: "roll", cohort: 210, values: {} },
      { yearGroup: "all", group: "girls", cohort: 104, values: {} },
      { yearGroup: "all", group: "boys", cohort: 105, values: {} },
      { yearGroup: "all", group: "sen", cohort: 30, values: {} },
      { yearGroup: "all", group: "senSupport", cohort: 27, values: {} },
      { yearGroup: "all", group: "ehcp", cohort: 3, values: {} },
    ];
    const d = decideSuppression(rows, {
      partitions: [
        { whole: "roll", parts: ["girls", "boys"] },
        { whole: "sen", parts: ["senSupport", "ehcp"] },
      ],
    });
    expect(d.map((x) => x.suppressionReason)).toEqual([null, "secondary", null, null, "secondary", "small_cohort"]);
  });

  it("re-checking rows already checked changes nothing; a stored hidden row stays hidden", () => {
    const rows = [
      { yearGroup: "Y3", group: "all", cohort: 30, atExpectedPct: 60, greaterDepthPct: 20 },
      { yearGroup: "Y3", group: "girls", cohort: 14, atExpectedPct: 64.3, greaterDepthPct: 21.4 },
      { yearGroup: "Y3", group: "boys", cohort: 15, atExpectedPct: 53.3, greaterDepthPct: 20 },
    ];
    const once = applySuppression(rows, ["atExpectedPct", "greaterDepthPct"]);
    expect(once[1]).toMatchObject({ suppressed: true, atExpectedPct: null, greaterDepthPct: null, suppressionReason: "secondary" });
    expect(applySuppression(once, ["atExpectedPct", "greaterDepthPct"])).toEqual(once);
  });
});
