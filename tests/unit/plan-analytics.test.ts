import { describe, expect, it } from "vitest";
import { actionFlag, addDays, costTotals, countActions, dueWithin, isDueSoon, isOverdue, isPlanTooLong, sortForOwner, totalCost, type ActionFacts } from "@/lib/analytics/plan";

const today = "2026-11-23";
const a = (status: ActionFacts["status"], dueDate: string | null, costPence = 0): ActionFacts => ({ status, dueDate, costPence });

describe("overdue and due soon", () => {
  it("an open action due before today is overdue; due today is not", () => {
    expect(isOverdue(a("not_started", "2026-11-22"), today)).toBe(true);
    expect(isOverdue(a("in_progress", "2026-01-01"), today)).toBe(true);
    expect(isOverdue(a("in_progress", today), today)).toBe(false);
    expect(isOverdue(a("in_progress", null), today)).toBe(false);
  });

  it("done and dropped actions are never overdue or due soon", () => {
    for (const status of ["done", "dropped"] as const) {
      expect(isOverdue(a(status, "2026-01-01"), today)).toBe(false);
      expect(isDueSoon(a(status, "2026-11-25"), today)).toBe(false);
    }
  });

  it("due soon means due from today to 14 days ahead, inclusive", () => {
    expect(isDueSoon(a("not_started", today), today)).toBe(true);
    expect(isDueSoon(a("not_started", "2026-12-07"), today)).toBe(true);
    expect(isDueSoon(a("not_started", "2026-12-08"), today)).toBe(false);
    expect(isDueSoon(a("not_started", "2026-11-22"), today)).toBe(false);
    expect(actionFlag(a("in_progress", "2026-11-22"), today)).toBe("overdue");
    expect(actionFlag(a("in_progress", "2026-11-30"), today)).toBe("due_soon");
    expect(actionFlag(a("in_progress", "2027-03-01"), today)).toBeNull();
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });
});

describe("counts, costs and order", () => {
  const actions = [
    a("done", "2026-10-01", 50_000),
    a("in_progress", "2026-11-01", 12_550),
    a("not_started", "2026-11-30", 0),
    a("not_started", "2027-05-01", 100_000),
    a("dropped", "2026-10-01", 99_999),
  ];

  it("counts by status and flags, leaving dropped actions out of completion", () => {
    expect(countActions(actions, today)).toEqual({
      total: 5,
      notStarted: 2,
      inProgress: 1,
      done: 1,
      dropped: 1,
      overdue: 1,
      dueSoon: 1,
      completionPct: 25,
    });
    expect(countActions([], today).completionPct).toBeNull();
  });

  it("totals cost in pence without dropped actions, per strand and for the plan", () => {
    expect(totalCost(actions)).toBe(162_550);
    expect(
      costTotals([
        { id: "s1", actions },
        { id: "s2", actions: [a("done", null, 1)] },
      ]),
    ).toEqual({ byStrand: { s1: 162_550, s2: 1 }, plan: 162_551 });
  });

  it("sorts my actions overdue first, then due soon, then the rest, then finished", () => {
    const sorted = sortForOwner(actions, today).map((x) => `${x.status}:${x.dueDate}`);
    expect(sorted).toEqual(["in_progress:2026-11-01", "not_started:2026-11-30", "not_started:2027-05-01", "done:2026-10-01", "dropped:2026-10-01"]);
  });

  it("lists open actions due within a term", () => {
    expect(dueWithin(actions, { startDate: "2026-09-01", endDate: "2026-12-31" })).toHaveLength(2);
  });

  it("warns above six strands", () => {
    expect(isPlanTooLong(6)).toBe(false);
    expect(isPlanTooLong(7)).toBe(true);
  });
});
