import type { PupilGroup } from "@/db/schema/enums";

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

/**
 * GCSE grades 9–1 (and U) for secondary schools: termly working-at grades against each pupil's target
 * grade. Grade 4 is a "standard pass" (the expected standard), 7 and above the higher standard, and the
 * combined measure is "basics": grade 4 or above in both English and maths.
 */
export const SECONDARY_SCHEME: AssessmentScheme = {
  id: "secondary",
  name: "GCSE grades 9–1 against targets",
  subjects: ["english", "maths", "science", "history", "geography", "languages"],
  results: ["U", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  expected: ["4", "5", "6", "7", "8", "9"],
  higher: ["7", "8", "9"],
  combined: { id: "basics", label: "English and maths (grade 4 or above in both)", subjects: ["english", "maths"] },
  hasTargets: true,
};

const SCHEMES: Record<string, AssessmentScheme> = { primary: PRIMARY_SCHEME, secondary: SECONDARY_SCHEME };

export function getScheme(id: string): AssessmentScheme {
  const scheme = SCHEMES[id];
  if (!scheme) throw new Error(`Unknown assessment scheme ${id}`);
  return scheme;
}

const SUBJECT_LABEL: Record<string, string> = {
  reading: "Reading",
  writing: "Writing",
  maths: "Maths",
  science: "Science",
  rwm: "Reading, writing and maths",
  english: "English",
  history: "History",
  geography: "Geography",
  languages: "Languages",
  basics: "English and maths",
};

/** The pupil groups of SPEC §4.4 as headings. */
export const GROUP_LABEL: Record<PupilGroup, string> = {
  all: "All pupils",
  disadvantaged: "Disadvantaged",
  not_disadvantaged: "Not disadvantaged",
  sen: "SEN (support or EHCP)",
  eal: "EAL",
  girls: "Girls",
  boys: "Boys",
};

export { yearGroupLabel } from "@/lib/labels/year-group";

/** A subject's label for people, falling back to the code itself. */
export function subjectLabel(subject: string): string {
  return SUBJECT_LABEL[subject] ?? subject;
}

/** Every subject the analysis reports for a scheme: its subjects, then its combined measure. */
export function analysisSubjects(scheme: AssessmentScheme): string[] {
  return [...scheme.subjects, ...(scheme.combined ? [scheme.combined.id] : [])];
}

/** How the expected and higher standards are named under each scheme. */
const STANDARD_LABELS: Record<string, { expected: string; higher: string }> = {
  primary: { expected: "Expected standard", higher: "Greater depth" },
  secondary: { expected: "Grade 4 or above", higher: "Grade 7 or above" },
};

export function standardLabels(scheme: AssessmentScheme) {
  return STANDARD_LABELS[scheme.id] ?? { expected: "Expected standard", higher: "Higher standard" };
}

/** A result's rank in its scheme (lowest 0), or -1 when it is not one of the scheme's results. */
export function resultRank(scheme: AssessmentScheme, result: string): number {
  return scheme.results.indexOf(result);
}
