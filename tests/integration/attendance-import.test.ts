import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { attendanceRecords, auditLog, suspensions } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { getAttendance, importAttendance, importSuspensions, previewAttendanceImport, previewSuspensionImport } from "@/lib/data/attendance";
import { importPupils } from "@/lib/data/pupils";
import { findCurrentYear, listTerms } from "@/lib/data/school";
import { applyPupilsImportAction, previewPupilsImportAction } from "@/app/(app)/pupils/import/actions";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

const upn = (i: number) => `T${String(100000000000 + i).slice(-11)}${i % 10}`;
let year: string;
let people: ReturnType<typeof createOnePerRole>;
let autumnStart: string;

function attendanceCsv(n: number, term = "autumn", attended: (i: number) => number = (i) => (i % 5 === 0 ? 120 : 136)) {
  const lines = ["UPN,Academic Year,Term,Possible Sessions,Attended Sessions,Authorised Absence,Unauthorised Absence"];
  for (let i = 1; i <= n; i++) {
    const a = attended(i);
    const missed = 140 - a;
    lines.push(`${upn(i)},${year},${term},140,${a},${Math.ceil(missed / 2)},${Math.floor(missed / 2)}`);
  }
  return lines.join("\r\n");
}

function snapshot() {
  return {
    attendance: db.select().from(attendanceRecords).orderBy(attendanceRecords.id).all(),
    suspensions: db.select().from(suspensions).orderBy(suspensions.id).all(),
    audit: db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .get()!.n,
  };
}

beforeAll(() => {
  ensureTestSchool();
  people = createOnePerRole();
  year = findCurrentYear()!.name;
  autumnStart = listTerms({ academicYearId: findCurrentYear()!.id }).find((t) => t.name === "autumn")!.startDate;
  const lines = ["upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after"];
  for (let i = 1; i <= 20; i++) lines.push(`${upn(i)},Child${i},Family${i},${i % 2 ? "3" : "4"},${i % 2 ? "Ash" : "Beech"},${i % 3 ? "F" : "M"},${i % 4 ? "N" : "Y"},N,N,N,N`);
  const r = importPupils({ csv: lines.join("\n"), academicYear: year, actor: CLI_ACTOR });
  expect(r.ok).toBe(true);
});

describe("attendance.csv import", () => {
  it("previews without writing, imports all rows with one audit row, and re-importing changes nothing", () => {
    const before = snapshot();
    const preview = previewAttendanceImport({ csv: attendanceCsv(20) });
    expect(preview).toMatchObject({ ok: true, summary: { kind: "attendance", rows: 20, inserts: 20, changed: true } });
    expect(snapshot()).toEqual(before);

    const done = importAttendance({ csv: attendanceCsv(20), actor: CLI_ACTOR });
    expect(done).toMatchObject({ ok: true, summary: { inserts: 20, updates: 0 } });
    const after = snapshot();
    expect(after.attendance).toHaveLength(20);
    expect(after.audit).toBe(before.audit + 1);

    const again = importAttendance({ csv: attendanceCsv(20), actor: CLI_ACTOR });
    expect(again).toMatchObject({ ok: true, summary: { inserts: 0, updates: 0, unchanged: 20, changed: false } });
    expect(snapshot()).toEqual(after);

    // The figures read back: 4 of 20 pupils at 120/140 (14.3% missed) are persistently absent.
    const term = listTerms({ academicYearId: findCurrentYear()!.id }).find((t) => t.name === "autumn")!;
    const { attendance } = getAttendance({ termId: term.id });
    // (16 × 136 + 4 × 120) / 2800 = 2656 / 2800 = 94.857… → 94.9
    expect(attendance.find((r) => r.yearGroup === "all" && r.group === "all" && r.period === "term")).toMatchObject({ cohort: 20, attendancePct: 94.9, persistentAbsencePct: 20, severeAbsencePct: 0 });
  });

  it("updates a changed record and says what changed", () => {
    const csv = attendanceCsv(20, "autumn", (i) => (i === 1 ? 130 : i % 5 === 0 ? 120 : 136));
    const p = previewAttendanceImport({ csv });
    expectOk(p);
    expect(p.summary).toMatchObject({ updates: 1, unchanged: 19 });
    expect(p.summary.sample[0]!.changes).toContain("attended_sessions 136 → 130");
    expect(importAttendance({ csv, actor: CLI_ACTOR })).toMatchObject({ ok: true, summary: { updates: 1 } });
  });

  it("writes nothing when any line is bad", () => {
    const before = snapshot();
    const csv = attendanceCsv(20, "spring") + `\r\n${upn(99)},${year},spring,140,140,0,0`;
    const r = importAttendance({ csv, actor: CLI_ACTOR });
    expectFailed(r);
    expect(r.errors).toEqual([{ line: 22, message: `upn ${upn(99)} is not a pupil in ${year}` }]);
    expect(snapshot()).toEqual(before);
  });
});

describe("suspensions.csv import", () => {
  const day = (offset: number) => {
    const d = new Date(`${autumnStart}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  const ukDate = (iso: string) => iso.split("-").reverse().join("/");

  it("imports suspensions in either date form, counts them by term, and re-importing changes nothing", () => {
    const csv = ["upn,start_date,days,type", `${upn(1)},${day(20)},1,suspension`, `${upn(1)},${ukDate(day(40))},2.5,Fixed Period`, `${upn(2)},${day(41)},1,permanent_exclusion`].join("\n");
    expect(previewSuspensionImport({ csv })).toMatchObject({ ok: true, summary: { inserts: 3 } });
    expect(importSuspensions({ csv, actor: CLI_ACTOR })).toMatchObject({ ok: true, summary: { inserts: 3 } });
    const after = snapshot();
    expect(importSuspensions({ csv, actor: CLI_ACTOR })).toMatchObject({ ok: true, summary: { unchanged: 3, changed: false } });
    expect(snapshot()).toEqual(after);
    const term = listTerms({ academicYearId: findCurrentYear()!.id }).find((t) => t.name === "autumn")!;
    const { behaviour } = getAttendance({ termId: term.id });
    expect(behaviour.find((r) => r.group === "all" && r.period === "term")).toMatchObject({ cohort: 20, suspensions: 2, suspendedPupils: 1, permanentExclusions: 1, excludedPupils: 1 });
  });
});

describe("import actions for attendance and suspensions", () => {
  it("lets leaders preview and import, and refuses everyone else", async () => {
    actAs(people.slt);
    const preview = await previewPupilsImportAction({ kind: "attendance", academicYear: "", csv: attendanceCsv(20, "spring") });
    expect(preview).toMatchObject({ ok: true, data: { ok: true, summary: { kind: "attendance", inserts: 20 } } });
    actAs(people.headteacher);
    const applied = await applyPupilsImportAction({ kind: "attendance", academicYear: "", csv: attendanceCsv(20, "spring") });
    expect(applied).toMatchObject({ ok: true, data: { ok: true, summary: { inserts: 20 } } });
    const input = { kind: "suspensions" as const, academicYear: "", csv: `upn,start_date,days,type\n${upn(3)},${autumnStart},1,suspension` };
    await expectRefused(previewPupilsImportAction, input, refusedBy("pupils.import", people));
    await expectRefused(applyPupilsImportAction, input, refusedBy("pupils.import", people));
  });

  it("reads the file as it comes: Excel's Unicode text (UTF-16, tab-separated) and an Excel workbook", async () => {
    actAs(people.headteacher);
    const text = attendanceCsv(20, "summer").replace(/,/g, "\t");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const preview = await previewPupilsImportAction({ kind: "attendance", academicYear: "", data: utf16.toString("base64"), fileName: "attendance.txt" });
    expect(preview).toMatchObject({ ok: true, data: { ok: true, summary: { kind: "attendance", rows: 20, inserts: 20, source: "UTF-16 LE text, tab-separated" } } });

    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Exclusions");
    ws.addRow(["UPN", "Start Date", "Number of Days", "Exclusion Type"]);
    ws.addRow([upn(5), autumnStart, 1, "Fixed Period"]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const before = snapshot();
    const applied = await applyPupilsImportAction({ kind: "suspensions", academicYear: "", data: xlsx.toString("base64"), fileName: "exclusions.xlsx" });
    expect(applied).toMatchObject({ ok: true, data: { ok: true, summary: { kind: "suspensions", inserts: 1, source: 'Excel workbook, sheet "Exclusions"' } } });
    expect(snapshot().suspensions).toHaveLength(before.suspensions.length + 1);
  });
});

describe("import attendance / suspensions on the command line", () => {
  it("imports a file, prints the summary, and exits 1 naming each bad line", () => {
    const root = path.resolve(__dirname, "../..");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-att-"));
    const dbPath = path.join(dir, "school.db");
    const run = (...args: string[]) => {
      const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["lib/cli/index.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath }, encoding: "utf8" });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    expect(run("migrate").code).toBe(0);
    expect(run("init", "--school", "Riverside", "--phase", "primary", "--year", year).code).toBe(0);
    const pupilsFile = path.join(dir, "pupils.csv");
    fs.writeFileSync(pupilsFile, ["upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after", `${upn(1)},A,B,3,Ash,F,N,N,N,N,N`].join("\n"));
    expect(run("import", "pupils", pupilsFile, "--year", year).code).toBe(0);
    const att = path.join(dir, "attendance.csv");
    fs.writeFileSync(att, `upn,academic_year,term,possible_sessions,attended_sessions,authorised_absence,unauthorised_absence\n${upn(1)},${year},autumn,140,130,6,4\n`);
    const ok = run("import", "attendance", att);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain("Imported 1 attendance record: 1 new, 0 updated, 0 unchanged");
    const bad = path.join(dir, "suspensions.csv");
    fs.writeFileSync(bad, `upn,start_date,days,type\n${upn(1)},not-a-date,1,suspension\n`);
    const no = run("import", "suspensions", bad);
    expect(no.code).toBe(1);
    expect(no.err).toContain('Line 2: start_date "not-a-date" is not a date');
  }, 120_000);
});
