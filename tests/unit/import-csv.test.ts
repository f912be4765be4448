import { describe, expect, it } from "vitest";
import { checkHeader, formatLineError, parseAcademicYear, parseCsv } from "@/lib/import/csv";
import { parseFlag, parseGender, parseSen, parseUpn, parseYearGroup, validatePupilsCsv, PUPIL_COLUMNS } from "@/lib/import/pupils";
import { validateAssessmentsCsv } from "@/lib/import/assessments";
import { PRIMARY_SCHEME, SECONDARY_SCHEME } from "@/lib/analytics/schemes";
import { expectFailed, expectOk } from "../assert";

const HEADER = PUPIL_COLUMNS.join(",");
const pupilLine = (over: Partial<Record<(typeof PUPIL_COLUMNS)[number], string>> = {}) => {
  const base = {
    upn: "A123456789012",
    first_name: "Amelia",
    last_name: "Smith",
    year_group: "6",
    class: "Oak",
    gender: "F",
    disadvantaged: "N",
    fsm: "N",
    sen: "N",
    eal: "N",
    looked_after: "N",
    ...over,
  };
  return PUPIL_COLUMNS.map((c) => base[c]).join(",");
};

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, commas and line breaks inside quotes", () => {
    const r = parseCsv('a,b,c\n"x, y","say ""hi""","two\nlines"\n1,2,3\n');
    expectOk(r);
    expect(r.table.header).toEqual(["a", "b", "c"]);
    expect(r.table.records).toEqual([
      { line: 2, cells: ["x, y", 'say "hi"', "two\nlines"] },
      // The quoted line break moves the next record to line 4.
      { line: 4, cells: ["1", "2", "3"] },
    ]);
  });

  it("tolerates a BOM, CRLF and CR line endings, blank lines and spaces around cells", () => {
    const r = parseCsv("\uFEFFUPN , Name\r\nA1 , Bo\r\n\r\n B2,Cy\rC3,Di");
    expectOk(r);
    expect(r.table.header).toEqual(["upn", "name"]);
    expect(r.table.records).toEqual([
      { line: 2, cells: ["A1", "Bo"] },
      { line: 4, cells: ["B2", "Cy"] },
      { line: 5, cells: ["C3", "Di"] },
    ]);
  });

  it("names the line of a quote that is never closed", () => {
    const r = parseCsv('a,b\n1,2\n3,"open\n4,5\n');
    expect(r).toEqual({ ok: false, errors: [{ line: 3, message: expect.stringContaining("never closed") }] });
  });

  it("refuses an empty file", () => {
    expect(parseCsv("").ok).toBe(false);
    expect(parseCsv("\uFEFF\n\n").ok).toBe(false);
  });
});

describe("checkHeader", () => {
  it("names every missing column", () => {
    const r = checkHeader(["upn", "first_name"], ["upn", "first_name", "sen", "eal"]);
    expectFailed(r);
    expect(r.errors[0]!.message).toContain("missing the columns sen, eal");
    expect(r.errors[0]!.line).toBe(1);
  });
  it("accepts columns in any order and ignores extras", () => {
    const r = checkHeader(["note", "b", "a"], ["a", "b"]);
    expect(r.ok && r.index).toMatchObject({ a: 2, b: 1 });
  });
  it("refuses a required column given twice", () => {
    expect(checkHeader(["a", "b", "a"], ["a", "b"]).ok).toBe(false);
  });
});

describe("field parsers", () => {
  it.each([
    ["R", "R"],
    ["r", "R"],
    ["Reception", "R"],
    ["1", "Y1"],
    ["13", "Y13"],
    ["Y6", "Y6"],
    ["y6", "Y6"],
    ["Year 6", "Y6"],
    ["year 10", "Y10"],
    ["Year6", "Y6"],
    ["0", null],
    ["14", null],
    ["Y14", null],
    ["Six", null],
    ["", null],
  ])("year_group %s → %s", (input, out) => {
    expect(parseYearGroup(input)).toBe(out);
  });

  it("flags are Y or N (also Yes/No, True/False, 1/0); gender F, M or X (also Female, Male); sen N, K or E (any case)", () => {
    expect([parseFlag("Y"), parseFlag("n"), parseFlag("yes"), parseFlag("False"), parseFlag("1"), parseFlag(""), parseFlag("maybe")]).toEqual([true, false, true, false, true, null, null]);
    expect([parseGender("f"), parseGender("M"), parseGender("X"), parseGender("Female"), parseGender("B")]).toEqual(["F", "M", "X", "F", null]);
    expect([parseSen("N"), parseSen("k"), parseSen("E"), parseSen("EHC Plan"), parseSen("SEN Support"), parseSen("S")]).toEqual(["N", "K", "E", "E", "K", null]);
  });

  it("a UPN is a letter, 11 digits and a digit or letter", () => {
    expect(parseUpn("a123456789012")).toBe("A123456789012");
    expect(parseUpn("A12345678901B")).toBe("A12345678901B");
    expect(parseUpn("123456789012")).toBeNull();
    expect(parseUpn("A1234567890")).toBeNull();
  });

  it("academic_year is two consecutive years like 2025-26", () => {
    expect(parseAcademicYear("2025-26")).toBe(2025);
    expect(parseAcademicYear("2099-00")).toBe(2099);
    expect(parseAcademicYear("2025-27")).toBeNull();
    expect(parseAcademicYear("2025/26")).toBeNull();
    expect(parseAcademicYear("25-26")).toBeNull();
  });
});

describe("validatePupilsCsv (SPEC §4.2)", () => {
  it("accepts a valid file and normalises it", () => {
    const csv = `\uFEFF${HEADER}\r\n${pupilLine()}\r\n${pupilLine({ upn: "B123456789012", first_name: '"O\'Brien, Jr"', year_group: "Year 3", class: "", gender: "m", disadvantaged: "Y", sen: "k", looked_after: "y" })}\r\n`;
    const r = validatePupilsCsv(csv);
    expectOk(r);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ line: 2, upn: "A123456789012", yearGroup: "Y6", className: "Oak", gender: "F", disadvantaged: false, sen: "N" });
    expect(r.rows[1]).toMatchObject({ line: 3, firstName: "O'Brien, Jr", yearGroup: "Y3", className: null, gender: "M", disadvantaged: true, sen: "K", lookedAfter: true });
  });

  it("lists every bad line with every reason", () => {
    const csv = [
      HEADER,
      pupilLine(),
      pupilLine({ upn: "B123456789012", year_group: "Year 15", gender: "Q" }),
      pupilLine({ upn: "C123456789012", sen: "S", eal: "maybe" }),
      pupilLine({ upn: "nope", first_name: "" }),
      pupilLine(), // duplicate of line 2
      "D123456789012,Too,Few",
    ].join("\n");
    const r = validatePupilsCsv(csv);
    expectFailed(r);
    const lines = r.errors.map((e) => e.line);
    expect(lines).toEqual([3, 4, 5, 6, 7]);
    const msg = (line: number) => r.errors.find((e) => e.line === line)!.message;
    expect(msg(3)).toContain('year_group "Year 15"');
    expect(msg(3)).toContain('gender "Q" is not F, M or X');
    expect(msg(4)).toContain('sen "S" is not N, K or E');
    expect(msg(4)).toContain('eal "maybe" is not Y or N');
    expect(msg(5)).toContain('upn "nope" is not a UPN');
    expect(msg(5)).toContain("first_name is empty");
    expect(msg(6)).toContain("appears twice (also on line 2)");
    expect(msg(7)).toContain("has 3 values but the header has 11 columns");
    expect(formatLineError(r.errors[0]!)).toMatch(/^Line 3: /);
  });

  it("refuses a file missing required columns, naming them", () => {
    const r = validatePupilsCsv("upn,first_name,class\nA123456789012,A,Oak\n");
    expectFailed(r);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/no column for last name .*; year group .*; gender/);
  });

  it("accepts a file without the optional columns, noting them as absent", () => {
    const r = validatePupilsCsv("upn,first_name,last_name,year_group,class,gender\nA123456789012,A,B,6,Oak,F\n");
    expect(r.ok && r.absent).toEqual(["disadvantaged", "fsm", "sen", "eal", "looked_after"]);
    expect(r.ok && r.rows[0]).toMatchObject({ sen: "N", fsm: false, disadvantaged: false, className: "Oak" });
  });

  it("refuses an unquoted comma that shifts a row's values", () => {
    const r = validatePupilsCsv(`${HEADER}\n${pupilLine({ first_name: "Jo, Jr" })}`);
    expectFailed(r);
    expect(r.errors[0]!.message).toContain("12 values");
  });

  it("refuses a header-only file", () => {
    expect(validatePupilsCsv(`${HEADER}\n`).ok).toBe(false);
  });
});

describe("validateAssessmentsCsv (SPEC §4.3)", () => {
  const years: Record<string, Set<string>> = { "2025-26": new Set(["A123456789012", "B123456789012"]) };
  const ctx = { scheme: PRIMARY_SCHEME, pupilsOf: (y: string) => years[y] };

  it("accepts a valid file, normalising case", () => {
    const r = validateAssessmentsCsv("upn,academic_year,term,subject,result\nA123456789012,2025-26,summer,writing,EXS\nb123456789012,2025-26,Autumn,Maths,gds\n", ctx);
    expectOk(r);
    expect(r.rows).toEqual([
      { line: 2, upn: "A123456789012", academicYear: "2025-26", term: "summer", subject: "writing", result: "EXS" },
      { line: 3, upn: "B123456789012", academicYear: "2025-26", term: "autumn", subject: "maths", result: "GDS" },
    ]);
  });

  it("names a bad result code, an unknown UPN, a bad term, a bad year, an unknown year, a bad subject and a duplicate", () => {
    const csv = [
      "upn,academic_year,term,subject,result",
      "A123456789012,2025-26,summer,writing,EX",
      "Z999999999999,2025-26,summer,writing,EXS",
      "A123456789012,2025-26,winter,reading,EXS",
      "A123456789012,2025/26,summer,maths,EXS",
      "A123456789012,2030-31,summer,maths,EXS",
      "A123456789012,2025-26,summer,french,EXS",
      "B123456789012,2025-26,summer,maths,EXS",
      "B123456789012,2025-26,summer,maths,WTS",
    ].join("\n");
    const r = validateAssessmentsCsv(csv, ctx);
    expectFailed(r);
    const msg = Object.fromEntries(r.errors.map((e) => [e.line, e.message]));
    expect(Object.keys(msg).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 9]);
    expect(msg[2]).toContain('result "EX" is not a result of the school\'s scheme (PKS, WTS, EXS, GDS)');
    expect(msg[3]).toContain("upn Z999999999999 is not a pupil in 2025-26");
    expect(msg[4]).toContain('term "winter" is not autumn, spring or summer');
    expect(msg[5]).toContain('academic_year "2025/26" is not an academic year like 2025-26');
    expect(msg[6]).toContain("2030-31 has no pupils");
    expect(msg[7]).toContain('subject "french"');
    expect(msg[9]).toContain("also on line 8");
  });

  it("names missing columns", () => {
    const r = validateAssessmentsCsv("upn,academic_year,term,subject\nA123456789012,2025-26,summer,writing\n", ctx);
    expectFailed(r);
    expect(r.errors[0]).toEqual({ line: 1, message: expect.stringContaining("missing the column result") });
  });

  it("refuses targets under the primary scheme", () => {
    const r = validateAssessmentsCsv("upn,academic_year,term,subject,result,target\nA123456789012,2025-26,summer,writing,EXS,GDS\n", ctx);
    expect(r.ok).toBe(false);
  });

  it("reads GCSE grades and targets under the secondary scheme", () => {
    const sctx = { scheme: SECONDARY_SCHEME, pupilsOf: ctx.pupilsOf };
    const ok = validateAssessmentsCsv("upn,academic_year,term,subject,result,target\nA123456789012,2025-26,spring,english,5,6\nB123456789012,2025-26,spring,maths,u,\n", sctx);
    expect(ok.ok && ok.rows).toEqual([
      { line: 2, upn: "A123456789012", academicYear: "2025-26", term: "spring", subject: "english", result: "5", target: "6" },
      { line: 3, upn: "B123456789012", academicYear: "2025-26", term: "spring", subject: "maths", result: "U", target: null },
    ]);
    const bad = validateAssessmentsCsv("upn,academic_year,term,subject,result,target\nA123456789012,2025-26,spring,english,10,EXS\nA123456789012,2025-26,spring,reading,4,\n", sctx);
    expectFailed(bad);
    expect(bad.errors[0]!.message).toContain('result "10"');
    expect(bad.errors[0]!.message).toContain('target "EXS"');
    expect(bad.errors[1]!.message).toContain('subject "reading"');
  });
});
