import { describe, expect, it } from "vitest";
import { countProgressMeetings, isOverdue, ppmSubjectLabel, ppmSubjects, selectCarryForward, sortOwnedActions } from "@/lib/analytics/ppm";
import { isRealDate, outcomeSchema } from "@/lib/validation/ppm";

describe("selectCarryForward", () => {
  const item = (id: string, meetingId: string, upn: string, termStartDate: string) => ({ id, meetingId, upn, termStartDate });

  it("takes open actions of earlier terms for pupils now in the class, matched by UPN across years, oldest first", () => {
    const openItems = [
      item("summer", "m-summer", "UPN-A", "2026-04-01"), // last year's summer, same child
      item("spring", "m-spring", "UPN-A", "2026-01-01"),
      item("elsewhere", "m-other", "UPN-Z", "2026-04-01"), // a child in another class now
      item("same-term", "m-sibling", "UPN-B", "2026-09-01"), // agreed this term at another meeting
      item("own", "m-now", "UPN-B", "2026-09-01"), // this meeting's own action
      item("later", "m-later", "UPN-B", "2027-01-01"), // a later term: not due here
    ];
    const picked = selectCarryForward({ openItems, classUpns: new Set(["UPN-A", "UPN-B"]), meetingId: "m-now", termStartDate: "2026-09-01" });
    expect(picked.map((i) => i.id)).toEqual(["spring", "summer"]);
  });

  it("is empty for a class with no pupils", () => {
    expect(selectCarryForward({ openItems: [item("a", "m", "U", "2020-01-01")], classUpns: new Set(), meetingId: "x", termStartDate: "2030-01-01" })).toEqual([]);
  });
});

describe("countProgressMeetings", () => {
  it("counts meetings, classes without one, each pupil once, actions, outcomes by category and carried actions", () => {
    const counts = countProgressMeetings({
      classIds: ["c1", "c2", "c3"],
      meetings: [
        { id: "m1", classId: "c1" },
        { id: "m2", classId: "c2" },
      ],
      items: [
        { pupilId: "p1", subject: "writing", status: "open", carriedFromId: null },
        { pupilId: "p1", subject: "maths", status: "closed", carriedFromId: "old" },
        { pupilId: "p2", subject: null, status: "open", carriedFromId: "old2" },
      ],
      outcomes: [{ outcomeKind: "on_track" }, { outcomeKind: "no_progress" }, { outcomeKind: "on_track" }, { outcomeKind: null }],
    });
    expect(counts).toEqual({
      meetingsHeld: 2,
      classesWithoutMeeting: 1,
      pupilsDiscussed: 2,
      actionsAgreed: 3,
      outcomesRecorded: 4,
      byOutcome: { on_track: 2, progress: 0, no_progress: 1, other: 1 },
      openCarriedForward: 2,
      stillOpen: 2,
      bySubject: { writing: 1, maths: 1, general: 1 },
    });
  });

  it("is all zeros for a term without meetings", () => {
    const counts = countProgressMeetings({ classIds: ["c1"], meetings: [], items: [], outcomes: [] });
    expect(counts.meetingsHeld).toBe(0);
    expect(counts.classesWithoutMeeting).toBe(1);
    expect(counts.bySubject).toEqual({});
  });
});

describe("owned actions", () => {
  const a = (id: string, reviewDate: string | null, status: "open" | "closed" = "open") => ({ id, reviewDate, status });

  it("is overdue only when open and past its review date", () => {
    expect(isOverdue(a("x", "2026-11-22"), "2026-11-23")).toBe(true);
    expect(isOverdue(a("x", "2026-11-23"), "2026-11-23")).toBe(false);
    expect(isOverdue(a("x", "2026-01-01", "closed"), "2026-11-23")).toBe(false);
    expect(isOverdue(a("x", null), "2026-11-23")).toBe(false);
  });

  it("sorts overdue first, then by review date, undated last", () => {
    const sorted = sortOwnedActions([a("later", "2027-01-10"), a("none", null), a("old", "2026-09-01"), a("soon", "2026-12-01"), a("older", "2026-08-01")], "2026-11-23");
    expect(sorted.map((x) => x.id)).toEqual(["older", "old", "soon", "later", "none"]);
  });
});

describe("subjects and validation", () => {
  it("offers the scheme's subjects then the general concerns", () => {
    expect(ppmSubjects(["reading", "maths"])).toEqual(["reading", "maths", "general", "attendance", "wellbeing"]);
    expect(ppmSubjectLabel(null)).toBe("General progress");
    expect(ppmSubjectLabel("history")).toBe("History");
  });

  it("accepts only real calendar dates", () => {
    expect(isRealDate("2026-02-28")).toBe(true);
    expect(isRealDate("2026-02-29")).toBe(false);
    expect(isRealDate("28/02/2026")).toBe(false);
  });

  it("needs the action, owner and review date only to continue an action", () => {
    const base = { itemId: "i", version: 1, meetingId: "m", outcomeKind: "progress", outcome: "Some progress" } as const;
    expect(outcomeSchema.safeParse({ ...base, next: "close" }).success).toBe(true);
    const cont = outcomeSchema.safeParse({ ...base, next: "continue", reviewDate: "2026-13-01" });
    expect(cont.success).toBe(false);
    expect(cont.error!.issues.map((i) => i.path.join("."))).toEqual(["action", "ownerId", "reviewDate"]);
  });
});
