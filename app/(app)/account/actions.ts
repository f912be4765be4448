"use server";
import QRCode from "qrcode";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { generateTotpSecret, totpUri, verifyTotp } from "@/lib/auth/totp";
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

export const confirmTotpAction = defineAction({
  schema: totpCodeSchema,
  authorize: ({ user }) => can(user, "account.self"),
  duringAccountSetup: true,
  handler: ({ input, user, actor }) => {
    const me = findUserWithSecretsById({ id: user.id });
    if (!me?.totpSecret || me.totpEnabled) throw new ValidationError("Start setting up two-step verification again.");
    if (!verifyTotp(me.totpSecret, input.code)) {
      throw new ValidationError("The code is not correct.", { code: ["The code is not correct. Enter the code shown in your app now"] });
    }
    setTotp({ id: user.id, secret: me.totpSecret, actor });
    return null;
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
