import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/db/schema";
import { findUser } from "@/lib/data/users";
import { findSchool } from "@/lib/data/school";
import { can, type Verb } from "@/lib/policy";
import { auth } from "./config";
import { SESSION_ABSOLUTE_SECONDS } from "./limits";

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  jobTitle: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  /** The school requires a second factor for this role and the user has not set one up. */
  needsTotpSetup: boolean;
};

/**
 * The signed-in user, checked against the database on every request: a disabled user, a changed role
 * or password (session generation moved on) or a session past its absolute limit is signed out at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.uid) return null;
  if (Date.now() / 1000 - session.authTime > SESSION_ABSOLUTE_SECONDS) return null;
  const user = findUser({ id: session.uid });
  if (!user || user.disabled || user.sessionGeneration !== session.gen) return null;
  const required = findSchool()?.totpRequiredRoles ?? [];
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    jobTitle: user.jobTitle,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    needsTotpSetup: required.includes(user.role) && !user.totpEnabled,
  };
});

/** For pages: the user, or a redirect to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For pages: the user if the policy allows the verb, else 403. */
export async function requirePermission(verb: Verb, owns?: boolean): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user, verb, owns)) forbidden();
  return user;
}
