import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { db } from "@/db/client";
import { academicYears, assessmentResults, auditLog, classes, importMappings, pupils, terms } from "@/db/schema";
import { ctfXml, delimited, marksheetRows, misPupilRows, type CtfPupil, type MisPupil } from "@/db/seed/mis-files";
import { CLI_ACTOR } from "@/lib/data/audit";
import { findImportMapping, listImportMappings, saveImportMapping } from "@/lib/data/import-mappings";
import { formatImportErrors, importAssessments, importCtf, importPupils, previewAssessmentImport, previewCtfImport, previewPupilImport } from "@/lib/data/pupils";
import { readSource } from "@/lib/import/source";
import { todayIso } from "@/lib/clock";
import { applyPupilsImportAction, previewPupilsImportAction, saveImportMappingAction } from "@/app/(app)/pupils/import/actions";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

const YEAR = "2025-26";
const upn = (i: number) => `M${String(200000000000 + i).slice(-11)}${i % 10}`;
const NAMES: [string, string][] = [
  ["Zoë", "Brontë"],
  ["José", "Núñez"],
  ["Søren", "Ødegård"],
  ["François", "Lefèvre"],
  ["Siân", "O'Brien"],
  ["Łucja", "Kowalska"], // not in Windows-1252: used only for the Unicode encodings
];

function misPupils(n: number, names = NAMES.slice(0, 5)): MisPupil[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    const [forename, surname] = names[k % names.length]!;
    return {
      upn: upn(i),
      forename: k < names.length ? forename : `${forename}${i}`,
      surname,
      ncYear: i % 2 ? "6" : "5",
      regGroup: i % 2 ? "6H" : "5C",
      gender: i % 2 ? "F" : "M",
      fsm: i % 4 === 0,
      pupilPremium: i % 4 === 0 || i % 7 === 0,
      sen: i % 5 === 0 ? "K" : i % 9 === 0 ? "E" : "N",
      eal: i % 3 === 0,
      lookedAfter: i === 7,
    };
  });
}

/** Every row of every table an import writes, so "nothing changed" is checked exactly. */
function snapshot() {
  return {
    years: db.select().from(academicYears).all(),
    terms: db.select().from(terms).all(),
    classes: db.select().from(classes).all(),
    pupils: db.select().from(pupils).orderBy(pupils.id).all(),
    results: db.select().from(assessmentResults).orderBy(assessmentResults.id).all(),
    mappings: db.select().from(importMappings).all(),
    audit: db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .get()!.n,
  };
}

function pupilsOfYear(year: string) {
  const y = db.select().from(academicYears).where(eq(academicYears.name, year)).get()!;
  return db.select().from(pupils).where(eq(pupils.academicYearId, y.id)).all();
}

const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
const withBom = (bom: number[], body: Buffer) => new Uint8Array(Buffer.concat([Buffer.from(bom), body]));

let people: ReturnType<typeof createOnePerRole>;
beforeAll(() => {
  ensureTestSchool({ year: YEAR });
  people = createOnePerRole();
});

describe("encodings and shapes as files really come", () => {
  const unicodePupils = misPupils(6, NAMES);
  const rows = misPupilRows(unicodePupils);
  const cases: { name: string; bytes: () => Uint8Array; source: string; pupils: MisPupil[] }[] = [
    { name: "UTF-8 without a BOM, comma", bytes: () => bytesOf(delimited(rows)), source: "UTF-8 text, comma-separated", pupils: unicodePupils },
    {
      name: "UTF-8 with a BOM, semicolon",
      bytes: () => withBom([0xef, 0xbb, 0xbf], Buffer.from(delimited(rows, ";"))),
      source: "UTF-8 (with byte-order mark) text, semicolon-separated",
      pupils: unicodePupils,
    },
    {
      name: "UTF-16 LE with a BOM, tab (Excel's Unicode text)",
      bytes: () => withBom([0xff, 0xfe], iconv.encode(delimited(rows, "\t"), "utf-16le")),
      source: "UTF-16 LE text, tab-separated",
      pupils: unicodePupils,
    },
    { name: "UTF-16 BE with a BOM, comma", bytes: () => withBom([0xfe, 0xff], iconv.encode(delimited(rows), "utf-16be")), source: "UTF-16 BE text, comma-separated", pupils: unicodePupils },
    {
      name: "Windows-1252 (Excel's plain CSV), comma",
      bytes: () => new Uint8Array(iconv.encode(delimited(misPupilRows(misPupils(5))), "windows-1252")),
      source: "Windows-1252 text, comma-separated",
      pupils: misPupils(5),
    },
  ];

  for (const c of cases) {
    it(`reads ${c.name}: names with accents survive byte for byte`, async () => {
      const source = await readSource(c.bytes());
      const before = snapshot();
      const preview = previewPupilImport({ source, academicYear: YEAR });
      expectOk(preview);
      expect(preview.summary.source).toBe(c.source);
      expect(preview.summary.rows).toBe(c.pupils.length);
      const sampleNames = preview.summary.sample.map((r) => `${r.cells[1]} ${r.cells[2]}`);
      expect(sampleNames).toEqual(c.pupils.map((p) => `${p.forename} ${p.surname}`).slice(0, sampleNames.length));
      expect(snapshot()).toEqual(before);
    });
  }

  it("imports a Windows-1252 export and stores the names exactly, then a UTF-16 copy of the same file changes nothing", async () => {
    const list = misPupils(5);
    const cp1252 = await readSource(new Uint8Array(iconv.encode(delimited(misPupilRows(list)), "windows-1252")));
    const done = importPupils({ source: cp1252, academicYear: YEAR, actor: CLI_ACTOR });
    expect(done.ok && done.summary).toMatchObject({ inserts: 5, updates: 0 });
    const stored = pupilsOfYear(YEAR).filter((p) => p.upn.startsWith("M"));
    expect(stored.map((p) => `${p.firstName}|${p.lastName}`).sort()).toEqual(list.map((p) => `${p.forename}|${p.surname}`).sort());
    expect(Buffer.from(stored.find((p) => p.upn === upn(1))!.firstName, "utf8")).toEqual(Buffer.from("Zoë", "utf8"));
    const p7 = list[4]!;
    expect(stored.find((p) => p.upn === p7.upn)).toMatchObject({ gender: "F", sen: "K", eal: false, fsm: false });

    const utf16 = await readSource(withBom([0xff, 0xfe], iconv.encode(delimited(misPupilRows(list), "\t"), "utf-16le")));
    const again = importPupils({ source: utf16, academicYear: YEAR, actor: CLI_ACTOR });
    expect(again.ok && again.summary).toMatchObject({ inserts: 0, updates: 0, unchanged: 5, changed: false });
  });

  it("reads an Excel workbook's first sheet, or the sheet chosen, and says which", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["Exported from the MIS"]);
    const sheet = wb.addWorksheet("Pupils");
    for (const r of misPupilRows(misPupils(6, NAMES))) sheet.addRow(r);
    // A number typed into a cell, and a cell left empty at the end of a row, as Excel stores them.
    sheet.getCell("D2").value = 6;
    sheet.getCell("K3").value = null;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const first = await readSource(bytes);
    const refused = previewPupilImport({ source: first, academicYear: YEAR });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.source).toBe('Excel workbook, sheet "Notes" (of 2)');

    const chosen = await readSource(bytes, { sheet: "pupils" });
    const preview = previewPupilImport({ source: chosen, academicYear: YEAR });
    expectOk(preview);
    expect(preview.summary.source).toBe('Excel workbook, sheet "Pupils" (of 2)');
    expect(preview.summary.rows).toBe(6);
    const done = importPupils({ source: chosen, academicYear: YEAR, actor: CLI_ACTOR });
    expect(done.ok).toBe(true);
    const lucja = pupilsOfYear(YEAR).find((p) => p.upn === upn(6))!;
    expect([lucja.firstName, lucja.lastName, lucja.yearGroup]).toEqual(["Łucja", "Kowalska", "Y5"]);
    expect(pupilsOfYear(YEAR).find((p) => p.upn === upn(1))!.yearGroup).toBe("Y6");
    expect(pupilsOfYear(YEAR).find((p) => p.upn === upn(2))!.lookedAfter).toBe(false);

    const missing = await readSource(bytes, { sheet: "Results" });
    expect(missing).toMatchObject({ ok: false, errors: [{ message: 'The workbook has no sheet called "Results" (its sheets: Notes, Pupils).' }] });
  });

  it("refuses a file that cannot be decoded with a message about its encoding, and changes nothing", async () => {
    const before = snapshot();
    const binary = new Uint8Array(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) % 256));
    const source = await readSource(binary);
    const r = importPupils({ source, academicYear: YEAR, actor: CLI_ACTOR });
    expectFailed(r);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toContain("encoding cannot be recognised");
    expect(r.errors[0]!.message).not.toMatch(/missing|no column/);
    const xls = await readSource(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    expect(!xls.ok && xls.errors[0]!.message).toContain("Excel 97–2003 workbook (.xls)");
    expect(snapshot()).toEqual(before);
  });
});

describe("column and value mapping", () => {
  it("takes the issue's MIS header with no mapping step; columns the file lacks keep what pupils have", async () => {
    // A pupil marked looked after and disadvantaged by hand, then a file without those columns.
    const list = misPupils(3).map((p, k) => ({ ...p, upn: upn(40 + k) }));
    const full = importPupils({ source: await readSource(bytesOf(delimited(misPupilRows(list)))), academicYear: YEAR, actor: CLI_ACTOR });
    expect(full.ok).toBe(true);
    db.update(pupils).set({ lookedAfter: true, disadvantaged: true }).where(eq(pupils.upn, list[0]!.upn)).run();

    const issueHeader = "UPN,Legal Surname,Legal Forename,Year,Reg Group,Gender,FSM Eligible,SEN Status,EAL";
    const csv = [
      issueHeader,
      ...list.map((p) =>
        [p.upn, p.surname, p.forename, `NC Year ${p.ncYear}`, p.regGroup, p.gender === "M" ? "Male" : "Female", p.fsm ? "Y" : "N", p.sen === "K" ? "SEN Support" : "N", p.eal ? "1" : "0"].join(","),
      ),
    ].join("\n");
    const preview = previewPupilImport({ csv, academicYear: YEAR });
    expectOk(preview);
    expect(preview.summary).toMatchObject({ inserts: 0, updates: 0, unchanged: 3 });
    expect(preview.summary.notes.join(" ")).toContain(
      "no column for disadvantaged, looked_after: pupils already here keep theirs; new pupils get N for looked_after, disadvantaged if eligible for FSM or looked after",
    );
    expect(pupilsOfYear(YEAR).find((p) => p.upn === list[0]!.upn)).toMatchObject({ lookedAfter: true, disadvantaged: true });
    // A new pupil from such a file is disadvantaged when eligible for FSM.
    expect(importPupils({ csv: `${issueHeader}\n${upn(45)},Newby,Ana,Year 3,3B,Female,Y,N,N\n`, academicYear: YEAR, actor: CLI_ACTOR }).ok).toBe(true);
    expect(pupilsOfYear(YEAR).find((p) => p.upn === upn(45))).toMatchObject({ fsm: true, disadvantaged: true, lookedAfter: false, yearGroup: "Y3", sen: "N" });
  });

  it("an unknown shape goes through the mapping step; the mapping is saved under a name and reused by the browser and the CLI", async () => {
    const header = ["Pupil No", "Child Surname", "Child Forename", "NCY", "Tutor", "Boy/Girl", "Free Meals", "Needs"];
    const list = misPupils(4).map((p, k) => ({ ...p, upn: upn(60 + k) }));
    const rows = [header, ...list.map((p) => [p.upn, p.surname, p.forename, p.ncYear, p.regGroup, p.gender === "M" ? "Boy" : "Girl", p.fsm ? "Yes" : "No", p.sen === "K" ? "Support" : "None"])];
    const data = Buffer.from(delimited(rows)).toString("base64");
    const before = snapshot();

    actAs(people.headteacher);
    const first = await previewPupilsImportAction({ kind: "pupils", academicYear: YEAR, data, fileName: "export.csv" });
    expect(first.ok && !first.data.ok).toBe(true);
    if (!first.ok || first.data.ok) return;
    expect(first.data.mappingKind).toBe("pupils");
    expect(first.data.errors[0]!.message).toMatch(/no column for UPN .*; first name .*; last name .*; gender/);
    const help = first.data.mapping!;
    expect(help.header).toEqual(header);
    expect(help.fields.find((f) => f.key === "sen")!.column).toBe(null);
    expect(help.fields.find((f) => f.key === "year_group")!.column).toBe("NCY");

    const columns = { upn: "Pupil No", last_name: "Child Surname", first_name: "Child Forename", year_group: "NCY", class: "Tutor", gender: "Boy/Girl", fsm: "Free Meals", sen: "Needs" };
    const second = await previewPupilsImportAction({ kind: "pupils", academicYear: YEAR, data, mapping: { columns, values: {} } });
    expect(second.ok && !second.data.ok && second.data.mapping?.unknownValues).toEqual({ gender: ["Girl", "Boy"] });

    const mapping = { columns, values: { gender: { Boy: "M", Girl: "F" }, sen: { Support: "K" } } };
    const third = await previewPupilsImportAction({ kind: "pupils", academicYear: YEAR, data, mapping });
    expect(third.ok && third.data.ok && third.data.summary).toMatchObject({ inserts: 4 });
    expect(snapshot()).toEqual(before);

    const saved = await saveImportMappingAction({ kind: "pupils", name: "Office export", mapping });
    expect(saved).toMatchObject({ ok: true, data: { name: "Office export", kind: "pupils" } });
    expect(findImportMapping({ name: "office export", kind: "pupils" })!.mapping).toEqual(mapping);

    const applied = await applyPupilsImportAction({ kind: "pupils", academicYear: YEAR, data, mappingName: "Office export" });
    expect(applied.ok && applied.data.ok && applied.data.summary).toMatchObject({ inserts: 4, changed: true });
    const stored = pupilsOfYear(YEAR).filter((p) => list.some((l) => l.upn === p.upn));
    expect(stored.map((p) => [p.upn, p.gender, p.sen]).sort()).toEqual(list.map((p) => [p.upn, p.gender, p.sen]).sort());

    // Saving under the same name replaces it (one row, version 2).
    saveImportMapping({ kind: "pupils", name: "Office export", mapping: { ...mapping, values: { ...mapping.values, sen: { Support: "K", Plan: "E" } } }, actor: CLI_ACTOR });
    expect(listImportMappings({ kind: "pupils" }).filter((m) => m.name === "Office export")).toMatchObject([{ version: 2 }]);
  });

  it("saving a mapping is refused to staff, governors, advisers and the signed-out", async () => {
    const before = snapshot();
    await expectRefused(saveImportMappingAction, { kind: "pupils", name: "Nope", mapping: { columns: {}, values: {} } }, refusedBy("pupils.import", people));
    expect(snapshot()).toEqual(before);
  });
});

describe("wide marksheets", () => {
  const subjects = ["Reading", "Writing", "Maths", "Science"];
  const list = () =>
    pupilsOfYear(YEAR)
      .filter((p) => p.upn.startsWith("M"))
      .sort((a, b) => a.upn.localeCompare(b.upn));
  const words = ["Expected", "WTS", "greater depth", "EXS", "Working towards", "pks", ""];

  it("imports a marksheet for the year and term chosen; blank cells are no result; the long format still works beside it", async () => {
    const ps = list();
    const rows = marksheetRows(
      ps.map((p) => ({ upn: p.upn, surname: p.lastName, forename: p.firstName })),
      subjects,
      (i, s) => words[(i + subjects.indexOf(s)) % words.length]!,
    );
    const csv = delimited(rows);
    const noTerm = previewAssessmentImport({ csv });
    expect(!noTerm.ok && noTerm.errors[0]!.message).toContain("This file is a marksheet");

    const blanks = rows.slice(1).reduce((n, r) => n + r.slice(3).filter((c) => c === "").length, 0);
    const preview = previewAssessmentImport({ csv, academicYear: YEAR, term: "spring" });
    expectOk(preview);
    expect(preview.summary).toMatchObject({ shape: "marksheet", rows: ps.length * 4 - blanks, inserts: ps.length * 4 - blanks });
    expect(preview.summary.notes.join(" ")).toContain("Read as a marksheet");
    expect(preview.summary.notes.join(" ")).not.toContain("not read");
    const extra = previewAssessmentImport({ csv: delimited(rows.map((r, i) => [...r, i ? "x" : "Writing (teacher)"])), academicYear: YEAR, term: "spring" });
    expect(extra.ok && extra.summary.notes).toContain("Column not read: Writing (teacher) (if one holds a subject's results, match it to the subject)");
    expect(extra.ok && extra.summary.mapping?.fields.map((f) => [f.key, f.column])).toEqual([
      ["upn", "UPN"],
      ["reading", "Reading"],
      ["writing", "Writing"],
      ["maths", "Maths"],
      ["science", "Science"],
    ]);
    const done = importAssessments({ csv, academicYear: YEAR, term: "spring", actor: CLI_ACTOR });
    expect(done.ok).toBe(true);
    const spring = db
      .select()
      .from(terms)
      .all()
      .find((t) => t.name === "spring")!;
    const first = db
      .select()
      .from(assessmentResults)
      .where(and(eq(assessmentResults.pupilId, ps[0]!.id), eq(assessmentResults.termId, spring.id)))
      .all();
    expect(Object.fromEntries(first.map((r) => [r.subject, r.result]))).toEqual({ reading: "EXS", writing: "WTS", maths: "GDS", science: "EXS" });
    expect(importAssessments({ csv, academicYear: YEAR, term: "spring", actor: CLI_ACTOR })).toMatchObject({ ok: true, summary: { changed: false } });

    const long = importAssessments({ csv: `upn,academic_year,term,subject,result\n${ps[0]!.upn},${YEAR},spring,reading,GDS\n`, actor: CLI_ACTOR });
    expect(long.ok && long.summary).toMatchObject({ shape: "long", updates: 1 });
  });

  it("names unknown results by column and offers them for mapping; a marksheet through the browser with a saved mapping", async () => {
    const ps = list().slice(0, 3);
    const rows = [["UPN", "Surname", "Forename", "KS2 Reading", "Mathematics", "Writing (TA)"], ...ps.map((p, i) => [p.upn, p.lastName, p.firstName, i === 1 ? "B" : "EXS", "GDS", "W"])];
    const before = snapshot();
    const bad = previewAssessmentImport({ csv: delimited(rows), academicYear: YEAR, term: "summer" });
    expectFailed(bad);
    expect(bad.errors).toEqual([{ line: 3, message: expect.stringContaining('KS2 Reading "B" is not a result') }]);
    expect(bad.mapping?.fields.find((f) => f.key === "writing")!.column).toBe(null);

    actAs(people.slt);
    const mapping = { columns: { writing: "Writing (TA)" }, values: { reading: { B: "WTS" }, writing: { W: "WTS" } } };
    expect((await saveImportMappingAction({ kind: "marksheet", name: "Termly marksheet", mapping })).ok).toBe(true);
    const data = Buffer.from(delimited(rows)).toString("base64");
    const r = await applyPupilsImportAction({ kind: "assessments", academicYear: YEAR, term: "summer", data, mappingName: "Termly marksheet" });
    expect(r.ok && r.data.ok && r.data.summary).toMatchObject({ inserts: 9, shape: "marksheet" });
    expect(snapshot().results.length).toBe(before.results.length + 9);
  });
});

describe("the Common Transfer File", () => {
  const today = todayIso();
  const yearsAgo = (n: number) => `${Number(today.slice(0, 4)) - n}${today.slice(4)}`;
  function ctfPupils(): CtfPupil[] {
    const base = misPupils(4, NAMES).map((p, k) => ({ ...p, upn: upn(80 + k) }));
    return base.map((p, k) => ({
      ...p,
      dob: "2014-10-02",
      language: k === 1 ? "POL" : "ENG",
      lookedAfter: k === 3,
      fsmSpells: k === 0 ? [{ start: yearsAgo(2) }] : k === 1 ? [{ start: yearsAgo(5), end: yearsAgo(3) }] : k === 2 ? [{ start: yearsAgo(9), end: yearsAgo(7) }] : [],
      senSpells:
        k === 0
          ? [
              { start: yearsAgo(3), provision: "K" as const },
              { start: yearsAgo(1), provision: "E" as const },
            ]
          : k === 2
            ? [{ start: yearsAgo(2), provision: "K" as const }]
            : [],
      assessments: [
        { stage: "KS2", year: "2026", subject: "ENG", component: "RD", result: "EXS", date: "2026-06-20" },
        { stage: "KS2", year: "2026", subject: "ENG", component: "WRIT", result: k === 2 ? "GDS" : "WTS", date: "2026-06-20" },
        { stage: "KS2", year: "2026", subject: "MAT", result: "EXS", date: "2026-06-20" },
        { stage: "KS2", year: "2026", subject: "MAT", method: "TT", result: "104", date: "2026-05-14" },
        { stage: "KS1", year: "2022", subject: "ENG", component: "RD", result: "EXS", date: "2022-06-20" },
      ],
    }));
  }

  it("imports pupils, their disadvantage, SEN, EAL and looked-after status, and the year's results; again changes nothing", async () => {
    const list = ctfPupils();
    const xml = ctfXml(list, { sourceSchool: "Hillside Primary", dateTime: "2026-07-18T10:00:00", academicYear: YEAR });
    const source = await readSource(bytesOf(xml));
    const before = snapshot();
    const preview = previewCtfImport({ source, academicYear: YEAR });
    expectOk(preview);
    expect(preview.summary).toMatchObject({ kind: "ctf", rows: 4, inserts: 4, source: "XML, UTF-8" });
    const notes = preview.summary.notes.join(" | ");
    expect(notes).toContain("From Hillside Primary (CTF 25.0)");
    expect(notes).toContain(`12 assessment results for ${YEAR}: 12 new, 0 updated, 0 unchanged`);
    expect(notes).toContain("4 results from other academic years are not imported");
    expect(notes).toContain("4 results do not match the school's assessment scheme");
    expect(snapshot()).toEqual(before);

    const done = importCtf({ source, academicYear: YEAR, actor: CLI_ACTOR });
    expect(done.ok).toBe(true);
    const stored = new Map(pupilsOfYear(YEAR).map((p) => [p.upn, p]));
    const [a, b, c, d] = list.map((p) => stored.get(p.upn)!);
    expect([a!.firstName, a!.lastName]).toEqual(["Zoë", "Brontë"]);
    expect(a).toMatchObject({ fsm: true, disadvantaged: true, sen: "E", eal: false, lookedAfter: false, yearGroup: "Y6", gender: "F" });
    expect(b).toMatchObject({ fsm: false, disadvantaged: true, sen: "N", eal: true, lookedAfter: false });
    expect(c).toMatchObject({ fsm: false, disadvantaged: false, sen: "K", eal: false });
    expect(d).toMatchObject({ disadvantaged: true, lookedAfter: true });
    const summer = db
      .select()
      .from(terms)
      .all()
      .find((t) => t.name === "summer")!;
    const cResults = db
      .select()
      .from(assessmentResults)
      .where(and(eq(assessmentResults.pupilId, c!.id), eq(assessmentResults.termId, summer.id)))
      .all();
    expect(Object.fromEntries(cResults.map((r) => [r.subject, r.result]))).toEqual({ reading: "EXS", writing: "GDS", maths: "EXS" });

    const again = importCtf({ source, academicYear: YEAR, actor: CLI_ACTOR });
    expect(again.ok && again.summary).toMatchObject({ inserts: 0, updates: 0, unchanged: 4, changed: false });
  });

  it("refuses a CTF with a bad pupil, naming the pupil, and changes nothing", async () => {
    const list = ctfPupils();
    list[1] = { ...list[1]!, upn: "12345", ncYear: "Q" };
    const before = snapshot();
    const r = importCtf({ source: await readSource(bytesOf(ctfXml(list, { sourceSchool: "Hillside", dateTime: "2026-07-18T10:00:00", academicYear: YEAR }))), academicYear: YEAR, actor: CLI_ACTOR });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Pupil 2 \(UPN "12345"\): UPN "12345" is not a UPN.*; NCyearActual "Q" is not a year group from R to 13$/)]);
    const notCtf = importCtf({ csv: "upn,name\n", academicYear: YEAR, actor: CLI_ACTOR });
    expect(!notCtf.ok && notCtf.errors[0]!.message).toContain("not a Common Transfer File");
    const otherXml = importCtf({ csv: '<?xml version="1.0"?><Other/>', academicYear: YEAR, actor: CLI_ACTOR });
    expect(!otherXml.ok && otherXml.errors[0]!.message).toContain("no CTfile element");
    expect(snapshot()).toEqual(before);
  });

  it("imports through the browser's actions", async () => {
    actAs(people.headteacher);
    const data = Buffer.from(ctfXml(ctfPupils(), { sourceSchool: "Hillside", dateTime: "2026-07-18T10:00:00", academicYear: YEAR })).toString("base64");
    const p = await previewPupilsImportAction({ kind: "ctf", academicYear: YEAR, data, fileName: "999LLLL_CTF_9992002_001.xml" });
    expect(p).toMatchObject({ ok: true, data: { ok: true, summary: { kind: "ctf", changed: false } } });
  });
});

describe("errors a person can act on", () => {
  it("names at most the first 200 bad lines, then says how many more", async () => {
    const header = "upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after";
    const csv = [header, ...Array.from({ length: 5000 }, (_, i) => `BAD${i},A,B,6,Oak,F,N,N,N,N,N`)].join("\n");
    const before = snapshot();
    actAs(people.headteacher);
    const r = await previewPupilsImportAction({ kind: "pupils", academicYear: YEAR, csv });
    expect(r.ok && !r.data.ok && [r.data.errors.length, r.data.errorCount]).toEqual([200, 5000]);
    const cli = importPupils({ csv, academicYear: YEAR, actor: CLI_ACTOR });
    const lines = formatImportErrors(!cli.ok ? cli.errors : []);
    expect(lines).toHaveLength(201);
    expect(lines[200]).toBe("…and 4,800 more lines with problems (fix these and check again).");
    expect(lines.join("\n").length).toBeLessThan(40_000);
    expect(snapshot()).toEqual(before);
  });
});
