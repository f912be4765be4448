import { countFailedSignIns, recordFailedSignIn, clearFailedSignIns } from "@/lib/data/auth";
import { findUserWithSecretsByEmail, normaliseEmail, touchSignIn } from "@/lib/data/users";
import { dummyPasswordHash, verifyPassword } from "./password";
import { verifyTotp } from "./totp";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_MS } from "./limits";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string; role: string; sessionGeneration: number } }
  | { ok: false; reason: "invalid" | "throttled" | "code_required" | "code_invalid" };

/**
 * Checks a sign-in attempt. Unknown email and wrong password give the same answer and take the same
 * time (a dummy hash is verified); failures are counted per account and per address, and either limit
 * refuses further attempts for the window, even with the right password.
 */
export async function checkSignIn(input: { email: string; password: string; code?: string; address: string }, now = Date.now()): Promise<SignInOutcome> {
  const email = normaliseEmail(input.email);
  const accountKey = `account:${email}`;
  const addressKey = `address:${input.address}`;
  const since = now - THROTTLE_WINDOW_MS;
  if (
    countFailedSignIns({ key: accountKey, since }) >= MAX_FAILURES_PER_ACCOUNT ||
    countFailedSignIns({ key: addressKey, since }) >= MAX_FAILURES_PER_ADDRESS
  ) {
    return { ok: false, reason: "throttled" };
  }
  const user = findUserWithSecretsByEmail({ email });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk || user.disabled) {
    recordFailedSignIn({ keys: [accountKey, addressKey], at: now });
    return { ok: false, reason: "invalid" };
  }
  if (user.totpEnabled && user.totpSecret) {
    if (!input.code) return { ok: false, reason: "code_required" };
    if (!verifyTotp(user.totpSecret, input.code, now)) {
      recordFailedSignIn({ keys: [accountKey, addressKey], at: now });
      return { ok: false, reason: "code_invalid" };
    }
  }
  clearFailedSignIns({ key: accountKey });
  touchSignIn({ id: user.id });
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionGeneration: user.sessionGeneration } };
}
