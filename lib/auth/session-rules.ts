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

