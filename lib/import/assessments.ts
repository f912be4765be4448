import { TERM_NAMES, type TermName } from "@/db/schema/enums";
import type { AssessmentScheme } from "@/lib/analytics/schemes";
import { checkHeader, countProblem, LineProblems, parseAcademicYear, parseCsv, shown } from "./csv";
import { parseUpn, type Validated } from "./pupils";

/** SPEC §4.3's columns. A secondary school's file may add `target` (the pupil's target grade). */
export const ASSESSMENT_COLUMNS = ["upn", "academic_year", "term", "subject", "result"] as const;
export const ASSESSMENT_OPTIONAL_COLUMNS = ["target"] as const;

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

/** A result code in the scheme's own spelling (EXS, U, 7), or null. */
export function parseResult(scheme: AssessmentScheme, value: string): string | null {
  const v = value.trim().toUpperCase();
  return scheme.results.find((r) => r.toUpperCase() === v) ?? null;
}

export function parseTerm(value: string): TermName | null {
  const v = value.trim().toLowerCase();
  return (TERM_NAMES as readonly string[]).includes(v) ? (v as TermName) : null;
}

export function parseSubject(scheme: AssessmentScheme, value: string): string | null {
  const v = value.trim().toLowerCase();
  return scheme.subjects.includes(v) ? v : null;
}

/**
 * Parses and checks a whole assessments.csv (SPEC §4.3) against the school's scheme: term names, the
 * academic_year format, subjects and result codes of the scheme, every upn a pupil of that academic
 * year, and one result per pupil, term and subject. Either every row comes back normalised or every bad
 * line is listed with every reason.
 */
export function validateAssessmentsCsv(text: string, ctx: AssessmentContext): Validated<AssessmentImportRow> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const { header, records } = parsed.table;
  const head = checkHeader(header, ASSESSMENT_COLUMNS, ASSESSMENT_OPTIONAL_COLUMNS);
  if (!head.ok) return head;
  if (records.length === 0) return { ok: false, errors: [{ line: null, message: "The file has a header but no results." }] };
  const ix = head.index;
  const targetIx = ix["target"];
  const { scheme } = ctx;
  const problems = new LineProblems();
  const rows: AssessmentImportRow[] = [];
  const firstLineOf = new Map<string, number>();
  const resultList = scheme.results.join(", ");

  for (const { line, cells } of records) {
    const count = countProblem(cells, header.length);
    if (count) {
      problems.add(line, count);
      continue;
    }
    const get = (i: number) => cells[i] ?? "";
    const rawUpn = get(ix.upn);
    const upn = parseUpn(rawUpn);
    if (!upn) problems.add(line, `upn ${shown(rawUpn)} is not a UPN (13 characters: a letter, 11 digits, then a digit or letter)`);

    const rawYear = get(ix.academic_year);
    const yearOk = parseAcademicYear(rawYear) !== null;
    const academicYear = rawYear.trim();
    let yearPupils: { has(upn: string): boolean } | undefined;
    if (!yearOk) problems.add(line, `academic_year ${shown(rawYear)} is not an academic year like 2025-26`);
    else {
      yearPupils = ctx.pupilsOf(academicYear);
      if (!yearPupils) problems.add(line, `academic_year ${academicYear} has no pupils: import pupils.csv for ${academicYear} first`);
      else if (upn && !yearPupils.has(upn)) problems.add(line, `upn ${upn} is not a pupil in ${academicYear}`);
    }

    const term = parseTerm(get(ix.term));
    if (!term) problems.add(line, `term ${shown(get(ix.term))} is not autumn, spring or summer`);
    const subject = parseSubject(scheme, get(ix.subject));
    if (!subject) problems.add(line, `subject ${shown(get(ix.subject))} is not one of ${scheme.subjects.join(", ")}`);
    const result = parseResult(scheme, get(ix.result));
    if (!result) problems.add(line, `result ${shown(get(ix.result))} is not a result of the school's scheme (${resultList})`);

    let target: string | null = null;
    const rawTarget = targetIx === undefined ? "" : get(targetIx);
    if (rawTarget !== "") {
      if (!scheme.hasTargets) problems.add(line, `target ${shown(rawTarget)} given, but the school's scheme has no target grades`);
      else {
        target = parseResult(scheme, rawTarget);
        if (!target) problems.add(line, `target ${shown(rawTarget)} is not a grade of the school's scheme (${resultList})`);
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
  return problems.size ? { ok: false, errors: problems.toErrors() } : { ok: true, rows };
}
