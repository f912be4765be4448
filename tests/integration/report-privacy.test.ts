import { beforeAll, describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { pupils, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { listReportTerms } from "@/lib/data/report";
import { getReportData } from "@/lib/report/assemble";
import { buildReportDocx } from "@/lib/report/docx";
import { ReportView } from "@/app/(app)/reports/_components/report-view";
import type { ReportData } from "@/lib/report/types";
import { docxText, unzip } from "./report-zip";
import { dy, yn, yt } from "@/db/seed/demo/dates";

/**
 * SPEC §4.4 and §1: no pupil's name or UPN, and no observed teacher's name, in any output of the report
 * (JSON, Word, the printed page), for every term of the demo school.
 */
const outputs: { term: string; json: string; docx: string; html: string; media: string[]; data: ReportData }[] = [];
let pupilStrings: string[] = [];
let teacherNames: string[] = [];

beforeAll(async () => {
  await seedDemo(db);
  pupilStrings = db
    .select({ upn: pupils.upn, first: pupils.firstName, last: pupils.lastName })
    .from(pupils)
    .all()
    .flatMap((p) => [p.upn, `${p.first} ${p.last}`]);
  const terms = listReportTerms().filter((r) => r.term.startDate <= dy("2026-11-23"));
  for (const { term } of terms) {
    const data = getReportData({ termKey: term.key });
    const files = unzip(await buildReportDocx(data));
    outputs.push({
      term: term.key,
      data,
      json: JSON.stringify(data),
      docx: docxText(files),
      html: renderToStaticMarkup(createElement(ReportView, { data, slots: { charts: "static" } })),
      media: [...files.keys()].filter((k) => k.startsWith("word/media/") && k.endsWith(".png")),
    });
  }
  // Teaching staff may be named where the report names them in a role (a strand lead, a question's
  // owner); any other appearance could only come from observation records.
  const named = new Set<string>();
  for (const o of outputs) {
    for (const s of o.data.plan.strands) [s.lead, s.linkGovernor].forEach((n) => n && named.add(n));
    for (const c of o.data.governance.challenges) [c.raisedBy, c.answeredBy, c.owner].forEach((n) => n && named.add(n));
    for (const v of o.data.governance.visits) named.add(v.visitor);
  }
  teacherNames = db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.isTeaching, true))
    .all()
    .map((u) => u.name)
    .filter((n) => !named.has(n));
}, 120_000);

describe("report outputs for the demo school", () => {
  it("covers every past and current term, published and draft", () => {
    expect(outputs.map((o) => `${o.term}:${o.data.status}`)).toEqual([
      `${yn("2026-27")}:autumn:draft`,
      `${yn("2025-26")}:summer:published`,
      `${yn("2025-26")}:spring:published`,
      `${yn("2025-26")}:autumn:published`,
    ]);
    expect(pupilStrings.length).toBeGreaterThan(400);
    expect(teacherNames.length).toBeGreaterThan(0);
  });

  it("names no pupil and shows no UPN in the JSON, the Word document or the page", () => {
    for (const o of outputs) {
      for (const s of pupilStrings) {
        expect(o.json.includes(s), `${o.term} JSON contains ${s}`).toBe(false);
        expect(o.docx.includes(s), `${o.term} Word document contains ${s}`).toBe(false);
        expect(o.html.includes(s), `${o.term} page contains ${s}`).toBe(false);
      }
    }
  });

  it("names no teacher except in the roles the report gives them", () => {
    for (const o of outputs) {
      for (const n of teacherNames) {
        expect(o.json.includes(n), `${o.term} JSON contains ${n}`).toBe(false);
        expect(o.docx.includes(n), `${o.term} Word document contains ${n}`).toBe(false);
        expect(o.html.includes(n), `${o.term} page contains ${n}`).toBe(false);
      }
    }
  });

  it("the Word documents carry chart images and the page renders its charts as SVG", () => {
    for (const o of outputs.filter((x) => x.data.attainment.length > 0)) {
      expect(o.media.length, `${o.term} charts`).toBeGreaterThanOrEqual(2);
      expect(o.html).toContain("<svg");
      expect(o.docx).toContain("Pupil progress and attainment");
    }
  });

  it("published reports carry the head's narrative and the governors' questions", () => {
    for (const o of outputs.filter((x) => x.data.status === "published")) {
      expect(Object.keys(o.data.narrative)).toEqual(expect.arrayContaining(["context", "plan", "attainment", "priorities"]));
      expect(o.data.governance.challenges.length).toBeGreaterThan(0);
      expect(o.data.governance.challenges.every((c) => c.answer)).toBe(true);
    }
  });

  it("the summer report sets Year 6's results beside national figures, in every output; other terms have none", () => {
    const summer = outputs.find((o) => o.term === `${yn("2025-26")}:summer`)!;
    const national = summer.data.national ?? [];
    expect(national.map((r) => `${r.yearGroup} ${r.subject} ${r.group}`)).toEqual(expect.arrayContaining(["Y6 rwm all", "Y6 writing all", "Y6 rwm disadvantaged"]));
    const rwm = national.find((r) => r.subject === "rwm" && r.group === "all")!;
    const y6 = summer.data.attainment.find((r) => r.yearGroup === "Y6" && r.subject === "rwm" && r.group === "all")!;
    expect(rwm.schoolPct).toBe(y6.atExpectedPct);
    expect(rwm).toMatchObject({ nationalPct: 62, nationalYear: 2025, sameYear: false });
    for (const text of [summer.docx, summer.html]) {
      expect(text).toContain("Key stage 2 (end of Year 6): % at the expected standard, school and national");
      expect(text).toContain(yt("2026 national figures are not yet published"));
    }
    for (const o of outputs.filter((x) => x.term !== `${yn("2025-26")}:summer`)) expect(o.data.national ?? [], o.term).toEqual([]);
  });
});
