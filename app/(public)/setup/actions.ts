"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { definePublicAction } from "@/lib/actions/define-action";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-strength";
import { isFreshInstall } from "@/lib/data/school";
import { loadDemoSchool, setUpSchool } from "@/lib/data/setup";
import { ValidationError } from "@/lib/errors";
import { setupSchema } from "@/lib/validation/admin";

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
    setUpSchool({ schoolName: input.schoolName, phase: input.phase, academicYear: input.academicYear, headName: input.headName, headEmail: input.headEmail, passwordHash });
    redirect("/sign-in?setup=done");
  },
});

export const loadDemoAction = definePublicAction({
  schema: z.object({}),
  handler: async () => {
    assertEmpty();
    await loadDemoSchool();
    redirect("/sign-in?setup=demo");
  },
});
