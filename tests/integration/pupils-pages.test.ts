import { beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { db } from "@/db/client";
import { classes, classTeachers, progressMeetingItems, progressMeetings, users } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { importAssessments, importPupils, getPupilRecord, listPupils, teachesPupil } from "@/lib/data/pupils";
import { findAcademicYearByName, findTermByKey } from "@/lib/data/school";
import PupilsPage from "@/app/(app)/pupils/page";
import PupilPage from "@/app/(app)/pupils/[id]/page";
import ImportPage from "@/app/(app)/pupils/import/page";
import AttainmentPage from "@/app/(app)/pupils/analysis/page";
import { actAs, createOnePerRole, createTestUser, ensureTestSchool } from "../factories";

// next.config.js switches authInterrupts on for the app; forbidden() reads this flag outside Next.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const HEADER = "upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after";
const upn = (i: number) => `P${String(200000000000 + i).slice(-11)}${i % 10}`;

let people: ReturnType<typeof createOnePerRole>;
let teacherOfOak: ReturnType<typeof createTestUser>;
let oakPupilId: string;
let ashPupilId: string;

/** Renders a server page (as Next would) and returns its HTML, or the status it refused with. */
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
const sp = (o: Record<string, string> = {}) => Promise.resolve(o);

beforeAll(() => {
  ensureTestSchool({ year: "2025-26" });
  people = createOnePerRole();
  teacherOfOak = createTestUser({ role: "staff", name: "Oak Teacher" });
  const lines = [HEADER];
  for (let i = 1; i <= 12; i++) lines.push(`${upn(i)},Kid${i},Surname${i},6,${i <= 6 ? "Oak" : "Ash"},${i % 2 ? "F" : "M"},${i % 3 ? "N" : "Y"},N,N,N,N`);
  importPupils({ csv: lines.join("\n"), academicYear: "2025-26", actor: CLI_ACTOR });
  const results = ["upn,academic_year,term,subject,result"];
  for (let i = 1; i <= 12; i++) for (const s of ["reading", "writing", "maths"]) results.push(`${upn(i)},2025-26,summer,${s},${i % 4 ? "EXS" : "WTS"}`);
  importAssessments({ csv: results.join("\n"), actor: CLI_ACTOR });
  const year = findAcademicYearByName({ name: "2025-26" })!;
  const oak = db
    .select()
    .from(classes)
    .all()
    .find((c) => c.name === "Oak" && c.academicYearId === year.id)!;
  db.insert(classTeachers).values({ classId: oak.id, userId: teacherOfOak.id }).run();
  const all = listPupils({ academicYearId: year.id, limit: 100, viewer: people.headteacher }).rows;
  oakPupilId = all.find((p) => p.upn === upn(1))!.id;
  ashPupilId = all.find((p) => p.upn === upn(7))!.id;
  // A progress-meeting item about pupil 1, as the meetings area records them.
  const term = findTermByKey({ key: "2025-26:summer" })!;
  const [meeting] = db.insert(progressMeetings).values({ termId: term.id, classId: oak.id, date: "2026-06-10", teacherId: teacherOfOak.id }).returning().all();
  db.insert(progressMeetingItems)
    .values({
      meetingId: meeting!.id,
      pupilId: oakPupilId,
      subject: "writing",
      concern: "Not yet writing at length",
      action: "Daily extended writing",
      ownerId: teacherOfOak.id,
      reviewDate: "2026-07-15",
    })
    .run();
});

describe("pupil ownership", () => {
  it("a teacher owns the pupils of the classes they teach, and no others", () => {
    expect(teachesPupil({ userId: teacherOfOak.id, pupilId: oakPupilId })).toBe(true);
    expect(teachesPupil({ userId: teacherOfOak.id, pupilId: ashPupilId })).toBe(false);
    expect(teachesPupil({ userId: people.staff.id, pupilId: oakPupilId })).toBe(false);
    expect(teachesPupil({ userId: teacherOfOak.id, pupilId: "no-such-pupil" })).toBe(false);
  });

  it("progress-meeting history is read for the pupil", () => {
    expect(getPupilRecord({ id: oakPupilId, viewer: people.headteacher })!.items).toEqual([
      expect.objectContaining({ concern: "Not yet writing at length", action: "Daily extended writing", ownerName: "Oak Teacher", termKey: "2025-26:summer", className: "Oak", status: "open" }),
    ]);
    expect(getPupilRecord({ id: ashPupilId, viewer: people.headteacher })!.items).toEqual([]);
  });
});

describe("/pupils", () => {
  it("leaders see every pupil", async () => {
    for (const u of [people.headteacher, people.slt]) {
      actAs(u);
      const r = await render(PupilsPage({ searchParams: sp({ year: "2025-26" }) }));
      expect(r.status).toBe(200);
      expect(r.html).toContain("Surname1, Kid1");
      expect(r.html).toContain("Surname7, Kid7");
    }
  });

  it("a teacher sees only their own class, even when asking for another", async () => {
    actAs(teacherOfOak);
    const r = await render(PupilsPage({ searchParams: sp({ year: "2025-26" }) }));
    expect(r.html).toContain("Surname1, Kid1");
    expect(r.html).not.toContain("Surname7, Kid7");
    const ash = db
      .select()
      .from(classes)
      .all()
      .find((c) => c.name === "Ash")!;
    const forged = await render(PupilsPage({ searchParams: sp({ year: "2025-26", class: ash.id }) }));
    expect(forged.html).not.toContain("Surname7, Kid7");
  });

  it("staff with no class see no pupils", async () => {
    actAs(people.staff);
    const r = await render(PupilsPage({ searchParams: sp() }));
    expect(r.html).toContain("not recorded as the teacher of any class");
    expect(r.html).not.toContain("Surname1");
  });

  it("governors and advisers are refused", async () => {
    for (const u of [people.governor, people.adviser]) {
      actAs(u);
      expect((await render(PupilsPage({ searchParams: sp() }))).status).toBe(403);
    }
  });
});

describe("/pupils/[id]", () => {
  const params = (id: string) => Promise.resolve({ id });

  it("shows results and progress meetings to leaders and the pupil's teacher", async () => {
    for (const u of [people.headteacher, people.slt, teacherOfOak]) {
      actAs(u);
      const r = await render(PupilPage({ params: params(oakPupilId) }));
      expect(r.status).toBe(200);
      expect(r.html).toContain("Kid1 Surname1");
      expect(r.html).toContain("Summer 2026");
      expect(r.html).toContain("Daily extended writing");
    }
  });

  it("refuses staff who do not teach the pupil, whether or not the pupil exists", async () => {
    actAs(teacherOfOak);
    expect((await render(PupilPage({ params: params(ashPupilId) }))).status).toBe(403);
    expect((await render(PupilPage({ params: params("no-such-pupil") }))).status).toBe(403);
    actAs(people.staff);
    expect((await render(PupilPage({ params: params(oakPupilId) }))).status).toBe(403);
  });

  it("refuses governors and advisers, and answers 404 to leaders for an unknown pupil", async () => {
    for (const u of [people.governor, people.adviser]) {
      actAs(u);
      expect((await render(PupilPage({ params: params(oakPupilId) }))).status).toBe(403);
    }
    actAs(people.headteacher);
    expect((await render(PupilPage({ params: params("no-such-pupil") }))).status).toBe(404);
  });
});

describe("/pupils/import", () => {
  it("is for leaders only", async () => {
    actAs(people.slt);
    expect((await render(ImportPage())).status).toBe(200);
    for (const u of [people.staff, teacherOfOak, people.governor, people.adviser]) {
      actAs(u);
      expect((await render(ImportPage())).status).toBe(403);
    }
  });
});

describe("/pupils/analysis", () => {
  it("every role sees suppressed aggregates, and no pupil is named", async () => {
    const names = db.select({ name: users.name }).from(users).all();
    expect(names.length).toBeGreaterThan(0);
    for (const u of [people.headteacher, people.slt, people.staff, people.governor, people.adviser]) {
      actAs(u);
      const r = await render(AttainmentPage({ searchParams: sp({ term: "2025-26:summer" }) }));
      expect(r.status).toBe(200);
      expect(r.html).toContain("Disadvantaged gap");
      // 12 Year 6 pupils: all rows shown; disadvantaged (4) suppressed.
      expect(r.html).toContain("fewer than 5 pupils");
      for (let i = 1; i <= 12; i++) {
        expect(r.html).not.toContain(`Kid${i} `);
        expect(r.html).not.toContain(`Surname${i}`);
        expect(r.html).not.toContain(upn(i));
      }
    }
  });

  it("shows national figures beside Year 6 in the summer, labelled with their year", async () => {
    actAs(people.governor);
    const r = await render(AttainmentPage({ searchParams: sp({ term: "2025-26:summer", yg: "Y6" }) }));
    expect(r.html).toContain("62% (2025)");
    expect(r.html).toContain("2026 national figures are not yet published");
    const spring = await render(AttainmentPage({ searchParams: sp({ term: "2025-26:spring", yg: "Y6" }) }));
    expect(spring.html).not.toContain("(2025)</td>");
    expect(spring.html).toContain("No assessment results have been recorded for Spring 2026");
  });

  it("refuses the signed-out", async () => {
    actAs(null);
    await expect(AttainmentPage({ searchParams: sp() })).rejects.toThrow(/REDIRECT/);
  });
});
