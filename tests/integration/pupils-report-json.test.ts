import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { assessmentResults, pupils } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { PUPILS_COMMANDS } from "@/lib/cli/pupils";
import { getAttainment, getAttainmentOverview } from "@/lib/data/attainment";
import type { AttainmentRow } from "@/lib/analytics/attainment";
import { findAcademicYearByName, findCurrentYear, findTermByKey, listTerms } from "@/lib/data/school";
import { eq } from "drizzle-orm";
import { getReportData } from "@/lib/report/assemble";
import { REPORT_COMMANDS } from "@/lib/cli/report";
import { listImportMappings } from "@/lib/data/import-mappings";
import { yn } from "@/db/seed/demo/dates";

beforeAll(async () => {
  await seedDemo(db);
});

async function runCli(name: string, args: Record<string, string | boolean | string[]>) {
  const out: string[] = [];
  const err: string[] = [];
  const command = [...PUPILS_COMMANDS, ...REPORT_COMMANDS].find((c) => c.name === name)!;
  const code = await command.run({ _: [], ...args } as never, { db, io: { out: (s) => out.push(s), err: (s) => err.push(s) } });
  return { code: code as number, out: out.join("\n"), err: err.join("\n") };
}

describe("the report JSON's attainment (SPEC §4.4), as the report area assembles it", () => {
  it("has the attainment and gaps exactly as getAttainment computes them, for every term", async () => {
    for (const term of listTerms()) {
      const json = getReportData({ termKey: term.key });
      expect(json.term).toBe(term.key);
      expect(json.school.name).toBe("Oakfield Primary School");
      expect(json.attainment).toEqual(getAttainment({ termId: term.id }).attainment);
      expect(json.gaps).toEqual(getAttainment({ termId: term.id }).gaps);
    }
  });

  it("rows have exactly the SPEC's keys and values", async () => {
    const json = getReportData({ termKey: `${yn("2025-26")}:summer` });
    expect(json.context.pupilsOnRoll).toBe(210);
    expect(json.attainment.length).toBeGreaterThan(0);
    for (const r of json.attainment as AttainmentRow[]) {
      // suppressionReason on hidden rows; withheld on shown rows with a figure withheld (lib/analytics/disclosure).
      const extra = r.suppressed ? ["suppressionReason"] : r.withheld ? ["withheld"] : [];
      expect(Object.keys(r).sort()).toEqual(["atExpectedPct", "cohort", "greaterDepthPct", "group", "subject", "suppressed", ...extra, "yearGroup"].sort());
      expect(["reading", "writing", "maths", "science", "rwm"]).toContain(r.subject);
      expect(["all", "disadvantaged", "not_disadvantaged", "sen", "eal", "girls", "boys"]).toContain(r.group);
      expect(r.cohort).toBeGreaterThan(0);
    }
    // A hidden row carries no figures; a shown row with nothing withheld carries its figure; no
    // cohort under 5 is ever shown (the demo has none that small: tests/unit/disclosure covers that rule).
    const rows = json.attainment as AttainmentRow[];
    const hidden = rows.filter((r) => r.suppressed);
    const shown = rows.filter((r) => !r.suppressed && !r.withheld?.atExpectedPct);
    expect(hidden.length).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(0);
    for (const r of hidden) expect(r).toMatchObject({ atExpectedPct: null, greaterDepthPct: null });
    for (const r of shown) expect(typeof r.atExpectedPct).toBe("number");
    expect(rows.filter((r) => r.cohort < 5 && !r.suppressed)).toEqual([]);
    for (const g of json.gaps) expect(Object.keys(g).sort()).toEqual(["gapPts", "subject", "yearGroup"]);
    // Reception has no results, so no rows.
    expect(json.attainment.some((r) => r.yearGroup === "R")).toBe(false);
  });

  it("contains no pupil's name or UPN from the demo data", async () => {
    const all = db.select({ first: pupils.firstName, last: pupils.lastName, upn: pupils.upn }).from(pupils).all();
    expect(all.length).toBe(420);
    for (const term of listTerms()) {
      const text = JSON.stringify(getReportData({ termKey: term.key }));
      for (const p of all) {
        expect(text).not.toContain(`${p.first} ${p.last}`);
        expect(text).not.toContain(`${p.last}, ${p.first}`);
        expect(text).not.toContain(p.upn);
      }
    }
  });

  it("works for a term with no data (empty arrays) and refuses an unknown term", async () => {
    const json = getReportData({ termKey: `${yn("2026-27")}:summer` });
    expect(json.attainment).toEqual([]);
    expect(json.gaps).toEqual([]);
    expect(() => getReportData({ termKey: `${yn("2091-92")}:summer` })).toThrow(/not found/);
  });

  it("the CLI prints the same attainment", async () => {
    const r = await runCli("report", { term: `${yn("2025-26")}:summer`, format: "json" });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as { attainment: unknown; gaps: unknown };
    expect(printed.attainment).toEqual(getAttainment({ termId: findTermByKey({ key: `${yn("2025-26")}:summer` })!.id }).attainment);
    expect(printed.gaps).toEqual(getAttainment({ termId: findTermByKey({ key: `${yn("2025-26")}:summer` })!.id }).gaps);
    expect((await runCli("report", { format: "json" })).code).toBe(2);
  });
});

describe("analysis of the demo school", () => {
  it("compares Year 6 with the previous term and the trend runs oldest first", async () => {
    const term = findTermByKey({ key: `${yn("2025-26")}:summer` })!;
    const o = getAttainmentOverview({ termId: term.id, yearGroup: "Y6" });
    expect(o.yearGroup).toBe("Y6");
    expect(o.previousTerm?.key).toBe(`${yn("2025-26")}:spring`);
    expect(o.lastYearTerm).toBeNull();
    expect(o.series.map((s) => s.termKey)).toEqual([`${yn("2025-26")}:autumn`, `${yn("2025-26")}:spring`, `${yn("2025-26")}:summer`]);
    const spring = getAttainment({ termId: o.previousTerm!.id }).attainment.find((r) => r.yearGroup === "Y6" && r.subject === "writing" && r.group === "all")!;
    const now = o.selected.find((r) => r.subject === "writing" && r.group === "all")!;
    expect(now.previousTermPct).toBe(spring.atExpectedPct);
    expect(now.changeSincePreviousTerm).toBe(Math.round((now.atExpectedPct! - spring.atExpectedPct!) * 10) / 10);
    // The one-year-group path gives the same figures as the whole-school table.
    expect(getAttainment({ termId: term.id, yearGroup: "Y6" }).attainment).toEqual(getAttainment({ termId: term.id }).attainment.filter((r) => r.yearGroup === "Y6"));
  });

  it("the same term a year on is compared with last year", async () => {
    const term = findTermByKey({ key: `${yn("2026-27")}:autumn` })!;
    const o = getAttainmentOverview({ termId: term.id, yearGroup: "Y6" });
    expect(o.lastYearTerm?.key).toBe(`${yn("2025-26")}:autumn`);
    expect(o.previousTerm?.key).toBe(`${yn("2025-26")}:summer`);
    expect(o.selected.find((r) => r.subject === "reading" && r.group === "all")?.lastYearPct).not.toBeNull();
  });
});

/** Two pupils on roll in 2026-27. */
function upnsOf2026() {
  const year = findAcademicYearByName({ name: `${yn("2026-27")}` })!;
  return db
    .select({ upn: pupils.upn })
    .from(pupils)
    .where(eq(pupils.academicYearId, year.id))
    .orderBy(pupils.upn)
    .limit(2)
    .all()
    .map((p) => p.upn);
}

describe("CLI imports", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-import-"));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  it("print every bad line and exit non-zero, writing nothing", async () => {
    const before = db.select().from(assessmentResults).all().length;
    const upns = upnsOf2026();
    const f = file(
      "bad.csv",
      `upn,academic_year,term,subject,result\n${upns[0]},${yn("2026-27")},spring,reading,EXS\n${upns[1]},${yn("2026-27")},spring,reading,XYZ\nZ000000000000,${yn("2026-27")},spring,maths,EXS\n`,
    );
    const r = await runCli("import assessments", { _: [f] });
    expect(r.code).toBe(1);
    expect(r.err).toContain("Nothing was imported: 2 lines have problems.");
    expect(r.err).toContain('Line 3: result "XYZ"');
    expect(r.err).toContain(`Line 4: upn Z000000000000 is not a pupil in ${yn("2026-27")}`);
    expect(db.select().from(assessmentResults).all().length).toBe(before);
  });

  it("print a summary on success, and say so when nothing changed", async () => {
    const upns = upnsOf2026();
    const f = file("good.csv", `upn,academic_year,term,subject,result\n${upns[0]},${yn("2026-27")},spring,reading,EXS\n${upns[1]},${yn("2026-27")},spring,reading,GDS\n`);
    const r = await runCli("import assessments", { _: [f] });
    expect(r).toMatchObject({ code: 0, out: "Imported 2 assessment results: 2 new, 0 updated, 0 unchanged." });
    expect(await runCli("import assessments", { _: [f] })).toMatchObject({ code: 0, out: "No changes: all 2 rows are already up to date." });
  });

  it("import pupils into a named year", async () => {
    const f = file("pupils.csv", "upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after\nQ123456789012,Ada,Lovelace,Y6,Oak,F,N,N,N,N,N\n");
    const r = await runCli("import pupils", { _: [f], year: `${yn("2027-28")}` });
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Imported 1 pupil for ${yn("2027-28")}: 1 new, 0 updated, 0 unchanged. New academic year ${yn("2027-28")}, with the usual term dates. New class: Oak.`);
    expect((await runCli("import pupils", { _: [path.join(dir, "missing.csv")], year: `${yn("2027-28")}` })).code).toBe(1);
  });
});

describe("the demo school's saved import mappings", () => {
  it("offers the office's pupil export and the termly marksheet, and the marksheet mapping imports its codes", async () => {
    expect(listImportMappings().map((m) => [m.kind, m.name])).toEqual([
      ["marksheet", "Termly marksheet"],
      ["pupils", "Office pupil export"],
    ]);
    const year = findCurrentYear()!;
    const y2 = db
      .select()
      .from(pupils)
      .where(eq(pupils.academicYearId, year.id))
      .all()
      .filter((p) => p.yearGroup === "Y2")
      .slice(0, 3);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-demo-map-"));
    const f = path.join(dir, "y2.csv");
    fs.writeFileSync(f, ["UPN,Surname,Forename,Reading,Writing TA,Maths", ...y2.map((p, i) => `${p.upn},${p.lastName},${p.firstName},${"BWSD"[i]},S,D`)].join("\n"));
    const r = await runCli("import assessments", { _: [f], year: year.name, term: "summer", mapping: "Termly marksheet" });
    expect(r).toMatchObject({
      code: 0,
      out: `Imported 9 assessment results: 9 new, 0 updated, 0 unchanged. Read as a marksheet: a result per subject column for ${year.name} summer; blank cells are no result.`,
    });
    const termId = findTermByKey({ key: `${year.name}:summer` })!.id;
    const first = db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.pupilId, y2[0]!.id))
      .all()
      .filter((r) => r.termId === termId);
    expect(Object.fromEntries(first.map((r) => [r.subject, r.result]))).toEqual({ reading: "PKS", writing: "EXS", maths: "GDS" });
  });
});
