import type { PlanActionStatus } from "@/db/schema/enums";

/** An action is "due soon" when its due date falls within this many days from today (inclusive). */
const DUE_SOON_DAYS = 14;

/** Plans longer than this go unread: the app warns, gently (SPEC §3.4). */
export const MAX_RECOMMENDED_STRANDS = 6;

/** The fields the plan's arithmetic needs from an action. Dates are ISO `YYYY-MM-DD`. */
export type ActionFacts = { status: PlanActionStatus; dueDate: string | null; costPence?: number };

export type ActionFlag = "overdue" | "due_soon" | null;

/** Still to be done: neither done nor dropped. */
function isOpen(a: Pick<ActionFacts, "status">): boolean {
  return a.status === "not_started" || a.status === "in_progress";
}

/** `YYYY-MM-DD` plus n days, in UTC so a clock change never shifts the date. */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Past its due date (due before today) and neither done nor dropped (SPEC §3.4). */
export function isOverdue(a: ActionFacts, today: string): boolean {
  return isOpen(a) && a.dueDate !== null && a.dueDate < today;
}

/** Open, not overdue, and due between today and today + 14 days inclusive. */
export function isDueSoon(a: ActionFacts, today: string, days = DUE_SOON_DAYS): boolean {
  return isOpen(a) && a.dueDate !== null && a.dueDate >= today && a.dueDate <= addDays(today, days);
}

export function actionFlag(a: ActionFacts, today: string): ActionFlag {
  if (isOverdue(a, today)) return "overdue";
  if (isDueSoon(a, today)) return "due_soon";
  return null;
}

export type ActionCounts = {
  total: number;
  notStarted: number;
  inProgress: number;
  done: number;
  dropped: number;
  overdue: number;
  dueSoon: number;
  /** Done as a whole-number % of the actions not dropped; null when there are none. */
  completionPct: number | null;
};

/** Counts by status and flag. Dropped actions are left out of the completion percentage. */
export function countActions(actions: ActionFacts[], today: string): ActionCounts {
  const c: ActionCounts = { total: actions.length, notStarted: 0, inProgress: 0, done: 0, dropped: 0, overdue: 0, dueSoon: 0, completionPct: null };
  for (const a of actions) {
    if (a.status === "not_started") c.notStarted++;
    else if (a.status === "in_progress") c.inProgress++;
    else if (a.status === "done") c.done++;
    else c.dropped++;
    if (isOverdue(a, today)) c.overdue++;
    else if (isDueSoon(a, today)) c.dueSoon++;
  }
  const live = c.total - c.dropped;
  c.completionPct = live > 0 ? Math.round((100 * c.done) / live) : null;
  return c;
}

/**
 * The cost of a set of actions in pence. Dropped actions are not counted: the money was not spent
 * and is not planned to be.
 */
export function totalCost(actions: ActionFacts[]): number {
  return actions.reduce((sum, a) => (a.status === "dropped" ? sum : sum + (a.costPence ?? 0)), 0);
}

/** Cost per strand and for the whole plan, in pence. */
export function costTotals(strands: { id: string; actions: ActionFacts[] }[]): { byStrand: Record<string, number>; plan: number } {
  const byStrand: Record<string, number> = {};
  let plan = 0;
  for (const s of strands) {
    const cost = totalCost(s.actions);
    byStrand[s.id] = cost;
    plan += cost;
  }
  return { byStrand, plan };
}

/**
 * The order for "my actions": overdue first (longest overdue first), then due soon (soonest first),
 * then the other open actions by due date (undated last), then done and dropped ones.
 */
export function sortForOwner<T extends ActionFacts>(actions: T[], today: string): T[] {
  const rank = (a: T) => (isOverdue(a, today) ? 0 : isDueSoon(a, today) ? 1 : isOpen(a) ? 2 : 3);
  return [...actions].sort((a, b) => rank(a) - rank(b) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
}

/** Open actions whose due date falls within a term's dates. */
export function dueWithin<T extends ActionFacts>(actions: T[], range: { startDate: string; endDate: string }): T[] {
  return actions.filter((a) => isOpen(a) && a.dueDate !== null && a.dueDate >= range.startDate && a.dueDate <= range.endDate);
}

export function isPlanTooLong(strandCount: number): boolean {
  return strandCount > MAX_RECOMMENDED_STRANDS;
}

export const ACTION_STATUS_LABEL: Record<PlanActionStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

/** The statuses as options for a select. */
export const ACTION_STATUS_OPTIONS: { value: string; label: string }[] = Object.entries(ACTION_STATUS_LABEL).map(([value, label]) => ({ value, label }));
