import { auditSignIn, clearFailedSignIns, failedSignInStats, isKnownAddress, recordFailedSignIn, rememberKnownAddress } from "@/lib/data/auth";
import { claimTotpStep, listUnusedRecoveryCodes, redeemRecoveryCode } from "@/lib/data/sessions";
import { findUserWithSecretsByEmail, normaliseEmail, touchSignIn } from "@/lib/data/users";
import { nowMs } from "@/lib/clock";
import { dummyPasswordHash, verifyPassword } from "./password";
import { matchTotp } from "./totp";
import { isRecoveryCodeShape, normaliseRecoveryCode } from "./recovery-codes";
import { ADDRESS_WINDOW_MS, MAX_FAILURES_PER_ADDRESS, PAIR_WINDOW_MS, pairDelayMs } from "./limits";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string; role: string; sessionGeneration: number } }
  | { ok: false; reason: "invalid" | "code_required" | "code_invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * How long this account at this address, or this address at all, must wait before another attempt is
 * evaluated; 0 when it may try now. Failures are counted per account+address pair (growing delays,
 * so a stranger elsewhere cannot lock anyone out) and per address (a cap on password spraying, for
 * accounts that have not signed in from that address in the last 30 days).
 */
function signInWaitMs(email: string, address: string, now: number): number {
  const pair = failedSignInStats({ key: pairKey(email, address), since: now - PAIR_WINDOW_MS });
  const pairWait = pair.last === null ? 0 : pair.last + pairDelayMs(pair.count) - now;
  // The address cap spares accounts that signed in from this address before: a school's shared
  // address (NAT) full of someone's failures does not keep its own staff out.
  const addr = failedSignInStats({ key: `address:${address}`, since: now - ADDRESS_WINDOW_MS });
  const capped = addr.count >= MAX_FAILURES_PER_ADDRESS && addr.first !== null && !isKnownAddress({ key: knownKey(email, address), at: now });
  const addrWait = capped ? addr.first! + ADDRESS_WINDOW_MS - now : 0;
  return Math.max(0, pairWait, addrWait);
}

function pairKey(email: string, address: string) {
  return `pair:${email}|${address}`;
}

function knownKey(email: string, address: string) {
  return `known:${email}|${address}`;
}

/**
 * Checks a sign-in attempt. Unknown email and wrong password give the same answer and take the same
 * time (a dummy hash is verified). A throttled attempt is refused before anything is checked, even
 * with the right password. With a second factor on, the code is a current authenticator code not
 * used before (its time step is recorded) or one of the user's unused recovery codes.
 */
export async function checkSignIn(input: { email: string; password: string; code?: string; address: string }, now = nowMs()): Promise<SignInOutcome> {
  const email = normaliseEmail(input.email);
  const keys = [pairKey(email, input.address), `address:${input.address}`, `account:${email}`];
  const wait = signInWaitMs(email, input.address, now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };

  const user = findUserWithSecretsByEmail({ email });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const fail = (reason: "invalid" | "code_invalid") => {
    recordFailedSignIn({ keys, at: now });
    auditSignIn({ ok: false, userId: user?.id ?? null, userName: user?.name ?? null, email, address: input.address, reason: reason === "invalid" ? "wrong email or password" : "wrong code" });
    return { ok: false as const, reason };
  };
  if (!user || !passwordOk || user.disabled) return fail("invalid");
  if (user.totpEnabled && user.totpSecret) {
    if (!input.code) return { ok: false, reason: "code_required" };
    if (isRecoveryCodeShape(input.code)) {
      const code = normaliseRecoveryCode(input.code);
      let used = false;
      for (const row of listUnusedRecoveryCodes({ userId: user.id })) {
        if (await verifyPassword(row.codeHash, code)) {
          used = redeemRecoveryCode({ id: row.id, userId: user.id, userName: user.name });
          break;
        }
      }
      if (!used) return fail("code_invalid");
    } else {
      const step = matchTotp(user.totpSecret, input.code, now, user.totpLastStep);
      if (step === null || !claimTotpStep({ userId: user.id, step })) return fail("code_invalid");
    }
  }
  clearFailedSignIns({ key: keys[0]! });
  rememberKnownAddress({ key: knownKey(email, input.address), at: now });
  touchSignIn({ id: user.id });
  auditSignIn({ ok: true, userId: user.id, userName: user.name, email, address: input.address });
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionGeneration: user.sessionGeneration } };
}
