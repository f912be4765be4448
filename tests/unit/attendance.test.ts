import { describe, expect, it } from "vitest";
import type { AnalysisPupil } from "@/lib/analytics/attainment";
import { computeAttendance, computeBehaviour, findAttendanceRow, isPersistentlyAbsent, isSeverelyAbsent, suppressAttendance, type AttendanceSessions } from "@/lib/analytics/attendance";
import { readAttendanceMetric } from "@/lib/analytics/criteria";
import { attendanceTables } from "@/lib/report/attendance-tables";
import { canonicalHeader, parseDate, parseSuspensionType, validateAttendanceCsv, validateSuspensionsCsv } from "@/lib/import/attendance";
import { expectFailed } from "../assert";

const pupil = (id: string, over: Partial<AnalysisPupil> = {}): AnalysisPupil => ({ id, yearGroup: "Y3", gender: "F", disadvantaged: false, sen: "N", eal: false, ...over });
const rec = (pupilId: string, termId: string, possible: number, attended: number): AttendanceSessions => ({ pupilId, termId, possible, attended });
const opts = { termId: "T2", yearToDateTermIds: ["T1", "T2"] };

describe("persistent and severe absence thresholds", () => {
  it("counts a pupil at exactly 10% missed as persistently absent, and just under as not", () => {
    expect(isPersistentlyAbsent(100, 90)).toBe(true);
    expect(isPersistentlyAbsent(100, 91)).toBe(false);
    // 9.9% missed: 1 of 10.1 sessions is not possible, so 99 of 1000 missed.
    expect(isPersistentlyAbsent(1000, 901)).toBe(false);
    expect(isSeverelyAbsent(100, 50)).toBe(true);
    expect(isSeverelyAbsent(100, 51)).toBe(false);
    expect(isPersistentlyAbsent(0, 0)).toBe(false);
  });
});

describe("suppressAttendance (SPEC §4.4's disclosure rule on attendance)", () => {
  // 7 girls, one persistently absent; 5 boys, none: "0% of the boys" discloses every boy's record, and
  // the girls' figure with the whole school's would give it back by subtraction.
  const girls = ["a", "b", "c", "d", "e", "f", "g"].map((id) => pupil(id, { gender: "F" }));
  const boys = ["h", "i", "j", "k", "l"].map((id) => pupil(id, { gender: "M" }));
  const records = [...girls, ...boys].map((p) => rec(p.id, "T2", 100, p.id === "a" ? 80 : 98));
  const rows = suppressAttendance(computeAttendance([...girls, ...boys], records, opts));

  it("withholds 0% or 100% of a group of 5–9, and a figure that would give it back by subtraction", () => {
    const boysTerm = findAttendanceRow(rows, "all", "boys", "term")!;
    expect(boysTerm).toMatchObject({ cohort: 5, attendancePct: 98, persistentAbsencePct: null, suppressed: false });
    expect(boysTerm.withheld?.persistentAbsencePct).toBe("all_or_none");
    const girlsTerm = findAttendanceRow(rows, "all", "girls", "term")!;
    expect(girlsTerm.persistentAbsencePct).toBeNull();
    expect(girlsTerm.withheld?.persistentAbsencePct).toBe("secondary");
    expect(findAttendanceRow(rows, "all", "all", "term")).toMatchObject({ cohort: 12, persistentAbsencePct: 8.3, suppressed: false });
  });

  it("shows a withheld figure as withheld in the tables, and a criterion reading it as suppressed", () => {
    const byGroup = attendanceTables({ attendance: rows, behaviour: [], attendanceTrend: [] })[1]!;
    const boysLine = byGroup.rows.find((r) => r[0] === "Boys")!;
    expect(boysLine.slice(1, 4)).toEqual(["5", "98.0%", "Withheld"]);
    const reading = readAttendanceMetric({ metric: "persistent_absence_pct", pupilGroup: "boys" } as Parameters<typeof readAttendanceMetric>[0], { attendance: rows, behaviour: [] });
    expect(reading).toEqual({ value: null, suppressed: true, found: true });
  });

  it("hides a large group's row when it alone would give back a smaller group's figures, and says withheld", () => {
    // 6 girls and 5 boys and one pupil recorded as neither: all − girls − boys is one pupil.
    const pupils = [...["a", "b", "c", "d", "e", "f"].map((id) => pupil(id, { gender: "F" })), ...["g", "h", "i", "j", "k"].map((id) => pupil(id, { gender: "M" })), pupil("x", { gender: "X" })];
    const hidden = suppressAttendance(
      computeAttendance(
        pupils,
        pupils.map((p) => rec(p.id, "T2", 100, p.id === "x" ? 50 : p.id === "a" ? 85 : 96)),
        opts,
      ),
    );
    const shown = [findAttendanceRow(hidden, "all", "girls", "term")!, findAttendanceRow(hidden, "all", "boys", "term")!];
    expect(shown.some((r) => r.suppressed && r.suppressionReason === "secondary")).toBe(true);
    const byGroup = attendanceTables({ attendance: hidden, behaviour: [], attendanceTrend: [] })[1]!;
    const lines = byGroup.rows.filter((r) => r[0] === "Girls" || r[0] === "Boys").map((r) => r[2]);
    expect(lines).toContain("Withheld");
    expect(lines).not.toContain("Suppressed");
  });
});

describe("computeAttendance (SPEC §4.5)", () => {
  it("leaves out pupils with no possible sessions in the period, and rounds half-up to one decimal", () => {
    const pupils = [pupil("a"), pupil("b"), pupil("c"), pupil("d"), pupil("e"), pupil("z")];
    const records = [
      rec("a", "T2", 100, 90), // exactly 10%: persistent
      rec("b", "T2", 100, 100),
      rec("c", "T2", 100, 99),
      rec("d", "T2", 100, 97),
      rec("e", "T2", 200, 199),
      rec("z", "T2", 0, 0), // zero possible: not counted
    ];
    const rows = computeAttendance(pupils, records, opts);
    const all = findAttendanceRow(rows, "all", "all", "term")!;
    expect(all.cohort).toBe(5);
    // 585 of 600 = 97.5%
    expect(all.attendancePct).toBe(97.5);
    expect(all.persistentAbsencePct).toBe(20);
    expect(all.severeAbsencePct).toBe(0);
    expect(all.suppressed).toBe(false);
    // half-up: 2 of 3 sessions attended would be 66.666…; 1 of 8 persistent = 12.5 exactly
    const eight = Array.from({ length: 8 }, (_, i) => pupil(`p${i}`));
    const r8 = computeAttendance(
      eight,
      eight.map((p, i) => rec(p.id, "T2", 40, i === 0 ? 36 : 40)),
      opts,
    );
    expect(findAttendanceRow(r8, "all", "all", "term")!.persistentAbsencePct).toBe(12.5);
    // 316 of 320 = 98.75 → 98.8 (half-up)
    expect(findAttendanceRow(r8, "all", "all", "term")!.attendancePct).toBe(98.8);
  });

  it("sums the year's terms to date for year_to_date, and a pupil persistent in one term may not be over the year", () => {
    const pupils = ["a", "b", "c", "d", "e"].map((id) => pupil(id));
    const records = [
      ...pupils.map((p) => rec(p.id, "T1", 100, 100)),
      rec("a", "T2", 100, 85), // 15% this term; 7.5% over the year
      rec("b", "T2", 100, 100),
      rec("c", "T2", 100, 100),
      rec("d", "T2", 100, 100),
      rec("e", "T2", 100, 100),
      rec("a", "T3", 100, 0), // a later term never counts
    ];
    const rows = computeAttendance(pupils, records, opts);
    const term = findAttendanceRow(rows, "all", "all", "term")!;
    const ytd = findAttendanceRow(rows, "all", "all", "year_to_date")!;
    expect(term).toMatchObject({ cohort: 5, attendancePct: 97, persistentAbsencePct: 20 });
    // 985 of 1000 = 98.5; no pupil at 10% over the year
    expect(ytd).toMatchObject({ cohort: 5, attendancePct: 98.5, persistentAbsencePct: 0, severeAbsencePct: 0 });
  });

  it("suppresses a cohort of 4 and shows a cohort of 5; no row for an empty group", () => {
    const four = ["a", "b", "c", "d"].map((id) => pupil(id, { disadvantaged: true }));
    const five = ["e", "f", "g", "h", "i"].map((id) => pupil(id, { gender: "M" }));
    const rows = computeAttendance(
      [...four, ...five],
      [...four, ...five].map((p) => rec(p.id, "T2", 100, 95)),
      opts,
    );
    expect(findAttendanceRow(rows, "all", "disadvantaged", "term")).toEqual({
      yearGroup: "all",
      group: "disadvantaged",
      period: "term",
      cohort: 4,
      attendancePct: null,
      persistentAbsencePct: null,
      severeAbsencePct: null,
      suppressed: true,
    });
    expect(findAttendanceRow(rows, "all", "not_disadvantaged", "term")).toMatchObject({ cohort: 5, attendancePct: 95, suppressed: false });
    expect(findAttendanceRow(rows, "all", "eal", "term")).toBeUndefined();
  });

  it("counts gender X pupils in all but in neither girls nor boys", () => {
    const pupils = [pupil("a", { gender: "X" }), ...["b", "c", "d", "e", "f"].map((id) => pupil(id, { gender: "F" }))];
    const rows = computeAttendance(
      pupils,
      pupils.map((p) => rec(p.id, "T2", 100, p.gender === "X" ? 40 : 100)),
      opts,
    );
    expect(findAttendanceRow(rows, "all", "all", "term")).toMatchObject({ cohort: 6, attendancePct: 90, persistentAbsencePct: 16.7, severeAbsencePct: 16.7 });
    expect(findAttendanceRow(rows, "all", "girls", "term")).toMatchObject({ cohort: 5, attendancePct: 100, persistentAbsencePct: 0 });
    expect(findAttendanceRow(rows, "all", "boys", "term")).toBeUndefined();
  });

  it("gives each year group its own rows, in school order", () => {
    const pupils = [...["a", "b", "c", "d", "e"].map((id) => pupil(id, { yearGroup: "Y10" })), ...["f", "g", "h", "i", "j"].map((id) => pupil(id, { yearGroup: "Y2" }))];
    const rows = computeAttendance(
      pupils,
      pupils.map((p) => rec(p.id, "T2", 10, p.yearGroup === "Y2" ? 10 : 9)),
      opts,
    );
    expect([...new Set(rows.filter((r) => r.period === "term").map((r) => r.yearGroup))]).toEqual(["all", "Y2", "Y10"]);
    expect(findAttendanceRow(rows, "Y10", "all", "term")).toMatchObject({ cohort: 5, attendancePct: 90, persistentAbsencePct: 100 });
    expect(findAttendanceRow(rows, "Y2", "all", "term")).toMatchObject({ cohort: 5, attendancePct: 100, persistentAbsencePct: 0 });
  });
});

describe("computeBehaviour", () => {
  it("counts incidents and pupils by group, term and year to date, suppressing groups under five on roll", () => {
    const pupils = [...["a", "b", "c", "d", "e", "f"].map((id) => pupil(id)), ...["s1", "s2"].map((id) => pupil(id, { sen: "K" }))];
    const facts = [
      { pupilId: "a", termId: "T1", type: "suspension" as const },
      { pupilId: "a", termId: "T2", type: "suspension" as const },
      { pupilId: "b", termId: "T2", type: "suspension" as const },
      { pupilId: "s1", termId: "T2", type: "permanent_exclusion" as const },
    ];
    const rows = computeBehaviour(pupils, facts, opts);
    const find = (g: string, p: string) => rows.find((r) => r.group === g && r.period === p);
    expect(find("all", "term")).toMatchObject({ cohort: 8, suspensions: 2, suspendedPupils: 2, permanentExclusions: 1, excludedPupils: 1, suppressed: false });
    expect(find("all", "year_to_date")).toMatchObject({ suspensions: 3, suspendedPupils: 2 });
    expect(find("sen", "term")).toMatchObject({ cohort: 2, suspensions: null, permanentExclusions: null, suppressed: true });
    expect(find("eal", "term")).toBeUndefined();
  });
});

describe("attendance.csv and suspensions.csv validation", () => {
  const UPN1 = "A123456789012";
  const UPN2 = "B123456789012";
  const ctx = { pupilsOf: (y: string) => (y === "2025-26" ? new Set([UPN1, UPN2]) : undefined) };

  it("recognises MIS spellings of the columns", () => {
    expect(canonicalHeader("Possible Sessions")).toBe("possible_sessions");
    expect(canonicalHeader("Attendance %")).toBe("attendance_pct");
    expect(canonicalHeader("Unauthorised_Absences")).toBe("unauthorised_absence");
    expect(canonicalHeader("UPN")).toBe("upn");
    const csv = ["UPN,Academic Year,Term,Possible Sessions,Sessions Attended,Authorised Absences,Unauthorised Absences,Attendance %", `${UPN1},2025-26,Autumn,140,133,5,2,95.0`].join("\n");
    const v = validateAttendanceCsv(csv, ctx);
    expect(v).toEqual({ ok: true, rows: [{ line: 2, upn: UPN1, academicYear: "2025-26", term: "autumn", possible: 140, attended: 133, authorised: 5, unauthorised: 2 }] });
  });

  it("lists every bad line with every reason", () => {
    const csv = [
      "upn,academic_year,term,possible_sessions,attended_sessions,authorised_absence,unauthorised_absence,attendance_pct",
      `${UPN1},2025-26,autumn,140,133,5,1,`,
      `${UPN2},2025-26,winter,140,-1,0,0,`,
      `C123456789012,2025-26,spring,10,10,0,0,`,
      `${UPN1},2025-26,autumn,140,133,5,2,`,
      `${UPN2},2025-26,spring,100,90,5,5,95`,
    ].join("\n");
    const v = validateAttendanceCsv(csv, ctx);
    expectFailed(v);
    const byLine = Object.fromEntries(v.errors.map((e) => [e.line, e.message]));
    expect(byLine[2]).toContain("is 139, not possible_sessions (140)");
    expect(byLine[3]).toContain('term "winter"');
    expect(byLine[3]).toContain('attended_sessions "-1"');
    expect(byLine[4]).toContain("is not a pupil in 2025-26");
    expect(byLine[5]).toContain("a second row for");
    expect(byLine[6]).toContain("attendance_pct 95 does not match the sessions (90 of 100 is 90.0%)");
  });

  it("names missing columns", () => {
    const v = validateAttendanceCsv("upn,academic_year,term\nA123456789012,2025-26,autumn", ctx);
    expectFailed(v);
    expect(v.errors[0]!.message).toContain("possible_sessions, attended_sessions, authorised_absence, unauthorised_absence");
  });

  it("reads both date forms and MIS type words, and places each suspension in its term", () => {
    expect(parseDate("14/01/2026")).toBe("2026-01-14");
    expect(parseDate("2026-01-14")).toBe("2026-01-14");
    expect(parseDate("31/02/2026")).toBeNull();
    expect(parseDate("2026-13-01")).toBeNull();
    expect(parseSuspensionType("Fixed Period")).toBe("suspension");
    expect(parseSuspensionType("permanent_exclusion")).toBe("permanent_exclusion");
    expect(parseSuspensionType("detention")).toBeNull();
    const sctx = {
      ...ctx,
      termOf: (d: string) => (d >= "2025-09-01" && d <= "2025-12-31" ? { academicYear: "2025-26", term: "autumn" as const } : null),
    };
    const ok = validateSuspensionsCsv(`UPN,Start Date,Days,Type\n${UPN1},03/11/2025,1.5,Fixed Period`, sctx);
    expect(ok).toEqual({ ok: true, rows: [{ line: 2, upn: UPN1, startDate: "2025-11-03", days: 1.5, type: "suspension", academicYear: "2025-26", term: "autumn" }] });
    const bad = validateSuspensionsCsv(`upn,start_date,days,type\n${UPN1},2026-05-01,0,suspension\n${UPN2},2025-10-01,1.25,expelled`, sctx);
    expectFailed(bad);
    expect(bad.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(bad.errors[0]!.message).toContain("not in any term");
    expect(bad.errors[0]!.message).toContain('days "0"');
    expect(bad.errors[1]!.message).toContain('days "1.25"');
    expect(bad.errors[1]!.message).toContain('type "expelled"');
  });
});

describe("success criteria on attendance", () => {
  it("need a pupil group, take the whole school or one year group, and keep no subject or unit", async () => {
    const { criterionFieldsSchema } = await import("@/lib/validation/sip");
    const base = {
      kind: "measurable",
      description: "Attendance at least 96%",
      isHeadline: false,
      subject: "writing",
      unit: "%",
      baseline: "94.2",
      target: "96",
      lowerIsBetter: false,
      dueTermId: "t1",
    };
    const bad = criterionFieldsSchema.safeParse({ ...base, metric: "attendance_pct", yearGroup: "", pupilGroup: "" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["pupilGroup"]);
    const whole = criterionFieldsSchema.parse({ ...base, metric: "attendance_pct", yearGroup: "", pupilGroup: "disadvantaged" });
    expect(whole).toMatchObject({ metric: "attendance_pct", yearGroup: null, subject: null, unit: null, pupilGroup: "disadvantaged", baseline: 94.2 });
    const susp = criterionFieldsSchema.parse({ ...base, metric: "suspensions", yearGroup: "Y6", pupilGroup: "all" });
    expect(susp).toMatchObject({ yearGroup: null, subject: null });
  });

  it("read the year-to-date row, and are described and formatted as such", async () => {
    const { describeMetric, formatMetricValue, readAttendanceMetric } = await import("@/lib/analytics/criteria");
    const pupils = ["a", "b", "c", "d", "e"].map((id) => pupil(id, { disadvantaged: true }));
    const records = [...pupils.map((p) => rec(p.id, "T1", 100, 100)), ...pupils.map((p) => rec(p.id, "T2", 100, p.id === "a" ? 70 : 95))];
    const tables = { attendance: computeAttendance(pupils, records, opts), behaviour: computeBehaviour(pupils, [{ pupilId: "a", termId: "T1", type: "suspension" }], opts) };
    const spec = { metric: "attendance_pct" as const, yearGroup: null, subject: null, pupilGroup: "disadvantaged" as const };
    // (500 + 450) / 1000 = 95.0 over the year; the term alone would be 90.0.
    expect(readAttendanceMetric(spec, tables)).toEqual({ value: 95, suppressed: false, found: true });
    expect(readAttendanceMetric({ ...spec, metric: "persistent_absence_pct" }, tables)).toEqual({ value: 20, suppressed: false, found: true });
    expect(readAttendanceMetric({ ...spec, metric: "suspensions", pupilGroup: "all" }, tables)).toEqual({ value: 1, suppressed: false, found: true });
    expect(readAttendanceMetric({ ...spec, yearGroup: "Y6" }, tables)).toEqual({ value: null, suppressed: false, found: false });
    expect(describeMetric(spec)).toBe("Whole school, attendance % (year to date, disadvantaged pupils)");
    expect(formatMetricValue(95, spec)).toBe("95.0%");
    expect(formatMetricValue(2, { metric: "suspensions" })).toBe("2 suspensions");
  });
});
