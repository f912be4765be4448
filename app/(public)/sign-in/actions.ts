"use server";
import { AuthError } from "next-auth";
import { definePublicAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/config";
import { ValidationError } from "@/lib/errors";
import { signInSchema } from "@/lib/validation/auth";

const MESSAGES: Record<string, string> = {
  // One answer for an unknown email and a wrong password: the form never reveals whether an account exists.
  invalid: "Enter a correct email address and password.",
  code_required: "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  code_invalid: "The code is not correct or was already used. Enter the next 6-digit code from your authenticator app, or an unused recovery code.",
};

/** "Too many attempts…" with the wait this account and address must sit out before the next try. */
function throttledMessage(seconds: number): string {
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
  return `Too many attempts to sign in. Wait ${wait}, then try again.`;
}

/** Signs in; on success Auth.js redirects (a thrown NEXT_REDIRECT, rethrown by the wrapper). */
export const signInAction = definePublicAction({
  schema: signInSchema,
  handler: async ({ email, password, code }) => {
    try {
      await signIn("credentials", { email, password, code: code ?? "", redirectTo: "/" });
    } catch (error) {
      // Only a refused credential is the user's mistake; anything else (the database cannot be read or
      // written) is the server's fault and is reported as such, never as a wrong password.
      if (error instanceof AuthError && error.type !== "CredentialsSignin") throw (error.cause as { err?: unknown } | undefined)?.err ?? error;
      if (error instanceof AuthError) {
        const code = (error as AuthError & { code?: string }).code ?? "invalid";
        const [reason, seconds] = code.split(":");
        const message = reason === "throttled" ? throttledMessage(Number(seconds) || 60) : (MESSAGES[reason!] ?? MESSAGES.invalid!);
        if (reason === "code_required" || reason === "code_invalid") throw new ValidationError(message, { code: [message] });
        throw new ValidationError(message, reason === "throttled" ? {} : { password: [message] });
      }
      throw error;
    }
    return null;
  },
});
