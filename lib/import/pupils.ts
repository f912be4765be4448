import type { YearGroup } from "@/db/schema/enums";
import { countProblem, LineProblems, shown, type CsvTable, type LineError } from "./csv";
import {
  EMPTY_MAPPING,
  FLAG,
  GENDER,
  mapValue,
  mappingHelp,
  missingColumnsMessage,
  noteUnknown,
  readYearGroup,
  resolveColumns,
  SEN,
  YEAR_GROUP,
  type FieldSpec,
  type ImportMapping,
  type MappingHelp,
} from "./mapping";
import { sourceFromText } from "./source";

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

/** `R`, `1`–`13`, `Y6`, `Year 6`, `NC Year 6` (also `Reception`, `YR`) → "R" | "Y1"…"Y13", or null. */
export const parseYearGroup = readYearGroup;

/** `Y`/`N`, `Yes`/`No`, `True`/`False`, `1`/`0` (any case) → boolean, or null (a blank cell too). */
export function parseFlag(value: string): boolean | null {
  const v = FLAG.read(value);
  return v === null ? null : v === "Y";
}

export function parseGender(value: string): "F" | "M" | "X" | null {
  return GENDER.read(value) as "F" | "M" | "X" | null;
}

export function parseSen(value: string): "N" | "K" | "E" | null {
  return SEN.read(value) as "N" | "K" | "E" | null;
}

const NAME_MAX = 100;
const CLASS_MAX = 60;

/** The pupil fields an import reads, with the usual MIS spellings of their headers (normalised). */
export const PUPIL_FIELDS: readonly FieldSpec[] = [
  { key: "upn", label: "UPN", aliases: ["upn", "unique pupil number", "pupil upn"], required: true },
  { key: "first_name", label: "first name", aliases: ["first name", "forename", "legal forename", "first names", "given name", "preferred forename", "firstname"], required: true },
  { key: "last_name", label: "last name", aliases: ["last name", "surname", "legal surname", "family name", "preferred surname", "lastname"], required: true },
  { key: "year_group", label: "year group", aliases: ["year group", "year", "nc year", "curriculum year", "national curriculum year", "yeargroup", "ncy"], required: true, values: YEAR_GROUP },
  { key: "class", label: "class", aliases: ["class", "reg group", "registration group", "form", "reg", "tutor group", "form group"], required: false },
  { key: "gender", label: "gender", aliases: ["gender", "sex"], required: true, values: GENDER },
  {
    key: "disadvantaged",
    label: "disadvantaged (pupil premium)",
    aliases: ["disadvantaged", "pupil premium", "pupil premium indicator", "pp", "pupil premium eligible"],
    required: false,
    values: FLAG,
  },
  { key: "fsm", label: "FSM", aliases: ["fsm", "fsm eligible", "eligible for fsm", "free school meals", "fsm eligibility", "free meals", "free school meal eligible"], required: false, values: FLAG },
  { key: "sen", label: "SEN", aliases: ["sen", "sen status", "sen provision", "send", "send status"], required: false, values: SEN },
  { key: "eal", label: "EAL", aliases: ["eal", "english as an additional language"], required: false, values: FLAG },
  { key: "looked_after", label: "looked after", aliases: ["looked after", "in care", "cla", "lac", "looked after child"], required: false, values: FLAG },
];

/**
 * Optional pupil fields. A file without one keeps existing pupils' values; new pupils get N (no class;
 * disadvantaged when eligible for FSM or looked after).
 */
export type PupilOptionalField = "class" | "disadvantaged" | "fsm" | "sen" | "eal" | "looked_after";

export type ValidatedPupils = { ok: true; rows: PupilImportRow[]; absent: PupilOptionalField[] } | { ok: false; errors: LineError[]; mapping?: MappingHelp };

/**
 * Parses and checks a whole pupils.csv (SPEC §4.2). Either every row is valid and comes back
 * normalised, or the result lists every bad line with every reason, so the school can fix the file in
 * one go. Pure: whether pupils already exist is decided later, against the database.
 */
export function validatePupilsCsv(text: string, mapping?: ImportMapping): ValidatedPupils {
  const source = sourceFromText(text);
  if (!source.ok) return { ok: false, errors: source.errors };
  if (source.kind !== "table") return { ok: false, errors: [{ line: null, message: "This is an XML file: import it as a Common Transfer File." }] };
  return validatePupilsTable(source.table, mapping);
}

/**
 * Checks a pupil table from any source (SPEC §4.2's columns, or an MIS export's own headers and values
 * through the usual spellings and the mapping). Columns are found by name in any order; a file
 * without disadvantaged, fsm, sen, eal, looked_after or class columns is accepted (see
 * PupilOptionalField). Unknown columns and values come back with what the mapping step needs.
 */
export function validatePupilsTable(table: CsvTable, mapping: ImportMapping = EMPTY_MAPPING): ValidatedPupils {
  const { rawHeader, records } = table;
  const resolved = resolveColumns(rawHeader, PUPIL_FIELDS, mapping);
  const headErrors: LineError[] = [];
  if (resolved.unknownMapped.length) {
    headErrors.push({ line: 1, message: `the mapping names ${resolved.unknownMapped.map((u) => `"${u.header}" for ${u.field.label}`).join(", ")}, but the file has no such column` });
  }
  if (resolved.missing.length) headErrors.push({ line: 1, message: missingColumnsMessage(resolved.missing) });
  if (resolved.duplicates.length) headErrors.push({ line: 1, message: `the header has the column${resolved.duplicates.length > 1 ? "s" : ""} ${resolved.duplicates.join(", ")} more than once` });
  if (headErrors.length) return { ok: false, errors: headErrors, mapping: mappingHelp(rawHeader, PUPIL_FIELDS, resolved, {}) };
  if (records.length === 0) return { ok: false, errors: [{ line: null, message: "The file has a header but no pupils." }] };
  const ix = resolved.index;
  const field = Object.fromEntries(PUPIL_FIELDS.map((f) => [f.key, f])) as Record<string, FieldSpec>;
  const absent = (["class", "disadvantaged", "fsm", "sen", "eal", "looked_after"] as const).filter((k) => !(k in ix));
  const problems = new LineProblems();
  const unknown: Record<string, Set<string>> = {};
  const rows: PupilImportRow[] = [];
  const firstLineOf = new Map<string, number>();

  for (const { line, cells } of records) {
    const count = countProblem(cells, rawHeader.length);
    if (count) {
      problems.add(line, count);
      continue;
    }
    const get = (c: string) => (c in ix ? (cells[ix[c]!] ?? "") : "");
    const value = (c: string): string | null => {
      const f = field[c]!;
      if (!(c in ix)) return f.values?.blank ?? "";
      const raw = get(c);
      const v = mapValue(f, raw, mapping);
      if (v === null) {
        problems.add(line, `${c} ${shown(raw)} is not ${f.values!.expected}`);
        if (raw.trim() !== "") noteUnknown(unknown, c, raw);
      }
      return v;
    };
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
    const yearGroup = value("year_group") as YearGroup | null;
    const className = get("class");
    if (className.length > CLASS_MAX) problems.add(line, `class is longer than ${CLASS_MAX} characters`);
    const gender = value("gender") as PupilImportRow["gender"] | null;
    const flags = {} as Record<"disadvantaged" | "fsm" | "eal" | "looked_after", boolean>;
    for (const f of ["disadvantaged", "fsm", "eal", "looked_after"] as const) {
      const v = value(f);
      if (v !== null) flags[f] = v === "Y";
    }
    // Without a pupil premium column, a new pupil is disadvantaged when eligible for FSM or looked after
    // (pupils already on roll keep theirs: see PupilOptionalField).
    if (absent.includes("disadvantaged") && flags.fsm !== undefined && flags.looked_after !== undefined) flags.disadvantaged = flags.fsm || flags.looked_after;
    const sen = value("sen") as PupilImportRow["sen"] | null;

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
  if (!problems.size) return { ok: true, rows, absent };
  const hasUnknown = Object.keys(unknown).length > 0;
  return { ok: false, errors: problems.toErrors(), ...(hasUnknown ? { mapping: mappingHelp(rawHeader, PUPIL_FIELDS, resolved, unknown) } : {}) };
}
