import "server-only";
import { unstable_rethrow } from "next/navigation";
import { randomUUID } from "node:crypto";
import { routeUser, type SessionUser } from "@/lib/auth/session";
import { recordDownload, type Actor } from "@/lib/data/audit";
import type { AuditArea } from "@/db/schema/enums";
import { httpStatus } from "@/lib/errors";
import { can, type Verb } from "@/lib/policy";

/** Marks handlers made by defineRoute or definePublicRoute, so a test can prove every route is one. */
export const DEFINED_ROUTE = Symbol.for("waymark.definedRoute");

type RouteContext<P> = { params: Promise<P> };
export type DefinedRoute<P> = ((request: Request, context?: RouteContext<P>) => Promise<Response>) & { [DEFINED_ROUTE]: true };

const REFUSED = "You do not have permission to do that.";

/**
 * The one way to answer a GET from a route handler, like defineAction for actions. In this order: a
 * signed-out caller gets 401 (`signIn` says what to do) and a user with account set-up to finish
 * 403; `verb` (with `owns`) is asked of lib/policy and a refusal is 403 (`refused`, or the usual
 * sentence); then `handler` runs. A known error it throws becomes its `httpStatus` (lib/errors) with
 * the error's own message (a refusal never says whether the record exists); anything else is logged
 * with a reference and answered 500.
 */
export function defineRoute<P = Record<string, never>>(def: {
  verb: Verb;
  owns?: boolean;
  signIn: string;
  refused?: string;
  handler: (ctx: { request: Request; params: P; user: SessionUser; actor: Actor }) => Response | Promise<Response>;
}): DefinedRoute<P> {
  const route = async (request: Request, context?: RouteContext<P>): Promise<Response> => {
    const user = await routeUser(def.signIn);
    if (user instanceof Response) return user;
    if (!can(user, def.verb, def.owns)) return new Response(def.refused ?? REFUSED, { status: 403 });
    return answer(async () => def.handler({ request, params: await paramsOf(context), user, actor: { id: user.id, name: user.name } }));
  };
  return Object.assign(route, { [DEFINED_ROUTE]: true as const });
}

/**
 * A route with no session (the calendar feed: calendar apps cannot sign in). `handler` checks its own
 * credential; errors are mapped as for defineRoute.
 */
export function definePublicRoute<P = Record<string, never>>(def: { handler: (ctx: { request: Request; params: P }) => Response | Promise<Response> }): DefinedRoute<P> {
  const route = async (request: Request, context?: RouteContext<P>): Promise<Response> => answer(async () => def.handler({ request, params: await paramsOf(context) }));
  return Object.assign(route, { [DEFINED_ROUTE]: true as const });
}

/** A route without dynamic segments is called with no context. */
async function paramsOf<P>(context?: RouteContext<P>): Promise<P> {
  return context ? await context.params : ({} as P);
}

async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    // redirect() and notFound() inside a handler are control flow, not failures.
    unstable_rethrow(error);
    const status = httpStatus(error);
    if (status === 403) return new Response(REFUSED, { status });
    if (status) return new Response((error as Error).message, { status });
    const ref = randomUUID().slice(0, 8);
    console.error(`[route ${ref}]`, error);
    return new Response(`Something went wrong. Try again, and if it keeps happening quote reference ${ref}.`, { status: 500 });
  }
}

/**
 * A file to download, never cached, with its download written to the audit log (who downloaded
 * what), as every export does.
 */
export function download({
  body,
  filename,
  contentType,
  audit,
}: {
  body: Uint8Array | Buffer | string;
  filename: string;
  contentType: string;
  audit?: { actor: Actor; area: AuditArea; entityType: string; entityId: string; summary: string };
}): Response {
  if (audit) recordDownload(audit);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    status: 200,
    headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "private, no-store" },
  });
}

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const JSON_TYPE = "application/json; charset=utf-8";
