"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import { definePublicAction } from "@/lib/actions/define-action";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-strength";
import { CLI_ACTOR } from "@/lib/data/audit";
import { createUser } from "@/lib/data/users";
import { createSchoolWithYear, isFreshInstall } from "@/lib/data/school";
import { ValidationError } from "@/lib/errors";
import { setupSchema } from "@/lib/validation/admin";
import { writeTransaction } from "@/lib/data/transaction";

/** First run only: refuses once a school or any user exists, so it can never be used to take over. */
function assertEmpty() {
  if (!isFreshInstall()) throw new ValidationError("Waymark has already been set up. Sign in instead.");
}

export const setupSchoolAction = definePublicAction({
  schema: setupSchema,
  handler: async (input) => {
    assertEmpty();
    const problem = passwordProblem(input.password, { name: input.headName, email: input.headEmail, schoolName: input.schoolName });
    if (problem) throw new ValidationError(`${problem}.`, { password: [problem] });
    const passwordHash = await hashPassword(input.password);
    writeTransaction(db, (tx) => {
      const actor = { ...CLI_ACTOR, name: input.headName };
      createSchoolWithYear({ name: input.schoolName, phase: input.phase, academicYear: input.academicYear, actor }, tx);
      createUser({ user: { email: input.headEmail, name: input.headName, role: "headteacher", jobTitle: "Headteacher", passwordHash }, actor }, tx);
    });
    redirect("/sign-in?setup=done");
  },
});

export const loadDemoAction = definePublicAction({
  schema: z.object({}),
  handler: async () => {
    assertEmpty();
    await seedDemo(db);
    redirect("/sign-in?setup=demo");
  },
});
