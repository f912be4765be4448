import { describe, expect, it } from "vitest";
import { roundedPct, summariseContext } from "@/lib/analytics/sef-context";
import { diffArea, diffSnapshots, diffText, diffTokens, tokenizeWords, type DiffPart } from "@/lib/analytics/sef-diff";
import type { SefSnapshot, SefSnapshotArea } from "@/lib/analytics/sef-snapshot";

const before = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.op !== "add")
    .map((p) => p.text)
    .join("");
const after = (parts: DiffPart[]) =>
  parts
    .filter((p) => p.op !== "del")
    .map((p) => p.text)
    .join("");
const changes = (parts: DiffPart[]) => parts.filter((p) => p.op !== "same").map((p) => `${p.op === "add" ? "+" : "-"}${p.text}`);

describe("diffText (word level)", () => {
  it("finds the one word that changed", () => {
    const d = diffText("Pupils read widely and often.", "Pupils read widely and fluently.");
    expect(d.changed).toBe(true);
    expect(changes(d.parts)).toEqual(["-often.", "+fluently."]);
  });

  it("reports insertions and deletions in place, removals before additions", () => {
    const d = diffText("the quick brown fox", "the brown fox jumps");
    expect(changes(d.parts)).toEqual(["-quick ", "+ jumps"]);
    expect(before(d.parts)).toBe("the quick brown fox");
    expect(after(d.parts)).toBe("the brown fox jumps");
  });

  it("reconstructs both texts exactly from the parts, new lines included", () => {
    const a = "Strengths:\n- phonics is consistent\n- reading for pleasure\n\nWriting lags in KS2.";
    const b = "Strengths:\n- phonics is taught consistently\n- reading for pleasure is strong\n\nWriting still lags in upper KS2.";
    const d = diffText(a, b);
    expect(before(d.parts)).toBe(a);
    expect(after(d.parts)).toBe(b);
    expect(changes(d.parts)).toContain("+still ");
  });

  it("folds short shared words into a rewritten passage instead of highlighting word by word", () => {
    const d = diffText("Our main priority is writing in Key Stage 2.", "Attendance has improved and is now in line with national.");
    expect(d.parts.filter((p) => p.op === "same")).toEqual([]);
    expect(changes(d.parts)).toEqual(["-Our main priority is writing in Key Stage 2.", "+Attendance has improved and is now in line with national."]);
    // A long unchanged run between two small edits is kept as unchanged.
    const e = diffText("Pupils read widely and often in every class.", "Pupils read widely and often in every year group.");
    expect(e.parts[0]).toEqual({ op: "same", text: "Pupils read widely and often in every " });
  });

  it("says unchanged for identical text and for whitespace-only differences", () => {
    expect(diffText("same text", "same text").changed).toBe(false);
    expect(diffText("same  text\n", "same text").changed).toBe(false);
    expect(diffText("", "").parts).toEqual([]);
  });

  it("treats all-new and all-removed text as one addition or deletion", () => {
    expect(diffText("", "New strengths.").parts).toEqual([{ op: "add", text: "New strengths." }]);
    expect(diffText("Old strengths.", "").parts).toEqual([{ op: "del", text: "Old strengths." }]);
  });

  it("falls back to a line-level diff for very long texts and still reconstructs them", () => {
    const lines = Array.from({ length: 1600 }, (_, i) => `line ${i} of a long narrative`);
    const a = lines.join("\n");
    const b = [...lines.slice(0, 800), "an inserted line", ...lines.slice(800)].map((l, i) => (i === 1200 ? "a rewritten line" : l)).join("\n");
    // Enough tokens that a word-level LCS would exceed the memory cap.
    expect(tokenizeWords(a).length * tokenizeWords(b).length).toBeGreaterThan(2_000_000);
    const d = diffText(a, b);
    expect(before(d.parts)).toBe(a);
    expect(after(d.parts)).toBe(b);
    expect(changes(d.parts).some((c) => c.startsWith("+an inserted line"))).toBe(true);
  });

  it("diffTokens is a minimal edit: unchanged tokens are never reported as changed", () => {
    const d = diffTokens(["a", "b", "c", "d"], ["a", "x", "c", "d"]);
    expect(d).toEqual([
      { op: "same", text: "a" },
      { op: "del", text: "b" },
      { op: "add", text: "x" },
      { op: "same", text: "cd" },
    ]);
  });
});

const area = (over: Partial<SefSnapshotArea> = {}): SefSnapshotArea => ({
  key: "achievement",
  name: "Achievement",
  scaleType: "ordinal",
  grade: "expected_standard",
  gradeLabel: "Expected standard",
  gradeTone: "green",
  gradeRank: 3,
  strengths: "Reading at KS2 is above national.",
  developmentPoints: [{ id: "p1", text: "Raise KS2 writing at the expected standard.", strands: [] }],
  evidence: [{ targetType: "assessment_summary", targetId: "t1", label: "Assessment summary: Summer 2026", href: "/pupils/analysis?term=2025-26:summer" }],
  ...over,
});

const snapshot = (over: Partial<SefSnapshot> = {}): SefSnapshot => ({
  format: 1,
  academicYear: "2026-27",
  framework: { id: "ofsted_renewed_2025", name: "Ofsted renewed framework" },
  overallSummary: "A good school.",
  contextNotes: "",
  context: { onRoll: 210, groups: [{ key: "disadvantaged", label: "Disadvantaged", count: 42, pct: 20 }] },
  areas: [area(), area({ key: "inclusion", name: "Inclusion" })],
  ...over,
});

describe("diffArea", () => {
  it("calls out a grade change and its direction (rank 1 is best)", () => {
    const up = diffArea(area(), area({ grade: "strong_standard", gradeLabel: "Strong standard", gradeRank: 2 }));
    expect(up.status).toBe("changed");
    expect(up.grade).toMatchObject({ changed: true, direction: "up", before: { label: "Expected standard" }, after: { label: "Strong standard" } });
    const down = diffArea(area(), area({ grade: "needs_attention", gradeLabel: "Needs attention", gradeTone: "amber", gradeRank: 4 }));
    expect(down.grade.direction).toBe("down");
  });

  it("a grade set for the first time is a change with no direction", () => {
    const d = diffArea(area({ grade: null, gradeLabel: null, gradeTone: null, gradeRank: null }), area());
    expect(d.grade).toMatchObject({ changed: true, direction: null, before: null });
  });

  it("matches development points by id: reworded is changed, new is added, gone is removed", () => {
    const d = diffArea(
      area({
        developmentPoints: [
          { id: "p1", text: "Raise KS2 writing.", strands: [] },
          { id: "p2", text: "Improve attendance.", strands: [] },
        ],
      }),
      area({
        developmentPoints: [
          { id: "p1", text: "Raise KS2 writing at greater depth.", strands: [] },
          { id: "p3", text: "Narrow the disadvantaged gap.", strands: [] },
        ],
      }),
    );
    expect(d.developmentPoints.map((p) => [p.status, p.before, p.after])).toEqual([
      ["changed", "Raise KS2 writing.", "Raise KS2 writing at greater depth."],
      ["removed", "Improve attendance.", null],
      ["added", null, "Narrow the disadvantaged gap."],
    ]);
  });

  it("lists evidence added and removed by label", () => {
    const d = diffArea(area(), area({ evidence: [{ targetType: "document", targetId: null, label: "Writing moderation notes", href: "https://example.org/notes" }] }));
    expect(d.evidence).toEqual({ added: ["Writing moderation notes"], removed: ["Assessment summary: Summer 2026"], unchanged: [] });
  });

  it("an identical area is unchanged", () => {
    const d = diffArea(area(), area());
    expect(d.status).toBe("unchanged");
    expect(d.grade.changed).toBe(false);
    expect(d.strengths.changed).toBe(false);
  });
});

describe("diffSnapshots", () => {
  it("counts changed areas and leaves the rest unchanged", () => {
    const b = snapshot({ areas: [area({ strengths: "Reading at KS2 is well above national." }), area({ key: "inclusion", name: "Inclusion" })] });
    const d = diffSnapshots(snapshot(), b);
    expect(d.areas.map((a) => [a.key, a.status])).toEqual([
      ["achievement", "changed"],
      ["inclusion", "unchanged"],
    ]);
    expect(changes(d.areas[0]!.strengths.parts)).toEqual(["+well "]);
    expect(d.changeCount).toBe(1);
  });

  it("reports summary, notes and computed-context changes", () => {
    const d = diffSnapshots(
      snapshot(),
      snapshot({
        overallSummary: "A good and improving school.",
        contextNotes: "New nursery class.",
        context: { onRoll: 214, groups: [{ key: "disadvantaged", label: "Disadvantaged", count: 45, pct: 21 }] },
      }),
    );
    expect(d.overallSummary.changed).toBe(true);
    expect(d.contextNotes.changed).toBe(true);
    expect(d.context.filter((r) => r.changed).map((r) => [r.label, r.before, r.after])).toEqual([
      ["Number on roll", "210", "214"],
      ["Disadvantaged", "20.0%", "21.0%"],
    ]);
    expect(d.changeCount).toBe(4);
  });

  it("after a framework switch, areas only in one version are added or removed", () => {
    const eif = snapshot({
      framework: { id: "ofsted_eif_2019", name: "EIF" },
      areas: [area({ key: "quality_of_education", name: "Quality of education", grade: "good", gradeLabel: "Good", gradeRank: 2 })],
    });
    const d = diffSnapshots(snapshot(), eif);
    expect(d.frameworkChanged).toBe(true);
    expect(d.areas.map((a) => [a.key, a.status])).toEqual([
      ["quality_of_education", "added"],
      ["achievement", "removed"],
      ["inclusion", "removed"],
    ]);
  });

  it("no pupil data on one side shows as such", () => {
    const d = diffSnapshots(snapshot({ context: null }), snapshot());
    expect(d.context.find((r) => r.key === "onRoll")).toMatchObject({ before: "No pupil data", after: "210", changed: true });
  });
});

describe("school context", () => {
  it("rounds half up with integers (SPEC §4.4)", () => {
    expect(roundedPct(1, 8)).toBe(12.5);
    expect(roundedPct(1, 3)).toBe(33.3);
    expect(roundedPct(2, 3)).toBe(66.7);
    expect(roundedPct(49, 400)).toBe(12.3); // 12.25 → 12.3, not 12.2
  });

  it("computes on roll and group percentages; SEN counts K and E", () => {
    const c = summariseContext([
      { disadvantaged: true, sen: "K", eal: false, gender: "F" },
      { disadvantaged: false, sen: "E", eal: true, gender: "M" },
      { disadvantaged: false, sen: "N", eal: false, gender: "F" },
      { disadvantaged: true, sen: "N", eal: false, gender: "X" },
    ]);
    expect(c!.onRoll).toBe(4);
    expect(Object.fromEntries(c!.groups.map((g) => [g.key, [g.count, g.pct]]))).toEqual({
      disadvantaged: [2, 50],
      sen: [2, 50],
      eal: [1, 25],
      girls: [2, 50],
      boys: [1, 25],
    });
  });

  it("is null when there are no pupils", () => {
    expect(summariseContext([])).toBeNull();
  });
});
