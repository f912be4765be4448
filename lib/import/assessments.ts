import { TERM_NAMES, type TermName } from "@/db/schema/enums";
import type { AssessmentScheme } from "@/lib/analytics/schemes";
import { subjectLabel } from "@/lib/analytics/schemes";
import { countProblem, LineProblems, parseAcademicYear, shown, type CsvTable, type LineError } from "./csv";
import { EMPTY_MAPPING, mapValue, mappingHelp, missingColumnsMessage, normaliseHeader, noteUnknown, resolveColumns, resultSpec, type FieldSpec, type ImportMapping, type MappingHelp } from "./mapping";
import { parseUpn, PUPIL_FIELDS } from "./pupils";
import { sourceFromText } from "./source";

/** SPEC §4.3's columns. A secondary school's file may add `target` (the pupil's target grade). */
const ASSESSMENT_COLUMNS = ["upn", "academic_year", "term", "subject", "result"] as const;

/** One valid line of assessments.csv, normalised to the scheme's codes. */
export type AssessmentImportRow = {
  line: number;
  upn: string;
  academicYear: string;
  term: TermName;
  subject: string;
  result: string;
  /** The target grade; null for an empty cell; undefined when the file has no target column (targets untouched). */
  target?: string | null;
};

/** What the validator needs to know of the database: the UPNs of each academic year's pupils. */
export type AssessmentContext = {
  scheme: AssessmentScheme;
  /** The UPNs of the pupils of an academic year, or undefined when the school has no such year. */
  pupilsOf: (academicYear: string) => { has(upn: string): boolean } | undefined;
};

export function parseTerm(value: string): TermName | null {
  const v = value.trim().toLowerCase();
  return (TERM_NAMES as readonly string[]).includes(v) ? (v as TermName) : null;
}

function parseSubject(scheme: AssessmentScheme, value: string): string | null {
  const v = value.trim().toLowerCase();
  return scheme.subjects.includes(v) ? v : null;
}

/** SPEC §4.3's columns as fields (the long format: one line per pupil, term and subject). */
function longFields(scheme: AssessmentScheme): FieldSpec[] {
  return [
    { key: "upn", label: "UPN", aliases: ["upn", "unique pupil number", "pupil upn"], required: true },
    { key: "academic_year", label: "academic year", aliases: ["academic year"], required: true },
    { key: "term", label: "term", aliases: ["term"], required: true },
    { key: "subject", label: "subject", aliases: ["subject"], required: true },
    { key: "result", label: "result", aliases: ["result", "grade"], required: true, values: resultSpec(scheme) },
    { key: "target", label: "target", aliases: ["target", "target grade"], required: false, values: { ...resultSpec(scheme), blank: "" } },
  ];
}

/** Whether a header is SPEC §4.3's long format (it has subject and result columns) rather than a marksheet. */
export function isLongFormat(rawHeader: readonly string[], mapping: ImportMapping = EMPTY_MAPPING): boolean {
  const norm = rawHeader.map(normaliseHeader);
  const has = (key: string, name: string) => (mapping.columns[key] ? norm.includes(normaliseHeader(mapping.columns[key]!)) : norm.includes(name));
  return has("subject", "subject") && (has("result", "result") || has("result", "grade"));
}

export type ValidatedAssessments =
  | {
      ok: true;
      rows: AssessmentImportRow[];
      /** A marksheet's columns that are neither a subject nor a pupil detail (names, class…): not read. */
      unread?: string[];
      /** What the mapping step needs, so a marksheet's columns can be matched differently. */
      mapping?: MappingHelp;
    }
  | { ok: false; errors: LineError[]; mapping?: MappingHelp };

function headerErrors(resolved: ReturnType<typeof resolveColumns>): LineError[] {
  const errors: LineError[] = [];
  if (resolved.unknownMapped.length) {
    errors.push({ line: 1, message: `the mapping names ${resolved.unknownMapped.map((u) => `"${u.header}" for ${u.field.label}`).join(", ")}, but the file has no such column` });
  }
  if (resolved.duplicates.length) errors.push({ line: 1, message: `the header has the column${resolved.duplicates.length > 1 ? "s" : ""} ${resolved.duplicates.join(", ")} more than once` });
  return errors;
}

/** Parses a whole assessments.csv's text (SPEC §4.3) and checks it: see validateAssessmentsTable. */
export function validateAssessmentsCsv(text: string, ctx: AssessmentContext, mapping?: ImportMapping): ValidatedAssessments {
  const source = sourceFromText(text);
  if (!source.ok) return { ok: false, errors: source.errors };
  if (source.kind !== "table") return { ok: false, errors: [{ line: null, message: "This is an XML file: import it as a Common Transfer File." }] };
  return validateAssessmentsTable(source.table, ctx, mapping);
}

/**
 * Checks an assessments table in SPEC §4.3's long format against the school's scheme: term names, the
 * academic_year format, subjects and result codes of the scheme (or their usual spellings), every upn a
 * pupil of that academic year, and one result per pupil, term and subject. Either every row comes back
 * normalised or every bad line is listed with every reason.
 */
export function validateAssessmentsTable(table: CsvTable, ctx: AssessmentContext, mapping: ImportMapping = EMPTY_MAPPING): ValidatedAssessments {
  const { rawHeader, records } = table;
  const { scheme } = ctx;
  const fields = longFields(scheme);
  const resolved = resolveColumns(rawHeader, fields, mapping);
  const head = headerErrors(resolved);
  if (resolved.missing.length) {
    const missing = resolved.missing.map((f) => f.key);
    head.unshift({
      line: 1,
      message: `the header is missing the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (expected ${ASSESSMENT_COLUMNS.join(",")}, or a marksheet with a column per subject)`,
    });
  }
  if (head.length) return { ok: false, errors: head, mapping: mappingHelp(rawHeader, fields, resolved, {}) };
  if (records.length === 0) return { ok: false, errors: [{ line: null, message: "The file has a header but no results." }] };
  const ix = resolved.index;
  const targetIx = ix["target"];
  const resultField = fields.find((f) => f.key === "result")!;
  const targetField = fields.find((f) => f.key === "target")!;
  const problems = new LineProblems();
  const unknown: Record<string, Set<string>> = {};
  const rows: AssessmentImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  const resultList = scheme.results.join(", ");

  for (const { line, cells } of records) {
    const count = countProblem(cells, rawHeader.length);
    if (count) {
      problems.add(line, count);
      continue;
    }
    const get = (i: number) => cells[i] ?? "";
    const rawUpn = get(ix.upn!);
    const upn = parseUpn(rawUpn);
    if (!upn) problems.add(line, `upn ${shown(rawUpn)} is not a UPN (13 characters: a letter, 11 digits, then a digit or letter)`);

    const rawYear = get(ix.academic_year!);
    const yearOk = parseAcademicYear(rawYear) !== null;
    const academicYear = rawYear.trim();
    let yearPupils: { has(upn: string): boolean } | undefined;
    if (!yearOk) problems.add(line, `academic_year ${shown(rawYear)} is not an academic year like 2025-26`);
    else {
      yearPupils = ctx.pupilsOf(academicYear);
      if (!yearPupils) problems.add(line, `academic_year ${academicYear} has no pupils: import pupils.csv for ${academicYear} first`);
      else if (upn && !yearPupils.has(upn)) problems.add(line, `upn ${upn} is not a pupil in ${academicYear}`);
    }

    const term = parseTerm(get(ix.term!));
    if (!term) problems.add(line, `term ${shown(get(ix.term!))} is not autumn, spring or summer`);
    const subject = parseSubject(scheme, get(ix.subject!));
    if (!subject) problems.add(line, `subject ${shown(get(ix.subject!))} is not one of ${scheme.subjects.join(", ")}`);
    const rawResult = get(ix.result!);
    const result = mapValue(resultField, rawResult, mapping);
    if (!result) {
      problems.add(line, `result ${shown(rawResult)} is not a result of the school's scheme (${resultList})`);
      if (rawResult.trim()) noteUnknown(unknown, "result", rawResult);
    }

    let target: string | null = null;
    const rawTarget = targetIx === undefined ? "" : get(targetIx);
    if (rawTarget !== "") {
      if (!scheme.hasTargets) problems.add(line, `target ${shown(rawTarget)} given, but the school's scheme has no target grades`);
      else {
        target = mapValue(targetField, rawTarget, mapping) || null;
        if (!target) {
          problems.add(line, `target ${shown(rawTarget)} is not a grade of the school's scheme (${resultList})`);
          noteUnknown(unknown, "target", rawTarget);
        }
      }
    }

    if (upn && yearOk && term && subject) {
      const k = `${upn}|${academicYear}|${term}|${subject}`;
      const first = firstLineOf.get(k);
      if (first !== undefined) problems.add(line, `a second ${subject} result for ${upn} in ${academicYear} ${term} (also on line ${first})`);
      else firstLineOf.set(k, line);
    }
    if (upn && yearPupils?.has(upn) && term && subject && result && (rawTarget === "" || target)) {
      rows.push({ line, upn, academicYear, term, subject, result, ...(targetIx === undefined ? {} : { target }) });
    }
  }
  if (!problems.size) return { ok: true, rows };
  return { ok: false, errors: problems.toErrors(), ...(Object.keys(unknown).length ? { mapping: mappingHelp(rawHeader, fields, resolved, unknown) } : {}) };
}

/** Other spellings of the scheme's subjects in marksheet headers (normalised). */
const SUBJECT_ALIASES: Record<string, readonly string[]> = {
  reading: ["reading", "read", "english reading", "reading ta", "ks2 reading", "reading teacher assessment"],
  writing: ["writing", "write", "english writing", "writing ta", "ks2 writing", "writing teacher assessment"],
  maths: ["maths", "mathematics", "math", "maths ta", "ks2 maths", "maths teacher assessment"],
  science: ["science", "science ta", "ks2 science", "science teacher assessment"],
  english: ["english", "english language", "english literature"],
  history: ["history"],
  geography: ["geography"],
  languages: ["languages", "mfl", "modern foreign languages", "french", "spanish", "german"],
};

/** A marksheet's fields: the UPN and one optional column per subject of the scheme. */
function marksheetFields(scheme: AssessmentScheme): FieldSpec[] {
  return [
    { key: "upn", label: "UPN", aliases: ["upn", "unique pupil number", "pupil upn"], required: true },
    ...scheme.subjects.map((s) => ({ key: s, label: subjectLabel(s), aliases: SUBJECT_ALIASES[s] ?? [s], required: false, values: { ...resultSpec(scheme), blank: "" } })),
  ];
}

/**
 * Checks a wide marksheet (one row per pupil, a column per subject: `UPN, Surname, Forename, Reading,
 * Writing, Maths, Science`) for one academic year and term: each non-blank subject cell becomes a
 * result of SPEC §4.3's shape. Columns that are not subjects (names, classes) are ignored; a blank cell
 * is no result. Every upn must be a pupil of that year, each once.
 */
export function validateMarksheetTable(table: CsvTable, ctx: AssessmentContext & { academicYear: string; term: TermName }, mapping: ImportMapping = EMPTY_MAPPING): ValidatedAssessments {
  const { rawHeader, records } = table;
  const { scheme, academicYear, term } = ctx;
  const fields = marksheetFields(scheme);
  const resolved = resolveColumns(rawHeader, fields, mapping);
  const head = headerErrors(resolved);
  if (resolved.missing.length) head.unshift({ line: 1, message: missingColumnsMessage(resolved.missing) });
  const subjectCols = scheme.subjects.filter((s) => s in resolved.index);
  if (!resolved.missing.length && subjectCols.length === 0) {
    head.push({
      line: 1,
      message: `the header has no subject column: a marksheet needs columns named after the scheme's subjects (${scheme.subjects.map(subjectLabel).join(", ")}), or choose them in the mapping step`,
    });
  }
  if (head.length) return { ok: false, errors: head, mapping: mappingHelp(rawHeader, fields, resolved, {}) };
  if (records.length === 0) return { ok: false, errors: [{ line: null, message: "The file has a header but no pupils." }] };
  const yearPupils = ctx.pupilsOf(academicYear);
  if (!yearPupils) return { ok: false, errors: [{ line: null, message: `${academicYear} has no pupils: import the pupils for ${academicYear} first` }] };
  const ix = resolved.index;
  const problems = new LineProblems();
  const unknown: Record<string, Set<string>> = {};
  const rows: AssessmentImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  const resultList = scheme.results.join(", ");
  for (const { line, cells } of records) {
    const count = countProblem(cells, rawHeader.length);
    if (count) {
      problems.add(line, count);
      continue;
    }
    const rawUpn = cells[ix.upn!] ?? "";
    const upn = parseUpn(rawUpn);
    if (!upn) problems.add(line, `UPN ${shown(rawUpn)} is not a UPN (13 characters: a letter, 11 digits, then a digit or letter)`);
    else if (!yearPupils.has(upn)) problems.add(line, `UPN ${upn} is not a pupil in ${academicYear}`);
    else {
      const first = firstLineOf.get(upn);
      if (first !== undefined) problems.add(line, `UPN ${upn} appears twice (also on line ${first})`);
      else firstLineOf.set(upn, line);
    }
    for (const subject of subjectCols) {
      const field = fields.find((f) => f.key === subject)!;
      const raw = cells[ix[subject]!] ?? "";
      const result = mapValue(field, raw, mapping);
      if (result === null) {
        problems.add(line, `${rawHeader[ix[subject]!]} ${shown(raw)} is not a result of the school's scheme (${resultList})`);
        noteUnknown(unknown, subject, raw);
      } else if (result !== "" && upn && yearPupils.has(upn)) {
        rows.push({ line, upn, academicYear, term, subject, result });
      }
    }
  }
  if (!problems.size) {
    const used = new Set(Object.values(ix));
    const details = new Set(PUPIL_FIELDS.flatMap((f) => f.aliases).concat(["name", "full name", "pupil name", "dob", "date of birth"]));
    const unread = rawHeader.filter((h, i) => h.trim() !== "" && !used.has(i) && !details.has(normaliseHeader(h)));
    return { ok: true, rows, unread, mapping: mappingHelp(rawHeader, fields, resolved, {}) };
  }
  return { ok: false, errors: problems.toErrors(), ...(Object.keys(unknown).length ? { mapping: mappingHelp(rawHeader, fields, resolved, unknown) } : {}) };
}
