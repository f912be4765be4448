import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { baseAuthConfig } from "./base-config";
import { createSession, deleteSession } from "@/lib/data/sessions";
import { checkSignIn } from "./sign-in";

/** The reason a sign-in failed, carried to the sign-in form as `error.code`. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/**
 * The client's address, for throttling and the audit log. scripts/server.ts replaces X-Forwarded-For
 * on every request with the one address it worked out from the socket and TRUST_PROXY
 * (lib/server/client-address), so what a client sends in that header is never believed.
 */
async function clientAddress(request?: Request): Promise<string> {
  const h = request?.headers ?? (await headers());
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...baseAuthConfig,
  logger: {
    // A refused sign-in is an expected outcome, already recorded in sign_in_attempts: no stack trace
    // in the server log for every mistyped password. Anything else is still logged in full.
    error(error) {
      if (error instanceof AuthError && error.type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      async authorize(credentials, request) {
        const email = typeof credentials.email === "string" ? credentials.email : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        const code = typeof credentials.code === "string" && credentials.code ? credentials.code : undefined;
        const outcome = await checkSignIn({ email, password, code, address: await clientAddress(request) });
        if (!outcome.ok) throw new SignInRefused(outcome.reason === "throttled" ? `throttled:${outcome.retryAfterSeconds}` : outcome.reason);
        const session = createSession({ userId: outcome.user.id, userAgent: request?.headers?.get("user-agent") });
        return { id: outcome.user.id, name: outcome.user.name, email: outcome.user.email, gen: outcome.user.sessionGeneration, sid: session.id };
      },
    }),
  ],
  events: {
    // Signing out (the app's button or Auth.js's own /api/auth/signout) deletes the server-side
    // session, so the old cookie is refused at once even by someone who kept a copy.
    signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") deleteSession({ id: sid });
    },
  },
});
