import "@/lib/validation/zod";
import { z } from "zod";
import type { YearGroup } from "@/db/schema/enums";
import type { AssessmentScheme } from "@/lib/analytics/schemes";

/**
 * Column and value mapping for any import kind: each kind lists its fields (the column it needs, the
 * usual MIS spellings of its header, and how its values are read). Headers match case- and
 * space-insensitively in any column order; values go through the field's reader (which knows the usual
 * MIS spellings), and anything else through a saved or browser-made mapping: which column is which,
 * and how unknown values translate. Pure.
 */

/** How a field's values are read: the canonical choices (offered in the mapping step) and a reader. */
export type ValueSpec = {
  /** The canonical values, as stored and as offered when the user maps an unknown value. */
  choices: readonly string[];
  /** The usual spellings → the canonical value, or null when the value is not recognised. */
  read: (raw: string) => string | null;
  /** What a blank cell means (flags: "N"); undefined when a blank cell is a problem. */
  blank?: string;
  /** "Y or N", "F, M or X": for messages. */
  expected: string;
};

export type FieldSpec = {
  key: string;
  /** For people: "First name". */
  label: string;
  /** Header spellings, normalised (see normaliseHeader); the first is the field's own name. */
  aliases: readonly string[];
  required: boolean;
  values?: ValueSpec;
};

/**
 * A saved or browser-made mapping. `columns`: field key → the header as written in the file (matched
 * normalised). `values`: field key → a value as written (matched normalised) → the canonical value.
 */
export const importMappingSchema = z.object({
  columns: z.record(z.string().max(60), z.string().max(200)).default({}),
  values: z.record(z.string().max(60), z.record(z.string().max(200), z.string().max(60))).default({}),
});
export type ImportMapping = z.output<typeof importMappingSchema>;

export const EMPTY_MAPPING: ImportMapping = { columns: {}, values: {} };

/** "Legal_Surname " → "legal surname": lower case, underscores, dots and hyphens as spaces, spaces collapsed. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[_.\-/]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A value as compared: trimmed, lower case, inner spaces collapsed. */
function normaliseValue(v: string): string {
  return v.trim().toLowerCase().replace(/\s+/g, " ");
}

export type ResolvedColumns = {
  /** Field key → column index, for every field found. */
  index: Record<string, number>;
  /** Required fields with no column. */
  missing: FieldSpec[];
  /** Mapped headers the file does not have ("the mapping names the column X, which this file does not have"). */
  unknownMapped: { field: FieldSpec; header: string }[];
  /** Columns used for two fields, or a field's header written twice. */
  duplicates: string[];
};

/**
 * Finds each field's column: the mapping's choice first, then the field's aliases in order (so
 * `Legal Forename` wins over `Preferred Forename` when a file has both). A column is used for one field
 * only.
 */
export function resolveColumns(rawHeader: readonly string[], fields: readonly FieldSpec[], mapping: ImportMapping = EMPTY_MAPPING): ResolvedColumns {
  const norm = rawHeader.map(normaliseHeader);
  const used = new Set<number>();
  const index: Record<string, number> = {};
  const unknownMapped: ResolvedColumns["unknownMapped"] = [];
  const duplicates: string[] = [];
  const take = (field: FieldSpec, i: number) => {
    index[field.key] = i;
    used.add(i);
    if (norm.indexOf(norm[i]!) !== norm.lastIndexOf(norm[i]!)) duplicates.push(rawHeader[i]!);
  };
  // Mapped columns first, so a mapping can move a header away from the field it would match by name.
  for (const field of fields) {
    const mapped = mapping.columns[field.key];
    if (!mapped) continue;
    const i = norm.indexOf(normaliseHeader(mapped));
    if (i < 0) unknownMapped.push({ field, header: mapped });
    else if (used.has(i)) duplicates.push(rawHeader[i]!);
    else take(field, i);
  }
  for (const field of fields) {
    if (field.key in index || mapping.columns[field.key]) continue;
    for (const alias of field.aliases) {
      const i = norm.indexOf(alias);
      if (i >= 0 && !used.has(i)) {
        take(field, i);
        break;
      }
    }
  }
  const missing = fields.filter((f) => f.required && !(f.key in index));
  return { index, missing, unknownMapped, duplicates: [...new Set(duplicates)] };
}

/**
 * A cell's canonical value: the mapping's translation, else the field's reader, else (for a blank cell)
 * the field's blank value. Null when unknown.
 */
export function mapValue(field: FieldSpec, raw: string, mapping: ImportMapping = EMPTY_MAPPING): string | null {
  const spec = field.values;
  if (!spec) return raw.trim();
  const translations = mapping.values[field.key];
  if (translations) {
    const n = normaliseValue(raw);
    for (const [from, to] of Object.entries(translations)) if (normaliseValue(from) === n && spec.choices.includes(to)) return to;
  }
  if (raw.trim() === "") return spec.blank ?? null;
  return spec.read(raw);
}

/** What the mapping step needs to show: the file's columns, what was found, and the values not understood. */
export type MappingHelp = {
  header: string[];
  fields: { key: string; label: string; required: boolean; column: string | null; choices: string[] }[];
  /** Field key → distinct values not understood (at most 30 per field). */
  unknownValues: Record<string, string[]>;
};

export function mappingHelp(rawHeader: readonly string[], fields: readonly FieldSpec[], resolved: ResolvedColumns, unknownValues: Record<string, Set<string>>): MappingHelp {
  return {
    header: [...rawHeader],
    fields: fields.map((f) => ({
      key: f.key,
      label: f.label,
      required: f.required,
      column: f.key in resolved.index ? rawHeader[resolved.index[f.key]!]! : null,
      choices: [...(f.values?.choices ?? [])],
    })),
    unknownValues: Object.fromEntries(
      Object.entries(unknownValues)
        .filter(([, s]) => s.size > 0)
        .map(([k, s]) => [k, [...s].slice(0, 30)]),
    ),
  };
}

/** Notes an unknown value for the mapping step (at most 31 per field are kept). */
export function noteUnknown(into: Record<string, Set<string>>, field: string, raw: string) {
  const s = (into[field] ??= new Set());
  if (s.size <= 30) s.add(raw.trim());
}

/** "the header has no column for first name (Forename, Legal Forename, First Name…)". */
export function missingColumnsMessage(missing: readonly FieldSpec[]): string {
  const each = missing.map((f) => `${f.label} (for example ${f.aliases.slice(0, 3).map(titleCase).join(", ")})`);
  return `the header has no column for ${each.join("; ")}. Choose which column is which in the mapping step, or name a saved mapping`;
}

function titleCase(s: string) {
  return s
    .replace(/\b[a-z]/g, (c) => c.toUpperCase())
    .replace(/\bUpn\b/, "UPN")
    .replace(/\bFsm\b/, "FSM")
    .replace(/\bSen\b/, "SEN")
    .replace(/\bEal\b/, "EAL")
    .replace(/\bNc\b/, "NC")
    .replace(/\bPp\b/, "PP")
    .replace(/\bCla\b/, "CLA");
}

// ---- The usual MIS spellings of values ----------------------------------------------------------

const FLAG_WORDS: Record<string, "Y" | "N"> = { y: "Y", yes: "Y", true: "Y", "1": "Y", t: "Y", n: "N", no: "N", false: "N", "0": "N", f: "N" };

export const FLAG: ValueSpec = {
  choices: ["Y", "N"],
  read: (raw) => FLAG_WORDS[normaliseValue(raw)] ?? null,
  blank: "N",
  expected: "Y or N (also Yes/No, True/False, 1/0; blank is N)",
};

const GENDER_WORDS: Record<string, "F" | "M" | "X"> = { f: "F", female: "F", m: "M", male: "M", x: "X" };
export const GENDER: ValueSpec = {
  choices: ["F", "M", "X"],
  read: (raw) => GENDER_WORDS[normaliseValue(raw)] ?? null,
  expected: "F, M or X (also Female, Male)",
};

const SEN_WORDS: Record<string, "N" | "K" | "E"> = {
  n: "N",
  none: "N",
  "no special educational need": "N",
  "no sen": "N",
  k: "K",
  "sen support": "K",
  support: "K",
  e: "E",
  "ehc plan": "E",
  ehcp: "E",
  "education, health and care plan": "E",
  "education health and care plan": "E",
  statement: "E",
};
export const SEN: ValueSpec = {
  choices: ["N", "K", "E"],
  read: (raw) => SEN_WORDS[normaliseValue(raw)] ?? null,
  blank: "N",
  expected: "N, K or E (also SEN Support, EHC Plan, EHCP, No Special Educational Need; blank is N)",
};

const YEAR_GROUP_CHOICES = ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Y8", "Y9", "Y10", "Y11", "Y12", "Y13"] as const;

/** `R`, `Reception`, `YR`, `Year R`, `3`, `Y3`, `Year 3`, `NC Year 3`, `Year 03` → "R" | "Y1"…"Y13", or null. */
export function readYearGroup(raw: string): YearGroup | null {
  const v = normaliseValue(raw).replace(/^(national curriculum|nc|curriculum) /, "");
  if (v === "r" || v === "yr" || v === "reception" || v === "year r" || v === "rec") return "R";
  const m = /^(?:y|year ?)?0?(\d{1,2})$/.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 13 ? (`Y${n}` as YearGroup) : null;
}
export const YEAR_GROUP: ValueSpec = {
  choices: YEAR_GROUP_CHOICES,
  read: readYearGroup,
  expected: "a year group (R, Reception, 1 to 13, Y3, Year 3, NC Year 3)",
};

const PRIMARY_RESULT_WORDS: Record<string, string> = {
  pks: "PKS",
  "pre key stage": "PKS",
  "pre-key stage": "PKS",
  "pre key stage standard": "PKS",
  "pre-key stage standard": "PKS",
  wts: "WTS",
  "working towards": "WTS",
  "working towards the expected standard": "WTS",
  exs: "EXS",
  expected: "EXS",
  "expected standard": "EXS",
  "working at the expected standard": "EXS",
  "at expected": "EXS",
  gds: "GDS",
  "greater depth": "GDS",
  "working at greater depth": "GDS",
  "greater depth within the expected standard": "GDS",
  "working at greater depth within the expected standard": "GDS",
};

/** A result as the scheme spells it (EXS, 7, U) from the usual spellings, or null. */
export function readResult(scheme: AssessmentScheme, raw: string): string | null {
  const v = normaliseValue(raw);
  const direct = scheme.results.find((r) => r.toLowerCase() === v);
  if (direct) return direct;
  if (scheme.results.includes("EXS")) {
    const w = PRIMARY_RESULT_WORDS[v];
    if (w) return w;
    // The pre-key stage standards PK1–PK6 (and "PKF"…) all count as pre-key stage.
    if (/^pk[1-6f]$/.test(v)) return "PKS";
    return null;
  }
  const g = /^(?:grade )?([1-9]|u)$/.exec(v);
  if (g) return scheme.results.find((r) => r.toLowerCase() === g[1]) ?? null;
  if (v === "ungraded" || v === "unclassified") return scheme.results.includes("U") ? "U" : null;
  return null;
}

export function resultSpec(scheme: AssessmentScheme): ValueSpec {
  return {
    choices: scheme.results,
    read: (raw) => readResult(scheme, raw),
    expected: `a result of the school's scheme (${scheme.results.join(", ")}${scheme.results.includes("EXS") ? ", or Working towards, Expected, Greater depth, Pre-key stage" : ""})`,
  };
}
