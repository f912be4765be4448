import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { academicYears, assessmentResults, auditLog, classes, pupils, terms } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { importAssessments, importPupils, planThenWrite, type ImportOutcome, previewAssessmentImport, previewPupilImport } from "@/lib/data/pupils";
import { getAttainment } from "@/lib/data/attainment";
import { findTermByKey } from "@/lib/data/school";
import { applyPupilsImportAction, previewPupilsImportAction } from "@/app/(app)/pupils/import/actions";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

const PUPIL_HEADER = "upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after";
const upn = (i: number) => `T${String(100000000000 + i).slice(-11)}${i % 10}`;
function pupilsCsv(n: number, over: (i: number) => string | null = () => null) {
  const lines = [PUPIL_HEADER];
  for (let i = 1; i <= n; i++) {
    lines.push(over(i) ?? `${upn(i)},Child${i},Family${i},${i % 2 ? "6" : "Year 5"},${i % 2 ? "Oak" : "Rowan"},${i % 3 ? "F" : "M"},${i % 4 ? "N" : "Y"},N,${i % 5 ? "N" : "K"},N,N`);
  }
  return lines.join("\r\n") + "\r\n";
}
function resultsCsv(n: number, term = "summer", result = (i: number, s: string) => (i % 3 ? "EXS" : s === "writing" ? "WTS" : "GDS")) {
  const lines = ["upn,academic_year,term,subject,result"];
  for (let i = 1; i <= n; i++) for (const s of ["reading", "writing", "maths", "science"]) lines.push(`${upn(i)},2025-26,${term},${s},${result(i, s)}`);
  return lines.join("\n");
}

/** Every row of every table an import writes, so "nothing changed" is checked exactly. */
function snapshot() {
  return {
    years: db.select().from(academicYears).all(),
    terms: db.select().from(terms).all(),
    classes: db.select().from(classes).all(),
    pupils: db.select().from(pupils).orderBy(pupils.id).all(),
    results: db.select().from(assessmentResults).orderBy(assessmentResults.id).all(),
    audit: db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .get()!.n,
  };
}

let people: ReturnType<typeof createOnePerRole>;
beforeAll(() => {
  ensureTestSchool({ year: "2025-26" });
  people = createOnePerRole();
});

describe("pupils.csv import", () => {
  it("previews without writing, then imports with classes and one audit row", () => {
    const before = snapshot();
    const preview = previewPupilImport({ csv: pupilsCsv(20), academicYear: "2025-26" });
    expectOk(preview);
    expect(preview.summary).toMatchObject({ rows: 20, inserts: 20, updates: 0, unchanged: 0, changed: true });
    expect(preview.summary.notes.join(" ")).toContain("New classes: Oak, Rowan");
    expect(preview.summary.sample).toHaveLength(10);
    expect(snapshot()).toEqual(before);

    const done = importPupils({ csv: pupilsCsv(20), academicYear: "2025-26", actor: CLI_ACTOR });
    expect(done.ok && done.summary.inserts).toBe(20);
    const year = db
      .select()
      .from(academicYears)
      .all()
      .find((y) => y.name === "2025-26")!;
    const cls = db
      .select()
      .from(classes)
      .all()
      .filter((c) => c.academicYearId === year.id);
    expect(cls.map((c) => [c.name, c.yearGroup]).sort()).toEqual([
      ["Oak", "Y6"],
      ["Rowan", "Y5"],
    ]);
    const p1 = db
      .select()
      .from(pupils)
      .all()
      .find((p) => p.upn === upn(1))!;
    expect(p1).toMatchObject({ firstName: "Child1", yearGroup: "Y6", gender: "F", disadvantaged: false, sen: "N" });
    const audits = db
      .select()
      .from(auditLog)
      .all()
      .filter((a) => a.area === "pupils");
    expect(audits).toHaveLength(1);
    expect(audits[0]!.summary).toBe("Imported 20 pupils for 2025-26: 20 new, 0 updated, 0 unchanged. New classes: Oak, Rowan");
    expect(audits[0]!.verb).toBe("import");
  });

  it("re-importing the same file changes nothing, not even the audit log", () => {
    const before = snapshot();
    const again = importPupils({ csv: pupilsCsv(20), academicYear: "2025-26", actor: CLI_ACTOR });
    expect(again.ok && again.summary).toMatchObject({ inserts: 0, updates: 0, unchanged: 20, changed: false });
    expect(snapshot()).toEqual(before);
  });

  it("updates only what changed, matched by UPN within the year, and bumps the version", () => {
    const csv = pupilsCsv(21, (i) => (i === 2 ? `${upn(2)},Child2,Family2,Year 5,Rowan,M,N,N,E,Y,N` : null));
    const preview = previewPupilImport({ csv, academicYear: "2025-26" });
    expectOk(preview);
    expect(preview.summary).toMatchObject({ inserts: 1, updates: 1, unchanged: 19 });
    expect(preview.summary.sample.find((s) => s.status === "updated")?.changes).toBe("gender F → M, sen N → E, eal N → Y");
    importPupils({ csv, academicYear: "2025-26", actor: CLI_ACTOR });
    const p2 = db
      .select()
      .from(pupils)
      .all()
      .find((p) => p.upn === upn(2))!;
    expect(p2).toMatchObject({ sen: "E", eal: true, version: 2 });
    expect(db.select().from(auditLog).all().at(-1)!.summary).toBe("Imported 21 pupils for 2025-26: 1 new, 1 updated, 19 unchanged");
  });

  it("creates a missing academic year with default terms", () => {
    const r = importPupils({ csv: pupilsCsv(3), academicYear: "2026-27", actor: CLI_ACTOR });
    expect(r.ok).toBe(true);
    const year = db
      .select()
      .from(academicYears)
      .all()
      .find((y) => y.name === "2026-27")!;
    expect(year.isCurrent).toBe(false);
    expect(
      db
        .select()
        .from(terms)
        .all()
        .filter((t) => t.academicYearId === year.id)
        .map((t) => [t.name, t.startDate, t.endDate]),
    ).toEqual([
      ["autumn", "2026-09-01", "2026-12-31"],
      ["spring", "2027-01-01", "2027-03-31"],
      ["summer", "2027-04-01", "2027-08-31"],
    ]);
    // The same UPNs in another year are separate pupil records.
    expect(
      db
        .select()
        .from(pupils)
        .all()
        .filter((p) => p.upn === upn(1)),
    ).toHaveLength(2);
  });

  it("refuses a bad file whole, naming every bad line, and writes nothing", () => {
    const before = snapshot();
    const csv = pupilsCsv(30, (i) => (i === 4 ? `${upn(4)},A,B,Year 15,Oak,F,N,N,N,N,N` : i === 9 ? `${upn(9)},A,B,6,Oak,F,N,N,S,N,N` : i === 30 ? `${upn(99)},New,Child,6,Willow,F,N,N,N,N,N` : null));
    const r = importPupils({ csv, academicYear: "2025-26", actor: CLI_ACTOR });
    expectFailed(r);
    expect(r.errors.map((e) => e.line)).toEqual([5, 10]);
    expect(snapshot()).toEqual(before);
  });

  it("refuses a file missing a column, and a bad academic year", () => {
    const before = snapshot();
    const r = importPupils({ csv: "upn,first_name,last_name\nA123456789012,A,B\n", academicYear: "2025-26", actor: CLI_ACTOR });
    expect(!r.ok && r.errors[0]!.message).toMatch(/no column for year group .*; gender/);
    const y = importPupils({ csv: pupilsCsv(2), academicYear: "2025/26", actor: CLI_ACTOR });
    expect(!y.ok && y.errors[0]!.message).toContain("not an academic year");
    expect(snapshot()).toEqual(before);
  });
});

describe("assessments.csv import", () => {
  it("imports results that the analysis then reads", () => {
    const r = importAssessments({ csv: resultsCsv(20), actor: CLI_ACTOR });
    expect(r.ok && r.summary).toMatchObject({ rows: 80, inserts: 80, updates: 0, unchanged: 0 });
    expect(db.select().from(auditLog).all().at(-1)!.summary).toBe("Imported 80 assessment results: 80 new, 0 updated, 0 unchanged");
    const term = findTermByKey({ key: "2025-26:summer" })!;
    const y6 = getAttainment({ termId: term.id }).attainment.find((x) => x.yearGroup === "Y6" && x.subject === "maths" && x.group === "all");
    // Y6 are the odd-numbered pupils 1..19 (10 of them); those with i % 3 === 0 (3, 9, 15) got GDS, the rest EXS.
    expect(y6).toEqual({ yearGroup: "Y6", subject: "maths", group: "all", cohort: 10, atExpectedPct: 100, greaterDepthPct: 30, suppressed: false });
  });

  it("re-importing the same file is a no-op", () => {
    const before = snapshot();
    const r = importAssessments({ csv: resultsCsv(20), actor: CLI_ACTOR });
    expect(r.ok && r.summary).toMatchObject({ inserts: 0, updates: 0, unchanged: 80, changed: false });
    expect(snapshot()).toEqual(before);
  });

  it("updates a changed result in place (matched by pupil, term and subject)", () => {
    const csv = resultsCsv(20, "summer", (i, s) => (i === 1 && s === "writing" ? "GDS" : i % 3 ? "EXS" : s === "writing" ? "WTS" : "GDS"));
    const p = previewAssessmentImport({ csv });
    expectOk(p);
    expect(p.summary).toMatchObject({ inserts: 0, updates: 1, unchanged: 79 });
    expect(p.summary.sample[0]).toMatchObject({ status: "updated", changes: "result EXS → GDS", line: 3 });
    importAssessments({ csv, actor: CLI_ACTOR });
    expect(db.select().from(assessmentResults).all()).toHaveLength(80);
  });

  it.each([
    ["a bad result code", (c: string) => c.replace(`${upn(3)},2025-26,spring,maths,GDS`, `${upn(3)},2025-26,summer,maths,EX`), 'result "EX"'],
    ["an unknown UPN", (c: string) => c.replace(`${upn(3)},2025-26,spring,maths,GDS`, "Z999999999999,2025-26,summer,maths,GDS"), "upn Z999999999999 is not a pupil in 2025-26"],
    ["a bad term", (c: string) => c.replace(`${upn(3)},2025-26,spring,maths,GDS`, `${upn(3)},2025-26,winter,maths,GDS`), 'term "winter"'],
    ["a UPN of another year only", (c: string) => c.replace(`${upn(3)},2025-26,spring,maths,GDS`, `${upn(21)},2026-27,summer,maths,GDS`), `upn ${upn(21)} is not a pupil in 2026-27`],
  ])("refuses a file with %s, naming the line, and changes nothing", (_what, mutate, message) => {
    const before = snapshot();
    const csv = mutate(resultsCsv(20, "spring"));
    const r = importAssessments({ csv, actor: CLI_ACTOR });
    expectFailed(r);
    // Pupil 3's maths result is the 11th data line (header is line 1): 4 lines per pupil, maths third.
    expect(r.errors).toEqual([{ line: 12, message: expect.stringContaining(message) }]);
    expect(snapshot()).toEqual(before);
  });

  it("refuses a file missing a column, naming it, and changes nothing", () => {
    const before = snapshot();
    const r = importAssessments({ csv: "upn,academic_year,subject,result\nA123456789012,2025-26,maths,EXS\n", actor: CLI_ACTOR });
    expect(r).toMatchObject({ ok: false, errors: [{ line: 1, message: expect.stringContaining("missing the column term") }] });
    expect(snapshot()).toEqual(before);
  });

  it("imports thousands of rows in one transaction", () => {
    const big = importPupils({ csv: pupilsCsv(1500), academicYear: "2025-26", actor: CLI_ACTOR });
    expect(big.ok).toBe(true);
    const r = importAssessments({ csv: resultsCsv(1500, "autumn"), actor: CLI_ACTOR });
    expect(r.ok && r.summary).toMatchObject({ rows: 6000, inserts: 6000 });
    const term = findTermByKey({ key: "2025-26:autumn" })!;
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(assessmentResults)
        .where(sql`term_id = ${term.id}`)
        .get()!.n,
    ).toBe(6000);
  });
});

describe("import server actions", () => {
  const good = () => ({ kind: "assessments" as const, academicYear: "", csv: resultsCsv(5, "spring") });

  it("are refused to staff, governors, advisers and the signed-out", async () => {
    const before = snapshot();
    await expectRefused(previewPupilsImportAction, good(), refusedBy("pupils.import", people));
    await expectRefused(applyPupilsImportAction, good(), refusedBy("pupils.import", people));
    expect(snapshot()).toEqual(before);
  });

  it("preview as SLT, then apply as the head", async () => {
    actAs(people.slt);
    const p = await previewPupilsImportAction(good());
    expect(p).toMatchObject({ ok: true, data: { ok: true, summary: { inserts: 20 } } });
    actAs(people.headteacher);
    const a = await applyPupilsImportAction(good());
    expect(a).toMatchObject({ ok: true, data: { ok: true, summary: { inserts: 20, changed: true } } });
    const audit = db.select().from(auditLog).all().at(-1)!;
    expect(audit.userId).toBe(people.headteacher.id);
  });

  it("return the bad lines for a bad file", async () => {
    actAs(people.headteacher);
    const r = await applyPupilsImportAction({ kind: "assessments", academicYear: "", csv: "upn,academic_year,term,subject,result\nA123456789012,2025-26,summer,maths,EXS\n" });
    expect(r).toMatchObject({ ok: true, data: { ok: false, errorCount: 1, errors: [{ line: 2 }] } });
  });

  it("give field errors for a missing file or a bad year", async () => {
    actAs(people.headteacher);
    const r = await previewPupilsImportAction({ kind: "pupils", academicYear: "2025", csv: "" });
    expectFailed(r);
    expect(r.fieldErrors?.csv?.[0]).toBe("Choose a file");
    expect(r.fieldErrors?.academicYear?.[0]).toBe("Enter the academic year like 2025-26");
  });
});

describe("an import planned while others write (planThenWrite)", () => {
  const done = { ok: true, summary: { rows: 1 } } as unknown as ImportOutcome;

  it("plans again when the data changed under the plan, and the third time writes under the lock", () => {
    const calls: string[] = [];
    const out = planThenWrite(
      () => (calls.push("plan"), { write: calls.length }),
      () => (calls.push("commit: changed under the plan"), null),
      () => (calls.push("plan and write under the lock"), done),
    );
    expect(out).toBe(done);
    expect(calls).toEqual(["plan", "commit: changed under the plan", "plan", "commit: changed under the plan", "plan and write under the lock"]);
  });

  it("stops at the first commit that writes, and never writes a file that changes nothing", () => {
    const calls: string[] = [];
    expect(
      planThenWrite(
        () => (calls.push("plan"), { write: 1 }),
        () => (calls.push("commit"), done),
        () => (calls.push("lock"), done),
      ),
    ).toBe(done);
    expect(calls).toEqual(["plan", "commit"]);
    calls.length = 0;
    expect(
      planThenWrite(
        () => (calls.push("plan"), { done }),
        () => (calls.push("commit"), done),
        () => (calls.push("lock"), done),
      ),
    ).toBe(done);
    expect(calls).toEqual(["plan"]);
  });
});
