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
  /** The school requires a second factor for this role, the user has not set one up and their grace period is over. */
  needsTotpSetup: boolean;
  /** While the grace period runs: when it ends (ISO), so every page can say so. Null otherwise. */
  totpGraceEndsAt: string | null;
  /** The server-side session this request belongs to. */
  sessionId: string;
};

/** How long a user of a role that requires a second factor may work without one. */
export const TOTP_GRACE_DAYS = 7;

/**
 * When a user's grace period for setting up a required second factor ends: 7 days after the later of
 * their account's creation and the moment the school last added a required role.
 */
function totpGraceEnd(user: { createdAt: string }, requiredSince: string | null): number {
  const from = Math.max(Date.parse(user.createdAt.includes("T") ? user.createdAt : `${user.createdAt.replace(" ", "T")}Z`), requiredSince ? Date.parse(requiredSince) : 0);
  return from + TOTP_GRACE_DAYS * 86_400_000;
}

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
 * Decides whether a session still stands, given the user's row and the server-side session row as
 * they are now. Pure, so the rules are tested directly: no user, a disabled user, a moved-on session
 * generation (role, password or disable changed), a session that was signed out (its row is gone or
 * belongs to someone else) or a session past its absolute limit all end the session.
 */
export function sessionUserFrom(
  session: { uid: string; gen: number; authTime: number; sid?: string },
  user: PublicUser | null,
  school: { totpRequiredRoles: string[]; totpRequiredSince: string | null },
  serverSession: { id: string; userId: string } | null,
  nowSeconds: number,
): SessionUser | null {
  if (!user || user.disabled || user.sessionGeneration !== session.gen) return null;
  if (!serverSession || serverSession.id !== session.sid || serverSession.userId !== user.id) return null;
  if (nowSeconds - session.authTime > SESSION_ABSOLUTE_SECONDS) return null;
  const required = school.totpRequiredRoles.includes(user.role) && !user.totpEnabled;
  const graceEnd = required ? totpGraceEnd(user, school.totpRequiredSince) : 0;
  const inGrace = required && nowSeconds * 1000 < graceEnd;
  return {
    sessionId: serverSession.id,
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    jobTitle: user.jobTitle,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    needsTotpSetup: required && !inGrace,
    totpGraceEndsAt: inGrace ? new Date(graceEnd).toISOString() : null,
  };
}
