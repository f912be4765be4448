import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { assessmentResults, pupils } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { getAttainment, getAttainmentOverview } from "@/lib/data/attainment";
import { importAssessments, importPupils } from "@/lib/data/pupils";
import { getSchoolScheme } from "@/lib/data/school";
import { createSchool, ensureAcademicYear, findTermByKey } from "@/lib/data/school";
import { getReportData } from "@/lib/report/assemble";
import { expectFailed } from "../assert";

const upn = (i: number) => `S${String(300000000000 + i).slice(-11)}${i % 10}`;

/** A secondary school: the school's assessmentScheme column picks the GCSE scheme; no code differs. */
beforeAll(() => {
  createSchool({ school: { name: "Test High School", phase: "secondary", frameworkId: "ofsted_renewed_2025", assessmentScheme: "secondary" }, actor: CLI_ACTOR }, db);
  ensureAcademicYear({ name: "2025-26", makeCurrent: true, actor: CLI_ACTOR });
  const lines = ["upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after"];
  // Year 11: 10 pupils, 1–5 disadvantaged. Year 10: 3 pupils (suppressed).
  for (let i = 1; i <= 10; i++) lines.push(`${upn(i)},Pupil${i},Eleven,Year 11,11A,${i % 2 ? "F" : "M"},${i <= 5 ? "Y" : "N"},N,N,N,N`);
  for (let i = 11; i <= 13; i++) lines.push(`${upn(i)},Pupil${i},Ten,10,10B,F,N,N,N,N,N`);
  const r = importPupils({ csv: lines.join("\n"), academicYear: "2025-26", actor: CLI_ACTOR });
  expect(r.ok).toBe(true);
});

describe("a secondary school (GCSE grades against targets)", () => {
  it("uses the school's scheme", () => {
    expect(getSchoolScheme().id).toBe("secondary");
  });

  it("imports grades with targets and refuses primary codes", () => {
    const bad = importAssessments({ csv: `upn,academic_year,term,subject,result\n${upn(1)},2025-26,spring,english,EXS\n${upn(1)},2025-26,spring,reading,5\n`, actor: CLI_ACTOR });
    expectFailed(bad);
    expect(bad.errors.map((e) => e.line)).toEqual([2, 3]);

    const english = [9, 7, 5, 4, 3, 6, 4, 2, 8, 5]; // ≥4: 8 of 10; ≥7: 3 of 10
    const maths = [8, 4, 3, 4, 4, 7, 5, 1, 9, 6]; // ≥4: 8; ≥7: 3
    const targets = [8, 7, 6, 5, 5, 6, 5, 4, 8, 5];
    const lines = ["upn,academic_year,term,subject,result,target"];
    for (let i = 1; i <= 10; i++) {
      lines.push(`${upn(i)},2025-26,spring,english,${english[i - 1]},${targets[i - 1]}`);
      lines.push(`${upn(i)},2025-26,spring,maths,${maths[i - 1]},${targets[i - 1]}`);
    }
    for (let i = 11; i <= 13; i++) lines.push(`${upn(i)},2025-26,spring,science,U,4`);
    const ok = importAssessments({ csv: lines.join("\n"), actor: CLI_ACTOR });
    expect(ok.ok && ok.summary.inserts).toBe(23);
    expect(importAssessments({ csv: lines.join("\n"), actor: CLI_ACTOR })).toMatchObject({ ok: true, summary: { unchanged: 23, changed: false } });
  });

  it("computes SPEC §4.4's rows for GCSE subjects and basics", () => {
    const term = findTermByKey({ key: "2025-26:spring" })!;
    const { attainment, gaps } = getAttainment({ termId: term.id });
    const row = (yg: string, s: string, g: string) => attainment.find((r) => r.yearGroup === yg && r.subject === s && r.group === g);
    expect(row("Y11", "english", "all")).toEqual({ yearGroup: "Y11", subject: "english", group: "all", cohort: 10, atExpectedPct: 80, greaterDepthPct: 30, suppressed: false });
    // basics: 4+ in both English and maths: pupils 1, 2, 4, 6, 7, 9, 10 → 7 of 10; 7+ in both: 1, 9 → 2.
    expect(row("Y11", "basics", "all")).toMatchObject({ cohort: 10, atExpectedPct: 70, greaterDepthPct: 20 });
    // Disadvantaged (1–5): English ≥4 = 9,7,5,4 → 4/5; others (6–10): 6,4,8,5 → 4/5.
    expect(row("Y11", "english", "disadvantaged")).toMatchObject({ cohort: 5, atExpectedPct: 80 });
    expect(gaps.find((g) => g.yearGroup === "Y11" && g.subject === "english")).toEqual({ yearGroup: "Y11", subject: "english", gapPts: 0 });
    expect(row("Y10", "science", "all")).toMatchObject({ cohort: 3, suppressed: true, atExpectedPct: null });
    expect(attainment.some((r) => r.subject === "rwm" || r.subject === "reading")).toBe(false);
    expect(getReportData({ termKey: "2025-26:spring" }).attainment).toEqual(attainment);
  });

  it("reports % at or above target", () => {
    const term = findTermByKey({ key: "2025-26:spring" })!;
    const o = getAttainmentOverview({ termId: term.id });
    expect(o.yearGroup).toBe("Y11");
    // English at or above target: 9≥8, 7≥7, 6≥6, 8≥8, 5≥5 → pupils 1, 2, 6, 9, 10 = 5 of 10.
    expect(o.targets.find((t) => t.yearGroup === "Y11" && t.subject === "english" && t.group === "all")).toEqual({
      yearGroup: "Y11",
      subject: "english",
      group: "all",
      cohort: 10,
      onTargetPct: 50,
      suppressed: false,
    });
    expect(o.targets.find((t) => t.yearGroup === "Y10" && t.subject === "science" && t.group === "all")).toMatchObject({ cohort: 3, suppressed: true, onTargetPct: null });
  });

  it("a file without a target column leaves targets as they are", () => {
    const r = importAssessments({ csv: `upn,academic_year,term,subject,result\n${upn(1)},2025-26,spring,english,8\n`, actor: CLI_ACTOR });
    expect(r.ok && r.summary).toMatchObject({ updates: 1 });
    const term = findTermByKey({ key: "2025-26:spring" })!;
    const pupil = db
      .select()
      .from(pupils)
      .all()
      .find((p) => p.upn === upn(1))!;
    const row = db
      .select()
      .from(assessmentResults)
      .all()
      .find((x) => x.termId === term.id && x.subject === "english" && x.pupilId === pupil.id);
    expect(row).toMatchObject({ result: "8", target: "8" });
  });
});
