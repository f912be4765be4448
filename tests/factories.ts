import { db } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { createSchool, ensureAcademicYear, findSchool, getCurrentTerm } from "@/lib/data/school";
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
