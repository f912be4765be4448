import { changePts } from "@/lib/analytics/attainment";
import { nationalNote as note, resultsYearOf, type NationalComparison } from "@/lib/analytics/national";

/** The difference between the school's % and the national %, in points to one decimal, or null. */
export function nationalDifference(r: NationalComparison): number | null {
  return changePts(r.schoolPct, r.nationalPct);
}

/** The note under a report's national comparison, for the report's term ("2025-26:summer"). */
export function nationalNote(rows: NationalComparison[], termKey: string): string {
  const [yearName = "", termName = ""] = termKey.split(":");
  return note(
    resultsYearOf(yearName, termName),
    rows.some((r) => !r.sameYear),
  );
}
