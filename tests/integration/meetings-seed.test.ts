import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { governingBodies, meetings, academicYears, terms } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { todayIso } from "@/lib/clock";
import { findNextMeeting, getMeeting, listMeetings } from "@/lib/data/meetings";
import { listLinkVisitStatus } from "@/lib/data/link-visits";
import { yn } from "@/db/seed/demo/dates";

let db: DB;
beforeAll(async () => {
  ({ db } = openDatabase(":memory:"));
  migrateDatabase(db);
  await seedDemo(db);
}, 60_000);

describe("the demo school's board cycle", () => {
  it("has the full board and two committees", () => {
    const bodies = db.select().from(governingBodies).all();
    expect(bodies.filter((b) => b.kind === "board")).toHaveLength(1);
    expect(bodies.filter((b) => b.kind === "committee")).toHaveLength(2);
  });

  it("has a board meeting in every past term with the term's published report, minutes and questions raised there", () => {
    // The demo's complete year (its current year is written as in its autumn term, whatever today is).
    const previous = db
      .select()
      .from(academicYears)
      .all()
      .find((y) => y.name === yn("2025-26"))!;
    const past = db
      .select()
      .from(terms)
      .all()
      .filter((t) => t.academicYearId === previous.id);
    expect(past.length).toBe(3);
    for (const t of past) {
      const held = db
        .select()
        .from(meetings)
        .all()
        .filter((m) => m.termId === t.id)
        .map((m) => getMeeting({ id: m.id }, db));
      const board = held.find((m) => m.bodyKind === "board");
      expect(board, `a board meeting in ${t.name}`).toBeDefined();
      expect(board!.reportStatus).toBe("published");
      expect(board!.members.every((x) => x.attendance !== null)).toBe(true);
      expect(board!.minutes.some((x) => x.kind === "decision")).toBe(true);
      expect(board!.minutes.some((x) => x.kind === "action" && x.ownerId && x.dueDate)).toBe(true);
      expect(held.flatMap((m) => m.challenges).length, `questions raised at ${t.name} meetings`).toBeGreaterThan(0);
    }
  });

  it("has the next meeting ahead with its papers out", () => {
    const today = todayIso();
    const next = findNextMeeting({ today }, db)!;
    expect(next.date > today).toBe(true);
    expect(next.papersOut).toBe(true);
    expect(next.reportStatus).toBe("published");
    expect(next.papersLate).toBe(false);
    expect(listMeetings({ from: today }, db).length).toBeGreaterThanOrEqual(2);
  });

  it("shows link governors' visits made against those expected", () => {
    const rows = listLinkVisitStatus({}, db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.expected === 3)).toBe(true);
    expect(rows.some((r) => r.done > 0)).toBe(true);
  });
});
