import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { baseAuthConfig } from "@/lib/auth/base-config";

// /api/calendar: calendar apps cannot sign in; the feed checks its own secret token.
const PUBLIC = ["/sign-in", "/setup", "/api/auth", "/api/calendar"];
const { auth } = NextAuth(baseAuthConfig);

/**
 * Refreshes the session cookie (so the idle limit slides with activity) and sends visitors without a
 * session to the sign-in page. It is never the authorisation: every page, server action and route
 * handler asks lib/policy itself (CVE-2025-29927).
 */
export const proxy = auth((request) => {
  const { pathname } = request.nextUrl;
  if (PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  if (!request.auth) return NextResponse.redirect(new URL("/sign-in", request.url));
  return NextResponse.next();
});

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
