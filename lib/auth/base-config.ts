import type { NextAuthConfig } from "next-auth";
import { nowMs } from "@/lib/clock";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "./limits";

declare module "next-auth" {
  interface Session {
    uid: string;
    gen: number;
    authTime: number;
    sid: string;
  }
  interface User {
    gen?: number;
    sid?: string;
  }
}

/**
 * The part of the Auth.js configuration that needs no database, shared by the proxy (which only
 * refreshes the session cookie, so the idle limit slides with activity) and the full configuration.
 */
export const baseAuthConfig = {
  trustHost: true,
  pages: { signIn: "/sign-in" },
  // The JWT lives for the idle limit and is re-issued on each request; the absolute limit is below.
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 0 },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      const now = Math.floor(nowMs() / 1000);
      if (user) {
        token.uid = user.id;
        token.gen = user.gen;
        token.sid = user.sid;
        token.authTime = now;
      }
      if (typeof token.authTime !== "number" || now - token.authTime > SESSION_ABSOLUTE_SECONDS) return null;
      return token;
    },
    session({ session, token }) {
      session.uid = String(token.uid ?? "");
      session.gen = Number(token.gen ?? 0);
      session.authTime = Number(token.authTime ?? 0);
      session.sid = String(token.sid ?? "");
      return session;
    },
  },
} satisfies NextAuthConfig;
