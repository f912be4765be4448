import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { governingBodies, meetings, reportFormats, reports } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { normaliseFormat, type ReportFormat } from "@/lib/report/format";
import { nowIso } from "@/lib/clock";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { findSchool } from "./school";
import { writeTransaction } from "./transaction";

export type StoredReportFormat = ReportFormat & { version: number; updatedAt: string | null };

/** The board's format for the school's reports; the default (version 0) until the head saves one. */
export function getReportFormat(db: DbOrTx = defaultDb): StoredReportFormat {
  const school = findSchool(db);
  const row = school ? db.select().from(reportFormats).where(eq(reportFormats.schoolId, school.id)).get() : undefined;
  if (!row) return { ...normaliseFormat(null), version: 0, updatedAt: null };
  return { ...normaliseFormat(row), version: row.version, updatedAt: row.updatedAt };
}

/**
 * Saves the board's format. `version` is the one the form loaded (0 before any was saved); a stale one
 * is a ConflictError. Drafts follow the new format at once; published reports keep theirs.
 */
export function saveReportFormat({ format, version, actor }: { format: ReportFormat; version: number; actor: Actor }, db: DbOrTx = defaultDb): StoredReportFormat {
  return writeTransaction(db, (tx) => {
    const school = findSchool(tx);
    if (!school) throw new NotFoundError("The school");
    const clean = normaliseFormat(format);
    const existing = tx.select().from(reportFormats).where(eq(reportFormats.schoolId, school.id)).get();
    const now = nowIso();
    const before = existing ? normaliseFormat(existing) : null;
    if (!existing) {
      if (version !== 0) throw new ConflictError("The report format");
      tx.insert(reportFormats).values({ schoolId: school.id, sections: clean.sections, targetPages: clean.targetPages, updatedById: actor.id, updatedAt: now }).run();
    } else {
      const result = tx
        .update(reportFormats)
        .set({ sections: clean.sections, targetPages: clean.targetPages, updatedById: actor.id, updatedAt: now, version: bumpVersion })
        .where(and(eq(reportFormats.id, existing.id), eq(reportFormats.version, version)))
        .run();
      assertUpdated(result, "The report format");
    }
    const shown = clean.sections.filter((s) => s.include).length;
    writeAudit(
      { actor, area: "report", verb: "update", entityType: "report_format", entityId: school.id, summary: `Set the report's format: ${shown} sections, about ${clean.targetPages} pages`, before: before ?? undefined, after: clean },
      tx,
    );
    return getReportFormat(tx);
  });
}

/** The board meeting a report is the papers for (the earliest board meeting that names it), if any. */
export function findBoardMeetingForReport({ termId }: { termId: string }, db: DbOrTx = defaultDb): { date: string; startTime: string | null; bodyName: string } | null {
  const row = db
    .select({ date: meetings.date, startTime: meetings.startTime, bodyName: governingBodies.name })
    .from(meetings)
    .innerJoin(governingBodies, eq(meetings.bodyId, governingBodies.id))
    .innerJoin(reports, eq(meetings.reportId, reports.id))
    .where(and(eq(reports.termId, termId), eq(governingBodies.kind, "board")))
    .orderBy(asc(meetings.date))
    .get();
  return row ?? null;
}
