import { describe, expect, it } from "vitest";
import { computeCoverage, countMonitoring, csvField, findStaffNamesIn, MIN_OBSERVATIONS_PER_YEAR, pct1dp, recurringThemes, toCsv, type JudgementRow } from "@/lib/analytics/monitoring";

describe("pct1dp", () => {
  it("rounds half up to one decimal place with integers", () => {
    expect(pct1dp(2, 3)).toBe(66.7);
    expect(pct1dp(1, 3)).toBe(33.3);
    expect(pct1dp(1, 8)).toBe(12.5);
    // 1/16 = 6.25 → 6.3 (half up), where toFixed would give 6.3 only by luck of binary rounding.
    expect(pct1dp(1, 16)).toBe(6.3);
    expect(pct1dp(1, 40)).toBe(2.5);
    expect(pct1dp(6, 9)).toBe(66.7);
  });
  it("is 0 and 100 at the ends, and null with nothing to divide by", () => {
    expect(pct1dp(0, 9)).toBe(0);
    expect(pct1dp(9, 9)).toBe(100);
    expect(pct1dp(0, 0)).toBeNull();
    expect(pct1dp(3, -1)).toBeNull();
  });
});

describe("computeCoverage", () => {
  const teachers = [
    { id: "a", name: "Zoe Adams", jobTitle: "Y1" },
    { id: "b", name: "Ben Brown", jobTitle: null },
    { id: "c", name: "Cara Cole", jobTitle: "Y3" },
  ];

  it("counts who was seen this term and how often this year, sorted by name", () => {
    const yearObservations = [
      { teacherId: "a", date: "2025-10-01" },
      { teacherId: "a", date: "2026-01-20" },
      { teacherId: "a", date: "2026-05-02" },
      { teacherId: "b", date: "2026-01-11" },
    ];
    const termObservations = [
      { teacherId: "a", date: "2026-01-20" },
      { teacherId: "b", date: "2026-01-11" },
      { teacherId: "b", date: "2026-01-11" },
    ];
    const c = computeCoverage({ teachers, termObservations, yearObservations });
    expect(c.rows.map((r) => r.name)).toEqual(["Ben Brown", "Cara Cole", "Zoe Adams"]);
    expect(c.seen).toBe(2);
    expect(c.total).toBe(3);
    expect(c.pct).toBe(66.7);
    expect(c.notSeen.map((r) => r.id)).toEqual(["c"]);
    const a = c.rows.find((r) => r.id === "a")!;
    expect(a).toMatchObject({ termCount: 1, yearCount: 3, lastObservedOn: "2026-05-02", seenThisTerm: true, fewerThanMinimum: false });
    // Two observations on the same day both count.
    expect(c.rows.find((r) => r.id === "b")!.termCount).toBe(2);
    expect(c.fewerThanMinimum.map((r) => r.id).sort()).toEqual(["b", "c"]);
  });

  it(`flags fewer than ${MIN_OBSERVATIONS_PER_YEAR} a year at exactly the boundary`, () => {
    const two = [
      { teacherId: "a", date: "2025-10-01" },
      { teacherId: "a", date: "2025-11-01" },
    ];
    expect(computeCoverage({ teachers: [teachers[0]!], termObservations: [], yearObservations: two }).rows[0]!.fewerThanMinimum).toBe(true);
    const three = [...two, { teacherId: "a", date: "2025-12-01" }];
    expect(computeCoverage({ teachers: [teachers[0]!], termObservations: [], yearObservations: three }).rows[0]!.fewerThanMinimum).toBe(false);
  });

  it("ignores observations of people who are not teaching staff, so coverage never exceeds 100%", () => {
    const c = computeCoverage({
      teachers: [teachers[0]!],
      termObservations: [
        { teacherId: "a", date: "2025-10-01" },
        { teacherId: "ta", date: "2025-10-02" },
      ],
      yearObservations: [],
    });
    expect(c.pct).toBe(100);
    expect(c.seen).toBe(1);
  });

  it("with no teaching staff has no percentage and nobody missing", () => {
    const c = computeCoverage({ teachers: [], termObservations: [{ teacherId: "x", date: "2025-10-01" }], yearObservations: [] });
    expect(c).toMatchObject({ seen: 0, total: 0, pct: null, notSeen: [], fewerThanMinimum: [] });
  });

  it("with nobody observed is 0%, everyone not seen, and no last observed date", () => {
    const c = computeCoverage({ teachers, termObservations: [], yearObservations: [] });
    expect(c.pct).toBe(0);
    expect(c.notSeen).toHaveLength(3);
    expect(c.rows.every((r) => r.lastObservedOn === null)).toBe(true);
  });
});

describe("recurringThemes", () => {
  const row = (observationId: string, label: string, judgement: JudgementRow["judgement"], heading = "Teaching"): JudgementRow => ({ observationId, heading, label, judgement });

  it("counts observations, not judgements, and keeps only criteria seen in at least two", () => {
    const rows = [
      row("o1", "Questioning", "developing"),
      row("o2", "Questioning", "developing"),
      row("o3", "Questioning", "developing"),
      row("o1", "Routines", "strength", "Behaviour"),
      row("o2", "Routines", "strength", "Behaviour"),
      row("o3", "Modelling", "strength"),
      row("o1", "Modelling", "secure"),
      row("o2", "Reading", "not_seen"),
      row("o3", "Reading", "not_seen"),
    ];
    const t = recurringThemes(rows);
    expect(t.strengths).toEqual([{ heading: "Behaviour", label: "Routines", count: 2 }]);
    expect(t.development).toEqual([{ heading: "Teaching", label: "Questioning", count: 3 }]);
  });

  it("treats the same criterion in two templates (same heading and wording) as one, whatever the case or spacing", () => {
    const rows = [row("o1", "Routines are secure", "strength", "Behaviour"), row("o2", " routines are SECURE ", "strength", "behaviour")];
    expect(recurringThemes(rows).strengths).toEqual([{ heading: "Behaviour", label: "Routines are secure", count: 2 }]);
  });

  it("does not double-count a criterion repeated within one observation", () => {
    const rows = [row("o1", "Questioning", "developing"), row("o1", "Questioning", "developing")];
    expect(recurringThemes(rows).development).toEqual([]);
    expect(recurringThemes(rows, { minCount: 1 }).development).toEqual([{ heading: "Teaching", label: "Questioning", count: 1 }]);
  });

  it("sorts by count, then heading, then wording", () => {
    const rows = [
      row("o1", "B", "strength", "Y"),
      row("o2", "B", "strength", "Y"),
      row("o1", "A", "strength", "Y"),
      row("o2", "A", "strength", "Y"),
      row("o1", "C", "strength", "X"),
      row("o2", "C", "strength", "X"),
      row("o3", "C", "strength", "X"),
      row("o1", "D", "strength", "X"),
      row("o2", "D", "strength", "X"),
    ];
    expect(recurringThemes(rows).strengths.map((t) => t.label)).toEqual(["C", "D", "A", "B"]);
  });

  it("is empty for no observations", () => {
    expect(recurringThemes([])).toEqual({ strengths: [], development: [] });
  });
});

describe("countMonitoring", () => {
  it("counts every type, with zeros for the ones not carried out", () => {
    expect(countMonitoring({ observations: 4, activityTypes: ["learning_walk", "learning_walk", "drop_in"], visitKinds: ["governor", "adviser", "governor"] })).toEqual({
      observation: 4,
      learning_walk: 2,
      work_scrutiny: 0,
      pupil_voice: 0,
      drop_in: 1,
      governor_visit: 2,
      adviser_visit: 1,
    });
    expect(countMonitoring({ observations: 0, activityTypes: [], visitKinds: [] })).toEqual({
      observation: 0,
      learning_walk: 0,
      work_scrutiny: 0,
      pupil_voice: 0,
      drop_in: 0,
      governor_visit: 0,
      adviser_visit: 0,
    });
  });
});

describe("findStaffNamesIn", () => {
  const names = ["Emma Clarke", "Tom Bennett", "Rachel Green", "Priya Shah"];

  it("finds full names, whatever the case or spacing", () => {
    expect(findStaffNamesIn("Visited emma   clarke's class", names)).toEqual(["Emma Clarke"]);
    expect(findStaffNamesIn("EMMA CLARKE and Tom Bennett", names)).toEqual(["Emma Clarke", "Tom Bennett"]);
    expect(findStaffNamesIn("Emma\nClarke", names)).toEqual(["Emma Clarke"]);
  });

  it("finds a title and surname", () => {
    expect(findStaffNamesIn("In Mrs Clarke's room", names)).toEqual(["Emma Clarke"]);
    expect(findStaffNamesIn("mr. bennett modelled well", names)).toEqual(["Tom Bennett"]);
    expect(findStaffNamesIn("Miss Green's phonics", names)).toEqual(["Rachel Green"]);
  });

  it("does not flag a first name alone, a surname used as an ordinary word, or a name inside another word", () => {
    expect(findStaffNamesIn("Emma in Year 5 said she loves reading", names)).toEqual([]);
    expect(findStaffNamesIn("Pupils planted green beans", names)).toEqual([]);
    expect(findStaffNamesIn("The green area outside Y5", names)).toEqual([]);
    expect(findStaffNamesIn("Emma Clarkeson visited", names)).toEqual([]);
    expect(findStaffNamesIn("", names)).toEqual([]);
  });

  it("treats names with regex characters literally", () => {
    expect(findStaffNamesIn("Met J. O'Neill (Y3)", ["J. O'Neill"])).toEqual(["J. O'Neill"]);
    expect(findStaffNamesIn("Met JX O'Neill", ["J. O'Neill"])).toEqual([]);
  });
});

describe("CSV", () => {
  it("quotes fields with commas, quotes and line breaks", () => {
    expect(csvField('Say "hi", then\nleave')).toBe('"Say ""hi"", then\nleave"');
    expect(csvField(null)).toBe("");
    expect(csvField(3)).toBe("3");
  });
  it("neutralises values a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-2")).toBe("'-2");
    // OWASP CSV injection: every leading character a spreadsheet treats as the start of a formula.
    expect(csvField("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvField("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\r=1")).toBe('"\'\r=1"');
    expect(csvField("a=1")).toBe("a=1");
  });
  it("builds lines with CRLF endings", () => {
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});
