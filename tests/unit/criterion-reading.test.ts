import { describe, expect, it } from "vitest";
import { criterionValueAt, findReferenceTerm, latestCriterionValue, readCriterion, type ReadableCriterion, type TermFigures } from "@/lib/analytics/criterion-reading";

const criterion = (over: Partial<ReadableCriterion>): ReadableCriterion => ({
  id: "c1",
  kind: "measurable",
  metric: "attainment_expected",
  yearGroup: "Y6",
  subject: "reading",
  pupilGroup: null,
  unit: null,
  baseline: 60,
  target: 72,
  lowerIsBetter: false,
  dueTermId: null,
  ...over,
});

const none: TermFigures = { attainment: null, attendance: null, manual: null };
const attainment = (atExpectedPct: number | null, suppressed = false): TermFigures => ({
  ...none,
  attainment: { attainment: [{ yearGroup: "Y6", subject: "reading", group: "all", cohort: 30, atExpectedPct, greaterDepthPct: 20, suppressed }], gaps: [] },
});

describe("reading a criterion's value in one term", () => {
  it("reads attainment metrics from the term's analysis, and finds nothing without results", () => {
    expect(criterionValueAt(criterion({}), attainment(66.7))).toEqual({ value: 66.7, suppressed: false, found: true });
    expect(criterionValueAt(criterion({}), none)).toEqual({ value: null, suppressed: false, found: false });
  });

  it("keeps a suppressed figure found but withheld", () => {
    expect(criterionValueAt(criterion({}), attainment(50, true))).toEqual({ value: 50, suppressed: true, found: true });
  });

  it("reads hand-entered values only for manual metrics", () => {
    const manual = { ...none, manual: { termId: "t1", value: 4 } };
    expect(criterionValueAt(criterion({ metric: "manual" }), manual)).toEqual({ value: 4, suppressed: false, found: true });
    expect(criterionValueAt(criterion({}), manual).found).toBe(false);
  });

  it("reads attendance metrics for the year to date from the attendance tables", () => {
    const figures: TermFigures = {
      ...none,
      attendance: {
        attendance: [
          { yearGroup: "all", group: "all", period: "term", cohort: 200, attendancePct: 90, persistentAbsencePct: 20, severeAbsencePct: 1, suppressed: false },
          { yearGroup: "all", group: "all", period: "year_to_date", cohort: 200, attendancePct: 95.2, persistentAbsencePct: 12, severeAbsencePct: 1, suppressed: false },
        ],
        behaviour: [],
      },
    };
    expect(criterionValueAt(criterion({ metric: "attendance_pct", yearGroup: null, subject: null }), figures)).toEqual({ value: 95.2, suppressed: false, found: true });
    expect(criterionValueAt(criterion({ metric: "attendance_pct", yearGroup: null, subject: null }), attainment(70)).found).toBe(false);
  });

  it("reads nothing for a narrative criterion", () => {
    expect(criterionValueAt(criterion({ kind: "narrative", metric: null }), attainment(70)).found).toBe(false);
  });
});

const terms = [
  { id: "a", key: "2025-26-autumn", startDate: "2025-09-01", endDate: "2025-12-19" },
  { id: "b", key: "2025-26-spring", startDate: "2026-01-05", endDate: "2026-03-27" },
  { id: "c", key: "2025-26-summer", startDate: "2026-04-13", endDate: "2026-07-21" },
];

describe("the current value and the reference term", () => {
  it("falls back to the latest earlier term with data, never a later one", () => {
    const values: Record<string, number> = { a: 61, c: 70 };
    const at = (termId: string) => (termId in values ? { value: values[termId]!, suppressed: false, found: true } : { value: null, suppressed: false, found: false });
    expect(latestCriterionValue(terms, 1, at)).toEqual({ value: 61, termId: "a", termKey: "2025-26-autumn", suppressed: false });
    expect(latestCriterionValue(terms, 2, at)).toEqual({ value: 70, termId: "c", termKey: "2025-26-summer", suppressed: false });
    expect(latestCriterionValue(terms, 0, () => ({ value: null, suppressed: false, found: false }))).toEqual({ value: null, termId: null, termKey: null, suppressed: false });
  });

  it("judges at the term containing today, the last once the year is over, the first before it starts", () => {
    expect(findReferenceTerm(terms, "2026-02-01")?.id).toBe("b");
    expect(findReferenceTerm(terms, "2026-08-30")?.id).toBe("c");
    expect(findReferenceTerm(terms, "2025-08-01")?.id).toBe("a");
    expect(findReferenceTerm([], "2025-08-01")).toBeNull();
  });
});

describe("a criterion as the plan shows it", () => {
  it("labels the values and judges the status over the terms elapsed", () => {
    const view = readCriterion(criterion({ dueTermId: "c" }), { terms, current: { value: 68, termId: "b", termKey: "2025-26-spring", suppressed: false }, manualValues: [], planStartIndex: 0 });
    // Two terms of three: two thirds of the 12 points (68) is on track, less is behind.
    expect(view.status).toBe("on_track");
    expect(view.currentLabel).toBe("68.0%");
    expect(view.dueTermKey).toBe("2025-26-summer");
    expect(view.values).toEqual([]);
  });

  it("says a withheld value is withheld, and lists manual values oldest first with their terms", () => {
    const withheld = readCriterion(criterion({}), { terms, current: { value: 50, termId: "a", termKey: "2025-26-autumn", suppressed: true }, manualValues: [], planStartIndex: 0 });
    expect(withheld.currentLabel).toBe("Withheld (small group)");
    const manual = readCriterion(criterion({ metric: "manual", unit: "sessions" }), {
      terms,
      current: { value: 5, termId: "c", termKey: "2025-26-summer", suppressed: false },
      manualValues: [
        { termId: "c", value: 5 },
        { termId: "a", value: 2 },
      ],
      planStartIndex: 0,
    });
    expect(manual.values.map((v) => [v.termKey, v.value])).toEqual([
      ["2025-26-autumn", 2],
      ["2025-26-summer", 5],
    ]);
  });
});
