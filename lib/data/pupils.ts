import "server-only";
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx, type Tx } from "@/db/client";
import {
  academicYears,
  assessmentResults,
  auditLog,
  classes,
  classTeachers,
  progressMeetingItems,
  progressMeetings,
  pupils,
  terms,
  users,
  type TermName,
  type YearGroup,
} from "@/db/schema";
import { isLongFormat, validateAssessmentsTable, validateMarksheetTable, type AssessmentImportRow, type ValidatedAssessments } from "@/lib/import/assessments";
import { formatLineError, parseAcademicYear, type LineError } from "@/lib/import/csv";
import { parseCtf, type CtfFile } from "@/lib/import/ctf";
import { EMPTY_MAPPING, type ImportMapping, type MappingHelp } from "@/lib/import/mapping";
import { validatePupilsTable, type PupilImportRow, type PupilOptionalField } from "@/lib/import/pupils";
import { describeSource, sourceFromText, type Source, type SourceTable } from "@/lib/import/source";
import { todayIso } from "@/lib/clock";
import { writeAudit, type Actor } from "./audit";
import { ensureAcademicYear, findAcademicYearByName, getSchoolScheme, listClassIdsTaughtBy, termKey } from "./school";
import { listPupilAttendance, type PupilAttendanceRow } from "./attendance";
import { ForbiddenError } from "@/lib/errors";
import { scopeOf, type PolicyUser } from "@/lib/policy";
import { chunk, IMPORT_CHUNK_ROWS, readSnapshot, writeInChunks, writeTransaction, type ChunkedWrite, type WriteStep } from "./transaction";

type Pupil = typeof pupils.$inferSelect;

// ---- Reading pupils ------------------------------------------------------------------------------

/** School order for year groups: R, Y1 … Y13 (text order would put Y10 before Y2). */
const yearGroupOrder = sql`CASE ${pupils.yearGroup} WHEN 'R' THEN 0 ELSE CAST(substr(${pupils.yearGroup}, 2) AS INTEGER) END`;

export type PupilFlag = "disadvantaged" | "fsm" | "sen" | "eal" | "looked_after";

export type PupilFilter = {
  academicYearId: string;
  yearGroup?: YearGroup;
  classId?: string;
  /** Part of a first name, last name or UPN. */
  q?: string;
  flag?: PupilFlag;
  /** Who is reading: leaders see every pupil, staff only those in the classes they teach (SPEC §1). */
  viewer: PolicyUser;
  limit?: number;
  offset?: number;
};

export type PupilListRow = Pick<Pupil, "id" | "upn" | "firstName" | "lastName" | "yearGroup" | "classId" | "gender" | "disadvantaged" | "fsm" | "sen" | "eal" | "lookedAfter"> & {
  className: string | null;
};

/**
 * The classes whose pupils a viewer may read by name: every class ("all": leaders), the classes they
 * teach (staff), or none at all (governors and advisers: a ForbiddenError, so a caller cannot
 * mistake a refusal for an empty list).
 */
export function readablePupilClasses(viewer: PolicyUser, db: DbOrTx = defaultDb): { scope: "all" } | { scope: "own"; classIds: string[] } {
  const scope = scopeOf(viewer.role, "pupils.read");
  if (scope === "all") return { scope };
  if (scope === "own") return { scope, classIds: listClassIdsTaughtBy({ userId: viewer.id }, db) };
  throw new ForbiddenError("You do not have permission to see pupils' records.");
}

/** Named pupils of a year that the viewer may read, filtered and paged, in school order (year group, then surname). */
export function listPupils(filter: PupilFilter, db: DbOrTx = defaultDb): { rows: PupilListRow[]; total: number } {
  const where: SQL[] = [eq(pupils.academicYearId, filter.academicYearId)];
  const readable = readablePupilClasses(filter.viewer, db);
  if (readable.scope === "own") {
    if (readable.classIds.length === 0) return { rows: [], total: 0 };
    where.push(inArray(pupils.classId, readable.classIds));
  }
  if (filter.yearGroup) where.push(eq(pupils.yearGroup, filter.yearGroup));
  if (filter.classId) where.push(eq(pupils.classId, filter.classId));
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const likeEsc = (col: SQL | typeof pupils.upn) => sql`${col} LIKE ${pattern} ESCAPE '\\'`;
    where.push(or(likeEsc(sql`${pupils.firstName}`), likeEsc(sql`${pupils.lastName}`), likeEsc(pupils.upn), likeEsc(sql`${pupils.firstName} || ' ' || ${pupils.lastName}`))!);
  }
  if (filter.flag === "sen") where.push(inArray(pupils.sen, ["K", "E"]));
  else if (filter.flag === "looked_after") where.push(eq(pupils.lookedAfter, true));
  else if (filter.flag) where.push(eq(pupils[filter.flag], true));
  const condition = and(...where);
  const total = db.select({ n: sql<number>`count(*)` }).from(pupils).where(condition).get()?.n ?? 0;
  const rows = db
    .select({
      id: pupils.id,
      upn: pupils.upn,
      firstName: pupils.firstName,
      lastName: pupils.lastName,
      yearGroup: pupils.yearGroup,
      classId: pupils.classId,
      className: classes.name,
      gender: pupils.gender,
      disadvantaged: pupils.disadvantaged,
      fsm: pupils.fsm,
      sen: pupils.sen,
      eal: pupils.eal,
      lookedAfter: pupils.lookedAfter,
    })
    .from(pupils)
    .leftJoin(classes, eq(pupils.classId, classes.id))
    .where(condition)
    .orderBy(yearGroupOrder, asc(classes.name), asc(pupils.lastName), asc(pupils.firstName))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .all();
  return { rows, total };
}

/** The year groups that have pupils in a year, in school order. */
export function listPupilYearGroups({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): YearGroup[] {
  return db
    .selectDistinct({ yearGroup: pupils.yearGroup, o: yearGroupOrder })
    .from(pupils)
    .where(eq(pupils.academicYearId, academicYearId))
    .orderBy(yearGroupOrder)
    .all()
    .map((r) => r.yearGroup);
}

export type PupilDetail = Pupil & { className: string | null; yearName: string; isCurrentYear: boolean };

function findPupil({ id }: { id: string }, db: DbOrTx = defaultDb): PupilDetail | null {
  const row = db
    .select({ pupil: pupils, className: classes.name, yearName: academicYears.name, isCurrentYear: academicYears.isCurrent })
    .from(pupils)
    .innerJoin(academicYears, eq(pupils.academicYearId, academicYears.id))
    .leftJoin(classes, eq(pupils.classId, classes.id))
    .where(eq(pupils.id, id))
    .get();
  return row ? { ...row.pupil, className: row.className, yearName: row.yearName, isCurrentYear: row.isCurrentYear } : null;
}

export type PupilRecord = { pupil: PupilDetail; results: PupilResultRow[]; items: PupilProgressItem[]; attendance: PupilAttendanceRow[] };

/**
 * One pupil's record (details, results across the years, progress-meeting history, attendance) if the
 * viewer may read it: leaders any pupil, staff a pupil in a class they teach. A ForbiddenError for
 * anyone else, with the same answer whether or not the pupil exists; null when a reader's pupil is missing.
 */
export function getPupilRecord({ id, viewer }: { id: string; viewer: PolicyUser }, db: DbOrTx = defaultDb): PupilRecord | null {
  const readable = readablePupilClasses(viewer, db);
  if (readable.scope === "own" && !teachesPupil({ userId: viewer.id, pupilId: id }, db)) throw new ForbiddenError("You may only see the pupils in your own classes.");
  const pupil = findPupil({ id }, db);
  if (!pupil) return null;
  return { pupil, results: listPupilResults({ upn: pupil.upn }, db), items: listPupilProgressItems({ upn: pupil.upn }, db), attendance: listPupilAttendance({ upn: pupil.upn }, db) };
}

/**
 * Whether the user teaches the pupil's class: the ownership behind staff's "pupils in their own
 * classes" (SPEC §1). A pupil with no class belongs to no teacher.
 */
export function teachesPupil({ userId, pupilId }: { userId: string; pupilId: string }, db: DbOrTx = defaultDb): boolean {
  const row = db
    .select({ one: sql<number>`1` })
    .from(pupils)
    .innerJoin(classTeachers, eq(classTeachers.classId, pupils.classId))
    .where(and(eq(pupils.id, pupilId), eq(classTeachers.userId, userId)))
    .get();
  return !!row;
}

export type PupilResultRow = {
  termId: string;
  termKey: string;
  yearName: string;
  termName: TermName;
  /** The pupil's year group in that academic year. */
  yearGroup: YearGroup;
  subject: string;
  result: string;
  target: string | null;
};

/**
 * Every result of a child across the years (pupil records are per year, linked by UPN), oldest term
 * first. Named data: callers check `pupils.read` for the record first.
 */
function listPupilResults({ upn }: { upn: string }, db: DbOrTx = defaultDb): PupilResultRow[] {
  const rows = db
    .select({
      termId: terms.id,
      yearName: academicYears.name,
      termName: terms.name,
      termStart: terms.startDate,
      yearGroup: pupils.yearGroup,
      subject: assessmentResults.subject,
      result: assessmentResults.result,
      target: assessmentResults.target,
    })
    .from(assessmentResults)
    .innerJoin(pupils, eq(assessmentResults.pupilId, pupils.id))
    .innerJoin(terms, eq(assessmentResults.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(eq(pupils.upn, upn))
    .orderBy(asc(terms.startDate))
    .all();
  return rows.map(({ termStart: _s, ...r }) => ({ ...r, termKey: termKey(r.yearName, r.termName) }));
}

export type PupilProgressItem = {
  id: string;
  meetingId: string;
  meetingDate: string;
  termKey: string;
  className: string;
  subject: string | null;
  concern: string;
  action: string;
  ownerName: string | null;
  reviewDate: string | null;
  outcome: string | null;
  status: "open" | "closed";
};

/**
 * The child's progress-meeting history (all years, by UPN), newest meeting first: what was raised, the
 * action agreed, its owner and the outcome. Named data: callers check `pupils.read` first.
 */
function listPupilProgressItems({ upn }: { upn: string }, db: DbOrTx = defaultDb): PupilProgressItem[] {
  return db
    .select({
      id: progressMeetingItems.id,
      meetingId: progressMeetings.id,
      meetingDate: progressMeetings.date,
      yearName: academicYears.name,
      termName: terms.name,
      className: classes.name,
      subject: progressMeetingItems.subject,
      concern: progressMeetingItems.concern,
      action: progressMeetingItems.action,
      ownerName: users.name,
      reviewDate: progressMeetingItems.reviewDate,
      outcome: progressMeetingItems.outcome,
      status: progressMeetingItems.status,
    })
    .from(progressMeetingItems)
    .innerJoin(pupils, eq(progressMeetingItems.pupilId, pupils.id))
    .innerJoin(progressMeetings, eq(progressMeetingItems.meetingId, progressMeetings.id))
    .innerJoin(terms, eq(progressMeetings.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .innerJoin(classes, eq(progressMeetings.classId, classes.id))
    .leftJoin(users, eq(progressMeetingItems.ownerId, users.id))
    .where(eq(pupils.upn, upn))
    .orderBy(sql`${progressMeetings.date} DESC`)
    .all()
    .map(({ yearName, termName, ...r }) => ({ ...r, termKey: termKey(yearName, termName) }));
}

// ---- Imports -------------------------------------------------------------------------------------

export type ImportKind = "pupils" | "assessments" | "ctf" | "attendance" | "suspensions";

export type ImportSampleRow = { line: number; status: "new" | "updated" | "unchanged"; cells: string[]; changes: string | null };

/** What an import will do (preview) or did (after applying). */
export type ImportSummary = {
  kind: ImportKind;
  academicYear: string | null;
  rows: number;
  inserts: number;
  updates: number;
  unchanged: number;
  /** Things created alongside: the academic year, classes; what was read and how. */
  notes: string[];
  columns: string[];
  /** The first rows that change (or, when nothing changes, the first rows). */
  sample: ImportSampleRow[];
  /** Whether anything was (or would be) written. */
  changed: boolean;
  /** How the file was read: "UTF-16 LE text, tab-separated", "Excel workbook, sheet "Pupils"". */
  source: string | null;
  /** An assessments file's shape: SPEC §4.3's long format or a marksheet (a column per subject). */
  shape?: "long" | "marksheet";
  /** A marksheet's columns as matched, so the browser can offer to match them differently. */
  mapping?: MappingHelp;
};

export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  | { ok: false; errors: LineError[]; mapping?: MappingHelp; source?: string; shape?: "long" | "marksheet" };

/**
 * An imported file: CSV text as it stands (SPEC §4.2/§4.3, the CLI's and tests' form), or a source read
 * from the file's bytes by lib/import/source (any encoding, delimiter, workbook sheet, or XML).
 */
export type ImportFile = { csv: string } | { source: Source };

/** How many rows an import preview shows. */
export const SAMPLE_SIZE = 10;
/** Audit rows keep the before and after of at most this many changed records, and the counts of all. */
/** How many changed rows an import's audit row lists. */
export const AUDIT_CHANGES_MAX = 1000;

function fmtNumber(n: number) {
  return n.toLocaleString("en-GB");
}

function summaryLine(s: ImportSummary): string {
  const noun = { pupils: "pupil", ctf: "pupil", assessments: "assessment result", attendance: "attendance record", suspensions: "suspension or exclusion" }[s.kind];
  const plural = s.rows === 1 ? noun : s.kind === "suspensions" ? "suspensions and exclusions" : `${noun}s`;
  const what = `${fmtNumber(s.rows)} ${plural}${(s.kind === "pupils" || s.kind === "ctf") && s.academicYear ? ` for ${s.academicYear}` : ""}${s.kind === "ctf" ? " from a Common Transfer File" : ""}`;
  return `Imported ${what}: ${fmtNumber(s.inserts)} new, ${fmtNumber(s.updates)} updated, ${fmtNumber(s.unchanged)} unchanged`;
}

/** "Imported 210 pupils for 2025-26: 12 new, 3 updated, 195 unchanged" — the audit row's and the CLI's summary. */
export function describeImport(s: ImportSummary): string {
  return summaryLine(s) + (s.notes.length ? `. ${s.notes.join(". ")}` : "");
}

/** The rows a preview shows: the first that change, else the first. */
export function pickSample<T extends { status: ImportSampleRow["status"] }>(all: T[]): T[] {
  const changing = all.filter((r) => r.status !== "unchanged");
  return (changing.length ? changing : all).slice(0, SAMPLE_SIZE);
}

const yn = (b: boolean) => (b ? "Y" : "N");

function readFile(file: ImportFile): { ok: true; source: Source & { ok: true } } | { ok: false; errors: LineError[] } {
  const source = "csv" in file ? sourceFromText(file.csv) : file.source;
  if (!source.ok) return { ok: false, errors: source.errors };
  return { ok: true, source };
}

/** The file's table (any encoding, delimiter or workbook sheet), or why it cannot be read as one. */
export function tableOf(file: ImportFile): { ok: true; table: SourceTable } | { ok: false; errors: LineError[]; source?: string } {
  const r = readFile(file);
  if (!r.ok) return r;
  if (r.source.kind === "xml") {
    return { ok: false, errors: [{ line: null, message: "This is an XML file, not a table: if it is a Common Transfer File, import it as one." }], source: describeSource(r.source.info) };
  }
  return { ok: true, table: r.source.table };
}

function withSource<T extends ImportOutcome>(outcome: T, source: string | null): T {
  if (!source) return outcome;
  return outcome.ok ? { ...outcome, summary: { ...outcome.summary, source } } : { ...outcome, source };
}

// -- pupils

type PupilPlan = {
  summary: ImportSummary;
  inserts: PupilImportRow[];
  updates: { id: string; row: PupilImportRow; before: Pupil; changes: string[] }[];
  yearExists: boolean;
  newClasses: { name: string; yearGroup: YearGroup | null }[];
};

const OPTIONAL_LABEL: Record<PupilOptionalField, string> = { class: "class", disadvantaged: "disadvantaged", fsm: "fsm", sen: "sen", eal: "eal", looked_after: "looked_after" };

function planPupils(fileRows: PupilImportRow[], academicYear: string, db: DbOrTx, absent: readonly PupilOptionalField[] = [], kind: ImportKind = "pupils"): PupilPlan {
  const year = findAcademicYearByName({ name: academicYear }, db);
  const existingClasses = year ? db.select({ id: classes.id, name: classes.name }).from(classes).where(eq(classes.academicYearId, year.id)).all() : [];
  const classNameById = new Map(existingClasses.map((c) => [c.id, c.name]));
  const existingClassNames = new Set(existingClasses.map((c) => c.name));
  const existing = year ? db.select().from(pupils).where(eq(pupils.academicYearId, year.id)).all() : [];
  const byUpn = new Map(existing.map((p) => [p.upn, p]));

  // A file without a column keeps what existing pupils have for it.
  const rows = absent.length
    ? fileRows.map((r) => {
        const before = byUpn.get(r.upn);
        if (!before) return r;
        const keep = (f: PupilOptionalField) => absent.includes(f);
        return {
          ...r,
          className: keep("class") ? (before.classId ? (classNameById.get(before.classId) ?? null) : null) : r.className,
          disadvantaged: keep("disadvantaged") ? before.disadvantaged : r.disadvantaged,
          fsm: keep("fsm") ? before.fsm : r.fsm,
          sen: keep("sen") ? before.sen : r.sen,
          eal: keep("eal") ? before.eal : r.eal,
          lookedAfter: keep("looked_after") ? before.lookedAfter : r.lookedAfter,
        };
      })
    : fileRows;

  const yearGroupsOfClass = new Map<string, Set<YearGroup>>();
  for (const r of rows) if (r.className && !existingClassNames.has(r.className)) {
    let s = yearGroupsOfClass.get(r.className);
    if (!s) yearGroupsOfClass.set(r.className, (s = new Set()));
    s.add(r.yearGroup);
  }
  // A new class takes its pupils' year group, unless they span several (a mixed-age class).
  const newClasses = [...yearGroupsOfClass.entries()].map(([name, ygs]) => ({ name, yearGroup: ygs.size === 1 ? [...ygs][0]! : null }));

  const inserts: PupilImportRow[] = [];
  const updates: PupilPlan["updates"] = [];
  const statusRows: (ImportSampleRow & { status: ImportSampleRow["status"] })[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const before = byUpn.get(r.upn);
    const cells = [r.upn, r.firstName, r.lastName, r.yearGroup, r.className ?? "", r.gender, yn(r.disadvantaged), yn(r.fsm), r.sen, yn(r.eal), yn(r.lookedAfter)];
    if (!before) {
      inserts.push(r);
      if (statusRows.length < 5000) statusRows.push({ line: r.line, status: "new", cells, changes: null });
      continue;
    }
    const changes: string[] = [];
    const cmp = (label: string, a: string | boolean, b: string | boolean) => {
      if (a !== b) changes.push(`${label} ${typeof a === "boolean" ? yn(a) : a || "none"} → ${typeof b === "boolean" ? yn(b) : b || "none"}`);
    };
    cmp("first_name", before.firstName, r.firstName);
    cmp("last_name", before.lastName, r.lastName);
    cmp("year_group", before.yearGroup, r.yearGroup);
    cmp("class", before.classId ? (classNameById.get(before.classId) ?? "") : "", r.className ?? "");
    cmp("gender", before.gender, r.gender);
    cmp("disadvantaged", before.disadvantaged, r.disadvantaged);
    cmp("fsm", before.fsm, r.fsm);
    cmp("sen", before.sen, r.sen);
    cmp("eal", before.eal, r.eal);
    cmp("looked_after", before.lookedAfter, r.lookedAfter);
    if (changes.length) {
      updates.push({ id: before.id, row: r, before, changes });
      if (statusRows.length < 5000) statusRows.push({ line: r.line, status: "updated", cells, changes: changes.join(", ") });
    } else {
      unchanged++;
      if (statusRows.length < SAMPLE_SIZE) statusRows.push({ line: r.line, status: "unchanged", cells, changes: null });
    }
  }
  const inFile = new Set(rows.map((r) => r.upn));
  const notInFile = existing.filter((p) => !inFile.has(p.upn)).length;
  const notes: string[] = [];
  if (!year) notes.push(`New academic year ${academicYear}, with the usual term dates`);
  if (newClasses.length) notes.push(`New class${newClasses.length === 1 ? "" : "es"}: ${newClasses.map((c) => c.name).join(", ")}`);
  if (notInFile) notes.push(`${fmtNumber(notInFile)} pupil${notInFile === 1 ? "" : "s"} already in ${academicYear} ${notInFile === 1 ? "is" : "are"} not in this file: kept as they are`);
  if (absent.length) {
    const list = absent.map((a) => OPTIONAL_LABEL[a]).join(", ");
    const flags = absent.filter((a) => a !== "class" && a !== "disadvantaged");
    const forNew = [
      ...(absent.includes("class") ? ["no class"] : []),
      ...(flags.length ? [`N for ${flags.map((a) => OPTIONAL_LABEL[a]).join(", ")}`] : []),
      ...(absent.includes("disadvantaged") ? ["disadvantaged if eligible for FSM or looked after"] : []),
    ];
    notes.push(`The file has no column for ${list}: pupils already here keep theirs; new pupils get ${forNew.join(", ")}`);
  }
  const summary: ImportSummary = {
    kind,
    academicYear,
    rows: rows.length,
    inserts: inserts.length,
    updates: updates.length,
    unchanged,
    notes,
    columns: ["upn", "first_name", "last_name", "year_group", "class", "gender", "disadvantaged", "fsm", "sen", "eal", "looked_after"],
    sample: pickSample(statusRows),
    changed: inserts.length > 0 || updates.length > 0 || !year || newClasses.length > 0,
    source: null,
  };
  return { summary, inserts, updates, yearExists: !!year, newClasses };
}

function checkYear(academicYear: string): LineError[] | null {
  return parseAcademicYear(academicYear) === null ? [{ line: null, message: `"${academicYear}" is not an academic year like 2025-26.` }] : null;
}

export type PupilImportArgs = ImportFile & { academicYear: string; mapping?: ImportMapping };

function validatePupilFile(args: PupilImportArgs) {
  const bad = checkYear(args.academicYear);
  if (bad) return { ok: false as const, errors: bad };
  const t = tableOf(args);
  if (!t.ok) return t;
  const v = validatePupilsTable(t.table, args.mapping ?? EMPTY_MAPPING);
  return v.ok ? { ...v, source: describeSource(t.table.info) } : { ...v, source: describeSource(t.table.info) };
}

/** Checks a pupils file and says what importing it into the academic year would change. Writes nothing. */
export function previewPupilImport(args: PupilImportArgs, db: DbOrTx = defaultDb): ImportOutcome {
  const v = validatePupilFile(args);
  if (!v.ok) return v;
  return withSource({ ok: true, summary: planPupils(v.rows, args.academicYear, db, v.absent).summary }, v.source);
}

/** Writes a pupil plan and its audit row, inside the caller's transaction: creates the year and any new classes. */
function applyPupilPlan(plan: PupilPlan, academicYear: string, actor: Actor, tx: DbOrTx) {
  const year = ensureAcademicYear({ name: academicYear, actor }, tx);
  const classIds = new Map(tx.select({ id: classes.id, name: classes.name }).from(classes).where(eq(classes.academicYearId, year.id)).all().map((c) => [c.name, c.id]));
  for (const c of plan.newClasses) {
    const id = crypto.randomUUID();
    tx.insert(classes).values({ id, academicYearId: year.id, name: c.name, yearGroup: c.yearGroup }).run();
    classIds.set(c.name, id);
  }
  const values = (r: PupilImportRow) => ({
    upn: r.upn,
    firstName: r.firstName,
    lastName: r.lastName,
    yearGroup: r.yearGroup,
    classId: r.className ? classIds.get(r.className)! : null,
    gender: r.gender,
    disadvantaged: r.disadvantaged,
    fsm: r.fsm,
    sen: r.sen,
    eal: r.eal,
    lookedAfter: r.lookedAfter,
  });
  for (const r of plan.inserts) tx.insert(pupils).values({ academicYearId: year.id, ...values(r) }).run();
  for (const u of plan.updates) {
    tx.update(pupils)
      .set({ ...values(u.row), version: sql`${pupils.version} + 1` })
      .where(eq(pupils.id, u.id))
      .run();
  }
  writeAudit(
    {
      actor,
      area: "pupils",
      verb: "import",
      entityType: "pupils",
      entityId: year.id,
      summary: describeImport(plan.summary),
      before: { updated: plan.updates.slice(0, AUDIT_CHANGES_MAX).map((u) => u.before) },
      after: {
        counts: { rows: plan.summary.rows, inserts: plan.summary.inserts, updates: plan.summary.updates, unchanged: plan.summary.unchanged },
        createdClasses: plan.newClasses.map((c) => c.name),
        updated: plan.updates.slice(0, AUDIT_CHANGES_MAX).map((u) => ({ id: u.id, upn: u.row.upn, changes: u.changes })),
        inserted: plan.inserts.slice(0, AUDIT_CHANGES_MAX).map((r) => r.upn),
      },
    },
    tx,
  );
}

/**
 * Imports a pupils file into an academic year, all or nothing: creates the year (default term dates)
 * and any classes named that do not exist, inserts new pupils and updates changed ones (matched by UPN
 * within the year), with one audit row. Pupils of the year missing from the file are kept. A file that
 * changes nothing writes nothing, not even an audit row. The file is read and checked before anything
 * is written; a file of up to IMPORT_CHUNK_ROWS changes is written in one transaction with its audit
 * row, a larger one in chunks of that many rows (each its own short transaction, undone if a later one
 * fails), so saves by others never wait for the whole import.
 */
export function importPupils(args: PupilImportArgs & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  return planThenWrite(
    () => preparePupilImport(args, db),
    (write) => commitPupilImport(write, args.actor, db),
    () => importPupilsUnderLock(args, db),
  );
}

/**
 * Plans an import against a snapshot, outside the write lock, then writes it in short chunks, so other
 * saves wait for one chunk at most. If another connection changed what the plan read between the plan
 * and the first chunk (the commit answers null), plans again; the third time it plans and writes under
 * the lock, so an import cannot be starved by a busy school.
 */
export function planThenWrite<W>(prepare: () => { done: ImportOutcome } | { write: W }, commit: (write: W) => ImportOutcome | null, underLock: () => ImportOutcome): ImportOutcome {
  for (let attempt = 1; attempt < 3; attempt++) {
    const prepared = prepare();
    if ("done" in prepared) return prepared.done;
    const written = commit(prepared.write);
    if (written) return written;
  }
  return underLock();
}

/** A pupils import planned and written under the write lock: the last resort when the database keeps changing under the plan. */
export function importPupilsUnderLock(args: PupilImportArgs & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  const v = validatePupilFile(args);
  if (!v.ok) return v;
  return writeTransaction(db, (tx) => {
    const plan = planPupils(v.rows, args.academicYear, tx, v.absent);
    plan.summary.source = v.source;
    if (plan.summary.changed) writeInChunks(tx, pupilSteps(plan, args.academicYear, args.actor));
    return { ok: true, summary: plan.summary };
  });
}

/** A pupils import read, checked and planned (against a snapshot), ready to write: plain data, so it can be made in a worker thread. */
export type PupilImportWrite = { kind: "pupils"; plan: PupilPlan; mark: string; academicYear: string };

/**
 * Reads and checks a pupils file and plans its changes against a snapshot, without the write lock.
 * Returns the outcome when there is nothing to write (a refused file, or no change), else the plan.
 */
export function preparePupilImport(args: PupilImportArgs, db: DbOrTx = defaultDb): { done: ImportOutcome } | { write: PupilImportWrite } {
  const v = validatePupilFile(args);
  if (!v.ok) return { done: v };
  const planned = readSnapshot(db, (tx) => ({ plan: planPupils(v.rows, args.academicYear, tx, v.absent), mark: pupilsMark(args.academicYear, tx) }));
  planned.plan.summary.source = v.source;
  if (!planned.plan.summary.changed) return { done: { ok: true, summary: planned.plan.summary } };
  return { write: { kind: "pupils", plan: planned.plan, mark: planned.mark, academicYear: args.academicYear } };
}

/** Writes a prepared pupils import in short chunks; null (nothing written) if the year changed since it was planned. */
function commitPupilImport(w: PupilImportWrite, actor: Actor, db: DbOrTx = defaultDb): ImportOutcome | null {
  const c = pupilImportChunks(w, actor);
  return writeInChunks(db, c.steps, c.first, c) ? { ok: true, summary: w.plan.summary } : null;
}

/** A prepared pupils import as chunked writes, the first checking that the year is as it was planned on. */
export function pupilImportChunks(w: PupilImportWrite, actor: Actor): ChunkedWrite {
  const rows = w.plan.inserts.length + w.plan.updates.length;
  return { steps: pupilSteps(w.plan, w.academicYear, actor), first: (tx) => pupilsMark(w.academicYear, tx) === w.mark, together: rows <= IMPORT_CHUNK_ROWS };
}

/** Changes whenever a pupil or class of the year is added, edited or removed (rowids only grow). */
function pupilsMark(academicYear: string, db: DbOrTx): string {
  const year = findAcademicYearByName({ name: academicYear }, db);
  if (!year) return "no year";
  const p = db.get<unknown>(sql`SELECT count(*), total(version), coalesce(max(rowid), 0) FROM ${pupils} WHERE ${pupils.academicYearId} = ${year.id}`);
  const c = db.get<unknown>(sql`SELECT count(*), coalesce(max(rowid), 0) FROM ${classes} WHERE ${classes.academicYearId} = ${year.id}`);
  return JSON.stringify([year.id, p, c]);
}

type PupilValues = { [K in "upn" | "firstName" | "lastName" | "yearGroup" | "classId" | "gender" | "disadvantaged" | "fsm" | "sen" | "eal" | "lookedAfter"]: string | number | null };
const PUPIL_FIELDS = ["upn", "firstName", "lastName", "yearGroup", "classId", "gender", "disadvantaged", "fsm", "sen", "eal", "lookedAfter"] as const;
const placeholders = Object.fromEntries(PUPIL_FIELDS.map((f) => [f, sql.placeholder(f)])) as Record<(typeof PUPIL_FIELDS)[number], ReturnType<typeof sql.placeholder>>;
// Placeholders bypass the columns' boolean mapping: SQLite takes 1 and 0.
const bit = (b: boolean) => (b ? 1 : 0);

/**
 * The planned pupils import as chunked writes: the year and new classes, the new pupils and the
 * changed ones a chunk at a time (prepared statements), then the audit row. Each chunk can be undone.
 */
function pupilSteps(plan: PupilPlan, academicYear: string, actor: Actor): WriteStep[] {
  let yearId = "";
  const classIds = new Map<string, string>();
  const createdClassIds: string[] = [];
  const values = (r: PupilImportRow | Pupil, classId: string | null): PupilValues => ({
    upn: r.upn,
    firstName: r.firstName,
    lastName: r.lastName,
    yearGroup: r.yearGroup,
    classId,
    gender: r.gender,
    disadvantaged: bit(r.disadvantaged),
    fsm: bit(r.fsm),
    sen: r.sen,
    eal: bit(r.eal),
    lookedAfter: bit(r.lookedAfter),
  });
  const classOf = (r: PupilImportRow) => (r.className ? classIds.get(r.className)! : null);
  const insertStatement = (tx: Tx) => tx.insert(pupils).values({ id: sql.placeholder("id"), academicYearId: sql.placeholder("academicYearId"), ...placeholders }).prepare();
  const updateStatement = (tx: Tx) =>
    tx
      .update(pupils)
      .set({ ...Object.fromEntries(PUPIL_FIELDS.map((f) => [f, sql`${placeholders[f]}`])), version: sql`${pupils.version} + 1` })
      .where(eq(pupils.id, sql.placeholder("id")))
      .prepare();
  const deleteStatement = (tx: Tx) => tx.delete(pupils).where(eq(pupils.id, sql.placeholder("id"))).prepare();

  const steps: WriteStep[] = [
    {
      write: (tx) => {
        yearId = ensureAcademicYear({ name: academicYear, actor }, tx).id;
        for (const c of tx.select({ id: classes.id, name: classes.name }).from(classes).where(eq(classes.academicYearId, yearId)).all()) classIds.set(c.name, c.id);
        for (const c of plan.newClasses) {
          const id = crypto.randomUUID();
          tx.insert(classes).values({ id, academicYearId: yearId, name: c.name, yearGroup: c.yearGroup }).run();
          classIds.set(c.name, id);
          createdClassIds.push(id);
        }
      },
      undo: (tx) => {
        if (createdClassIds.length) tx.delete(classes).where(inArray(classes.id, createdClassIds)).run();
      },
    },
  ];
  for (const part of chunk(plan.inserts.map((row) => ({ row, id: crypto.randomUUID() })))) {
    steps.push({
      write: (tx) => {
        const insert = insertStatement(tx);
        for (const { row, id } of part) insert.run({ id, academicYearId: yearId, ...values(row, classOf(row)) });
      },
      undo: (tx) => {
        const remove = deleteStatement(tx);
        for (const { id } of part) remove.run({ id });
      },
    });
  }
  for (const part of chunk(plan.updates)) {
    steps.push({
      write: (tx) => {
        const update = updateStatement(tx);
        for (const u of part) update.run({ id: u.id, ...values(u.row, classOf(u.row)) });
      },
      undo: (tx) => {
        const update = updateStatement(tx);
        for (const u of part) update.run({ id: u.id, ...values(u.before, u.before.classId) });
      },
    });
  }
  steps.push({
    write: (tx) =>
      writeAudit(
        {
          actor,
          area: "pupils",
          verb: "import",
          entityType: "pupils",
          entityId: yearId,
          summary: describeImport(plan.summary),
          before: { updated: plan.updates.slice(0, AUDIT_CHANGES_MAX).map((u) => u.before) },
          after: {
            counts: { rows: plan.summary.rows, inserts: plan.summary.inserts, updates: plan.summary.updates, unchanged: plan.summary.unchanged },
            createdClasses: plan.newClasses.map((c) => c.name),
            updated: plan.updates.slice(0, AUDIT_CHANGES_MAX).map((u) => ({ id: u.id, upn: u.row.upn, changes: u.changes })),
            inserted: plan.inserts.slice(0, AUDIT_CHANGES_MAX).map((r) => r.upn),
          },
        },
        tx,
      ),
    undo: () => undefined,
  });
  return steps;
}

// -- assessments

/** Lazily loads each academic year's pupils (UPN → id) and terms (name → id) as the file names them. */
export function yearLookup(db: DbOrTx) {
  const cache = new Map<string, { pupils: Map<string, string>; terms: Map<string, string> } | null>();
  const load = (yearName: string) => {
    if (cache.has(yearName)) return cache.get(yearName)!;
    const year = findAcademicYearByName({ name: yearName }, db);
    const entry = year
      ? {
          pupils: new Map(db.select({ upn: pupils.upn, id: pupils.id }).from(pupils).where(eq(pupils.academicYearId, year.id)).all().map((p) => [p.upn, p.id])),
          terms: new Map(db.select({ name: terms.name, id: terms.id }).from(terms).where(eq(terms.academicYearId, year.id)).all().map((t) => [t.name as string, t.id])),
        }
      : null;
    // A year with no pupils cannot take results: treat it like a missing year.
    const usable = entry && entry.pupils.size > 0 ? entry : null;
    cache.set(yearName, usable);
    return usable;
  };
  return load;
}

type ResultPlan = {
  summary: ImportSummary;
  inserts: { pupilId: string; termId: string; row: AssessmentImportRow }[];
  updates: { id: string; termId: string; row: AssessmentImportRow; before: { result: string; target: string | null } }[];
};

export type AssessmentImportArgs = ImportFile & {
  mapping?: ImportMapping;
  /** For a marksheet (a column per subject): the academic year and term its results are for. */
  academicYear?: string;
  term?: TermName;
};

function validateAssessments(args: AssessmentImportArgs, db: DbOrTx): { v: ValidatedAssessments & { source?: string }; lookup: ReturnType<typeof yearLookup>; shape: "long" | "marksheet" } {
  const scheme = getSchoolScheme(db);
  const lookup = yearLookup(db);
  const t = tableOf(args);
  if (!t.ok) return { v: t, lookup, shape: "long" };
  const mapping = args.mapping ?? EMPTY_MAPPING;
  const source = describeSource(t.table.info);
  const ctx = { scheme, pupilsOf: (y: string) => lookup(y)?.pupils };
  if (isLongFormat(t.table.rawHeader, mapping)) return { v: { ...validateAssessmentsTable(t.table, ctx, mapping), source }, lookup, shape: "long" };
  if (!args.academicYear || !args.term) {
    const errors: LineError[] = [
      {
        line: null,
        message: `This file is a marksheet (a column per subject, no subject and result columns): choose the academic year and term its results are for${args.academicYear && checkYear(args.academicYear) ? "" : ""}.`,
      },
    ];
    return { v: { ok: false, errors, source }, lookup, shape: "marksheet" };
  }
  const bad = checkYear(args.academicYear);
  if (bad) return { v: { ok: false, errors: bad, source }, lookup, shape: "marksheet" };
  return { v: { ...validateMarksheetTable(t.table, { ...ctx, academicYear: args.academicYear, term: args.term }, mapping), source }, lookup, shape: "marksheet" };
}

function planAssessments(rows: AssessmentImportRow[], lookup: ReturnType<typeof yearLookup>, db: DbOrTx): ResultPlan {
  const resolved = rows.map((row) => {
    const y = lookup(row.academicYear)!;
    return { row, pupilId: y.pupils.get(row.upn)!, termId: y.terms.get(row.term)! };
  });
  const termIds = [...new Set(resolved.map((r) => r.termId))];
  const existing = new Map<string, { id: string; result: string; target: string | null }>();
  for (const termId of termIds) {
    const found = db
      .select({ id: assessmentResults.id, pupilId: assessmentResults.pupilId, subject: assessmentResults.subject, result: assessmentResults.result, target: assessmentResults.target })
      .from(assessmentResults)
      .where(eq(assessmentResults.termId, termId))
      .all();
    for (const e of found) existing.set(`${e.pupilId}|${termId}|${e.subject}`, e);
  }
  const inserts: ResultPlan["inserts"] = [];
  const updates: ResultPlan["updates"] = [];
  const statusRows: ImportSampleRow[] = [];
  const hasTargets = rows.some((r) => r.target !== undefined);
  let unchanged = 0;
  for (const r of resolved) {
    const { row } = r;
    const cells = [row.upn, row.academicYear, row.term, row.subject, row.result, ...(hasTargets ? [row.target ?? ""] : [])];
    const before = existing.get(`${r.pupilId}|${r.termId}|${row.subject}`);
    if (!before) {
      inserts.push(r);
      if (statusRows.length < 5000) statusRows.push({ line: row.line, status: "new", cells, changes: null });
      continue;
    }
    const changes: string[] = [];
    if (before.result !== row.result) changes.push(`result ${before.result} → ${row.result}`);
    if (row.target !== undefined && before.target !== row.target) changes.push(`target ${before.target ?? "none"} → ${row.target ?? "none"}`);
    if (changes.length) {
      updates.push({ id: before.id, termId: r.termId, row, before: { result: before.result, target: before.target } });
      if (statusRows.length < 5000) statusRows.push({ line: row.line, status: "updated", cells, changes: changes.join(", ") });
    } else {
      unchanged++;
      if (statusRows.length < SAMPLE_SIZE) statusRows.push({ line: row.line, status: "unchanged", cells, changes: null });
    }
  }
  const years = [...new Set(rows.map((r) => r.academicYear))].sort();
  const summary: ImportSummary = {
    kind: "assessments",
    academicYear: years.length === 1 ? years[0]! : null,
    rows: rows.length,
    inserts: inserts.length,
    updates: updates.length,
    unchanged,
    notes: [],
    columns: ["upn", "academic_year", "term", "subject", "result", ...(hasTargets ? ["target"] : [])],
    sample: pickSample(statusRows),
    changed: inserts.length > 0 || updates.length > 0,
    source: null,
  };
  return { summary, inserts, updates };
}

function withShape(plan: ResultPlan, shape: "long" | "marksheet", v: Extract<ValidatedAssessments, { ok: true }> & { source?: string }, args: AssessmentImportArgs): ImportSummary {
  const s = plan.summary;
  s.shape = shape;
  s.source = v.source ?? null;
  if (shape === "marksheet") {
    s.notes.push(`Read as a marksheet: a result per subject column for ${args.academicYear} ${args.term}; blank cells are no result`);
    if (v.unread?.length) s.notes.push(`Column${v.unread.length === 1 ? "" : "s"} not read: ${v.unread.join(", ")} (if one holds a subject's results, match it to the subject)`);
    if (v.mapping) s.mapping = v.mapping;
  }
  return s;
}

/** Checks an assessments file (long format or marksheet) against the school's scheme and pupils and says what it would change. Writes nothing. */
export function previewAssessmentImport(args: AssessmentImportArgs, db: DbOrTx = defaultDb): ImportOutcome {
  const { v, lookup, shape } = validateAssessments(args, db);
  if (!v.ok) return { ...v, shape };
  const plan = planAssessments(v.rows, lookup, db);
  return { ok: true, summary: withShape(plan, shape, v, args) };
}

/** Writes a result plan and its audit row inside the caller's transaction, with prepared statements. */
function applyResultPlan(plan: ResultPlan, actor: Actor, tx: DbOrTx) {
  const insert = tx
    .insert(assessmentResults)
    .values({
      id: sql.placeholder("id"),
      pupilId: sql.placeholder("pupilId"),
      termId: sql.placeholder("termId"),
      subject: sql.placeholder("subject"),
      result: sql.placeholder("result"),
      target: sql.placeholder("target"),
    })
    .prepare();
  for (const r of plan.inserts) {
    insert.run({ id: crypto.randomUUID(), pupilId: r.pupilId, termId: r.termId, subject: r.row.subject, result: r.row.result, target: r.row.target ?? null });
  }
  const updateResult = tx
    .update(assessmentResults)
    .set({ result: sql`${sql.placeholder("result")}` })
    .where(eq(assessmentResults.id, sql.placeholder("id")))
    .prepare();
  const updateBoth = tx
    .update(assessmentResults)
    .set({ result: sql`${sql.placeholder("result")}`, target: sql`${sql.placeholder("target")}` })
    .where(eq(assessmentResults.id, sql.placeholder("id")))
    .prepare();
  for (const u of plan.updates) {
    if (u.row.target === undefined) updateResult.run({ id: u.id, result: u.row.result });
    else updateBoth.run({ id: u.id, result: u.row.result, target: u.row.target });
  }
  const changed = plan.updates.slice(0, AUDIT_CHANGES_MAX);
  writeAudit(
    {
      actor,
      area: "pupils",
      verb: "import",
      entityType: "assessment_results",
      summary: describeImport(plan.summary),
      before: { updated: changed.map((u) => ({ id: u.id, upn: u.row.upn, term: `${u.row.academicYear}:${u.row.term}`, subject: u.row.subject, ...u.before })) },
      after: {
        counts: { rows: plan.summary.rows, inserts: plan.summary.inserts, updates: plan.summary.updates, unchanged: plan.summary.unchanged },
        updated: changed.map((u) => ({ id: u.id, result: u.row.result, ...(u.row.target === undefined ? {} : { target: u.row.target }) })),
      },
    },
    tx,
  );
}

/**
 * Imports an assessments file (SPEC §4.3's long format, or a marksheet for a chosen year and term), all
 * or nothing, with one audit row: a result per pupil, term and subject is inserted, updated when it
 * differs, or left alone. A file that changes nothing writes nothing. As with pupils, the file is
 * checked and planned before the write lock is taken, then written in short chunks with prepared
 * statements, each undone if a later one fails.
 */
export function importAssessments(args: AssessmentImportArgs & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  return planThenWrite(
    () => prepareAssessmentImport(args, db),
    (write) => commitAssessmentImport(write, args.actor, db),
    () => importAssessmentsUnderLock(args, db),
  );
}

/** An assessments import planned and written under the write lock (the last resort, as for pupils). */
export function importAssessmentsUnderLock(args: AssessmentImportArgs & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  return writeTransaction(db, (tx): ImportOutcome => {
    const now = planAssessmentImport(args, tx);
    if (!now.ok) return now;
    if (now.plan.summary.changed) writeInChunks(tx, assessmentSteps(now.plan, args.actor));
    return { ok: true, summary: now.plan.summary };
  });
}

/** An assessments import checked and planned against a snapshot, ready to write (plain data). */
export type AssessmentImportWrite = { kind: "assessments"; plan: ResultPlan; mark: string };

/** Reads, checks and plans an assessments file without the write lock: the outcome if there is nothing to write, else the plan. */
export function prepareAssessmentImport(args: AssessmentImportArgs, db: DbOrTx = defaultDb): { done: ImportOutcome } | { write: AssessmentImportWrite } {
  const planned = readSnapshot(db, (tx) => planAssessmentImport(args, tx));
  if (!planned.ok) return { done: planned };
  if (!planned.plan.summary.changed) return { done: { ok: true, summary: planned.plan.summary } };
  return { write: { kind: "assessments", plan: planned.plan, mark: planned.mark } };
}

/** Writes a prepared assessments import in short chunks; null (nothing written) if results changed since it was planned. */
function commitAssessmentImport(w: AssessmentImportWrite, actor: Actor, db: DbOrTx = defaultDb): ImportOutcome | null {
  const c = assessmentImportChunks(w, actor);
  return writeInChunks(db, c.steps, c.first, c) ? { ok: true, summary: w.plan.summary } : null;
}

/** A prepared assessments import as chunked writes, the first checking that the results are as they were planned on. */
export function assessmentImportChunks(w: AssessmentImportWrite, actor: Actor): ChunkedWrite {
  const rows = w.plan.inserts.length + w.plan.updates.length;
  return { steps: assessmentSteps(w.plan, actor), first: (tx) => assessmentsMark(w.plan, tx) === w.mark, together: rows <= IMPORT_CHUNK_ROWS };
}

function planAssessmentImport(args: AssessmentImportArgs, db: DbOrTx): Extract<ImportOutcome, { ok: false }> | { ok: true; plan: ResultPlan; mark: string } {
  const { v, lookup, shape } = validateAssessments(args, db);
  if (!v.ok) return { ...v, shape };
  const plan = planAssessments(v.rows, lookup, db);
  withShape(plan, shape, v, args);
  return { ok: true, plan, mark: assessmentsMark(plan, db) };
}

/**
 * Changes whenever results of the plan's terms are added, or any import is audited (only audited
 * imports write results, each with its audit row in the same transaction).
 */
function assessmentsMark(plan: ResultPlan, db: DbOrTx): string {
  const termIds = [...new Set([...plan.inserts.map((r) => r.termId), ...plan.updates.map((u) => u.termId)])].sort();
  const audit = db.get<unknown>(sql`SELECT coalesce(max(rowid), 0) FROM ${auditLog} WHERE ${auditLog.area} = 'pupils'`);
  const results = termIds.map((t) => db.get<unknown>(sql`SELECT count(*), coalesce(max(rowid), 0) FROM ${assessmentResults} WHERE ${assessmentResults.termId} = ${t}`));
  return JSON.stringify([audit, results]);
}

/** The planned assessments import as chunked writes (prepared statements), then the audit row. Each chunk can be undone. */
function assessmentSteps(plan: ResultPlan, actor: Actor): WriteStep[] {
  const p = sql.placeholder;
  const steps: WriteStep[] = [];
  for (const part of chunk(plan.inserts.map((r) => ({ ...r, id: crypto.randomUUID() })))) {
    steps.push({
      write: (tx) => {
        const insert = tx
          .insert(assessmentResults)
          .values({ id: p("id"), pupilId: p("pupilId"), termId: p("termId"), subject: p("subject"), result: p("result"), target: p("target") })
          .prepare();
        for (const r of part) insert.run({ id: r.id, pupilId: r.pupilId, termId: r.termId, subject: r.row.subject, result: r.row.result, target: r.row.target ?? null });
      },
      undo: (tx) => {
        const remove = tx.delete(assessmentResults).where(eq(assessmentResults.id, p("id"))).prepare();
        for (const r of part) remove.run({ id: r.id });
      },
    });
  }
  const updateResult = (tx: Tx) => tx.update(assessmentResults).set({ result: sql`${p("result")}` }).where(eq(assessmentResults.id, p("id"))).prepare();
  const updateBoth = (tx: Tx) =>
    tx
      .update(assessmentResults)
      .set({ result: sql`${p("result")}`, target: sql`${p("target")}` })
      .where(eq(assessmentResults.id, p("id")))
      .prepare();
  for (const part of chunk(plan.updates)) {
    steps.push({
      write: (tx) => {
        const one = updateResult(tx);
        const both = updateBoth(tx);
        for (const u of part) {
          if (u.row.target === undefined) one.run({ id: u.id, result: u.row.result });
          else both.run({ id: u.id, result: u.row.result, target: u.row.target });
        }
      },
      undo: (tx) => {
        const both = updateBoth(tx);
        for (const u of part) both.run({ id: u.id, result: u.before.result, target: u.before.target });
      },
    });
  }
  const changed = plan.updates.slice(0, AUDIT_CHANGES_MAX);
  steps.push({
    write: (tx) =>
      writeAudit(
        {
          actor,
          area: "pupils",
          verb: "import",
          entityType: "assessment_results",
          summary: describeImport(plan.summary),
          before: { updated: changed.map((u) => ({ id: u.id, upn: u.row.upn, term: `${u.row.academicYear}:${u.row.term}`, subject: u.row.subject, ...u.before })) },
          after: {
            counts: { rows: plan.summary.rows, inserts: plan.summary.inserts, updates: plan.summary.updates, unchanged: plan.summary.unchanged },
            updated: changed.map((u) => ({ id: u.id, result: u.row.result, ...(u.row.target === undefined ? {} : { target: u.row.target }) })),
          },
        },
        tx,
      ),
    undo: () => undefined,
  });
  return steps;
}

// -- the Common Transfer File

export type CtfImportArgs = ImportFile & { academicYear: string };

function readCtf(args: CtfImportArgs, db: DbOrTx): { ok: true; file: CtfFile; source: string } | { ok: false; errors: LineError[]; source?: string } {
  const bad = checkYear(args.academicYear);
  if (bad) return { ok: false, errors: bad };
  const r = readFile(args);
  if (!r.ok) return r;
  const source = describeSource(r.source.info);
  if (r.source.kind !== "xml") return { ok: false, errors: [{ line: null, message: "This is not an XML file, so it is not a Common Transfer File: import it as pupils or results." }], source };
  const parsed = parseCtf(r.source.text, { scheme: getSchoolScheme(db), today: todayIso() });
  return parsed.ok ? { ...parsed, source } : { ...parsed, source };
}

/** The CTF's results for the academic year imported, as assessment rows (a pupil's position in the file as its line). */
function ctfResultRows(file: CtfFile, academicYear: string): AssessmentImportRow[] {
  const lineOf = new Map(file.pupils.map((p) => [p.upn, p.line]));
  return file.results.filter((r) => r.academicYear === academicYear).map((r) => ({ line: lineOf.get(r.upn) ?? 0, upn: r.upn, academicYear, term: r.term, subject: r.subject, result: r.result }));
}

function ctfNotes(file: CtfFile, academicYear: string, resultCounts: { inserts: number; updates: number; unchanged: number } | null): string[] {
  const notes: string[] = [];
  if (file.sourceSchool) notes.push(`From ${file.sourceSchool}${file.version ? ` (CTF ${file.version})` : ""}`);
  const thisYear = ctfResultRows(file, academicYear).length;
  if (resultCounts && thisYear) notes.push(`${fmtNumber(thisYear)} assessment result${thisYear === 1 ? "" : "s"} for ${academicYear}: ${fmtNumber(resultCounts.inserts)} new, ${fmtNumber(resultCounts.updates)} updated, ${fmtNumber(resultCounts.unchanged)} unchanged`);
  const otherYears = file.results.length - thisYear;
  if (otherYears) notes.push(`${otherYears === 1 ? "1 result from another academic year is" : `${fmtNumber(otherYears)} results from other academic years are`} not imported (results are kept only for the year the pupils are in)`);
  if (file.unmappedResults) notes.push(`${file.unmappedResults === 1 ? "1 result does" : `${fmtNumber(file.unmappedResults)} results do`} not match the school's assessment scheme and ${file.unmappedResults === 1 ? "is" : "are"} not imported`);
  return notes;
}

/**
 * Checks a Common Transfer File and says what importing it into the academic year would change: its
 * pupils (as a pupils import) and the results it carries for that year. Writes nothing.
 */
export function previewCtfImport(args: CtfImportArgs, db: DbOrTx = defaultDb): ImportOutcome {
  const c = readCtf(args, db);
  if (!c.ok) return c;
  const plan = planPupils(c.file.pupils, args.academicYear, db, ["class"], "ctf");
  const rows = ctfResultRows(c.file, args.academicYear);
  const lookup = yearLookup(db);
  const known = lookup(args.academicYear);
  const existingRows = known ? rows.filter((r) => known.pupils.has(r.upn)) : [];
  const counts = existingRows.length ? planAssessments(existingRows, lookup, db).summary : { inserts: 0, updates: 0, unchanged: 0 };
  const results = { inserts: counts.inserts + rows.length - existingRows.length, updates: counts.updates, unchanged: counts.unchanged };
  plan.summary.notes.unshift(...ctfNotes(c.file, args.academicYear, results));
  plan.summary.changed ||= results.inserts + results.updates > 0;
  plan.summary.source = c.source;
  return { ok: true, summary: plan.summary };
}

/**
 * Imports a Common Transfer File into an academic year, all or nothing, in one transaction: its pupils
 * as a pupils import (classes untouched: a CTF has none), then the results it carries for that year.
 * The XML is read and checked before the transaction starts.
 */
export function importCtf(args: CtfImportArgs & { actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  const prepared = prepareCtfImport(args, db);
  return "done" in prepared ? prepared.done : commitCtfImport(prepared.write, args.actor, db);
}

/** A Common Transfer File read and checked, ready to import (plain data). */
export type CtfImportWrite = { kind: "ctf"; file: CtfFile; source: string; academicYear: string };

/** Reads and checks a Common Transfer File (the XML parse, the slow part) without touching the write lock. */
export function prepareCtfImport(args: CtfImportArgs, db: DbOrTx = defaultDb): { done: ImportOutcome } | { write: CtfImportWrite } {
  const c = readCtf(args, db);
  if (!c.ok) return { done: c };
  return { write: { kind: "ctf", file: c.file, source: c.source, academicYear: args.academicYear } };
}

/** Imports a read Common Transfer File in one write transaction (a CTF carries a few pupils: it is planned under the lock). */
export function commitCtfImport(w: CtfImportWrite, actor: Actor, db: DbOrTx = defaultDb): ImportOutcome {
  const { file, academicYear } = w;
  return writeTransaction(db, (tx) => {
    const plan = planPupils(file.pupils, academicYear, tx, ["class"], "ctf");
    plan.summary.source = w.source;
    const rows = ctfResultRows(file, academicYear);
    if (plan.summary.changed) applyPupilPlan(plan, academicYear, actor, tx);
    let counts = { inserts: 0, updates: 0, unchanged: 0 };
    if (rows.length) {
      const results = planAssessments(rows, yearLookup(tx), tx);
      counts = results.summary;
      if (results.summary.changed) applyResultPlan(results, actor, tx);
    }
    plan.summary.notes.unshift(...ctfNotes(file, academicYear, counts));
    plan.summary.changed ||= counts.inserts + counts.updates > 0;
    return { ok: true as const, summary: plan.summary };
  });
}

/** At most this many bad lines are named; the rest are counted. */
export const ERRORS_SHOWN = 200;

/** The first 200 bad lines as the CLI prints them, then how many more there are. */
export function formatImportErrors(errors: LineError[]): string[] {
  const shown = errors.slice(0, ERRORS_SHOWN).map(formatLineError);
  if (errors.length > ERRORS_SHOWN) shown.push(`…and ${fmtNumber(errors.length - ERRORS_SHOWN)} more line${errors.length - ERRORS_SHOWN === 1 ? "" : "s"} with problems (fix these and check again).`);
  return shown;
}
