import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { monitoringActivities, observations, plannedMonitoring, strands, users, visits, type ActivityType, type RecordType, PLANNED_TYPES } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { PlannedInput } from "@/lib/validation/monitoring";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { getTerm } from "../school";
import { writeTransaction } from "../transaction";
import { listStrandsForYear } from "./focus";
import { findPerson } from "./people";

// ---- Monitoring calendar -----------------------------------------------------------------------

export type PlannedType = (typeof PLANNED_TYPES)[number];
export type Planned = typeof plannedMonitoring.$inferSelect;
export type PlannedRow = Planned & { leadName: string | null; strandTitle: string | null; recordHref: string | null };

/** The kind of record that carries out a planned entry (progress meetings live in another area). */
function recordTypeForPlanned(type: PlannedType): "observation" | "activity" | "visit" | null {
  if (type === "observation") return "observation";
  if (type === "governor_visit" || type === "adviser_visit") return "visit";
  if (type === "progress_meeting") return null;
  return "activity";
}

/** The stable page of a monitoring record, which plan reviews and SEF areas cite as evidence. */
function recordHref(recordType: RecordType | null, id: string | null): string | null {
  if (!recordType || !id) return null;
  if (recordType === "observation") return `/monitoring/observations/${id}`;
  if (recordType === "activity") return `/monitoring/activities/${id}`;
  if (recordType === "visit") return `/monitoring/visits/${id}`;
  return null;
}

export function listPlanned(
  { termId, leadId, done }: { termId: string; leadId?: string; done?: boolean },
  db: DbOrTx = defaultDb,
): PlannedRow[] {
  const where: SQL[] = [eq(plannedMonitoring.termId, termId)];
  if (leadId) where.push(eq(plannedMonitoring.leadId, leadId));
  if (done !== undefined) where.push(eq(plannedMonitoring.done, done));
  const rows = db
    .select({ p: plannedMonitoring, leadName: users.name, strandTitle: strands.title })
    .from(plannedMonitoring)
    .leftJoin(users, eq(plannedMonitoring.leadId, users.id))
    .leftJoin(strands, eq(plannedMonitoring.strandId, strands.id))
    .where(and(...where))
    .orderBy(sql`${plannedMonitoring.plannedDate} is null`, asc(plannedMonitoring.plannedDate), asc(plannedMonitoring.title))
    .all();
  return rows.map(({ p, leadName, strandTitle }) => ({ ...p, leadName, strandTitle, recordHref: recordHref(p.recordType, p.recordId) }));
}

function getPlanned(id: string, db: DbOrTx): Planned {
  const row = db.select().from(plannedMonitoring).where(eq(plannedMonitoring.id, id)).get();
  if (!row) throw new NotFoundError("That calendar entry");
  return row;
}

export function createPlanned({ input, actor }: { input: PlannedInput; actor: Actor }, db: DbOrTx = defaultDb): Planned {
  return writeTransaction(db, (tx) => {
    const term = getTerm({ id: input.termId }, tx);
    if (input.plannedDate && (input.plannedDate < term.startDate || input.plannedDate > term.endDate)) {
      throw new ValidationError("The planned date must be in the term.", { plannedDate: ["Enter a date within the term"] });
    }
    if (input.leadId) {
      const lead = findPerson(input.leadId, tx);
      if (!lead || lead.disabled) throw new ValidationError("Choose who will lead it.", { leadId: ["Choose who will lead it"] });
    }
    if (input.strandId && !listStrandsForYear({ academicYearId: term.academicYearId }, tx).some((s) => s.id === input.strandId)) {
      throw new ValidationError("Choose a strand of this year's plan.", { strandId: ["Choose a strand of this year's plan"] });
    }
    const row = tx
      .insert(plannedMonitoring)
      .values({ termId: term.id, type: input.type, title: input.title, plannedDate: input.plannedDate, leadId: input.leadId, strandId: input.strandId })
      .returning()
      .get();
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "planned_monitoring", entityId: row.id, summary: `Planned "${input.title}" for ${term.key}`, after: row }, tx);
    return row;
  });
}

/**
 * Marks a calendar entry done (optionally naming the record that carried it out, which must be of the
 * planned kind and in the same term) or not done.
 */
export function markPlanned(
  { id, version, done, recordId, actor }: { id: string; version: number; done: boolean; recordId: string | null; actor: Actor },
  db: DbOrTx = defaultDb,
): Planned {
  return writeTransaction(db, (tx) => {
    const before = getPlanned(id, tx);
    const recordType = done && recordId ? recordTypeForPlanned(before.type) : null;
    if (done && recordId && !listLinkableRecords({ termId: before.termId, type: before.type }, tx).some((r) => r.id === recordId)) {
      throw new ValidationError("Choose a record from this term.", { recordId: ["Choose a record of this kind from the same term"] });
    }
    const result = tx
      .update(plannedMonitoring)
      .set({ done, recordType, recordId: recordType ? recordId : null, version: bumpVersion })
      .where(and(eq(plannedMonitoring.id, id), eq(plannedMonitoring.version, version)))
      .run();
    assertUpdated(result, "This calendar entry");
    const after = getPlanned(id, tx);
    writeAudit({ actor, area: "monitoring", verb: done ? "mark-done" : "mark-not-done", entityType: "planned_monitoring", entityId: id, summary: `Marked "${before.title}" ${done ? "done" : "not done"}`, before, after }, tx);
    return after;
  });
}

export function deletePlanned({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getPlanned(id, tx);
    const result = tx.delete(plannedMonitoring).where(and(eq(plannedMonitoring.id, id), eq(plannedMonitoring.version, version))).run();
    assertUpdated(result, "This calendar entry");
    writeAudit({ actor, area: "monitoring", verb: "delete", entityType: "planned_monitoring", entityId: id, summary: `Removed "${before.title}" from the calendar`, before }, tx);
  });
}

/** Records of a planned entry's kind in its term, to link as what carried it out (leaders only: names teachers). */
export function listLinkableRecords({ termId, type }: { termId: string; type: PlannedType }, db: DbOrTx = defaultDb): { id: string; label: string }[] {
  const recordType = recordTypeForPlanned(type);
  if (recordType === "observation") {
    return db
      .select({ id: observations.id, date: observations.date, subject: observations.subject, name: users.name })
      .from(observations)
      .innerJoin(users, eq(observations.teacherId, users.id))
      .where(eq(observations.termId, termId))
      .orderBy(asc(observations.date))
      .all()
      .map((o) => ({ id: o.id, label: `${o.date} · ${o.subject} · ${o.name}` }));
  }
  if (recordType === "visit") {
    return db
      .select({ id: visits.id, date: visits.date, visitType: visits.visitType, name: users.name })
      .from(visits)
      .innerJoin(users, eq(visits.visitorId, users.id))
      .where(and(eq(visits.termId, termId), eq(visits.kind, type === "governor_visit" ? "governor" : "adviser")))
      .orderBy(asc(visits.date))
      .all()
      .map((v) => ({ id: v.id, label: `${v.date} · ${v.visitType} · ${v.name}` }));
  }
  if (recordType === "activity") {
    return db
      .select({ id: monitoringActivities.id, date: monitoringActivities.date, subject: monitoringActivities.subject, classesVisited: monitoringActivities.classesVisited })
      .from(monitoringActivities)
      .where(and(eq(monitoringActivities.termId, termId), eq(monitoringActivities.type, type as ActivityType)))
      .orderBy(asc(monitoringActivities.date))
      .all()
      .map((a) => ({ id: a.id, label: [a.date, a.subject, a.classesVisited].filter(Boolean).join(" · ") }));
  }
  return [];
}
