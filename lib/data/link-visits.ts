import "server-only";
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, monitoringFoci, plans, strands, users, visits } from "@/db/schema";
import { todayIso } from "@/lib/clock";
import { NotFoundError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { writeTransaction } from "./transaction";

export type LinkVisitStatus = {
  strandId: string;
  strandTitle: string;
  governorId: string;
  governorName: string;
  expected: number;
  done: number;
  /** Visits whose due date has passed. */
  dueSoFar: number;
  overdue: number;
  nextDueBy: string | null;
  state: "complete" | "overdue" | "due" | "on_track";
  version: number;
};

function addDays(date: string, days: number) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.round(days));
  return d.toISOString().slice(0, 10);
}

/**
 * The k-th of n visits in a year is due by the end of the k-th n-th of it (three a year: one a term,
 * roughly). Pure, so the schedule is easy to test.
 */
export function visitDueDates({ start, end, expected }: { start: string; end: string; expected: number }): string[] {
  const span = (Date.parse(`${end}T12:00:00Z`) - Date.parse(`${start}T12:00:00Z`)) / 86_400_000;
  return Array.from({ length: expected }, (_, i) => addDays(start, (span * (i + 1)) / expected));
}

/**
 * For each strand of the current plan with a link governor: visits expected this year, made (visits by
 * that governor focused on the strand), due so far, overdue and the next due date. Optionally one
 * governor's strands only.
 */
export function listLinkVisitStatus({ governorId, today = todayIso() }: { governorId?: string; today?: string } = {}, db: DbOrTx = defaultDb): LinkVisitStatus[] {
  const year = db.select().from(academicYears).where(eq(academicYears.isCurrent, true)).get();
  if (!year) return [];
  const rows = db
    .select({ id: strands.id, title: strands.title, governorId: strands.linkGovernorId, governorName: users.name, expected: strands.linkVisitsPerYear, version: strands.version })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(users, eq(strands.linkGovernorId, users.id))
    .where(and(eq(plans.academicYearId, year.id), governorId ? eq(strands.linkGovernorId, governorId) : undefined))
    .orderBy(asc(strands.position))
    .all();
  if (!rows.length) return [];
  const made = db
    .select({ strandId: monitoringFoci.strandId, visitorId: visits.visitorId, date: visits.date })
    .from(visits)
    .innerJoin(monitoringFoci, and(eq(monitoringFoci.recordType, "visit"), eq(monitoringFoci.recordId, visits.id)))
    .where(and(eq(visits.kind, "governor"), gte(visits.date, year.startDate), lte(visits.date, year.endDate), inArray(monitoringFoci.strandId, rows.map((r) => r.id))))
    .all();
  return rows.map((r) => {
    const done = new Set(made.filter((m) => m.strandId === r.id && m.visitorId === r.governorId).map((m) => m.date)).size;
    const due = visitDueDates({ start: year.startDate, end: year.endDate, expected: r.expected });
    const dueSoFar = due.filter((d) => d < today).length;
    const overdue = Math.max(0, dueSoFar - done);
    const nextDueBy = done < r.expected ? due[Math.max(done, 0)]! : null;
    const state = done >= r.expected ? "complete" : overdue > 0 ? "overdue" : nextDueBy && nextDueBy <= addDays(today, 30) ? "due" : "on_track";
    return { strandId: r.id, strandTitle: r.title, governorId: r.governorId!, governorName: r.governorName, expected: r.expected, done, dueSoFar, overdue, nextDueBy, state, version: r.version };
  });
}

/** The head sets how many visits a year a strand's link governor is expected to make. */
export function setLinkVisitsPerYear({ strandId, version, expected, actor }: { strandId: string; version: number; expected: number; actor: Actor }, db: DbOrTx = defaultDb) {
  return writeTransaction(db, (tx) => {
    const before = tx.select().from(strands).where(eq(strands.id, strandId)).get();
    if (!before) throw new NotFoundError("That strand");
    const result = tx
      .update(strands)
      .set({ linkVisitsPerYear: expected, version: bumpVersion })
      .where(and(eq(strands.id, strandId), eq(strands.version, version)))
      .run();
    assertUpdated(result, "This strand");
    writeAudit({ actor, area: "governance", verb: "update", entityType: "strand", entityId: strandId, summary: `Set ${expected} link governor visits a year for "${before.title}"`, before: { linkVisitsPerYear: before.linkVisitsPerYear }, after: { linkVisitsPerYear: expected } }, tx);
    return tx.select().from(strands).where(eq(strands.id, strandId)).get()!;
  });
}
