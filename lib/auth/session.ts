import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { findUser } from "@/lib/data/users";
import { findSchool } from "@/lib/data/school";
import { findSession, touchSession } from "@/lib/data/sessions";
import { nowMs } from "@/lib/clock";
import { can, type Verb } from "@/lib/policy";
import { auth } from "./config";
import { accountSetupPending, routeRefusal, sessionUserFrom, type SessionUser } from "./session-rules";

export { ACCOUNT_SETUP_PENDING, accountSetupPending, type SessionUser } from "./session-rules";

/**
 * The signed-in user, checked against the database on every request: a signed-out session (its row
 * gone), a disabled user, a changed role or password (session generation moved on) or a session past
 * its absolute limit is refused at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.uid || !session.sid) return null;
  const server = findSession({ id: session.sid });
  const school = findSchool();
  const user = sessionUserFrom(
    session,
    findUser({ id: session.uid }),
    { totpRequiredRoles: school?.totpRequiredRoles ?? [], totpRequiredSince: school?.totpRequiredSince ?? null },
    server,
    nowMs() / 1000,
  );
  if (user && server) touchSession(server);
  return user;
});

/**
 * For pages: the user, or a redirect to sign in. A user with account set-up to finish (a one-time
 * password, or a required second factor past its grace period) is sent to the set-up page from every
 * page and every client navigation, since each page calls this itself; only the set-up page opts out.
 */
export async function requireUser({ duringAccountSetup = false }: { duringAccountSetup?: boolean } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (!duringAccountSetup && accountSetupPending(user)) redirect("/account/setup");
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
