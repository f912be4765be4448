import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { PRIMARY_SCHEME, SECONDARY_SCHEME } from "@/lib/analytics/schemes";
import { termOfDate } from "@/lib/import/ctf";
import { mapValue, normaliseHeader, readResult, readYearGroup, resolveColumns, FLAG, SEN } from "@/lib/import/mapping";
import { PUPIL_FIELDS } from "@/lib/import/pupils";
import { decodeText, describeSource, detectDelimiter, sourceFromText } from "@/lib/import/source";

describe("decodeText", () => {
  const text = "UPN,Forename\r\nA123456789012,Zoë\r\n";
  it("reads UTF-8 with and without a BOM, UTF-16 with a BOM either way round and without one, and Windows-1252", () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(Buffer.from(text)), "UTF-8"],
      [new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), "UTF-8 (with byte-order mark)"],
      [new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")])), "UTF-16 LE"],
      [new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")])), "UTF-16 BE"],
      [new Uint8Array(iconv.encode(text, "utf-16le")), "UTF-16 LE"],
      [new Uint8Array(iconv.encode(text, "windows-1252")), "Windows-1252"],
    ];
    for (const [bytes, encoding] of cases) expect(decodeText(bytes)).toEqual({ ok: true, text, encoding });
  });

  it("refuses bytes that are no text encoding it knows, saying so", () => {
    const r = decodeText(new Uint8Array([0x41, 0x81, 0x42, 0x00, 0x8d, 0x43]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]!.message).toContain("encoding cannot be recognised");
  });
});

describe("detectDelimiter and sourceFromText", () => {
  it("picks the delimiter that splits the header, ignoring ones inside quotes", () => {
    expect(detectDelimiter("a,b,c\n1,2,3")).toBe(",");
    expect(detectDelimiter("a;b;c\n1;2,5;3")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter('"Surname, legal";Forename;Year')).toBe(";");
    expect(detectDelimiter("upn")).toBe(",");
  });

  it("reads a semicolon file with a decimal comma as a table and says how", () => {
    const s = sourceFromText("UPN;Score\nA123456789012;2,5\n");
    expect(s.ok && s.kind === "table" && s.table.records[0]!.cells).toEqual(["A123456789012", "2,5"]);
    expect(s.ok && describeSource(s.info)).toBe("UTF-8 text, semicolon-separated");
  });
});

describe("header and value mapping", () => {
  it("normalises headers: case, spaces, underscores, dots", () => {
    expect(normaliseHeader("  Legal_Surname ")).toBe("legal surname");
    expect(normaliseHeader("N.C. Year")).toBe("n c year");
    expect(normaliseHeader("\uFEFFUPN")).toBe("upn");
  });

  it("finds columns in any order by the usual MIS spellings, preferring the legal name, and a mapping over the names", () => {
    const header = ["Preferred Forename", "FORM", "upn", "Legal Forename", "Sex", "Curriculum Year", "Surname"];
    const r = resolveColumns(header, PUPIL_FIELDS);
    expect(r.missing).toEqual([]);
    expect(r.index).toMatchObject({ upn: 2, first_name: 3, last_name: 6, year_group: 5, class: 1, gender: 4 });
    const mapped = resolveColumns(header, PUPIL_FIELDS, { columns: { first_name: "preferred forename" }, values: {} });
    expect(mapped.index.first_name).toBe(0);
    const wrong = resolveColumns(header, PUPIL_FIELDS, { columns: { first_name: "Nickname" }, values: {} });
    expect(wrong.unknownMapped.map((u) => u.header)).toEqual(["Nickname"]);
  });

  it("reads the usual spellings of year groups, flags, SEN and results", () => {
    expect(["R", "Reception", "Year R", "3", "Y3", "Year 3", "NC Year 3", "Year 03", "14", "Nursery"].map(readYearGroup)).toEqual(["R", "R", "R", "Y3", "Y3", "Y3", "Y3", "Y3", null, null]);
    const flag = PUPIL_FIELDS.find((f) => f.key === "fsm")!;
    expect(["Y", "no", "TRUE", "0", "", "maybe"].map((v) => mapValue(flag, v))).toEqual(["Y", "N", "Y", "N", "N", null]);
    expect(["N", "K", "E", "SEN Support", "EHC Plan", "EHCP", "No Special Educational Need", ""].map((v) => SEN.read(v) ?? SEN.blank)).toEqual(["N", "K", "E", "K", "E", "E", "N", "N"]);
    expect(FLAG.read("Yes")).toBe("Y");
    expect(["WTS", "exs", "Working towards", "Expected", "Greater depth", "Pre-key stage", "PK4", "7"].map((v) => readResult(PRIMARY_SCHEME, v))).toEqual([
      "WTS",
      "EXS",
      "WTS",
      "EXS",
      "GDS",
      "PKS",
      "PKS",
      null,
    ]);
    expect(["7", "Grade 4", "u", "Ungraded", "EXS", "10"].map((v) => readResult(SECONDARY_SCHEME, v))).toEqual(["7", "4", "U", "U", null, null]);
  });

  it("a mapping's value translations come first and must be a choice of the field", () => {
    const gender = PUPIL_FIELDS.find((f) => f.key === "gender")!;
    expect(mapValue(gender, "Boy")).toBe(null);
    expect(mapValue(gender, " boy ", { columns: {}, values: { gender: { Boy: "M" } } })).toBe("M");
    expect(mapValue(gender, "Boy", { columns: {}, values: { gender: { Boy: "Q" } } })).toBe(null);
  });
});

describe("termOfDate", () => {
  it("places a date in its academic year and term", () => {
    expect(termOfDate("2026-06-20")).toEqual({ academicYear: "2025-26", term: "summer" });
    expect(termOfDate("2025-09-03")).toEqual({ academicYear: "2025-26", term: "autumn" });
    expect(termOfDate("2026-02-01")).toEqual({ academicYear: "2025-26", term: "spring" });
    expect(termOfDate("2099-13")).toBe(null);
  });
});
