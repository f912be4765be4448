import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../client";
import { academicYears, classes, classTeachers, schools, terms, users, type Role, type TermName, type YearGroup } from "../../schema";
import { defaultTermDates } from "@/lib/data/school";
import { nowIso } from "@/lib/clock";
import type { Random } from "../random";
import { dy, yn } from "./dates";

/** The password of every demo account (listed in README.md). */
export const DEMO_PASSWORD = "waymark-demo-2026";
const DEMO_SCHOOL_NAME = "Oakfield Primary School";

type StaffSeed = { key: string; name: string; role: Role; jobTitle: string; isTeaching: boolean; yearGroup?: YearGroup };

/** 14 staff of a one-form-entry primary, 9 governors and an adviser. Keys are used by area seeders. */
export const DEMO_PEOPLE: StaffSeed[] = [
  { key: "head", name: "Helen Marsh", role: "headteacher", jobTitle: "Headteacher", isTeaching: false },
  { key: "deputy", name: "David Okafor", role: "slt", jobTitle: "Deputy headteacher and Year 6 teacher", isTeaching: true, yearGroup: "Y6" },
  { key: "senco", name: "Priya Shah", role: "slt", jobTitle: "Assistant headteacher and SENCO", isTeaching: false },
  { key: "eyfs", name: "Rachel Green", role: "slt", jobTitle: "EYFS and KS1 phase leader, Reception teacher", isTeaching: true, yearGroup: "R" },
  { key: "y1", name: "Tom Bennett", role: "staff", jobTitle: "Year 1 teacher", isTeaching: true, yearGroup: "Y1" },
  { key: "y2", name: "Aisha Khan", role: "staff", jobTitle: "Year 2 teacher and English lead", isTeaching: true, yearGroup: "Y2" },
  { key: "y3", name: "Sophie Turner", role: "staff", jobTitle: "Year 3 teacher and maths lead", isTeaching: true, yearGroup: "Y3" },
  { key: "y4", name: "James Wilson", role: "staff", jobTitle: "Year 4 teacher and history lead", isTeaching: true, yearGroup: "Y4" },
  { key: "y5", name: "Emma Clarke", role: "staff", jobTitle: "Year 5 teacher and science lead", isTeaching: true, yearGroup: "Y5" },
  { key: "pe", name: "Ben Carter", role: "staff", jobTitle: "PE and computing teacher", isTeaching: true },
  { key: "ppa", name: "Sarah Patel", role: "staff", jobTitle: "PPA cover teacher and music lead", isTeaching: true },
  { key: "ta1", name: "Lucy Adams", role: "staff", jobTitle: "Teaching assistant (KS2)", isTeaching: false },
  { key: "ta2", name: "Mark Evans", role: "staff", jobTitle: "Teaching assistant (KS1)", isTeaching: false },
  { key: "office", name: "Claire Hughes", role: "staff", jobTitle: "School business manager", isTeaching: false },
  { key: "chair", name: "Margaret Ellis", role: "governor", jobTitle: "Chair of governors", isTeaching: false },
  { key: "vicechair", name: "Robert Hale", role: "governor", jobTitle: "Vice-chair; link governor for curriculum", isTeaching: false },
  { key: "gov_send", name: "Fatima Begum", role: "governor", jobTitle: "Link governor for SEND and inclusion", isTeaching: false },
  { key: "gov_pp", name: "Gareth Lloyd", role: "governor", jobTitle: "Link governor for pupil premium", isTeaching: false },
  { key: "gov_safe", name: "Joanne Whitaker", role: "governor", jobTitle: "Safeguarding link governor", isTeaching: false },
  { key: "gov_parent1", name: "Daniel Brooks", role: "governor", jobTitle: "Parent governor; link for attendance", isTeaching: false },
  { key: "gov_parent2", name: "Hannah Scott", role: "governor", jobTitle: "Parent governor", isTeaching: false },
  { key: "gov_la", name: "Peter Naylor", role: "governor", jobTitle: "Local authority governor", isTeaching: false },
  { key: "gov_coopt", name: "Amelia Foster", role: "governor", jobTitle: "Co-opted governor; link for early years", isTeaching: false },
  { key: "adviser", name: "Janet Moore", role: "adviser", jobTitle: "Local authority school improvement adviser", isTeaching: false },
];

export function demoEmail(name: string) {
  return `${name
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".")}@oakfield.sch.uk`;
}

export const DEMO_CLASSES: { name: string; yearGroup: YearGroup; teacherKey: string }[] = [
  { name: "Acorn", yearGroup: "R", teacherKey: "eyfs" },
  { name: "Birch", yearGroup: "Y1", teacherKey: "y1" },
  { name: "Chestnut", yearGroup: "Y2", teacherKey: "y2" },
  { name: "Hazel", yearGroup: "Y3", teacherKey: "y3" },
  { name: "Maple", yearGroup: "Y4", teacherKey: "y4" },
  { name: "Rowan", yearGroup: "Y5", teacherKey: "y5" },
  { name: "Oak", yearGroup: "Y6", teacherKey: "deputy" },
];

export type DemoTerm = { id: string; key: string; name: TermName; yearName: string; startDate: string; endDate: string };
export type DemoYear = { id: string; name: string; terms: Record<TermName, DemoTerm>; classes: Record<YearGroup | string, string> };

/** What the foundation seeder made, handed to every area's seeder. */
export type DemoContext = {
  rnd: Random;
  schoolId: string;
  /** User ids by DEMO_PEOPLE key. */
  people: Record<string, string>;
  previous: DemoYear;
  current: DemoYear;
  /** Past terms of both years (complete): 2025-26 autumn/spring/summer. The current term is 2026-27 autumn. */
  pastTerms: DemoTerm[];
  currentTerm: DemoTerm;
};

/** The demo's two years, moved to the clock's years (see ./dates): the current one contains today. */
const DEMO_YEARS = {
  get previous(): string {
    return yn("2025-26");
  },
  get current(): string {
    return yn("2026-27");
  },
};

/** School, two academic years with terms and classes, and every person. */
export function seedDemoFoundation(db: DbOrTx, rnd: Random, passwordHash: string): DemoContext {
  const [school] = db
    .insert(schools)
    .values({
      name: DEMO_SCHOOL_NAME,
      urn: "131952",
      phase: "primary",
      ageRange: "4–11",
      localAuthority: "Northshire",
      trust: null,
      vision: "Every child at Oakfield leaves us a confident reader, a curious learner and a kind member of their community.",
      aims: "High expectations for every pupil, whatever their starting point.\nA broad, ambitious curriculum that is taught well.\nA school where pupils attend, belong and thrive.",
      frameworkId: "ofsted_renewed_2025",
      assessmentScheme: "primary",
      hasEarlyYears: true,
      hasSixthForm: false,
      lastInspectionDate: dy("2023-03-15"),
      lastInspectionOutcome: "Good (graded inspection under the 2019 framework)",
      // As on a new install: heads and senior leaders must set up a second factor, and their 7-day
      // grace period runs from when the demo is loaded, so the demo signs in with a password alone
      // for its first week while every page shows the deadline.
      totpRequiredRoles: ["headteacher", "slt"],
      totpRequiredSince: nowIso(),
    })
    .returning()
    .all();

  const people: Record<string, string> = {};
  for (const p of DEMO_PEOPLE) {
    const [u] = db
      .insert(users)
      .values({ id: rnd.uuid(), email: demoEmail(p.name), name: p.name, role: p.role, jobTitle: p.jobTitle, isTeaching: p.isTeaching, passwordHash })
      .returning({ id: users.id })
      .all();
    people[p.key] = u!.id;
  }

  const makeYear = (name: string, isCurrent: boolean): DemoYear => {
    const dates = defaultTermDates(name);
    const [year] = db.insert(academicYears).values({ id: rnd.uuid(), name, startDate: dates.autumn.startDate, endDate: dates.summer.endDate, isCurrent }).returning().all();
    const t = {} as Record<TermName, DemoTerm>;
    for (const termName of ["autumn", "spring", "summer"] as const) {
      const [row] = db
        .insert(terms)
        .values({ id: rnd.uuid(), academicYearId: year!.id, name: termName, ...dates[termName] })
        .returning()
        .all();
      t[termName] = { id: row!.id, key: `${name}:${termName}`, name: termName, yearName: name, startDate: row!.startDate, endDate: row!.endDate };
    }
    const cls: Record<string, string> = {};
    for (const c of DEMO_CLASSES) {
      const [row] = db.insert(classes).values({ id: rnd.uuid(), academicYearId: year!.id, name: c.name, yearGroup: c.yearGroup }).returning().all();
      db.insert(classTeachers).values({ classId: row!.id, userId: people[c.teacherKey]! }).run();
      cls[c.yearGroup] = row!.id;
    }
    return { id: year!.id, name, terms: t, classes: cls };
  };

  const previous = makeYear(DEMO_YEARS.previous, false);
  const current = makeYear(DEMO_YEARS.current, true);
  // Sanity: exactly one current year.
  const currentCount = db.select().from(academicYears).where(eq(academicYears.isCurrent, true)).all().length;
  if (currentCount !== 1) throw new Error("Demo seed: expected one current year");

  return {
    rnd,
    schoolId: school!.id,
    people,
    previous,
    current,
    pastTerms: [previous.terms.autumn, previous.terms.spring, previous.terms.summer],
    currentTerm: current.terms.autumn,
  };
}
