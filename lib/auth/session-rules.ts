import type { Role } from "@/db/schema";
import type { PublicUser } from "@/lib/data/users";
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
 * The user is signed in on a one-time password or without a second factor their role requires: until
 * they finish setting up their account, nothing but that set-up is open to them.
 */
export function accountSetupPending(user: Pick<SessionUser, "mustChangePassword" | "needsTotpSetup">): boolean {
  return user.mustChangePassword || user.needsTotpSetup;
}

/** What a request is told while its user has account set-up to finish. */
export const ACCOUNT_SETUP_PENDING = "Finish setting up your account first.";

/**
 * For route handlers: the response that refuses this caller (401 signed out, with `signInMessage`;
 * 403 while account set-up is pending, as server actions and pages refuse it), or null to go on.
 */
export function routeRefusal(user: SessionUser | null, signInMessage: string): Response | null {
  if (!user) return new Response(signInMessage, { status: 401 });
  if (accountSetupPending(user)) return new Response(ACCOUNT_SETUP_PENDING, { status: 403 });
  return null;
}

/**
 * Decides whether a session still stands, given the user's row as it is now. Pure, so the rules are
 * tested directly: no user, a disabled user, a moved-on session generation (role, password or
 * disable changed) or a session past its absolute limit all end the session.
 */
export function sessionUserFrom(
  session: { uid: string; gen: number; authTime: number },
  user: PublicUser | null,
  totpRequiredRoles: string[],
  nowSeconds = Date.now() / 1000,
): SessionUser | null {
  if (!user || user.disabled || user.sessionGeneration !== session.gen) return null;
  if (nowSeconds - session.authTime > SESSION_ABSOLUTE_SECONDS) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    jobTitle: user.jobTitle,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    needsTotpSetup: totpRequiredRoles.includes(user.role) && !user.totpEnabled,
  };
}

