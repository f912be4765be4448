import { describe, expect, it } from "vitest";
import { REPORT_SECTIONS } from "@/db/schema/enums";
import { DEFAULT_FORMAT, normaliseFormat, placedSections } from "@/lib/report/format";

describe("the board's report format", () => {
  it("defaults to the summary first, every section included, ten pages", () => {
    expect(normaliseFormat(null)).toEqual(DEFAULT_FORMAT);
    expect(DEFAULT_FORMAT.sections.map((s) => s.key)).toEqual([...REPORT_SECTIONS]);
    expect(DEFAULT_FORMAT.sections.every((s) => s.include)).toBe(true);
    expect(DEFAULT_FORMAT.targetPages).toBe(10);
  });

  it("keeps the stored order, drops unknown and repeated sections, and adds any it does not name", () => {
    const f = normaliseFormat({
      sections: [
        { key: "plan", include: true, mark: "decision" },
        { key: "nonsense", include: true, mark: "decision" },
        { key: "plan", include: false, mark: "information" },
        { key: "context", include: false, mark: "odd" },
      ],
      targetPages: 6,
    });
    expect(f.sections.slice(0, 2)).toEqual([
      { key: "plan", include: true, mark: "decision" },
      { key: "context", include: false, mark: "information" },
    ]);
    expect(f.sections.map((s) => s.key).sort()).toEqual([...REPORT_SECTIONS].sort());
    expect(f.sections.find((s) => s.key === "summary")).toEqual({ key: "summary", include: true, mark: "discussion" });
    expect(f.targetPages).toBe(6);
  });

  it("falls back to ten pages for a length out of range", () => {
    expect(normaliseFormat({ sections: [], targetPages: 1 }).targetPages).toBe(10);
    expect(normaliseFormat({ sections: [], targetPages: 41 }).targetPages).toBe(10);
    expect(normaliseFormat({ sections: [], targetPages: "x" }).targetPages).toBe(10);
  });

  it("numbers the sections shown in order, leaving the summary unnumbered", () => {
    const f = normaliseFormat({
      sections: [
        { key: "attainment", include: true, mark: "discussion" },
        { key: "summary", include: true, mark: "discussion" },
        { key: "context", include: false, mark: "information" },
      ],
    });
    const placed = placedSections(f);
    expect(placed.slice(0, 3).map((s) => [s.key, s.number])).toEqual([
      ["attainment", 1],
      ["summary", null],
      ["plan", 2],
    ]);
    expect(placed.map((s) => s.key)).not.toContain("context");
  });
});
