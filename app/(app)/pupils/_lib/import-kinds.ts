import type { ImportInput } from "@/lib/validation/pupils";

/** One kind of file the import page takes, as its radio button shows it. */
export type ImportKindChoice = { value: ImportInput["kind"]; label: string; hint: string };

/**
 * What each kind of file holds, for the import page's first question. Built on the server (the
 * assessment hint names the school's own subjects and results), so the words are not in the page's script.
 */
export function importKindChoices(scheme: { subjects: readonly string[]; results: readonly string[]; hasTargets: boolean }): ImportKindChoice[] {
  const subjects = scheme.subjects.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(", ");
  return [
    {
      value: "assessments",
      label: "Assessment results",
      hint: `A marksheet with a column per subject (UPN, Surname, Forename, ${subjects}), or assessments.csv (upn, academic_year, term, subject, result${scheme.hasTargets ? ", optionally target" : ""}). Results: ${scheme.results.join(", ")}.`,
    },
    {
      value: "pupils",
      label: "Pupils",
      hint: "Your MIS's pupil export as it comes (for example UPN, Legal Surname, Legal Forename, Year, Reg Group, Gender, FSM Eligible, SEN Status, EAL), or pupils.csv.",
    },
    {
      value: "ctf",
      label: "Common Transfer File (CTF)",
      hint: "The DfE's XML transfer file from any MIS: pupils, their FSM, SEN, EAL and looked-after status, and the results it carries for the year.",
    },
    {
      value: "attendance",
      label: "Attendance (attendance.csv)",
      hint: "One row per pupil and term: upn, academic_year, term, possible_sessions, attended_sessions, authorised_absence, unauthorised_absence. MIS headings such as Possible Sessions and Attendance % are recognised.",
    },
    {
      value: "suspensions",
      label: "Suspensions and exclusions (suspensions.csv)",
      hint: "Columns upn, start_date (2026-01-14 or 14/01/2026), days, type (suspension or permanent_exclusion).",
    },
  ];
}
