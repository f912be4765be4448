import "server-only";
import { db as defaultDb, type DB } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import type { Phase } from "@/db/schema/enums";
import { CLI_ACTOR } from "./audit";
import { createSchoolWithYear } from "./school";
import { writeTransaction } from "./transaction";
import { createUser } from "./users";

/** First run: the school, its first academic year and the headteacher's account, in one transaction. */
export function setUpSchool(
  input: { schoolName: string; phase: Phase; academicYear: string; headName: string; headEmail: string; passwordHash: string },
  db: DB = defaultDb,
): void {
  writeTransaction(db, (tx) => {
    const actor = { ...CLI_ACTOR, name: input.headName };
    createSchoolWithYear({ name: input.schoolName, phase: input.phase, academicYear: input.academicYear, actor }, tx);
    createUser({ user: { email: input.headEmail, name: input.headName, role: "headteacher", jobTitle: "Headteacher", passwordHash: input.passwordHash }, actor }, tx);
  });
}

/** First run, trying Waymark out: the generated demo school. */
export async function loadDemoSchool(db: DB = defaultDb): Promise<void> {
  await seedDemo(db);
}
