import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/db/schema/enums";
import { can, POLICY, scopeOf, VERBS, type Verb } from "@/lib/policy";

/**
 * SPEC §1 restated independently of lib/policy, verb by verb. Every role × every verb is checked against
 * it, so a change to the policy table that drifts from the spec fails here.
 */
const A = "all" as const;
const O = "own" as const;
const _ = null;
//                                         head  slt  staff  governor  adviser
const SPEC: Record<Verb, [Scope, Scope, Scope, Scope, Scope]> = {
  "settings.read": [A, A, _, _, _],
  "settings.edit": [A, _, _, _, _],
  "users.manage": [A, _, _, _, _],
  "audit.read": [A, _, _, _, _],
  "sef.draft.read": [A, A, _, _, _],
  "sef.draft.edit": [A, A, _, _, _],
  "sef.publish": [A, _, _, _, _],
  "sef.published.read": [A, A, A, A, A],
  "plan.read": [A, A, A, A, A],
  "plan.edit": [A, A, _, _, _],
  "plan.action.progress": [A, A, O, _, _],
  "review.read": [A, A, A, A, A],
  "review.edit": [A, A, _, _, _],
  "review.comment": [A, A, _, A, _],
  "observation.read": [A, A, O, _, _],
  "observation.edit": [A, A, _, _, _],
  "observation.respond": [O, O, O, _, _],
  "observation.templates.edit": [A, A, _, _, _],
  "monitoring.coverage.read": [A, A, _, _, _],
  "monitoring.aggregates.read": [A, A, A, A, A],
  "activity.read": [A, A, A, _, _],
  "activity.summary.read": [A, A, A, A, A],
  "activity.edit": [A, A, _, _, _],
  "calendar.read": [A, A, _, _, _],
  "calendar.edit": [A, A, _, _, _],
  "pupils.read": [A, A, O, _, _],
  "pupils.import": [A, A, _, _, _],
  "pupils.edit": [A, A, _, _, _],
  "attainment.read": [A, A, A, A, A],
  "attendance.read": [A, A, A, A, A],
  "ppm.read": [A, A, O, _, _],
  "ppm.edit": [A, A, _, _, _],
  "ppm.counts.read": [A, A, A, A, _],
  "report.draft.read": [A, A, _, _, _],
  "report.draft.edit": [A, _, _, _, _],
  "report.narrative.edit": [A, A, _, _, _],
  "report.publish": [A, _, _, _, _],
  "report.format.edit": [A, _, _, _, _],
  "report.published.read": [A, A, A, A, A],
  "challenge.read": [A, A, _, A, A],
  "challenge.create": [A, _, _, A, _],
  "challenge.answer": [A, A, _, _, _],
  "governorVisit.read": [A, A, _, A, A],
  "governorVisit.write": [A, _, _, O, _],
  "meeting.read": [A, A, _, A, A],
  "meeting.edit": [A, _, _, _, _],
  "meeting.minutes": [A, _, _, A, _],
  "meeting.papers.read": [_, _, _, A, _],
  "outbox.read": [A, _, _, _, _],
  "adviserVisit.read": [A, A, _, A, A],
  "adviserVisit.write": [A, _, _, _, O],
  "account.self": [A, A, A, A, A],
};
type Scope = "all" | "own" | null;

describe("policy matrix (SPEC §1)", () => {
  it("covers exactly the verbs of the policy table", () => {
    expect(Object.keys(SPEC).sort()).toEqual([...VERBS].sort());
  });

  for (const verb of Object.keys(POLICY) as Verb[]) {
    ROLES.forEach((role: Role, i) => {
      const expected = SPEC[verb][i];
      it(`${role} × ${verb} → ${expected ?? "refused"}`, () => {
        expect(scopeOf(role, verb)).toBe(expected);
        const user = { id: "u1", role };
        // "all" allows regardless of ownership; "own" only with ownership; none never.
        expect(can(user, verb, false)).toBe(expected === "all");
        expect(can(user, verb, true)).toBe(expected !== null);
        expect(can(user, verb)).toBe(expected === "all");
      });
    });
  }

  it("refuses a missing user", () => {
    expect(can(null, "plan.read")).toBe(false);
  });
});
