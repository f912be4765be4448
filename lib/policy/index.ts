import type { Role } from "@/db/schema/enums";
import { ROLES } from "@/db/schema/enums";

/**
 * SPEC §1 as data. For each verb, the roles that may do it and how far:
 *  - "all": on every record;
 *  - "own": only on records the user owns (their own observation, action, class, visit…), decided by
 *    the ownership check the caller passes to `can`.
 * A role missing from a verb is refused, whatever page or request it comes through.
 */
export const POLICY = {
  // School settings, users, terms, frameworks
  "settings.read": { headteacher: "all", slt: "all" },
  "settings.edit": { headteacher: "all" },
  "users.manage": { headteacher: "all" },
  "audit.read": { headteacher: "all" },

  // Self-evaluation
  "sef.draft.read": { headteacher: "all", slt: "all" },
  "sef.draft.edit": { headteacher: "all", slt: "all" },
  "sef.publish": { headteacher: "all" },
  "sef.published.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },

  // Improvement plan
  "plan.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },
  "plan.edit": { headteacher: "all", slt: "all" },
  /** Status and notes of an action: leaders on any, staff on the actions they own. */
  "plan.action.progress": { headteacher: "all", slt: "all", staff: "own" },
  "review.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },
  "review.edit": { headteacher: "all", slt: "all" },
  "review.comment": { headteacher: "all", slt: "all", governor: "all" },

  // Monitoring
  /** Named lesson observations: leaders see all; staff only their own. */
  "observation.read": { headteacher: "all", slt: "all", staff: "own" },
  "observation.edit": { headteacher: "all", slt: "all" },
  /** Respond to and acknowledge an observation: only the observed teacher. */
  "observation.respond": { headteacher: "own", slt: "own", staff: "own" },
  "observation.templates.edit": { headteacher: "all", slt: "all" },
  /** Who has and has not been observed names staff: leaders only. */
  "monitoring.coverage.read": { headteacher: "all", slt: "all" },
  /** Counts, coverage % and recurring themes, never a teacher's name. */
  "monitoring.aggregates.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },
  "activity.read": { headteacher: "all", slt: "all", staff: "all" },
  "activity.summary.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },
  "activity.edit": { headteacher: "all", slt: "all" },
  "calendar.read": { headteacher: "all", slt: "all" },
  "calendar.edit": { headteacher: "all", slt: "all" },

  // Pupils, assessment, progress meetings
  "pupils.read": { headteacher: "all", slt: "all", staff: "own" },
  "pupils.import": { headteacher: "all", slt: "all" },
  "pupils.edit": { headteacher: "all", slt: "all" },
  /** Suppressed aggregates only. */
  "attainment.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },
  /** Attendance and behaviour figures: suppressed aggregates only (named pupils need pupils.read). */
  "attendance.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },
  "ppm.read": { headteacher: "all", slt: "all", staff: "own" },
  "ppm.edit": { headteacher: "all", slt: "all" },
  "ppm.counts.read": { headteacher: "all", slt: "all", staff: "all", governor: "all" },

  // Termly report
  "report.draft.read": { headteacher: "all", slt: "all" },
  "report.draft.edit": { headteacher: "all" },
  "report.narrative.edit": { headteacher: "all", slt: "all" },
  "report.publish": { headteacher: "all" },
  /** The board's format for the report (sections, order, marks, length), set by the head for the board. */
  "report.format.edit": { headteacher: "all" },
  "report.published.read": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },

  // Governance
  "challenge.read": { headteacher: "all", slt: "all", governor: "all", adviser: "all" },
  "challenge.create": { headteacher: "all", governor: "all" },
  "challenge.answer": { headteacher: "all", slt: "all" },
  "governorVisit.read": { headteacher: "all", slt: "all", governor: "all", adviser: "all" },
  /** Governors record and edit their own visits; the head may edit any. */
  "governorVisit.write": { headteacher: "all", governor: "own" },
  "adviserVisit.read": { headteacher: "all", slt: "all", governor: "all", adviser: "all" },
  "adviserVisit.write": { headteacher: "all", adviser: "own" },
  /** Board and committee meetings: their dates, agenda, papers and minutes. */
  "meeting.read": { headteacher: "all", slt: "all", governor: "all", adviser: "all" },
  /** Name the bodies, schedule meetings, set the agenda and attach the papers. */
  "meeting.edit": { headteacher: "all" },
  /** Record attendance, decisions and actions: the head, or a governor taking the minutes. */
  "meeting.minutes": { headteacher: "all", governor: "all" },
  /** A governor marks that they have read a meeting's papers. */
  "meeting.papers.read": { governor: "all" },
  /** The outbox of every email the app has sent or would have sent. */
  "outbox.read": { headteacher: "all" },

  // Everyone
  "account.self": { headteacher: "all", slt: "all", staff: "all", governor: "all", adviser: "all" },
} as const satisfies Record<string, Partial<Record<Role, "all" | "own">>>;

export type Verb = keyof typeof POLICY;
export type Scope = "all" | "own";
export const VERBS = Object.keys(POLICY) as Verb[];

/** The minimum a policy decision needs to know about the signed-in user. */
export type PolicyUser = { id: string; role: Role };

/** How far a role may do a verb: "all", "own" or null (refused). */
export function scopeOf(role: Role, verb: Verb): Scope | null {
  const rule = POLICY[verb] as Partial<Record<Role, Scope>>;
  return rule[role] ?? null;
}

/**
 * May this user do this verb? For "own"-scoped verbs, `owns` says whether the user owns the record;
 * without it an "own" scope is refused, so forgetting the ownership check fails closed.
 */
export function can(user: PolicyUser | null | undefined, verb: Verb, owns?: boolean): boolean {
  if (!user) return false;
  const scope = scopeOf(user.role, verb);
  if (scope === "all") return true;
  if (scope === "own") return owns === true;
  return false;
}

/** Roles that see personal data (pupils or named observations): candidates for a required second factor. */
export const PERSONAL_DATA_ROLES: Role[] = ROLES.filter((r) => scopeOf(r, "pupils.read") !== null || scopeOf(r, "observation.read") !== null);
