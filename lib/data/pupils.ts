import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import {
  academicYears,
  assessmentResults,
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
import { validateAssessmentsCsv, type AssessmentImportRow } from "@/lib/import/assessments";
import { formatLineError, parseAcademicYear, type LineError } from "@/lib/import/csv";
import { validatePupilsCsv, type PupilImportRow } from "@/lib/import/pupils";
import { writeAudit, type Actor } from "./audit";
import { ensureAcademicYear, findAcademicYearByName, getSchoolScheme, termKey } from "./school";

export type Pupil = typeof pupils.$inferSelect;

// ---- Reading pupils ------------------------------------------------------------------------------

/** School order for year groups: R, Y1 … Y13 (text order would put Y10 before Y2). */
const yearGroupOrder = sql`CASE ${pupils.yearGroup} WHEN 'R' THEN 0 ELSE CAST(substr(${pupils.yearGroup}, 2) AS INTEGER) END`;

export const PUPIL_FLAGS = ["disadvantaged", "fsm", "sen", "eal", "looked_after"] as const;
export type PupilFlag = (typeof PUPIL_FLAGS)[number];

export type PupilFilter = {
  academicYearId: string;
  yearGroup?: YearGroup;
  classId?: string;
  /** Part of a first name, last name or UPN. */
  q?: string;
  flag?: PupilFlag;
  /** Staff see only the pupils of the classes they teach: pass those classes here. */
  onlyClassIds?: string[];
  limit?: number;
  offset?: number;
};

export type PupilListRow = Pick<Pupil, "id" | "upn" | "firstName" | "lastName" | "yearGroup" | "classId" | "gender" | "disadvantaged" | "fsm" | "sen" | "eal" | "lookedAfter"> & {
  className: string | null;
};

/** Named pupils of a year, filtered and paged, in school order (year group, then surname). */
export function listPupils(filter: PupilFilter, db: DbOrTx = defaultDb): { rows: PupilListRow[]; total: number } {
  const where: SQL[] = [eq(pupils.academicYearId, filter.academicYearId)];
  if (filter.onlyClassIds) {
    if (filter.onlyClassIds.length === 0) return { rows: [], total: 0 };
    where.push(inArray(pupils.classId, filter.onlyClassIds));
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

export function findPupil({ id }: { id: string }, db: DbOrTx = defaultDb): PupilDetail | null {
  const row = db
    .select({ pupil: pupils, className: classes.name, yearName: academicYears.name, isCurrentYear: academicYears.isCurrent })
    .from(pupils)
    .innerJoin(academicYears, eq(pupils.academicYearId, academicYears.id))
    .leftJoin(classes, eq(pupils.classId, classes.id))
    .where(eq(pupils.id, id))
    .get();
  return row ? { ...row.pupil, className: row.className, yearName: row.yearName, isCurrentYear: row.isCurrentYear } : null;
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
export function listPupilResults({ upn }: { upn: string }, db: DbOrTx = defaultDb): PupilResultRow[] {
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
export function listPupilProgressItems({ upn }: { upn: string }, db: DbOrTx = defaultDb): PupilProgressItem[] {
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

export type ImportKind = "pupils" | "assessments" | "attendance" | "suspensions";

export type ImportSampleRow = { line: number; status: "new" | "updated" | "unchanged"; cells: string[]; changes: string | null };

/** What an import will do (preview) or did (after applying). */
export type ImportSummary = {
  kind: ImportKind;
  academicYear: string | null;
  rows: number;
  inserts: number;
  updates: number;
  unchanged: number;
  /** Things created alongside: the academic year, classes. */
  notes: string[];
  columns: string[];
  /** The first rows that change (or, when nothing changes, the first rows). */
  sample: ImportSampleRow[];
  /** Whether anything was (or would be) written. */
  changed: boolean;
};

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; errors: LineError[] };

const SAMPLE_SIZE = 10;
/** Audit rows keep the before and after of at most this many changed records, and the counts of all. */
const AUDIT_CHANGES_MAX = 1000;

function fmtNumber(n: number) {
  return n.toLocaleString("en-GB");
}

function summaryLine(s: ImportSummary): string {
  const noun = { pupils: "pupil", assessments: "assessment result", attendance: "attendance record", suspensions: "suspension or exclusion" }[s.kind];
  const plural = s.rows === 1 ? noun : s.kind === "suspensions" ? "suspensions and exclusions" : `${noun}s`;
  const what = `${fmtNumber(s.rows)} ${plural}${s.kind === "pupils" && s.academicYear ? ` for ${s.academicYear}` : ""}`;
  return `Imported ${what}: ${fmtNumber(s.inserts)} new, ${fmtNumber(s.updates)} updated, ${fmtNumber(s.unchanged)} unchanged`;
}

/** "Imported 210 pupils for 2025-26: 12 new, 3 updated, 195 unchanged" — the audit row's and the CLI's summary. */
export function describeImport(s: ImportSummary): string {
  return summaryLine(s) + (s.notes.length ? `. ${s.notes.join(". ")}` : "");
}

function pickSample<T extends { status: ImportSampleRow["status"] }>(all: T[]): T[] {
  const changing = all.filter((r) => r.status !== "unchanged");
  return (changing.length ? changing : all).slice(0, SAMPLE_SIZE);
}

const yn = (b: boolean) => (b ? "Y" : "N");

// -- pupils.csv

type PupilPlan = {
  summary: ImportSummary;
  inserts: PupilImportRow[];
  updates: { id: string; row: PupilImportRow; before: Pupil; changes: string[] }[];
  yearExists: boolean;
  newClasses: { name: string; yearGroup: YearGroup | null }[];
};

function planPupils(rows: PupilImportRow[], academicYear: string, db: DbOrTx): PupilPlan {
  const year = findAcademicYearByName({ name: academicYear }, db);
  const existingClasses = year ? db.select({ id: classes.id, name: classes.name }).from(classes).where(eq(classes.academicYearId, year.id)).all() : [];
  const classNameById = new Map(existingClasses.map((c) => [c.id, c.name]));
  const existingClassNames = new Set(existingClasses.map((c) => c.name));
  const existing = year ? db.select().from(pupils).where(eq(pupils.academicYearId, year.id)).all() : [];
  const byUpn = new Map(existing.map((p) => [p.upn, p]));

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
  const summary: ImportSummary = {
    kind: "pupils",
    academicYear,
    rows: rows.length,
    inserts: inserts.length,
    updates: updates.length,
    unchanged,
    notes,
    columns: ["upn", "first_name", "last_name", "year_group", "class", "gender", "disadvantaged", "fsm", "sen", "eal", "looked_after"],
    sample: pickSample(statusRows),
    changed: inserts.length > 0 || updates.length > 0 || !year || newClasses.length > 0,
  };
  return { summary, inserts, updates, yearExists: !!year, newClasses };
}

function checkYear(academicYear: string): LineError[] | null {
  return parseAcademicYear(academicYear) === null ? [{ line: null, message: `"${academicYear}" is not an academic year like 2025-26.` }] : null;
}

/** Checks a pupils.csv and says what importing it into the academic year would change. Writes nothing. */
export function previewPupilImport({ csv, academicYear }: { csv: string; academicYear: string }, db: DbOrTx = defaultDb): ImportOutcome {
  const bad = checkYear(academicYear);
  if (bad) return { ok: false, errors: bad };
  const v = validatePupilsCsv(csv);
  if (!v.ok) return v;
  return { ok: true, summary: planPupils(v.rows, academicYear, db).summary };
}

/**
 * Imports pupils.csv into an academic year, all or nothing, in one transaction with its audit row:
 * creates the year (default term dates) and any classes named that do not exist, inserts new pupils
 * and updates changed ones (matched by UPN within the year). Pupils of the year missing from the file
 * are kept. A file that changes nothing writes nothing, not even an audit row.
 */
export function importPupils({ csv, academicYear, actor }: { csv: string; academicYear: string; actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  const bad = checkYear(academicYear);
  if (bad) return { ok: false, errors: bad };
  const v = validatePupilsCsv(csv);
  if (!v.ok) return v;
  return db.transaction(
    (tx) => {
      const plan = planPupils(v.rows, academicYear, tx);
      if (!plan.summary.changed) return { ok: true as const, summary: plan.summary };
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
      return { ok: true as const, summary: plan.summary };
    },
    { behavior: "immediate" },
  );
}

// -- assessments.csv


/** Lazily loads each academic year's pupils (UPN → id) and terms (name → id) as the file names them. */
function yearLookup(db: DbOrTx) {
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
  updates: { id: string; row: AssessmentImportRow; before: { result: string; target: string | null } }[];
};

function validateAssessments(csv: string, db: DbOrTx) {
  const scheme = getSchoolScheme(db);
  const lookup = yearLookup(db);
  const v = validateAssessmentsCsv(csv, { scheme, pupilsOf: (y) => lookup(y)?.pupils });
  return { v, lookup };
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
      updates.push({ id: before.id, row, before: { result: before.result, target: before.target } });
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
  };
  return { summary, inserts, updates };
}

/** Checks an assessments.csv against the school's scheme and pupils and says what it would change. Writes nothing. */
export function previewAssessmentImport({ csv }: { csv: string }, db: DbOrTx = defaultDb): ImportOutcome {
  const { v, lookup } = validateAssessments(csv, db);
  if (!v.ok) return v;
  return { ok: true, summary: planAssessments(v.rows, lookup, db).summary };
}

/**
 * Imports assessments.csv, all or nothing, in one transaction with its audit row: a result per pupil,
 * term and subject is inserted, updated when it differs, or left alone. Prepared statements keep a
 * 50,000-row file to well under a second of writing. A file that changes nothing writes nothing.
 */
export function importAssessments({ csv, actor }: { csv: string; actor: Actor }, db: DbOrTx = defaultDb): ImportOutcome {
  return db.transaction(
    (tx) => {
      const { v, lookup } = validateAssessments(csv, tx);
      if (!v.ok) return v;
      const plan = planAssessments(v.rows, lookup, tx);
      if (!plan.summary.changed) return { ok: true as const, summary: plan.summary };
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
      return { ok: true as const, summary: plan.summary };
    },
    { behavior: "immediate" },
  );
}

/** Every bad line as the CLI prints it. */
export function formatImportErrors(errors: LineError[]): string[] {
  return errors.map(formatLineError);
}
