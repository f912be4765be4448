import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { findUser } from "@/lib/data/users";
import { findSchool } from "@/lib/data/school";
import { can, type Verb } from "@/lib/policy";
import { auth } from "./config";
import { routeRefusal, sessionUserFrom, type SessionUser } from "./session-rules";

export { ACCOUNT_SETUP_PENDING, accountSetupPending, type SessionUser } from "./session-rules";

/**
 * The signed-in user, checked against the database on every request: a disabled user, a changed role
 * or password (session generation moved on) or a session past its absolute limit is signed out at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.uid) return null;
  return sessionUserFrom(session, findUser({ id: session.uid }), findSchool()?.totpRequiredRoles ?? []);
});

/** For pages: the user, or a redirect to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For route handlers: the signed-in user who has finished setting up their account, or the Response refusing the request. */
export async function routeUser(signInMessage: string): Promise<SessionUser | Response> {
  const user = await getCurrentUser();
  return routeRefusal(user, signInMessage) ?? user!;
}

/** For pages: the user if the policy allows the verb, else 403. */
export async function requirePermission(verb: Verb, owns?: boolean): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user, verb, owns)) forbidden();
  return user;
}
