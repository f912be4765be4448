import "server-only";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { criterionValues, evidenceLinks, milestones, planActions, plans, reviewComments, reviews, strands, successCriteria, users, type Role } from "@/db/schema";
import { nowIso } from "@/lib/clock";

export type Plan = typeof plans.$inferSelect;
export type Strand = typeof strands.$inferSelect;
export type Criterion = typeof successCriteria.$inferSelect;
export type CriterionValue = typeof criterionValues.$inferSelect;
export type PlanAction = typeof planActions.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
export type Review = typeof reviews.$inferSelect;
export type ReviewComment = typeof reviewComments.$inferSelect;
export type EvidenceLink = typeof evidenceLinks.$inferSelect;

/** Who may lead a strand or review it, own an action, or be a strand's link governor. */

export const now = nowIso;

// ---- People ---------------------------------------------------------------------------------------

export type Person = { id: string; name: string; role: Role; jobTitle: string | null };

/** Everyone (disabled users too, so history still shows their names), by id. No secrets. */
export function peopleById(db: DbOrTx = defaultDb): Map<string, Person> {
  const rows = db.select({ id: users.id, name: users.name, role: users.role, jobTitle: users.jobTitle }).from(users).all();
  return new Map(rows.map((r) => [r.id, r]));
}
