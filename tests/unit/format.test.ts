import { describe, expect, it } from "vitest";
import { academicYearName, formatDate, formatPct, formatTerm, shiftAcademicYear } from "@/lib/format";

describe("British formats", () => {
  it("names academic years, across a century", () => {
    expect(academicYearName(2025)).toBe("2025-26");
    expect(academicYearName(2099)).toBe("2099-00");
    expect(academicYearName(2008)).toBe("2008-09");
    expect(shiftAcademicYear("2025-26", -1)).toBe("2024-25");
    expect(shiftAcademicYear("2025-26", 1)).toBe("2026-27");
    expect(shiftAcademicYear("2009-10", -1)).toBe("2008-09");
  });

  it("writes terms, dates and percentages as a UK reader expects", () => {
    expect(formatTerm("2025-26:autumn")).toBe("Autumn 2025");
    expect(formatTerm({ yearName: "2025-26", name: "summer" })).toBe("Summer 2026");
    expect(formatDate("2026-03-09")).toBe("9 Mar 2026");
    expect(formatPct(71.4)).toBe("71.4%");
    expect(formatPct(null)).toBe("–");
  });
});
