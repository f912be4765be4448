import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { nowIso, todayIso } from "@/lib/clock";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, classes, classTeachers, frameworks, schools, terms, type Phase, type TermName, TERM_NAMES } from "@/db/schema";
import { frameworkSchema, type Framework } from "@/db/frameworks";
import { getScheme, type AssessmentScheme } from "@/lib/analytics/schemes";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate, formatTerm } from "@/lib/format";
import { isRealDate } from "@/lib/validation/admin";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { countUsers } from "./users";
import { writeTransaction } from "./transaction";

export type School = typeof schools.$inferSelect;
export type AcademicYear = typeof academicYears.$inferSelect;
type Term = typeof terms.$inferSelect;
export type TermWithYear = Term & { yearName: string; key: string };

/** The school row, or null before first-run set-up. */
export function findSchool(db: DbOrTx = defaultDb): School | null {
  return db.select().from(schools).get() ?? null;
}

export function getSchool(db: DbOrTx = defaultDb): School {
  const school = findSchool(db);
  if (!school) throw new NotFoundError("The school");
  return school;
}

export type SchoolChanges = Partial<Omit<School, "id" | "version" | "createdAt" | "updatedAt">>;

export function createSchool({ school, actor }: { school: Omit<typeof schools.$inferInsert, "id">; actor: Actor }, db: DbOrTx = defaultDb): School {
  return writeTransaction(db, (tx) => {
    if (findSchool(tx)) throw new ValidationError("This installation already has a school.");
    const row = tx.insert(schools).values(school).returning().get();
    writeAudit({ actor, area: "admin", verb: "create", entityType: "school", entityId: row.id, summary: `Created ${row.name}`, after: row }, tx);
    return row;
  });
}

/**
 * A new school with its first academic year (default term dates) as current: the first-run page and
 * `init` alike. The renewed Ofsted framework; a secondary's assessment scheme is the secondary one;
 * primary and all-through schools have early years; no sixth form until the head says so.
 */
export function createSchoolWithYear({ name, phase, academicYear, actor }: { name: string; phase: Phase; academicYear: string; actor: Actor }, db: DbOrTx = defaultDb): School {
  return writeTransaction(db, (tx) => {
    const school = createSchool(
      {
        school: {
          name,
          phase,
          frameworkId: "ofsted_renewed_2025",
          assessmentScheme: phase === "secondary" ? "secondary" : "primary",
          hasEarlyYears: phase === "primary" || phase === "all-through",
          hasSixthForm: false,
          // Heads and senior leaders see special-category pupil data: a second factor is required of
          // them from the start, after a grace period (lib/auth/session-rules) to set it up.
          totpRequiredRoles: ["headteacher", "slt"],
          totpRequiredSince: nowIso(),
        },
        actor,
      },
      tx,
    );
    ensureAcademicYear({ name: academicYear, makeCurrent: true, actor }, tx);
    return school;
  });
}

/** Nothing set up yet (no school, no user): the only state in which first-run set-up or a seed may run, so neither can take over an installation. */
export function isFreshInstall(db: DbOrTx = defaultDb): boolean {
  return !findSchool(db) && countUsers(db) === 0;
}

export function updateSchool({ version, changes, actor }: { version: number; changes: SchoolChanges; actor: Actor }, db: DbOrTx = defaultDb): School {
  return writeTransaction(db, (tx) => {
    const before = getSchool(tx);
    // A newly required role starts its users' grace period now, not at some earlier date.
    const added = (changes.totpRequiredRoles ?? []).some((r) => !before.totpRequiredRoles.includes(r));
    const result = tx
      .update(schools)
      .set({ ...changes, ...(added ? { totpRequiredSince: nowIso() } : {}), version: bumpVersion, updatedAt: nowIso() })
      .where(and(eq(schools.id, before.id), eq(schools.version, version)))
      .run();
    assertUpdated(result, "The school's details");
    const after = getSchool(tx);
    writeAudit({ actor, area: "admin", verb: "update", entityType: "school", entityId: after.id, summary: "Updated school details", before, after }, tx);
    return after;
  });
}

/** The school's assessment scheme (primary unless the school chose another). */
export function getSchoolScheme(db: DbOrTx = defaultDb): AssessmentScheme {
  const school = db.select({ scheme: schools.assessmentScheme }).from(schools).get();
  return getScheme(school?.scheme ?? "primary");
}

/** The framework the school uses (or a given one), parsed from its stored data file. */
export function getFramework({ id }: { id?: string } = {}, db: DbOrTx = defaultDb): Framework {
  const frameworkId = id ?? getSchool(db).frameworkId;
  const row = db.select().from(frameworks).where(eq(frameworks.id, frameworkId)).get();
  if (!row) throw new NotFoundError(`Framework ${frameworkId}`);
  return frameworkSchema.parse(row.data);
}

export function listFrameworks(db: DbOrTx = defaultDb): { id: string; name: string }[] {
  return db.select({ id: frameworks.id, name: frameworks.name }).from(frameworks).orderBy(desc(frameworks.id)).all();
}

// ---- Academic years and terms ----------------------------------------------------------------

/** "2025-26" → 2025. */
export function startYearOf(name: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(name);
  if (!m) throw new ValidationError(`"${name}" is not an academic year like 2025-26.`, { name: ["Enter the year like 2025-26"] });
  const start = Number(m[1]);
  if ((start + 1) % 100 !== Number(m[2])) throw new ValidationError(`"${name}" is not an academic year like 2025-26.`, { name: ["The second year must follow the first, like 2025-26"] });
  return start;
}

/** SPEC §2's default term dates: 1 Sep–31 Dec, 1 Jan–31 Mar, 1 Apr–31 Aug. */
export function defaultTermDates(name: string): Record<TermName, { startDate: string; endDate: string }> {
  const y = startYearOf(name);
  return {
    autumn: { startDate: `${y}-09-01`, endDate: `${y}-12-31` },
    spring: { startDate: `${y + 1}-01-01`, endDate: `${y + 1}-03-31` },
    summer: { startDate: `${y + 1}-04-01`, endDate: `${y + 1}-08-31` },
  };
}

export function listAcademicYears(db: DbOrTx = defaultDb): AcademicYear[] {
  return db.select().from(academicYears).orderBy(desc(academicYears.name)).all();
}

export function findAcademicYearByName({ name }: { name: string }, db: DbOrTx = defaultDb): AcademicYear | null {
  return db.select().from(academicYears).where(eq(academicYears.name, name)).get() ?? null;
}

export function getAcademicYear({ id }: { id: string }, db: DbOrTx = defaultDb): AcademicYear {
  const row = db.select().from(academicYears).where(eq(academicYears.id, id)).get();
  if (!row) throw new NotFoundError("That academic year");
  return row;
}

export function findCurrentYear(db: DbOrTx = defaultDb): AcademicYear | null {
  return db.select().from(academicYears).where(eq(academicYears.isCurrent, true)).get() ?? null;
}

export function getCurrentYear(db: DbOrTx = defaultDb): AcademicYear {
  const year = findCurrentYear(db);
  if (!year) throw new NotFoundError("The current academic year");
  return year;
}

/**
 * Creates an academic year with its three terms (default dates unless given), optionally making it
 * current. Returns the existing year unchanged if one of that name exists.
 */
export function ensureAcademicYear(
  { name, makeCurrent = false, actor }: { name: string; makeCurrent?: boolean; actor: Actor },
  db: DbOrTx = defaultDb,
): AcademicYear {
  return writeTransaction(db, (tx) => {
    const existing = findAcademicYearByName({ name }, tx);
    if (existing) {
      if (makeCurrent && !existing.isCurrent) setCurrentYear({ id: existing.id, actor }, tx);
      return getAcademicYear({ id: existing.id }, tx);
    }
    const dates = defaultTermDates(name);
    const year = tx
      .insert(academicYears)
      .values({ name, startDate: dates.autumn.startDate, endDate: dates.summer.endDate, isCurrent: false })
      .returning()
      .get();
    for (const t of TERM_NAMES) tx.insert(terms).values({ academicYearId: year.id, name: t, ...dates[t] }).run();
    writeAudit({ actor, area: "admin", verb: "create", entityType: "academic_year", entityId: year.id, summary: `Added academic year ${name}`, after: year }, tx);
    if (makeCurrent) setCurrentYear({ id: year.id, actor }, tx);
    return getAcademicYear({ id: year.id }, tx);
  });
}

/** Makes one year current. Nothing of other years is touched: history stays readable. */
export function setCurrentYear({ id, actor }: { id: string; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const year = getAcademicYear({ id }, tx);
    tx.update(academicYears).set({ isCurrent: false }).where(ne(academicYears.id, id)).run();
    tx.update(academicYears).set({ isCurrent: true }).where(eq(academicYears.id, id)).run();
    writeAudit({ actor, area: "admin", verb: "update", entityType: "academic_year", entityId: id, summary: `Made ${year.name} the current year` }, tx);
  });
}

export function termKey(yearName: string, termName: TermName) {
  return `${yearName}:${termName}`;
}

function withYear(rows: { term: Term; yearName: string }[]): TermWithYear[] {
  return rows.map(({ term, yearName }) => ({ ...term, yearName, key: termKey(yearName, term.name) }));
}

const termOrder = (name: TermName) => TERM_NAMES.indexOf(name);

/** Every term of every year, oldest first. */
export function listTerms({ academicYearId }: { academicYearId?: string } = {}, db: DbOrTx = defaultDb): TermWithYear[] {
  const rows = db
    .select({ term: terms, yearName: academicYears.name })
    .from(terms)
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined)
    .orderBy(asc(academicYears.name), asc(terms.startDate))
    .all();
  return withYear(rows).sort((a, b) => a.yearName.localeCompare(b.yearName) || termOrder(a.name) - termOrder(b.name));
}

/** A term by its key, "2025-26:summer". */
export function findTermByKey({ key }: { key: string }, db: DbOrTx = defaultDb): TermWithYear | null {
  const [yearName, termName] = key.split(":");
  if (!yearName || !termName) return null;
  return listTerms({}, db).find((t) => t.yearName === yearName && t.name === termName) ?? null;
}

export function getTerm({ id }: { id: string }, db: DbOrTx = defaultDb): TermWithYear {
  const row = db
    .select({ term: terms, yearName: academicYears.name })
    .from(terms)
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(eq(terms.id, id))
    .get();
  if (!row) throw new NotFoundError("That term");
  return withYear([row])[0]!;
}

/**
 * The current term: the term of the current year whose dates contain today; before the year starts,
 * its first term; after it ends, its last.
 */
export function findCurrentTerm({ today = todayIso() }: { today?: string } = {}, db: DbOrTx = defaultDb): TermWithYear | null {
  const year = findCurrentYear(db);
  if (!year) return null;
  const yearTerms = listTerms({ academicYearId: year.id }, db);
  return (
    yearTerms.find((t) => t.startDate <= today && today <= t.endDate) ??
    (today < (yearTerms[0]?.startDate ?? "") ? yearTerms[0] : yearTerms[yearTerms.length - 1]) ??
    null
  );
}

export function getCurrentTerm(opts: { today?: string } = {}, db: DbOrTx = defaultDb): TermWithYear {
  const term = findCurrentTerm(opts, db);
  if (!term) throw new NotFoundError("The current term");
  return term;
}

/** The term before a term (across years), or null. */
export function previousTerm({ id }: { id: string }, db: DbOrTx = defaultDb): TermWithYear | null {
  const all = listTerms({}, db);
  const i = all.findIndex((t) => t.id === id);
  return i > 0 ? all[i - 1]! : null;
}

/**
 * A term's dates are real dates, end after they start, fall inside their academic year (1 August of
 * its first calendar year to 31 August of its second) and keep the terms in order without overlapping.
 * Throws a ValidationError naming the field.
 */
function checkTermDates({ term, startDate, endDate, yearTerms }: { term: TermWithYear; startDate: string; endDate: string; yearTerms: TermWithYear[] }) {
  const bad = (field: "startDate" | "endDate", message: string): never => {
    throw new ValidationError(message, { [field]: [message] });
  };
  if (!isRealDate(startDate)) bad("startDate", "Enter the start date as a real date");
  if (!isRealDate(endDate)) bad("endDate", "Enter the end date as a real date");
  if (endDate < startDate) bad("endDate", "The end date must be after the start date");
  const y = startYearOf(term.yearName);
  const first = `${y}-08-01`;
  const last = `${y + 1}-08-31`;
  const within = `Terms of ${term.yearName} fall between ${formatDate(first)} and ${formatDate(last)}`;
  if (startDate < first || startDate > last) bad("startDate", within);
  if (endDate < first || endDate > last) bad("endDate", within);
  const inOrder = [...yearTerms].sort((a, b) => TERM_NAMES.indexOf(a.name) - TERM_NAMES.indexOf(b.name));
  const at = inOrder.findIndex((t) => t.name === term.name);
  const previous = inOrder[at - 1];
  const next = inOrder[at + 1];
  if (previous && startDate <= previous.endDate) bad("startDate", `${formatTerm(previous)} ends on ${formatDate(previous.endDate)}: start the ${term.name} term after that`);
  if (next && endDate >= next.startDate) bad("endDate", `${formatTerm(next)} starts on ${formatDate(next.startDate)}: end the ${term.name} term before that`);
}

export function updateTermDates(
  { id, version, startDate, endDate, actor }: { id: string; version: number; startDate: string; endDate: string; actor: Actor },
  db: DbOrTx = defaultDb,
) {
  writeTransaction(db, (tx) => {
    const before = getTerm({ id }, tx);
    checkTermDates({ term: before, startDate, endDate, yearTerms: listTerms({ academicYearId: before.academicYearId }, tx) });
    const result = tx
      .update(terms)
      .set({ startDate, endDate, version: bumpVersion })
      .where(and(eq(terms.id, id), eq(terms.version, version)))
      .run();
    assertUpdated(result, "This term");
    const after = getTerm({ id }, tx);
    // Keep the year's span equal to its terms' span.
    const yearTerms = listTerms({ academicYearId: after.academicYearId }, tx);
    tx.update(academicYears)
      .set({ startDate: yearTerms[0]!.startDate, endDate: yearTerms[yearTerms.length - 1]!.endDate })
      .where(eq(academicYears.id, after.academicYearId))
      .run();
    writeAudit({ actor, area: "admin", verb: "update", entityType: "term", entityId: id, summary: `Changed dates of ${after.key}`, before, after }, tx);
  });
}

/** Today's date in England, from the one clock (lib/clock). */
export { todayIso };

// ---- Classes ----------------------------------------------------------------------------------

type SchoolClass = typeof classes.$inferSelect;

export type ClassWithTeachers = SchoolClass & { teacherIds: string[] };

export function listClasses({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): ClassWithTeachers[] {
  const rows = db.select().from(classes).where(eq(classes.academicYearId, academicYearId)).orderBy(asc(classes.yearGroup), asc(classes.name)).all();
  const links = db
    .select({ classId: classTeachers.classId, userId: classTeachers.userId })
    .from(classTeachers)
    .innerJoin(classes, eq(classTeachers.classId, classes.id))
    .where(eq(classes.academicYearId, academicYearId))
    .all();
  return rows.map((c) => ({ ...c, teacherIds: links.filter((l) => l.classId === c.id).map((l) => l.userId) }));
}

/** Ids of the classes a user teaches (in any year): the "own classes" of SPEC §1. */
export function listClassIdsTaughtBy({ userId }: { userId: string }, db: DbOrTx = defaultDb): string[] {
  return db.select({ id: classTeachers.classId }).from(classTeachers).where(eq(classTeachers.userId, userId)).all().map((r) => r.id);
}

export function setClassTeachers(
  { classId, teacherIds, actor }: { classId: string; teacherIds: string[]; actor: Actor },
  db: DbOrTx = defaultDb,
) {
  writeTransaction(db, (tx) => {
    const cls = tx.select().from(classes).where(eq(classes.id, classId)).get();
    if (!cls) throw new NotFoundError("That class");
    const before = tx.select({ userId: classTeachers.userId }).from(classTeachers).where(eq(classTeachers.classId, classId)).all().map((r) => r.userId);
    tx.delete(classTeachers).where(eq(classTeachers.classId, classId)).run();
    for (const userId of new Set(teacherIds)) tx.insert(classTeachers).values({ classId, userId }).run();
    writeAudit({ actor, area: "admin", verb: "update", entityType: "class", entityId: classId, summary: `Set teachers of ${cls.name}`, before: { teacherIds: before }, after: { teacherIds } }, tx);
  });
}
