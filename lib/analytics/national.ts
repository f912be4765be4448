import type { NationalComparator, NationalData } from "@/db/national";

export type StatutoryPoint = NationalData["statutory"][number];

/**
 * The statutory assessment point a term's year group reaches under a scheme (Year 6 in the summer for
 * the primary scheme: key stage 2), or null when the term's data for that year group is not statutory.
 */
export function statutoryPoint(data: NationalData, { schemeId, yearGroup, termName }: { schemeId: string; yearGroup: string; termName: string }): StatutoryPoint | null {
  return data.statutory.find((s) => s.scheme === schemeId && s.yearGroup === yearGroup && s.term === termName) ?? null;
}

/** A national figure to show beside the school's, with the year it is for and whether it is that year's. */
export type ComparatorMatch = NationalComparator & { sameYear: boolean };

/**
 * The national % for a measure: that results year's figure if published, otherwise the latest earlier
 * one (labelled with its own year, so nobody mistakes 2025's national figure for 2026's).
 */
export function findComparator(
  data: NationalData,
  { keyStage, subject, group, resultsYear }: { keyStage: string; subject: string; group: string; resultsYear: number },
): ComparatorMatch | null {
  const candidates = data.comparators
    .filter((c) => c.keyStage === keyStage && c.subject === subject && c.group === group && c.year <= resultsYear)
    .sort((a, b) => b.year - a.year);
  const best = candidates[0];
  return best ? { ...best, sameYear: best.year === resultsYear } : null;
}

/** The calendar year a term's results belong to: summer 2025-26 → 2026. */
export function resultsYearOf(yearName: string, termName: string): number {
  const start = Number(yearName.slice(0, 4));
  return termName === "autumn" ? start : start + 1;
}
