"use server";
import QRCode from "qrcode";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-strength";
import { generateRecoveryCodes, hashRecoveryCodes } from "@/lib/auth/recovery-codes";
import { matchTotp, generateTotpSecret, totpUri } from "@/lib/auth/totp";
import { claimTotpStep, endUserSessions, replaceRecoveryCodes } from "@/lib/data/sessions";
import { findSchool } from "@/lib/data/school";
import { findUserWithSecretsById, setPasswordHash, setPendingTotpSecret, setTotp } from "@/lib/data/users";
import { ValidationError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { changePasswordSchema, totpCodeSchema } from "@/lib/validation/auth";
import { signOut } from "@/lib/auth/config";

/**
 * Changes the user's own password. Bumps the session generation (ending sessions elsewhere), so the
 * user signs in again with the new password.
 */
export const changePasswordAction = defineAction({
  schema: changePasswordSchema,
  authorize: ({ user }) => can(user, "account.self"),
  duringAccountSetup: true,
  handler: async ({ input, user, actor }) => {
    const me = findUserWithSecretsById({ id: user.id });
    if (!me || !(await verifyPassword(me.passwordHash, input.currentPassword))) {
      throw new ValidationError("Your current password is not correct.", { currentPassword: ["Your current password is not correct"] });
    }
    if (input.newPassword === input.currentPassword) {
      throw new ValidationError("Choose a password you have not just used.", { newPassword: ["Choose a password you have not just used"] });
    }
    const problem = passwordProblem(input.newPassword, { name: user.name, email: user.email, schoolName: findSchool()?.name });
    if (problem) throw new ValidationError(`${problem}.`, { newPassword: [problem] });
    setPasswordHash({ id: user.id, passwordHash: await hashPassword(input.newPassword), mustChangePassword: false, actor });
    await signOut({ redirectTo: "/sign-in?changed=1" });
  },
});

/** Starts setting up an authenticator app: a new secret (pending until confirmed) and its QR code. */
export const beginTotpSetupAction = defineAction({
  schema: z.object({}),
  authorize: ({ user }) => can(user, "account.self"),
  duringAccountSetup: true,
  handler: async ({ user }) => {
    const me = findUserWithSecretsById({ id: user.id });
    if (me?.totpEnabled) throw new ValidationError("Two-step verification is already on.");
    const secret = generateTotpSecret();
    setPendingTotpSecret({ id: user.id, secret });
    const uri = totpUri(secret, user.email);
    return { secret, qr: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
  },
});

/**
 * Confirms the authenticator with a current code (which is then used up) and turns the second factor
 * on. Returns ten recovery codes, shown once: only their hashes are kept.
 */
export const confirmTotpAction = defineAction({
  schema: totpCodeSchema,
  authorize: ({ user }) => can(user, "account.self"),
  duringAccountSetup: true,
  // The page refreshes once the user has kept the codes: re-rendering now would replace them.
  revalidate: [],
  handler: async ({ input, user, actor }) => {
    const me = findUserWithSecretsById({ id: user.id });
    if (!me?.totpSecret || me.totpEnabled) throw new ValidationError("Start setting up two-step verification again.");
    const step = matchTotp(me.totpSecret, input.code, undefined, me.totpLastStep);
    if (step === null || !claimTotpStep({ userId: user.id, step })) {
      throw new ValidationError("The code is not correct.", { code: ["The code is not correct. Enter the code shown in your app now"] });
    }
    const codes = generateRecoveryCodes();
    const hashes = await hashRecoveryCodes(codes);
    setTotp({ id: user.id, secret: me.totpSecret, actor });
    replaceRecoveryCodes({ userId: user.id, hashes, actor });
    return { codes };
  },
});

/** New recovery codes (the old ones stop working), after the password is confirmed. */
export const newRecoveryCodesAction = defineAction({
  schema: z.object({ password: z.string().min(1, "Enter your password") }),
  authorize: ({ user }) => can(user, "account.self"),
  revalidate: [],
  handler: async ({ input, user, actor }) => {
    const me = findUserWithSecretsById({ id: user.id });
    if (!me?.totpEnabled) throw new ValidationError("Turn on two-step verification first.");
    if (!(await verifyPassword(me.passwordHash, input.password))) {
      throw new ValidationError("Your password is not correct.", { password: ["Your password is not correct"] });
    }
    const codes = generateRecoveryCodes();
    replaceRecoveryCodes({ userId: user.id, hashes: await hashRecoveryCodes(codes), actor });
    return { codes };
  },
});

/** Ends every session of the user, this one included: a lost or shared device is signed out at once. */
export const signOutEverywhereAction = defineAction({
  schema: z.object({}),
  authorize: ({ user }) => can(user, "account.self"),
  duringAccountSetup: true,
  handler: async ({ user, actor }) => {
    endUserSessions({ userId: user.id, actor });
    await signOut({ redirectTo: "/sign-in?everywhere=1" });
  },
});

export const disableTotpAction = defineAction({
  schema: z.object({ password: z.string().min(1, "Enter your password") }),
  authorize: ({ user }) => can(user, "account.self"),
  handler: async ({ input, user, actor }) => {
    const required = findSchool()?.totpRequiredRoles ?? [];
    if (required.includes(user.role)) throw new ValidationError("Your school requires two-step verification for your role, so it cannot be turned off.");
    const me = findUserWithSecretsById({ id: user.id });
    if (!me || !(await verifyPassword(me.passwordHash, input.password))) {
      throw new ValidationError("Your password is not correct.", { password: ["Your password is not correct"] });
    }
    setTotp({ id: user.id, secret: null, actor });
    return null;
  },
});
