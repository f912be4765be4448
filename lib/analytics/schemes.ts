/**
 * Assessment schemes as data: which subjects a school assesses, which results count as meeting the
 * expected standard and the higher standard, and the combined measure. A new scheme is a new entry,
 * not a fork of the analysis code.
 */
export type AssessmentScheme = {
  id: string;
  name: string;
  subjects: readonly string[];
  /** Every valid result code, lowest first. */
  results: readonly string[];
  expected: readonly string[];
  higher: readonly string[];
  /** The combined measure (e.g. rwm: reading, writing and maths), or null. */
  combined: { id: string; label: string; subjects: readonly string[] } | null;
  /** Whether results may carry a target grade. */
  hasTargets: boolean;
};

export const PRIMARY_SCHEME: AssessmentScheme = {
  id: "primary",
  name: "Primary teacher assessment (PKS, WTS, EXS, GDS)",
  subjects: ["reading", "writing", "maths", "science"],
  results: ["PKS", "WTS", "EXS", "GDS"],
  expected: ["EXS", "GDS"],
  higher: ["GDS"],
  combined: { id: "rwm", label: "Reading, writing and maths", subjects: ["reading", "writing", "maths"] },
  hasTargets: false,
};

export const SCHEMES: Record<string, AssessmentScheme> = { primary: PRIMARY_SCHEME };

export function getScheme(id: string): AssessmentScheme {
  const scheme = SCHEMES[id];
  if (!scheme) throw new Error(`Unknown assessment scheme ${id}`);
  return scheme;
}

export const SUBJECT_LABEL: Record<string, string> = {
  reading: "Reading",
  writing: "Writing",
  maths: "Maths",
  science: "Science",
  rwm: "Reading, writing and maths",
};
