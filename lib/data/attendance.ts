import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { memoised } from "./memo";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { ATTENDANCE_METRICS, academicYears, attendanceRecords, auditLog, classes, plans, pupils, strands, strandSefLinks, successCriteria, suspensions, terms, type TermName } from "@/db/schema";
import type { AnalysisPupil } from "@/lib/analytics/attainment";
import {
  computeAttendance,
  suppressAttendance,
  computeBehaviour,
  findAttendanceRow,
  isPersistentlyAbsent,
  isSeverelyAbsent,
  attendancePct,
  type AttendanceRow,
  type AttendanceSessions,
  type BehaviourRow,
} from "@/lib/analytics/attendance";
import type { LineError } from "@/lib/import/csv";
import { validateAttendanceCsv, validateSuspensionsCsv, type AttendanceImportRow } from "@/lib/import/attendance";
import { describeSource, type SourceTable } from "@/lib/import/source";
import { writeAudit, type Actor } from "./audit";
import { AUDIT_CHANGES_MAX, describeImport, pickSample, readablePupilClasses, SAMPLE_SIZE, tableOf, yearLookup, type ImportFile, type ImportOutcome, type ImportSampleRow, type ImportSummary } from "./pupils";
import { readSnapshot, writeTransaction } from "./transaction";
import { getTerm, listTerms, type TermWithYear } from "./school";
import { scopeOf, type PolicyUser } from "@/lib/policy";

// ---- Reading (aggregates only) -------------------------------------------------------------------

export type AttendanceTables = { attendance: AttendanceRow[]; behaviour: BehaviourRow[] };

/** The year's terms up to and including this one (the year to date). */
function yearToDateTerms(term: TermWithYear, db: DbOrTx = defaultDb): TermWithYear[] {
  return listTerms({ academicYearId: term.academicYearId }, db).filter((t) => t.startDate <= term.startDate);
}

function yearPupils(academicYearId: string, db: DbOrTx): AnalysisPupil[] {
  return db
    .select({ id: pupils.id, yearGroup: pupils.yearGroup, gender: pupils.gender, disadvantaged: pupils.disadvantaged, sen: pupils.sen, eal: pupils.eal })
    .from(pupils)
    .where(eq(pupils.academicYearId, academicYearId))
    .all();
}

function sessionsFor(termIds: string[], db: DbOrTx): AttendanceSessions[] {
  if (!termIds.length) return [];
  return db
    .select({ pupilId: attendanceRecords.pupilId, termId: attendanceRecords.termId, possible: attendanceRecords.possibleSessions, attended: attendanceRecords.attendedSessions })
    .from(attendanceRecords)
    .where(inArray(attendanceRecords.termId, termIds))
    .all();
}

/**
 * SPEC §4.5's `attendance` and `behaviour` tables for a term, from the stored records. Aggregates only:
 * no name or UPN leaves this function, so the result is safe for every role.
 */
export function getAttendance({ termId }: { termId: string }, db: DbOrTx = defaultDb): AttendanceTables {
  // Shared across requests until the data changes (lib/data/memo).
  return memoised(db, `attendance:${termId}`, () => computeTermAttendance(termId, db));
}

function computeTermAttendance(termId: string, db: DbOrTx): AttendanceTables {
  const term = getTerm({ id: termId }, db);
  const ytd = yearToDateTerms(term, db).map((t) => t.id);
  const roll = yearPupils(term.academicYearId, db);
  const attendance = suppressAttendance(computeAttendance(roll, sessionsFor(ytd, db), { termId, yearToDateTermIds: ytd }));
  const facts = ytd.length
    ? db.select({ pupilId: suspensions.pupilId, termId: suspensions.termId, type: suspensions.type }).from(suspensions).where(inArray(suspensions.termId, ytd)).all()
    : [];
  const behaviour = computeBehaviour(roll, facts, { termId, yearToDateTermIds: ytd });
  return { attendance, behaviour };
}

/** Terms' attendance tables already computed in one request, by term id. */
export type AttendanceCache = Map<string, AttendanceTables>;

export function getAttendanceCached({ termId, cache }: { termId: string; cache: AttendanceCache }, db: DbOrTx = defaultDb): AttendanceTables {
  let a = cache.get(termId);
  if (!a) {
    a = getAttendance({ termId }, db);
    cache.set(termId, a);
  }
  return a;
}

/** Whether any attendance is stored for a term (one index probe). */
export function termHasAttendance({ termId }: { termId: string }, db: DbOrTx = defaultDb): boolean {
  return !!db.select({ termId: attendanceRecords.termId }).from(attendanceRecords).where(eq(attendanceRecords.termId, termId)).limit(1).get();
}

/** The terms with attendance recorded, oldest first. */
export function listAttendanceTerms(db: DbOrTx = defaultDb): TermWithYear[] {
  // One index probe per term: cheaper than reading every record's term.
  return memoised(db, "attendance-terms", () => listTerms({}, db).filter((t) => termHasAttendance({ termId: t.id }, db)));
}

export type AttendanceTrendPoint = { term: string; termId: string; rows: AttendanceRow[] };

/**
 * Term-by-term figures for the `count` terms with attendance ending at this one (oldest first): each
 * term's own rows (period "term"), and for the given term its year-to-date rows too.
 */
export function getAttendanceTrend({ termId, count = 6 }: { termId: string; count?: number }, db: DbOrTx = defaultDb): AttendanceTrendPoint[] {
  const term = getTerm({ id: termId }, db);
  const upTo = listAttendanceTerms(db)
    .filter((t) => t.startDate <= term.startDate)
    .slice(-count);
  // Kept by the terms it covers: next term's draft, with no attendance yet, shows this term's trend.
  return memoised(db, `attendance-trend:${upTo.map((t) => t.id).join(",")}`, () => computeAttendanceTrend(upTo, db));
}

function computeAttendanceTrend(upTo: TermWithYear[], db: DbOrTx): AttendanceTrendPoint[] {
  const out: AttendanceTrendPoint[] = [];
  // One pass per academic year: its roll and its sessions.
  const byYear = new Map<string, TermWithYear[]>();
  for (const t of upTo) byYear.set(t.academicYearId, [...(byYear.get(t.academicYearId) ?? []), t]);
  for (const [yearId, yearTerms] of byYear) {
    const roll = yearPupils(yearId, db);
    const records = sessionsFor(yearTerms.map((t) => t.id), db);
    for (const t of yearTerms) {
      const rows = suppressAttendance(computeAttendance(roll, records, { termId: t.id, yearToDateTermIds: [t.id], periods: ["term"] }));
      out.push({ term: t.key, termId: t.id, rows });
    }
  }
  return out;
}

/** The SEF evaluation areas about attendance and behaviour, in the frameworks Waymark ships. */
export const ATTENDANCE_AREA_KEYS = ["attendance_behaviour", "behaviour_attitudes"];

export type AttendanceSummary = {
  term: TermWithYear;
  school: AttendanceRow | null;
  disadvantaged: AttendanceRow | null;
  notDisadvantaged: AttendanceRow | null;
  sen: AttendanceRow | null;
  behaviour: BehaviourRow | null;
};

/**
 * The latest attendance figures of a year, for the year to date: whole school and the groups governors
 * ask about, and suspensions. Null when the year has no attendance yet. Aggregates only.
 */
export function getAttendanceSummary({ academicYearId, upTo }: { academicYearId: string; upTo?: string }, db: DbOrTx = defaultDb): AttendanceSummary | null {
  const term = listAttendanceTerms(db)
    .filter((t) => t.academicYearId === academicYearId && (!upTo || t.startDate <= upTo))
    .pop();
  if (!term) return null;
  const { attendance, behaviour } = getAttendance({ termId: term.id }, db);
  const row = (g: AttendanceRow["group"]) => findAttendanceRow(attendance, "all", g, "year_to_date") ?? null;
  return {
    term,
    school: row("all"),
    disadvantaged: row("disadvantaged"),
    notDisadvantaged: row("not_disadvantaged"),
    sen: row("sen"),
    behaviour: behaviour.find((b) => b.group === "all" && b.period === "year_to_date") ?? null,
  };
}

/**
 * Whether the user leads a strand of the year's plan about attendance: one answering an attendance and
 * behaviour SEF area, or with a success criterion read from attendance data.
 */
export function leadsAttendanceStrand({ userId, academicYearId }: { userId: string; academicYearId: string }, db: DbOrTx = defaultDb): boolean {
  const mine = db
    .select({ id: strands.id })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .where(and(eq(plans.academicYearId, academicYearId), eq(strands.leadId, userId)))
    .all()
    .map((s) => s.id);
  if (!mine.length) return false;
  const byArea = db.select({ id: strandSefLinks.id }).from(strandSefLinks).where(and(inArray(strandSefLinks.strandId, mine), inArray(strandSefLinks.areaKey, ATTENDANCE_AREA_KEYS))).limit(1).get();
  if (byArea) return true;
  return !!db
    .select({ id: successCriteria.id })
    .from(successCriteria)
    .where(and(inArray(successCriteria.strandId, mine), inArray(successCriteria.metric, [...ATTENDANCE_METRICS])))
    .limit(1)
    .get();
}

export type AbsentPupil = {
  id: string;
  upn: string;
  firstName: string;
  lastName: string;
  yearGroup: string;
  className: string | null;
  disadvantaged: boolean;
  sen: "N" | "K" | "E";
  possible: number;
  missed: number;
  unauthorised: number;
  attendancePct: number | null;
  severe: boolean;
};

/**
 * The persistently absent pupils of a term's year to date that the viewer may read by name, lowest
 * attendance first: every pupil for leaders ("all"), the pupils of a teacher's own classes ("own"),
 * and null for governors and advisers, who see only the suppressed tables. `limit` and `offset` give
 * one page of them; `total` counts them all.
 */
export function listPersistentlyAbsentPupils(
  { termId, viewer, limit, offset = 0 }: { termId: string; viewer: PolicyUser; limit?: number; offset?: number },
  db: DbOrTx = defaultDb,
): { pupils: AbsentPupil[]; total: number; scope: "all" | "own" } | null {
  if (!scopeOf(viewer.role, "pupils.read")) return null;
  const readable = readablePupilClasses(viewer, db);
  const all = absentPupils({ termId, onlyClassIds: readable.scope === "own" ? readable.classIds : undefined }, db);
  return { pupils: limit === undefined ? all.slice(offset) : all.slice(offset, offset + limit), total: all.length, scope: readable.scope };
}

function absentPupils({ termId, onlyClassIds }: { termId: string; onlyClassIds?: string[] }, db: DbOrTx): AbsentPupil[] {
  if (onlyClassIds && onlyClassIds.length === 0) return [];
  const term = getTerm({ id: termId }, db);
  const ytd = yearToDateTerms(term, db).map((t) => t.id);
  if (!ytd.length) return [];
  const where = [eq(pupils.academicYearId, term.academicYearId), inArray(attendanceRecords.termId, ytd)];
  if (onlyClassIds) where.push(inArray(pupils.classId, onlyClassIds));
  const rows = db
    .select({
      id: pupils.id,
      upn: pupils.upn,
      firstName: pupils.firstName,
      lastName: pupils.lastName,
      yearGroup: pupils.yearGroup,
      className: classes.name,
      disadvantaged: pupils.disadvantaged,
      sen: pupils.sen,
      possible: sql<number>`sum(${attendanceRecords.possibleSessions})`,
      attended: sql<number>`sum(${attendanceRecords.attendedSessions})`,
      unauthorised: sql<number>`sum(${attendanceRecords.unauthorisedAbsence})`,
    })
    .from(attendanceRecords)
    .innerJoin(pupils, eq(attendanceRecords.pupilId, pupils.id))
    .leftJoin(classes, eq(pupils.classId, classes.id))
    .where(and(...where))
    .groupBy(pupils.id)
    .all();
  return rows
    .filter((r) => isPersistentlyAbsent(r.possible, r.attended))
    .map(({ attended, ...r }) => ({
      ...r,
      missed: r.possible - attended,
      attendancePct: attendancePct(attended, r.possible),
      severe: isSeverelyAbsent(r.possible, attended),
    }))
    .sort((a, b) => (a.attendancePct ?? 0) - (b.attendancePct ?? 0) || a.lastName.localeCompare(b.lastName));
}

export type PupilAttendanceRow = { yearName: string; termName: TermName; possible: number; attended: number; authorised: number; unauthorised: number };

/** A child's attendance by term across the years, for their record (lib/data/pupils getPupilRecord, which checks the viewer). */
export function listPupilAttendance({ upn }: { upn: string }, db: DbOrTx = defaultDb): PupilAttendanceRow[] {
  return db
    .select({
      yearName: academicYears.name,
      termName: terms.name,
      possible: attendanceRecords.possibleSessions,
      attended: attendanceRecords.attendedSessions,
      authorised: attendanceRecords.authorisedAbsence,
      unauthorised: attendanceRecords.unauthorisedAbsence,
    })
    .from(attendanceRecords)
    .innerJoin(pupils, eq(attendanceRecords.pupilId, pupils.id))
    .innerJoin(terms, eq(attendanceRecords.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(eq(pupils.upn, upn))
    .orderBy(asc(terms.startDate))
    .all();
}

// ---- Imports -------------------------------------------------------------------------------------

/** The preview's summary of an attendance or suspensions plan. */
function planSummary(
  kind: "attendance" | "suspensions",
  columns: string[],
  rows: { academicYear: string }[],
  counts: { inserts: number; updates: number; unchanged: number },
  status: ImportSampleRow[],
  table: SourceTable,
): ImportSummary {
  const years = [...new Set(rows.map((r) => r.academicYear))].sort();
  return {
    kind,
    academicYear: years.length === 1 ? years[0]! : null,
    rows: rows.length,
    ...counts,
    notes: [],
    columns,
    sample: pickSample(status),
    changed: counts.inserts > 0 || counts.updates > 0,
    source: describeSource(table.info),
  };
}

type AttendancePlan = {
  summary: ImportSummary;
  inserts: { pupilId: string; termId: string; row: AttendanceImportRow }[];
  updates: { id: string; row: AttendanceImportRow; before: { possible: number; attended: number; authorised: number; unauthorised: number } }[];
};

function planAttendance(table: SourceTable, db: DbOrTx): { ok: false; errors: LineError[] } | { ok: true; plan: AttendancePlan } {
  const lookup = yearLookup(db);
  const v = validateAttendanceCsv(table, { pupilsOf: (y) => lookup(y)?.pupils });
  if (!v.ok) return v;
  const resolved = v.rows.map((row) => {
    const y = lookup(row.academicYear)!;
    return { row, pupilId: y.pupils.get(row.upn)!, termId: y.terms.get(row.term)! };
  });
  const termIds = [...new Set(resolved.map((r) => r.termId))];
  const existing = new Map<string, typeof attendanceRecords.$inferSelect>();
  if (termIds.length) for (const e of db.select().from(attendanceRecords).where(inArray(attendanceRecords.termId, termIds)).all()) existing.set(`${e.pupilId}|${e.termId}`, e);
  const inserts: AttendancePlan["inserts"] = [];
  const updates: AttendancePlan["updates"] = [];
  const status: ImportSampleRow[] = [];
  let unchanged = 0;
  for (const r of resolved) {
    const { row } = r;
    const cells = [row.upn, row.academicYear, row.term, String(row.possible), String(row.attended), String(row.authorised), String(row.unauthorised)];
    const before = existing.get(`${r.pupilId}|${r.termId}`);
    if (!before) {
      inserts.push(r);
      if (status.length < 5000) status.push({ line: row.line, status: "new", cells, changes: null });
      continue;
    }
    const changes: string[] = [];
    const cmp = (label: string, a: number, b: number) => {
      if (a !== b) changes.push(`${label} ${a} → ${b}`);
    };
    cmp("possible_sessions", before.possibleSessions, row.possible);
    cmp("attended_sessions", before.attendedSessions, row.attended);
    cmp("authorised_absence", before.authorisedAbsence, row.authorised);
    cmp("unauthorised_absence", before.unauthorisedAbsence, row.unauthorised);
    if (changes.length) {
      updates.push({
        id: before.id,
        row,
        before: { possible: before.possibleSessions, attended: before.attendedSessions, authorised: before.authorisedAbsence, unauthorised: before.unauthorisedAbsence },
      });
      if (status.length < 5000) status.push({ line: row.line, status: "updated", cells, changes: changes.join(", ") });
    } else {
      unchanged++;
      if (status.length < SAMPLE_SIZE) status.push({ line: row.line, status: "unchanged", cells, changes: null });
    }
  }
  return { ok: true, plan: { summary: planSummary("attendance", ["upn", "academic_year", "term", "possible_sessions", "attended_sessions", "authorised_absence", "unauthorised_absence"], v.rows, { inserts: inserts.length, updates: updates.length, unchanged }, status, table), inserts, updates } };
}

/** Checks an attendance.csv and says what importing it would change. Writes nothing. */
export function previewAttendanceImport(file: ImportFile, db: DbOrTx = defaultDb): ImportOutcome {
  const t = tableOf(file);
  if (!t.ok) return t;
  const p = readSnapshot(db, (tx) => planAttendance(t.table, tx));
  return p.ok ? { ok: true, summary: p.plan.summary } : p;
}

/**
 * Imports attendance.csv (SPEC §4.5), all or nothing, in one transaction with its audit row: one record
 * per pupil and term, inserted, updated when it differs, or left alone. A file that changes nothing
 * writes nothing.
 */
export function importAttendance(args: ImportFile & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  // The file is read, checked and planned before the write lock is taken; if the pupils, terms or
  // records changed meanwhile it is planned again under the lock.
  const prepared = prepareAttendanceImport(args, db);
  if ("done" in prepared) return prepared.done;
  return commitAttendanceImport(prepared.write, args.actor, db) ?? importAttendanceUnderLock(args, db);
}

/** An attendance import read, checked and planned against a snapshot, ready to write (plain data). */
export type AttendanceImportWrite = { kind: "attendance"; plan: AttendancePlan; mark: string };

/** Reads, checks and plans attendance.csv without the write lock: the outcome if there is nothing to write, else the plan. */
export function prepareAttendanceImport(file: ImportFile, db: DbOrTx = defaultDb): { done: ImportOutcome } | { write: AttendanceImportWrite } {
  const t = tableOf(file);
  if (!t.ok) return { done: t };
  const p = readSnapshot(db, (tx) => ({ planned: planAttendance(t.table, tx), mark: importMark(tx) }));
  if (!p.planned.ok) return { done: p.planned };
  if (!p.planned.plan.summary.changed) return { done: { ok: true, summary: p.planned.plan.summary } };
  return { write: { kind: "attendance", plan: p.planned.plan, mark: p.mark } };
}

/** Writes a prepared attendance import in one transaction with its audit row; null (nothing written) if the data changed since it was planned. */
export function commitAttendanceImport(w: AttendanceImportWrite, actor: Actor, db: DbOrTx = defaultDb): ImportOutcome | null {
  return writeTransaction(db, (tx) => {
    if (importMark(tx) !== w.mark) return null;
    writeAttendancePlan(w.plan, actor, tx);
    return { ok: true as const, summary: w.plan.summary };
  });
}

/** An attendance import planned and written under the write lock (the last resort when the data keeps changing). */
export function importAttendanceUnderLock(args: ImportFile & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  const t = tableOf(args);
  if (!t.ok) return t;
  return writeTransaction(db, (tx) => {
    const p = planAttendance(t.table, tx);
    if (!p.ok) return p;
    if (p.plan.summary.changed) writeAttendancePlan(p.plan, args.actor, tx);
    return { ok: true as const, summary: p.plan.summary };
  });
}

function writeAttendancePlan(plan: AttendancePlan, actor: Actor, tx: DbOrTx) {
  const values = (r: AttendanceImportRow) => ({ possibleSessions: r.possible, attendedSessions: r.attended, authorisedAbsence: r.authorised, unauthorisedAbsence: r.unauthorised });
  for (const r of plan.inserts) tx.insert(attendanceRecords).values({ pupilId: r.pupilId, termId: r.termId, ...values(r.row) }).run();
  for (const u of plan.updates) tx.update(attendanceRecords).set(values(u.row)).where(eq(attendanceRecords.id, u.id)).run();
  const changed = plan.updates.slice(0, AUDIT_CHANGES_MAX);
  writeAudit(
    {
      actor,
      area: "pupils",
      verb: "import",
      entityType: "attendance_records",
      summary: describeImport(plan.summary),
      before: { updated: changed.map((u) => ({ id: u.id, upn: u.row.upn, term: `${u.row.academicYear}:${u.row.term}`, ...u.before })) },
      after: {
        counts: { rows: plan.summary.rows, inserts: plan.summary.inserts, updates: plan.summary.updates, unchanged: plan.summary.unchanged },
        updated: changed.map((u) => ({ id: u.id, possible: u.row.possible, attended: u.row.attended, authorised: u.row.authorised, unauthorised: u.row.unauthorised })),
      },
    },
    tx,
  );
}

/**
 * Changes whenever what an attendance or suspensions plan read may have changed: the pupils, terms,
 * attendance records or suspensions (rowids only grow; versions count edits), or any import.
 */
function importMark(db: DbOrTx): string {
  const counts = [attendanceRecords, suspensions, terms].map((t) => db.get<unknown>(sql`SELECT count(*), coalesce(max(rowid), 0) FROM ${t}`));
  const p = db.get<unknown>(sql`SELECT count(*), coalesce(max(rowid), 0), total(${pupils.version}) FROM ${pupils}`);
  const termDates = db.get<unknown>(sql`SELECT group_concat(${terms.startDate} || ${terms.endDate}) FROM ${terms}`);
  const audit = db.get<unknown>(sql`SELECT coalesce(max(rowid), 0) FROM ${auditLog} WHERE ${auditLog.area} = 'pupils'`);
  return JSON.stringify([counts, p, termDates, audit]);
}

/** The academic year and term each date falls in, from the school's term dates. */
function termFinder(db: DbOrTx) {
  const all = listTerms({}, db);
  return (date: string): { academicYear: string; term: TermName; termId: string } | null => {
    const t = all.find((x) => x.startDate <= date && date <= x.endDate);
    return t ? { academicYear: t.yearName, term: t.name, termId: t.id } : null;
  };
}

type SuspensionPlan = {
  summary: ImportSummary;
  inserts: { pupilId: string; termId: string; startDate: string; days: number; type: "suspension" | "permanent_exclusion"; upn: string }[];
  updates: { id: string; days: number; before: number; upn: string; startDate: string }[];
};

function planSuspensions(table: SourceTable, db: DbOrTx): { ok: false; errors: LineError[] } | { ok: true; plan: SuspensionPlan } {
  const lookup = yearLookup(db);
  const termOf = termFinder(db);
  const v = validateSuspensionsCsv(table, { termOf, pupilsOf: (y) => lookup(y)?.pupils });
  if (!v.ok) return v;
  const resolved = v.rows.map((row) => ({ row, pupilId: lookup(row.academicYear)!.pupils.get(row.upn)!, termId: termOf(row.startDate)!.termId }));
  const pupilIds = [...new Set(resolved.map((r) => r.pupilId))];
  const existing = new Map<string, typeof suspensions.$inferSelect>();
  for (let i = 0; i < pupilIds.length; i += 500) {
    for (const e of db.select().from(suspensions).where(inArray(suspensions.pupilId, pupilIds.slice(i, i + 500))).all()) existing.set(`${e.pupilId}|${e.startDate}|${e.type}`, e);
  }
  const inserts: SuspensionPlan["inserts"] = [];
  const updates: SuspensionPlan["updates"] = [];
  const status: ImportSampleRow[] = [];
  let unchanged = 0;
  for (const r of resolved) {
    const { row } = r;
    const cells = [row.upn, row.startDate, String(row.days), row.type];
    const before = existing.get(`${r.pupilId}|${row.startDate}|${row.type}`);
    if (!before) {
      inserts.push({ pupilId: r.pupilId, termId: r.termId, startDate: row.startDate, days: row.days, type: row.type, upn: row.upn });
      status.push({ line: row.line, status: "new", cells, changes: null });
    } else if (before.days !== row.days) {
      updates.push({ id: before.id, days: row.days, before: before.days, upn: row.upn, startDate: row.startDate });
      status.push({ line: row.line, status: "updated", cells, changes: `days ${before.days} → ${row.days}` });
    } else {
      unchanged++;
      status.push({ line: row.line, status: "unchanged", cells, changes: null });
    }
  }
  return { ok: true, plan: { summary: planSummary("suspensions", ["upn", "start_date", "days", "type"], v.rows, { inserts: inserts.length, updates: updates.length, unchanged }, status, table), inserts, updates } };
}

/** Checks a suspensions.csv and says what importing it would change. Writes nothing. */
export function previewSuspensionImport(file: ImportFile, db: DbOrTx = defaultDb): ImportOutcome {
  const t = tableOf(file);
  if (!t.ok) return t;
  const p = readSnapshot(db, (tx) => planSuspensions(t.table, tx));
  return p.ok ? { ok: true, summary: p.plan.summary } : p;
}

/**
 * Imports suspensions.csv (SPEC §4.5), all or nothing, in one transaction with its audit row; matched
 * by pupil, start date and type, so importing the same file again changes nothing.
 */
export function importSuspensions(args: ImportFile & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  // As attendance: read, checked and planned before the write lock; planned again under it if the data changed meanwhile.
  const prepared = prepareSuspensionImport(args, db);
  if ("done" in prepared) return prepared.done;
  return commitSuspensionImport(prepared.write, args.actor, db) ?? importSuspensionsUnderLock(args, db);
}

/** A suspensions import read, checked and planned against a snapshot, ready to write (plain data). */
export type SuspensionImportWrite = { kind: "suspensions"; plan: SuspensionPlan; mark: string };

/** Reads, checks and plans suspensions.csv without the write lock: the outcome if there is nothing to write, else the plan. */
export function prepareSuspensionImport(file: ImportFile, db: DbOrTx = defaultDb): { done: ImportOutcome } | { write: SuspensionImportWrite } {
  const t = tableOf(file);
  if (!t.ok) return { done: t };
  const p = readSnapshot(db, (tx) => ({ planned: planSuspensions(t.table, tx), mark: importMark(tx) }));
  if (!p.planned.ok) return { done: p.planned };
  if (!p.planned.plan.summary.changed) return { done: { ok: true, summary: p.planned.plan.summary } };
  return { write: { kind: "suspensions", plan: p.planned.plan, mark: p.mark } };
}

/** Writes a prepared suspensions import in one transaction with its audit row; null (nothing written) if the data changed since it was planned. */
export function commitSuspensionImport(w: SuspensionImportWrite, actor: Actor, db: DbOrTx = defaultDb): ImportOutcome | null {
  return writeTransaction(db, (tx) => {
    if (importMark(tx) !== w.mark) return null;
    writeSuspensionPlan(w.plan, actor, tx);
    return { ok: true as const, summary: w.plan.summary };
  });
}

/** A suspensions import planned and written under the write lock (the last resort when the data keeps changing). */
export function importSuspensionsUnderLock(args: ImportFile & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  const t = tableOf(args);
  if (!t.ok) return t;
  return writeTransaction(db, (tx) => {
    const p = planSuspensions(t.table, tx);
    if (!p.ok) return p;
    if (p.plan.summary.changed) writeSuspensionPlan(p.plan, args.actor, tx);
    return { ok: true as const, summary: p.plan.summary };
  });
}

function writeSuspensionPlan(plan: SuspensionPlan, actor: Actor, tx: DbOrTx) {
  for (const r of plan.inserts) tx.insert(suspensions).values({ pupilId: r.pupilId, termId: r.termId, startDate: r.startDate, days: r.days, type: r.type }).run();
  for (const u of plan.updates) tx.update(suspensions).set({ days: u.days }).where(eq(suspensions.id, u.id)).run();
  writeAudit(
    {
      actor,
      area: "pupils",
      verb: "import",
      entityType: "suspensions",
      summary: describeImport(plan.summary),
      before: { updated: plan.updates.map((u) => ({ id: u.id, upn: u.upn, startDate: u.startDate, days: u.before })) },
      after: {
        counts: { rows: plan.summary.rows, inserts: plan.summary.inserts, updates: plan.summary.updates, unchanged: plan.summary.unchanged },
        inserted: plan.inserts.map((r) => ({ upn: r.upn, startDate: r.startDate, days: r.days, type: r.type })),
        updated: plan.updates.map((u) => ({ id: u.id, days: u.days })),
      },
    },
    tx,
  );
}
