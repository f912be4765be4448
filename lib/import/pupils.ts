import type { YearGroup } from "@/db/schema/enums";
import { checkHeader, countProblem, LineProblems, parseCsv, shown, type LineError } from "./csv";

/** SPEC §4.2's columns, in the order the header names them. */
export const PUPIL_COLUMNS = ["upn", "first_name", "last_name", "year_group", "class", "gender", "disadvantaged", "fsm", "sen", "eal", "looked_after"] as const;

/** One valid line of pupils.csv, normalised. */
export type PupilImportRow = {
  line: number;
  upn: string;
  firstName: string;
  lastName: string;
  yearGroup: YearGroup;
  /** null when the class cell is empty (a pupil not yet placed in a class). */
  className: string | null;
  gender: "F" | "M" | "X";
  disadvantaged: boolean;
  fsm: boolean;
  sen: "N" | "K" | "E";
  eal: boolean;
  lookedAfter: boolean;
};

export type Validated<R> = { ok: true; rows: R[] } | { ok: false; errors: LineError[] };

/**
 * A unique pupil number: 13 characters, a letter then 11 digits then a digit or (for a temporary UPN) a
 * letter. Case is normalised to upper.
 */
export function parseUpn(value: string): string | null {
  const v = value.trim().toUpperCase();
  return /^[A-Z]\d{11}[0-9A-Z]$/.test(v) ? v : null;
}

/** `R`, `1`–`13`, `Y6`, `Year 6` (also `Reception`, `YR`) → "R" | "Y1"…"Y13", or null. */
export function parseYearGroup(value: string): YearGroup | null {
  const v = value.trim().toLowerCase().replace(/\s+/g, " ");
  if (v === "r" || v === "yr" || v === "reception" || v === "year r") return "R";
  const m = /^(?:y|year ?)?(\d{1,2})$/.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 13 ? (`Y${n}` as YearGroup) : null;
}

/** `Y`/`N` (either case) → boolean, or null. */
export function parseFlag(value: string): boolean | null {
  const v = value.trim().toUpperCase();
  return v === "Y" ? true : v === "N" ? false : null;
}

export function parseGender(value: string): "F" | "M" | "X" | null {
  const v = value.trim().toUpperCase();
  return v === "F" || v === "M" || v === "X" ? v : null;
}

export function parseSen(value: string): "N" | "K" | "E" | null {
  const v = value.trim().toUpperCase();
  return v === "N" || v === "K" || v === "E" ? v : null;
}

const NAME_MAX = 100;
const CLASS_MAX = 60;

/**
 * Parses and checks a whole pupils.csv (SPEC §4.2). Either every row is valid and comes back
 * normalised, or the result lists every bad line with every reason, so the school can fix the file in
 * one go. Pure: whether pupils already exist is decided later, against the database.
 */
export function validatePupilsCsv(text: string): Validated<PupilImportRow> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const { header, records } = parsed.table;
  const head = checkHeader(header, PUPIL_COLUMNS);
  if (!head.ok) return head;
  if (records.length === 0) return { ok: false, errors: [{ line: null, message: "The file has a header but no pupils." }] };
  const ix = head.index;
  const problems = new LineProblems();
  const rows: PupilImportRow[] = [];
  const firstLineOf = new Map<string, number>();

  for (const { line, cells } of records) {
    const count = countProblem(cells, header.length);
    if (count) {
      problems.add(line, count);
      continue;
    }
    const get = (c: (typeof PUPIL_COLUMNS)[number]) => cells[ix[c]] ?? "";
    const upn = parseUpn(get("upn"));
    if (!upn) problems.add(line, `upn ${shown(get("upn"))} is not a UPN (13 characters: a letter, 11 digits, then a digit or letter)`);
    else {
      const first = firstLineOf.get(upn);
      if (first !== undefined) problems.add(line, `upn ${upn} appears twice (also on line ${first})`);
      else firstLineOf.set(upn, line);
    }
    const firstName = get("first_name");
    const lastName = get("last_name");
    if (!firstName) problems.add(line, "first_name is empty");
    else if (firstName.length > NAME_MAX) problems.add(line, `first_name is longer than ${NAME_MAX} characters`);
    if (!lastName) problems.add(line, "last_name is empty");
    else if (lastName.length > NAME_MAX) problems.add(line, `last_name is longer than ${NAME_MAX} characters`);
    const yearGroup = parseYearGroup(get("year_group"));
    if (!yearGroup) problems.add(line, `year_group ${shown(get("year_group"))} is not a year group (use R, 1 to 13, Y6 or Year 6)`);
    const className = get("class");
    if (className.length > CLASS_MAX) problems.add(line, `class is longer than ${CLASS_MAX} characters`);
    const gender = parseGender(get("gender"));
    if (!gender) problems.add(line, `gender ${shown(get("gender"))} is not F, M or X`);
    const flags = {} as Record<"disadvantaged" | "fsm" | "eal" | "looked_after", boolean>;
    for (const f of ["disadvantaged", "fsm", "eal", "looked_after"] as const) {
      const v = parseFlag(get(f));
      if (v === null) problems.add(line, `${f} ${shown(get(f))} is not Y or N`);
      else flags[f] = v;
    }
    const sen = parseSen(get("sen"));
    if (!sen) problems.add(line, `sen ${shown(get("sen"))} is not N, K or E`);

    if (upn && firstName && lastName && yearGroup && gender && sen && Object.keys(flags).length === 4) {
      rows.push({
        line,
        upn,
        firstName,
        lastName,
        yearGroup,
        className: className || null,
        gender,
        disadvantaged: flags.disadvantaged,
        fsm: flags.fsm,
        sen,
        eal: flags.eal,
        lookedAfter: flags.looked_after,
      });
    }
  }
  return problems.size ? { ok: false, errors: problems.toErrors() } : { ok: true, rows };
}
