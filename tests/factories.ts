import { db } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { monitoringFoci, observations, plans, pupils, strands, users, type RecordType, type Role } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { createSchool, ensureAcademicYear, findSchool, getCurrentTerm, getCurrentYear } from "@/lib/data/school";
import type { SessionUser } from "@/lib/auth/session-rules";
import { testSession } from "./setup";

let counter = 0;
// A fixed argon2id hash of "correct horse battery" so factories stay fast; sign-in tests hash their own.
export const TEST_PASSWORD = "correct horse battery";
export const TEST_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$/HetJC6LZ4lnwgLB+wJSS2a9bFu2Kq4HxwNWzoJq2qU";

/** A user of the given role, inserted directly. */
export function createTestUser(overrides: Partial<typeof users.$inferInsert> & { role?: Role } = {}) {
  counter += 1;
  const [row] = db
    .insert(users)
    .values({
      email: `user${counter}@test.school`,
      name: `Test ${overrides.role ?? "staff"} ${counter}`,
      role: "staff",
      passwordHash: TEST_PASSWORD_HASH,
      ...overrides,
    })
    .returning()
    .all();
  return row!;
}

/** A school with a current academic year (default term dates), created once per test file. */
export function ensureTestSchool(opts: { year?: string; phase?: "primary" | "secondary" } = {}) {
  const existing = findSchool();
  if (!existing) {
    createSchool(
      {
        school: { name: "Test Primary", phase: opts.phase ?? "primary", frameworkId: "ofsted_renewed_2025", hasEarlyYears: true },
        actor: CLI_ACTOR,
      },
      db,
    );
    ensureAcademicYear({ name: opts.year ?? "2025-26", makeCurrent: true, actor: CLI_ACTOR });
  }
  return { school: findSchool()!, term: getCurrentTerm({ today: "2025-10-01" }) };
}

/** Makes the next server-action calls run as this user (null = signed out). */
export function actAs(user: { id: string; name: string; email: string; role: Role } | null) {
  testSession.user = user
    ? ({ ...user, jobTitle: null, mustChangePassword: false, totpEnabled: false, needsTotpSetup: false, totpGraceEndsAt: null, sessionId: `test-session-${user.id}` } satisfies SessionUser)
    : null;
}

/** One user per role, for refusal matrices. */
export function createOnePerRole() {
  return {
    headteacher: createTestUser({ role: "headteacher" }),
    slt: createTestUser({ role: "slt" }),
    staff: createTestUser({ role: "staff" }),
    governor: createTestUser({ role: "governor" }),
    adviser: createTestUser({ role: "adviser" }),
  };
}

// Domain records inserted directly with plain defaults, for tests that need one to exist rather than
// to test how it is made. Each takes overrides for any column; ids and unique fields are generated.

/** The improvement plan of a year (default the current year), created on first use. */
export function createPlan(overrides: Partial<typeof plans.$inferInsert> = {}) {
  const academicYearId = overrides.academicYearId ?? getCurrentYear().id;
  const existing = db.select().from(plans).where(eq(plans.academicYearId, academicYearId)).get();
  if (existing && !overrides.id) return existing;
  return db
    .insert(plans)
    .values({ title: "School improvement plan", ...overrides, academicYearId })
    .returning()
    .get();
}

/** A strand of a plan (default the current year's plan). */
export function createStrand(overrides: Partial<typeof strands.$inferInsert> = {}) {
  counter += 1;
  const planId = overrides.planId ?? createPlan().id;
  return db
    .insert(strands)
    .values({ title: `Strand ${counter}`, position: counter, ...overrides, planId })
    .returning()
    .get();
}

/** A shared lesson observation (default: this term, a new member of staff, Year 6 writing). */
export function createObservation(overrides: Partial<typeof observations.$inferInsert> = {}) {
  const term = overrides.termId ? null : getCurrentTerm();
  return db
    .insert(observations)
    .values({
      date: term?.startDate ?? "2025-10-01",
      yearGroup: "Y6",
      subject: "writing",
      ...overrides,
      termId: overrides.termId ?? term!.id,
      teacherId: overrides.teacherId ?? createTestUser({ role: "staff" }).id,
    })
    .returning()
    .get();
}

/** A pupil on roll (default: the current year, Year 4). */
export function createPupil(overrides: Partial<typeof pupils.$inferInsert> = {}) {
  counter += 1;
  return db
    .insert(pupils)
    .values({
      upn: `T${String(counter).padStart(12, "0")}`,
      firstName: `Pupil${counter}`,
      lastName: "Testpupil",
      yearGroup: "Y4",
      gender: "F",
      ...overrides,
      academicYearId: overrides.academicYearId ?? getCurrentYear().id,
    })
    .returning()
    .get();
}

/** Records that a monitoring record (observation, activity, visit) looked at a strand. */
export function linkToStrand(recordType: RecordType, recordId: string, strandId: string) {
  const existing = db
    .select()
    .from(monitoringFoci)
    .where(and(eq(monitoringFoci.recordType, recordType), eq(monitoringFoci.recordId, recordId), eq(monitoringFoci.strandId, strandId)))
    .get();
  return existing ?? db.insert(monitoringFoci).values({ recordType, recordId, strandId }).returning().get();
}

/**
 * The termly report is written for governors: the plan pages, read as a governor, show a strand as the
 * report does (never a named observation; visits cited as evidence, which governors may read).
 */
export const REPORT_READER = { id: "", role: "governor" } as const;
