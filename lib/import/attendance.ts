import { SUSPENSION_TYPES, type SuspensionType, type TermName } from "@/db/schema/enums";
import { parseTerm } from "./assessments";
import { checkHeader, countProblem, LineProblems, parseAcademicYear, parseCsv, shown, type CsvTable } from "./csv";
import { parseUpn, type Validated } from "./pupils";

/** SPEC §4.5's attendance.csv columns. */
const ATTENDANCE_COLUMNS = ["upn", "academic_year", "term", "possible_sessions", "attended_sessions", "authorised_absence", "unauthorised_absence"] as const;
/** A percentage column MIS exports carry: checked against the sessions when present, never stored. */
const ATTENDANCE_OPTIONAL_COLUMNS = ["attendance_pct"] as const;
/** SPEC §4.5's suspensions.csv columns. */
const SUSPENSION_COLUMNS = ["upn", "start_date", "days", "type"] as const;

/**
 * How MIS exports spell these columns (SIMS, Arbor, Bromcom attendance and exclusion reports), mapped to
 * the file's own names. Compared after lower-casing and turning runs of spaces, underscores and hyphens
 * into one space. Kept here, as data, so it can join the shared MIS header mapping unchanged.
 */
const ATTENDANCE_HEADER_ALIASES: Record<string, string> = {
  "unique pupil number": "upn",
  "pupil upn": "upn",
  "academic year": "academic_year",
  "possible sessions": "possible_sessions",
  "sessions possible": "possible_sessions",
  possible: "possible_sessions",
  "attended sessions": "attended_sessions",
  "sessions attended": "attended_sessions",
  attendances: "attended_sessions",
  present: "attended_sessions",
  "present sessions": "attended_sessions",
  "authorised absence": "authorised_absence",
  "authorised absences": "authorised_absence",
  "authorised absence sessions": "authorised_absence",
  authorised: "authorised_absence",
  "unauthorised absence": "unauthorised_absence",
  "unauthorised absences": "unauthorised_absence",
  "unauthorised absence sessions": "unauthorised_absence",
  unauthorised: "unauthorised_absence",
  "attendance %": "attendance_pct",
  "attendance pct": "attendance_pct",
  "attendance percentage": "attendance_pct",
  "% attendance": "attendance_pct",
  "% attendance (sessions)": "attendance_pct",
  "start date": "start_date",
  "suspension start date": "start_date",
  "exclusion start date": "start_date",
  "number of days": "days",
  "length (days)": "days",
  "days excluded": "days",
  "exclusion type": "type",
  "suspension type": "type",
  category: "type",
};

/** One header cell in the file's own spelling: `Possible Sessions` → `possible_sessions`; unknown names are kept. */
export function canonicalHeader(cell: string): string {
  const key = cell
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  const alias = ATTENDANCE_HEADER_ALIASES[key];
  if (alias) return alias;
  return key.replace(/ /g, "_");
}

/** MIS words for the type column → the stored type. */
const TYPE_ALIASES: Record<string, SuspensionType> = {
  suspension: "suspension",
  suspended: "suspension",
  "fixed period": "suspension",
  "fixed period exclusion": "suspension",
  "fixed term": "suspension",
  "fixed term exclusion": "suspension",
  fixed: "suspension",
  fpe: "suspension",
  "permanent exclusion": "permanent_exclusion",
  permanent: "permanent_exclusion",
  pe: "permanent_exclusion",
  perm: "permanent_exclusion",
};

export function parseSuspensionType(value: string): SuspensionType | null {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  return TYPE_ALIASES[v] ?? ((SUSPENSION_TYPES as readonly string[]).includes(v) ? (v as SuspensionType) : null);
}

/** `YYYY-MM-DD` or `DD/MM/YYYY` (a real calendar date) → `YYYY-MM-DD`, or null. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A whole number of sessions, 0 or more (at most 1,000: a year has about 380). */
function parseSessions(value: string): number | null {
  const v = value.trim();
  if (!/^\d{1,4}$/.test(v)) return null;
  const n = Number(v);
  return n <= 1000 ? n : null;
}

/** One valid line of attendance.csv. */
export type AttendanceImportRow = {
  line: number;
  upn: string;
  academicYear: string;
  term: TermName;
  possible: number;
  attended: number;
  authorised: number;
  unauthorised: number;
};

/** One valid line of suspensions.csv. */
export type SuspensionImportRow = { line: number; upn: string; startDate: string; days: number; type: SuspensionType };

/** What the validators need to know of the database. */
export type AttendanceContext = {
  /** The UPNs of an academic year's pupils, or undefined when the school has no pupils that year. */
  pupilsOf: (academicYear: string) => { has(upn: string): boolean } | undefined;
};

export type SuspensionContext = {
  /** The academic year and term a date falls in, or null when it is in no term the school has. */
  termOf: (date: string) => { academicYear: string; term: TermName } | null;
  pupilsOf: AttendanceContext["pupilsOf"];
};

/** CSV text, or a table already read by lib/import/source (any encoding, delimiter or workbook sheet). */
export type AttendanceFile = string | CsvTable;

function readHeader(file: AttendanceFile) {
  const parsed = typeof file === "string" ? parseCsv(file) : { ok: true as const, table: file };
  if (!parsed.ok) return parsed;
  return { ok: true as const, table: { ...parsed.table, header: parsed.table.header.map(canonicalHeader) } };
}

/**
 * Parses and checks a whole attendance.csv (SPEC §4.5), MIS spellings of the columns accepted: every
 * upn a pupil of that academic year, whole numbers of sessions with attended + authorised +
 * unauthorised = possible, an `Attendance %` column (if any) agreeing with the sessions, one row per
 * pupil and term. Either every row comes back or every bad line with every reason.
 */
export function validateAttendanceCsv(text: AttendanceFile, ctx: AttendanceContext): Validated<AttendanceImportRow> {
  const parsed = readHeader(text);
  if (!parsed.ok) return parsed;
  const { header, records } = parsed.table;
  const head = checkHeader(header, ATTENDANCE_COLUMNS, ATTENDANCE_OPTIONAL_COLUMNS);
  if (!head.ok) return head;
  if (records.length === 0) return { ok: false, errors: [{ line: null, message: "The file has a header but no attendance rows." }] };
  const ix = head.index;
  const pctIx = ix["attendance_pct"];
  const problems = new LineProblems();
  const rows: AttendanceImportRow[] = [];
  const firstLineOf = new Map<string, number>();

  for (const { line, cells } of records) {
    const count = countProblem(cells, header.length);
    if (count) {
      problems.add(line, count);
      continue;
    }
    const get = (i: number) => cells[i] ?? "";
    const upn = parseUpn(get(ix.upn));
    if (!upn) problems.add(line, `upn ${shown(get(ix.upn))} is not a UPN (13 characters: a letter, 11 digits, then a digit or letter)`);
    const rawYear = get(ix.academic_year);
    const academicYear = rawYear.trim();
    let yearPupils: { has(upn: string): boolean } | undefined;
    if (parseAcademicYear(rawYear) === null) problems.add(line, `academic_year ${shown(rawYear)} is not an academic year like 2025-26`);
    else {
      yearPupils = ctx.pupilsOf(academicYear);
      if (!yearPupils) problems.add(line, `academic_year ${academicYear} has no pupils: import pupils.csv for ${academicYear} first`);
      else if (upn && !yearPupils.has(upn)) problems.add(line, `upn ${upn} is not a pupil in ${academicYear}`);
    }
    const term = parseTerm(get(ix.term));
    if (!term) problems.add(line, `term ${shown(get(ix.term))} is not autumn, spring or summer`);

    const numbers: Partial<Record<"possible" | "attended" | "authorised" | "unauthorised", number>> = {};
    for (const [key, col] of [
      ["possible", "possible_sessions"],
      ["attended", "attended_sessions"],
      ["authorised", "authorised_absence"],
      ["unauthorised", "unauthorised_absence"],
    ] as const) {
      const v = parseSessions(get(ix[col]));
      if (v === null) problems.add(line, `${col} ${shown(get(ix[col]))} is not a whole number of sessions (0 to 1000)`);
      else numbers[key] = v;
    }
    const { possible, attended, authorised, unauthorised } = numbers;
    let sessionsOk = possible !== undefined && attended !== undefined && authorised !== undefined && unauthorised !== undefined;
    if (sessionsOk && attended! + authorised! + unauthorised! !== possible) {
      problems.add(line, `attended_sessions + authorised_absence + unauthorised_absence is ${attended! + authorised! + unauthorised!}, not possible_sessions (${possible})`);
      sessionsOk = false;
    }
    if (pctIx !== undefined && get(pctIx).trim() !== "" && sessionsOk) {
      const raw = get(pctIx).trim().replace(/%$/, "");
      const given = Number(raw);
      if (raw === "" || !Number.isFinite(given)) problems.add(line, `attendance_pct ${shown(get(pctIx))} is not a percentage`);
      else {
        const actual = possible! > 0 ? (100 * attended!) / possible! : null;
        // MIS reports round or truncate to one or two decimals: anything within 0.1 agrees.
        if (actual === null || Math.abs(actual - given) > 0.1 + 1e-9) {
          problems.add(line, `attendance_pct ${raw} does not match the sessions (${actual === null ? "no possible sessions" : `${attended} of ${possible} is ${actual.toFixed(1)}%`})`);
          sessionsOk = false;
        }
      }
    }
    if (upn && yearPupils && term) {
      const k = `${upn}|${academicYear}|${term}`;
      const first = firstLineOf.get(k);
      if (first !== undefined) problems.add(line, `a second row for ${upn} in ${academicYear} ${term} (also on line ${first})`);
      else firstLineOf.set(k, line);
    }
    if (upn && yearPupils?.has(upn) && term && sessionsOk) {
      rows.push({ line, upn, academicYear, term, possible: possible!, attended: attended!, authorised: authorised!, unauthorised: unauthorised! });
    }
  }
  return problems.size ? { ok: false, errors: problems.toErrors() } : { ok: true, rows };
}

/**
 * Parses and checks a whole suspensions.csv (SPEC §4.5): dates as `YYYY-MM-DD` or `DD/MM/YYYY` inside a
 * term the school has, the upn a pupil in that term's academic year, days a positive number in half
 * days, the type `suspension` or `permanent_exclusion` (MIS words such as "Fixed Period" accepted), and
 * no pupil with two rows of the same type on the same date.
 */
export function validateSuspensionsCsv(text: AttendanceFile, ctx: SuspensionContext): Validated<SuspensionImportRow & { academicYear: string; term: TermName }> {
  const parsed = readHeader(text);
  if (!parsed.ok) return parsed;
  const { header, records } = parsed.table;
  const head = checkHeader(header, SUSPENSION_COLUMNS);
  if (!head.ok) return head;
  if (records.length === 0) return { ok: false, errors: [{ line: null, message: "The file has a header but no suspensions." }] };
  const ix = head.index;
  const problems = new LineProblems();
  const rows: (SuspensionImportRow & { academicYear: string; term: TermName })[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of records) {
    const count = countProblem(cells, header.length);
    if (count) {
      problems.add(line, count);
      continue;
    }
    const get = (c: (typeof SUSPENSION_COLUMNS)[number]) => cells[ix[c]] ?? "";
    const upn = parseUpn(get("upn"));
    if (!upn) problems.add(line, `upn ${shown(get("upn"))} is not a UPN (13 characters: a letter, 11 digits, then a digit or letter)`);
    const startDate = parseDate(get("start_date"));
    let when: { academicYear: string; term: TermName } | null = null;
    if (!startDate) problems.add(line, `start_date ${shown(get("start_date"))} is not a date like 2026-01-14 or 14/01/2026`);
    else {
      when = ctx.termOf(startDate);
      if (!when) problems.add(line, `start_date ${startDate} is not in any term of the school's academic years`);
      else {
        const yearPupils = ctx.pupilsOf(when.academicYear);
        if (!yearPupils) problems.add(line, `${when.academicYear} has no pupils: import pupils.csv for ${when.academicYear} first`);
        else if (upn && !yearPupils.has(upn)) problems.add(line, `upn ${upn} is not a pupil in ${when.academicYear}`);
      }
    }
    const rawDays = get("days").trim();
    const days = /^\d{1,3}(\.\d+)?$/.test(rawDays) ? Number(rawDays) : NaN;
    const daysOk = Number.isFinite(days) && days > 0 && days <= 200 && Number.isInteger(days * 2);
    if (!daysOk) problems.add(line, `days ${shown(get("days"))} is not a number of days (more than 0, in whole or half days)`);
    const type = parseSuspensionType(get("type"));
    if (!type) problems.add(line, `type ${shown(get("type"))} is not suspension or permanent_exclusion`);
    if (upn && startDate && type) {
      const k = `${upn}|${startDate}|${type}`;
      const first = firstLineOf.get(k);
      if (first !== undefined) problems.add(line, `a second ${type.replace("_", " ")} for ${upn} starting ${startDate} (also on line ${first})`);
      else firstLineOf.set(k, line);
    }
    if (upn && startDate && when && ctx.pupilsOf(when.academicYear)?.has(upn) && daysOk && type) {
      rows.push({ line, upn, startDate, days, type, academicYear: when.academicYear, term: when.term });
    }
  }
  return problems.size ? { ok: false, errors: problems.toErrors() } : { ok: true, rows };
}
