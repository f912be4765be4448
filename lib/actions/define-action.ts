import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ACCOUNT_SETUP_PENDING, accountSetupPending, getCurrentUser, type SessionUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/audit";
import { CHECK_FIELDS } from "./messages";
import { BusyError, ConflictError, databaseFault, ForbiddenError, isBusy, NotFoundError, ValidationError } from "@/lib/errors";

export type FieldErrors = Record<string, string[]>;
export type ActionResult<T> = { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: FieldErrors };

type Ctx<I> = { user: SessionUser; input: I; actor: Actor };

/** Marks functions made by defineAction, so a test can prove every exported server action is one. */
export const DEFINED_ACTION = Symbol.for("waymark.definedAction");

export type DefinedAction<In, Out> = ((input: In) => Promise<ActionResult<Out>>) & { [DEFINED_ACTION]: true };

export const REFUSED = "You do not have permission to do that.";
export const SIGNED_OUT = "Your session has ended. Sign in again to continue.";

/**
 * The one way to change data from the browser. Every server action is a public POST endpoint, so each
 * one, in this order: requires a session; validates its input with the form's zod schema, the only
 * check (forms do not validate in the browser), errors keyed by dotted field path; asks `authorize`
 * (required: it loads the record and consults lib/policy); runs the handler, which calls lib/data
 * only; revalidates; and returns a plain result.
 * Known errors become field or form errors here; unknown ones are logged with a reference and shown
 * as "Something went wrong".
 */
export function defineAction<S extends z.ZodType, Out>(def: {
  schema: S;
  authorize: (ctx: { user: SessionUser; input: z.output<S> }) => boolean | Promise<boolean>;
  handler: (ctx: Ctx<z.output<S>>) => Out | Promise<Out>;
  /** Allowed before the user has changed a one-time password or set up a required second factor. */
  duringAccountSetup?: boolean;
  /** Paths to revalidate; by default the whole app layout. */
  revalidate?: string[];
}): DefinedAction<z.input<S>, Out> {
  const action = async (raw: z.input<S>): Promise<ActionResult<Out>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, formError: SIGNED_OUT };
    if (!def.duringAccountSetup && accountSetupPending(user)) {
      return { ok: false, formError: ACCOUNT_SETUP_PENDING };
    }
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) return { ok: false, formError: CHECK_FIELDS, fieldErrors: zodFieldErrors(parsed.error) };
    const input = parsed.data;
    try {
      if (!(await def.authorize({ user, input }))) return { ok: false, formError: REFUSED };
      const data = await def.handler({ user, input, actor: { id: user.id, name: user.name } });
      for (const p of def.revalidate ?? ["/"]) revalidatePath(p, "layout");
      return { ok: true, data };
    } catch (error) {
      // redirect() and notFound() inside a handler are control flow, not failures.
      unstable_rethrow(error);
      return errorResult(error);
    }
  };
  return Object.assign(action, { [DEFINED_ACTION]: true as const });
}

/** Zod issues as { "criteria.0.target": ["Enter a number"] }. */
function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function errorResult(error: unknown): { ok: false; formError?: string; fieldErrors?: FieldErrors } {
  if (error instanceof ValidationError) return { ok: false, formError: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof ConflictError || error instanceof NotFoundError) return { ok: false, formError: error.message };
  if (error instanceof ForbiddenError) return { ok: false, formError: REFUSED };
  if (error instanceof BusyError) return { ok: false, formError: error.message };
  if (isBusy(error)) return { ok: false, formError: new BusyError().message };
  const fault = databaseFault(error);
  if (fault) {
    console.error("[action] database fault", error);
    return { ok: false, formError: fault.message };
  }
  const ref = randomUUID().slice(0, 8);
  console.error(`[action ${ref}]`, error);
  return { ok: false, formError: `Something went wrong. Try again, and if it keeps happening quote reference ${ref}.` };
}

/** Marks the few actions that run without a session (sign-in, first-run set-up); each guards itself. */
export const PUBLIC_ACTION = Symbol.for("waymark.publicAction");

/**
 * A server action for signed-out visitors. It still validates with zod and reports errors the same way;
 * `handler` must enforce its own precondition (e.g. set-up only while no school exists).
 */
export function definePublicAction<S extends z.ZodType, Out>(def: {
  schema: S;
  handler: (input: z.output<S>) => Out | Promise<Out>;
}): ((input: z.input<S>) => Promise<ActionResult<Out>>) & { [PUBLIC_ACTION]: true } {
  const action = async (raw: z.input<S>): Promise<ActionResult<Out>> => {
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) return { ok: false, formError: CHECK_FIELDS, fieldErrors: zodFieldErrors(parsed.error) };
    try {
      return { ok: true, data: await def.handler(parsed.data) };
    } catch (error) {
      unstable_rethrow(error);
      return errorResult(error);
    }
  };
  return Object.assign(action, { [PUBLIC_ACTION]: true as const });
}
