import { expect } from "vitest";
import { getConnection } from "@/db/client";
import type { Role } from "@/db/schema";
import { ROLES } from "@/db/schema/enums";
import { scopeOf, type Verb } from "@/lib/policy";
import { REFUSED, SIGNED_OUT, type ActionResult } from "@/lib/actions/define-action";
import { actAs } from "../factories";

type TestUser = { id: string; name: string; email: string; role: Role };

/**
 * Calls a server action as each user (or signed out, for null) and expects a refusal: the policy's
 * "You do not have permission" (or "sign in again" when signed out). tests/integration/action-coverage
 * checks that every exported server action is passed to this somewhere.
 */
export async function expectRefused<I>(action: (input: I) => Promise<ActionResult<unknown>>, input: I, users: (TestUser | null)[]) {
  for (const user of users) {
    actAs(user);
    const result = await action(input);
    expect(result, `${user ? user.role : "signed out"} should be refused`).toMatchObject({ ok: false, formError: user ? REFUSED : SIGNED_OUT });
  }
}

/**
 * Calls a route handler as each user and expects 403 or 404 (never 200). Registered for the
 * route-coverage check by its route path, e.g. "/plan/export/docx".
 */
export async function expectRouteRefused(_route: string, call: () => Promise<Response>, users: (TestUser | null)[]) {
  for (const user of users) {
    actAs(user);
    let status: number;
    try {
      status = (await call()).status;
    } catch (e) {
      // forbidden()/notFound()/redirect() throw Next's control-flow errors outside a request.
      const digest = String((e as { digest?: string }).digest ?? (e as Error).message);
      status = digest.includes("403") ? 403 : digest.includes("404") ? 404 : digest.includes("REDIRECT") ? 401 : 500;
    }
    expect([401, 403, 404], `${user ? user.role : "signed out"} should be refused ${_route}`).toContain(status);
  }
}

/**
 * Everyone lib/policy refuses `verb` (the roles the policy table gives no scope for it), then a
 * signed-out visitor: the refusal list for an action or route guarded by that verb, read from the
 * table so the tests follow it. A role with an "own" scope is not listed (it may act on its own
 * records): refuse a non-owner explicitly beside this.
 */
export function refusedBy<U extends TestUser>(verb: Verb, people: Partial<Record<Role, U>>): (U | null)[] {
  const refused = ROLES.filter((role) => scopeOf(role, verb) === null).map((role) => {
    const person = people[role];
    if (!person) throw new Error(`refusedBy("${verb}") needs a ${role}`);
    return person;
  });
  return [...refused, null];
}

/** What `fn` returns, and the SQL of each statement prepared on the process's connection while it ran. */
export function queriesWhile<T>(fn: () => T): { result: T; sources: string[] } {
  const { sqlite } = getConnection();
  const prepare = sqlite.prepare;
  const sources: string[] = [];
  sqlite.prepare = ((source: string) => {
    sources.push(source);
    return prepare.call(sqlite, source);
  }) as typeof sqlite.prepare;
  try {
    return { result: fn(), sources };
  } finally {
    sqlite.prepare = prepare;
  }
}
