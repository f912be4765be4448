import { beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { db } from "@/db/client";
import { classes, classTeachers } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { getAttendance, importAttendance, importSuspensions, listPersistentlyAbsentPupils } from "@/lib/data/attendance";
import { AttendanceView } from "@/components/pupils/attendance-view";
import { importPupils } from "@/lib/data/pupils";
import { findCurrentYear, listTerms } from "@/lib/data/school";
import { assembleReport } from "@/lib/report/assemble";
import { buildReportDocx } from "@/lib/report/docx";
import AttendancePage from "@/app/(app)/pupils/attendance/page";
import PupilPage from "@/app/(app)/pupils/[id]/page";
import { listPupils } from "@/lib/data/pupils";
import { actAs, createOnePerRole, createTestUser, ensureTestSchool } from "../factories";
import { docxText, unzip } from "./report-zip";

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const upn = (i: number) => `Q${String(300000000000 + i).slice(-11)}${i % 10}`;
const name = (i: number) => ({ first: `Attender${i}`, last: `Family${i}` });

async function render(page: ReactElement | Promise<ReactElement>): Promise<{ status: number; html: string }> {
  try {
    return { status: 200, html: renderToStaticMarkup(await page) };
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? (e as Error).message);
    if (digest.includes("403")) return { status: 403, html: "" };
    if (digest.includes("404")) return { status: 404, html: "" };
    throw e;
  }
}

let people: ReturnType<typeof createOnePerRole>;
let oakTeacher: ReturnType<typeof createTestUser>;
let termKey: string;
let termId: string;

beforeAll(() => {
  ensureTestSchool();
  people = createOnePerRole();
  oakTeacher = createTestUser({ role: "staff", name: "Oak Teacher" });
  const year = findCurrentYear()!;
  const autumn = listTerms({ academicYearId: year.id }).find((t) => t.name === "autumn")!;
  termKey = autumn.key;
  termId = autumn.id;
  const lines = ["upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after"];
  for (let i = 1; i <= 12; i++) lines.push(`${upn(i)},${name(i).first},${name(i).last},5,${i <= 6 ? "Oak" : "Ash"},${i % 2 ? "F" : "M"},${i % 3 ? "N" : "Y"},N,N,N,N`);
  expect(importPupils({ csv: lines.join("\n"), academicYear: year.name, actor: CLI_ACTOR }).ok).toBe(true);
  const oak = db
    .select()
    .from(classes)
    .all()
    .find((c) => c.name === "Oak")!;
  db.insert(classTeachers).values({ classId: oak.id, userId: oakTeacher.id }).run();
  // Pupils 1 (Oak) and 7 (Ash) are persistently absent: 120 of 140 sessions.
  const att = ["upn,academic_year,term,possible_sessions,attended_sessions,authorised_absence,unauthorised_absence"];
  for (let i = 1; i <= 12; i++) {
    const a = i === 1 || i === 7 ? 120 : 138;
    att.push(`${upn(i)},${year.name},autumn,140,${a},${140 - a},0`);
  }
  expect(importAttendance({ csv: att.join("\n"), actor: CLI_ACTOR }).ok).toBe(true);
  expect(importSuspensions({ csv: `upn,start_date,days,type\n${upn(7)},${autumn.startDate},1,suspension`, actor: CLI_ACTOR }).ok).toBe(true);
});

const names = () => Array.from({ length: 12 }, (_, i) => [name(i + 1).first, name(i + 1).last, upn(i + 1)]).flat();

describe("the attendance page", () => {
  it("shows leaders the figures and every persistently absent pupil by name", async () => {
    for (const leader of [people.headteacher, people.slt]) {
      actAs(leader);
      const { status, html } = await render(AttendancePage({ searchParams: Promise.resolve({ term: termKey }) }));
      expect(status).toBe(200);
      expect(html).toContain("Attendance and behaviour");
      // (10 × 138 + 2 × 120) / 1680 = 96.43 → 96.4%
      expect(html).toContain("96.4%");
      expect(html).toContain(`${name(1).first} ${name(1).last}`);
      expect(html).toContain(`${name(7).first} ${name(7).last}`);
      expect(html).toContain("Persistently absent pupils, year to date (2)");
    }
  });

  it("shows a teacher only their own class's persistently absent pupils, and another teacher none", async () => {
    actAs(oakTeacher);
    const own = await render(AttendancePage({ searchParams: Promise.resolve({ term: termKey }) }));
    expect(own.html).toContain(`${name(1).first} ${name(1).last}`);
    expect(own.html).not.toContain(name(7).first);
    expect(own.html).not.toContain(upn(7));
    actAs(people.staff);
    const other = await render(AttendancePage({ searchParams: Promise.resolve({ term: termKey }) }));
    expect(other.status).toBe(200);
    expect(other.html).toContain("No pupil is persistently absent.");
    for (const n of names()) expect(other.html).not.toContain(n);
    expect(listPersistentlyAbsentPupils({ termId, viewer: people.staff })).toEqual({ pupils: [], total: 0, scope: "own" });
  });

  it("shows governors and advisers aggregates only, whatever the request asks for", async () => {
    for (const user of [people.governor, people.adviser]) {
      actAs(user);
      for (const params of [{ term: termKey }, { term: termKey, scope: "all", pupils: "1", yg: "Y5" }, {}]) {
        const { status, html } = await render(AttendancePage({ searchParams: Promise.resolve(params) }));
        expect(status).toBe(200);
        expect(html).toContain("Attendance by year group");
        expect(html).not.toContain("Persistently absent pupils");
        for (const n of names()) expect(html, `${user.role} sees ${n}`).not.toContain(n);
      }
    }
  });

  it("lists the named pupils a page at a time, lowest attendance first, counting them all", async () => {
    const all = listPersistentlyAbsentPupils({ termId, viewer: people.headteacher })!;
    expect(all.total).toBe(2);
    const firstPage = listPersistentlyAbsentPupils({ termId, viewer: people.headteacher, limit: 1 })!;
    const secondPage = listPersistentlyAbsentPupils({ termId, viewer: people.headteacher, limit: 1, offset: 1 })!;
    expect(firstPage).toMatchObject({ total: 2, scope: "all" });
    expect([...firstPage.pupils, ...secondPage.pupils]).toEqual(all.pupils);
    expect(listPersistentlyAbsentPupils({ termId, viewer: oakTeacher, limit: 1, offset: 1 })).toEqual({ pupils: [], total: 1, scope: "own" });
    // A page past the end shows the last page rather than an empty list.
    actAs(people.headteacher);
    const { html } = await render(AttendancePage({ searchParams: Promise.resolve({ term: termKey, absentPage: "9" }) }));
    expect(html).toContain("Persistently absent pupils, year to date (2)");
    expect(html).toContain(`${name(7).first} ${name(7).last}`);
    expect(html).not.toContain("Pages of persistently absent pupils");
  });

  it("shows one page of a long list, with its place in the list and links to the pages either side", () => {
    const pupils = listPersistentlyAbsentPupils({ termId, viewer: people.headteacher })!.pupils;
    const html = renderToStaticMarkup(
      AttendanceView({
        term: listTerms().find((t) => t.id === termId)!,
        terms: listTerms(),
        tables: getAttendance({ termId }),
        trend: [],
        national: [],
        absent: { pupils, total: 120, scope: "all", page: 2, pages: 3, pageSize: 50, link: (p) => `/pupils/attendance?absentPage=${p}` },
        canImport: false,
      }),
    );
    expect(html).toContain("Persistently absent pupils, year to date (120): 51 to 52, page 2 of 3");
    expect(html).toContain('href="/pupils/attendance?absentPage=1"');
    expect(html).toContain('href="/pupils/attendance?absentPage=3"');
    expect(html).toContain("<span>Page 2 of 3</span>");
  });

  it("refuses a signed-out visitor", async () => {
    actAs(null);
    await expect(render(AttendancePage({ searchParams: Promise.resolve({}) }))).rejects.toThrow();
  });
});

describe("a pupil's record", () => {
  it("shows their attendance by term to a leader", async () => {
    actAs(people.headteacher);
    const id = listPupils({ academicYearId: findCurrentYear()!.id, q: upn(1), viewer: people.headteacher }).rows[0]!.id;
    const { html } = await render(PupilPage({ params: Promise.resolve({ id }) }));
    expect(html).toContain("Sessions by term");
    expect(html).toContain("85.7% (persistently absent)");
  });
});

describe("the report's attendance section names no pupil", () => {
  it("has the attendance and behaviour rows in the JSON and the Word document, without names or UPNs", async () => {
    const data = assembleReport({ termId });
    expect(data.attendance!.find((r) => r.yearGroup === "all" && r.group === "all" && r.period === "term")).toMatchObject({ cohort: 12, attendancePct: 96.4, persistentAbsencePct: 16.7 });
    expect(data.behaviour!.find((r) => r.group === "all" && r.period === "term")).toMatchObject({ suspensions: 1, suspendedPupils: 1 });
    const json = JSON.stringify(data);
    const docx = docxText(unzip(await buildReportDocx(data)));
    expect(docx).toContain("Attendance and behaviour");
    expect(docx).toContain("96.4%");
    for (const n of names()) {
      expect(json).not.toContain(n);
      expect(docx).not.toContain(n);
    }
  });
});
