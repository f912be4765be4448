import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { applicableAreas } from "@/db/frameworks";
import { monitoringFoci, plans, strands, type RecordType } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { findSchool, getFramework } from "../school";

// ---- Focus: plan strands and SEF areas ----------------------------------------------------------

export type StrandOption = { id: string; title: string; position: number; leadId: string | null; linkGovernorId: string | null };
export type AreaOption = { key: string; name: string };
export type Focus = { strandIds: string[]; areaKeys: string[] };
export type FocusLabels = { strands: { id: string; title: string }[]; areas: AreaOption[] };

/** The strands of the plan for an academic year, in plan order (none if the year has no plan yet). */
export function listStrandsForYear({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): StrandOption[] {
  return db
    .select({ id: strands.id, title: strands.title, position: strands.position, leadId: strands.leadId, linkGovernorId: strands.linkGovernorId })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .where(eq(plans.academicYearId, academicYearId))
    .orderBy(asc(strands.position), asc(strands.title))
    .all();
}

/** The framework's evaluation areas that apply to this school. */
export function listFocusAreas(db: DbOrTx = defaultDb): AreaOption[] {
  const school = findSchool(db);
  if (!school) return [];
  return applicableAreas(getFramework({}, db), school).map((a) => ({ key: a.id, name: a.name }));
}

export function validateFocus(focus: Focus, academicYearId: string, db: DbOrTx) {
  const errors: Record<string, string[]> = {};
  const strandIds = new Set(listStrandsForYear({ academicYearId }, db).map((s) => s.id));
  if (focus.strandIds.some((id) => !strandIds.has(id))) errors.focusStrandIds = ["Choose strands from the plan for the year of this record"];
  const areaKeys = new Set(listFocusAreas(db).map((a) => a.key));
  if (focus.areaKeys.some((k) => !areaKeys.has(k))) errors.focusAreaKeys = ["Choose areas from the school's self-evaluation framework"];
  if (Object.keys(errors).length) throw new ValidationError("Check what this record is focused on.", errors);
}

export function writeFoci(recordType: RecordType, recordId: string, focus: Focus, tx: DbOrTx) {
  tx.delete(monitoringFoci).where(and(eq(monitoringFoci.recordType, recordType), eq(monitoringFoci.recordId, recordId))).run();
  for (const strandId of new Set(focus.strandIds)) tx.insert(monitoringFoci).values({ recordType, recordId, strandId }).run();
  for (const areaKey of new Set(focus.areaKeys)) tx.insert(monitoringFoci).values({ recordType, recordId, areaKey }).run();
}

export function readFoci(recordType: RecordType, recordIds: string[], db: DbOrTx): Map<string, Focus> {
  const out = new Map<string, Focus>(recordIds.map((id) => [id, { strandIds: [], areaKeys: [] }]));
  if (recordIds.length === 0) return out;
  const rows = db
    .select()
    .from(monitoringFoci)
    .where(and(eq(monitoringFoci.recordType, recordType), inArray(monitoringFoci.recordId, recordIds)))
    .all();
  for (const r of rows) {
    const f = out.get(r.recordId);
    if (!f) continue;
    if (r.strandId) f.strandIds.push(r.strandId);
    if (r.areaKey) f.areaKeys.push(r.areaKey);
  }
  return out;
}

/** Strand titles and area names for a focus, in plan and framework order. */
export function labelFocus(focus: Focus, db: DbOrTx = defaultDb): FocusLabels {
  return labelFoci([focus], db)[0]!;
}

/** labelFocus for a whole list of records at once: one strands query and one framework read, not one per row. */
export function labelFoci(foci: Focus[], db: DbOrTx = defaultDb): FocusLabels[] {
  const strandIds = [...new Set(foci.flatMap((f) => f.strandIds))];
  const strandRows = strandIds.length
    ? db.select({ id: strands.id, title: strands.title, position: strands.position }).from(strands).where(inArray(strands.id, strandIds)).orderBy(asc(strands.position)).all()
    : [];
  const areas = foci.some((f) => f.areaKeys.length) ? listFocusAreas(db) : [];
  return foci.map((focus) => ({
    strands: strandRows.filter((r) => focus.strandIds.includes(r.id)).map(({ id, title }) => ({ id, title })),
    areas: areas.filter((a) => focus.areaKeys.includes(a.key)),
  }));
}
