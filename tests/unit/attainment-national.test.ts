import { describe, expect, it } from "vitest";
import { NATIONAL, nationalDataSchema } from "@/db/national";
import type { PupilGroup } from "@/db/schema/enums";
import { findComparator, nationalComparisons, resultsYearOf, statutoryPoint } from "@/lib/analytics/national";

describe("national comparators (data)", () => {
  it("every figure has a source", () => {
    expect(() => nationalDataSchema.parse(NATIONAL)).not.toThrow();
    expect(NATIONAL.comparators.every((c) => c.sources.length > 0)).toBe(true);
  });

  it("Year 6 in the summer is statutory under the primary scheme; other terms and years are not", () => {
    expect(statutoryPoint(NATIONAL, { schemeId: "primary", yearGroup: "Y6", termName: "summer" })?.keyStage).toBe("KS2");
    expect(statutoryPoint(NATIONAL, { schemeId: "primary", yearGroup: "Y6", termName: "spring" })).toBeNull();
    expect(statutoryPoint(NATIONAL, { schemeId: "primary", yearGroup: "Y5", termName: "summer" })).toBeNull();
    expect(statutoryPoint(NATIONAL, { schemeId: "secondary", yearGroup: "Y6", termName: "summer" })).toBeNull();
  });

  it("a term's results year is the calendar year it falls in", () => {
    expect(resultsYearOf("2025-26", "summer")).toBe(2026);
    expect(resultsYearOf("2024-25", "summer")).toBe(2025);
    expect(resultsYearOf("2025-26", "autumn")).toBe(2025);
  });

  it("uses that year's figure when published, else the latest earlier one, labelled with its own year", () => {
    expect(findComparator(NATIONAL, { keyStage: "KS2", subject: "rwm", group: "all", resultsYear: 2025 })).toMatchObject({ value: 62, year: 2025, sameYear: true });
    expect(findComparator(NATIONAL, { keyStage: "KS2", subject: "rwm", group: "all", resultsYear: 2026 })).toMatchObject({ value: 62, year: 2025, sameYear: false });
    expect(findComparator(NATIONAL, { keyStage: "KS2", subject: "rwm", group: "disadvantaged", resultsYear: 2024 })).toMatchObject({ value: 46, year: 2024 });
    expect(findComparator(NATIONAL, { keyStage: "KS2", subject: "writing", group: "all", resultsYear: 2025 })).toMatchObject({ value: 72 });
    expect(findComparator(NATIONAL, { keyStage: "KS2", subject: "rwm", group: "sen", resultsYear: 2025 })).toBeNull();
    expect(findComparator(NATIONAL, { keyStage: "KS2", subject: "rwm", group: "all", resultsYear: 2018 })).toBeNull();
  });
});

describe("national comparisons for a term", () => {
  const row = (yearGroup: string, subject: string, group: PupilGroup, atExpectedPct: number | null, suppressed = false) => ({ yearGroup, subject, group, atExpectedPct, suppressed });
  const attainment = [row("Y6", "rwm", "all", 58.6), row("Y6", "rwm", "disadvantaged", null, true), row("Y6", "rwm", "sen", 20), row("Y5", "rwm", "all", 70)];

  it("puts Year 6's summer figures beside the national ones; suppressed groups show no school figure", () => {
    const rows = nationalComparisons(NATIONAL, { schemeId: "primary", yearName: "2024-25", termName: "summer", attainment });
    expect(rows.map((r) => `${r.yearGroup} ${r.subject} ${r.group}`)).toEqual(["Y6 rwm all", "Y6 rwm disadvantaged"]);
    expect(rows[0]).toMatchObject({ schoolPct: 58.6, nationalPct: 62, nationalYear: 2025, sameYear: true, keyStage: "KS2" });
    expect(rows[1]).toMatchObject({ schoolPct: null, suppressed: true });
  });

  it("is empty outside the statutory term, and for a scheme with no statutory point in it", () => {
    expect(nationalComparisons(NATIONAL, { schemeId: "primary", yearName: "2024-25", termName: "spring", attainment })).toEqual([]);
    expect(nationalComparisons(NATIONAL, { schemeId: "secondary", yearName: "2024-25", termName: "summer", attainment })).toEqual([]);
  });
});
