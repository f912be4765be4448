import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { baseAuthConfig } from "@/lib/auth/base-config";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/auth/csp";

// /api/calendar: calendar apps cannot sign in; the feed checks its own secret token.
const PUBLIC = ["/sign-in", "/setup", "/api/auth", "/api/calendar"];
const { auth } = NextAuth(baseAuthConfig);

/**
 * Sets the per-request Content Security Policy (a fresh nonce Next puts on its scripts), refreshes the
 * session cookie (so the idle limit slides with activity) and sends visitors without a session to the
 * sign-in page. It is never the authorisation: every page, server action and route handler asks
 * lib/policy itself (CVE-2025-29927).
 */
export const proxy = auth((request) => {
  const { pathname } = request.nextUrl;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const secure = (h: Headers) => {
    h.set("Content-Security-Policy", csp);
    // scripts/server.ts drops X-Forwarded-Proto unless TRUST_PROXY trusts the proxy that set it.
    if (request.headers.get("x-forwarded-proto") === "https") h.set("Strict-Transport-Security", HSTS);
  };
  if (!PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`)) && !request.auth) {
    const redirect = NextResponse.redirect(new URL("/sign-in", request.url));
    secure(redirect.headers);
    return redirect;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  secure(response.headers);
  return response;
});

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
