import type { NationalComparator, NationalData } from "@/db/national";
import type { PupilGroup } from "@/db/schema/enums";
import type { AttainmentRow } from "./attainment";

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
export function findComparator(data: NationalData, { keyStage, subject, group, resultsYear }: { keyStage: string; subject: string; group: string; resultsYear: number }): ComparatorMatch | null {
  const candidates = data.comparators.filter((c) => c.keyStage === keyStage && c.subject === subject && c.group === group && c.year <= resultsYear).sort((a, b) => b.year - a.year);
  const best = candidates[0];
  return best ? { ...best, sameYear: best.year === resultsYear } : null;
}

/** The calendar year a term's results belong to: summer 2025-26 → 2026. */
export function resultsYearOf(yearName: string, termName: string): number {
  const start = Number(yearName.slice(0, 4));
  return termName === "autumn" ? start : start + 1;
}

/** The pupil groups national figures are published for. */
const NATIONAL_GROUPS = ["all", "disadvantaged", "not_disadvantaged", "girls", "boys"] as const;

/** One school figure beside its national comparator, with the comparator's year and sources. */
export type NationalComparison = {
  yearGroup: string;
  keyStage: string;
  /** The statutory point in words, e.g. "Key stage 2 (end of Year 6)". */
  label: string;
  subject: string;
  group: PupilGroup;
  schoolPct: number | null;
  suppressed: boolean;
  nationalPct: number;
  nationalYear: number;
  /** False when the term's own year is not yet published and an earlier year's figure is shown. */
  sameYear: boolean;
  status: string;
  sources: string[];
};

/**
 * The school's % at expected beside the national figure, for every year group whose data is statutory
 * in this term (Year 6 in the summer for the primary scheme) and every subject and group a national
 * figure exists for. Empty when the term has no statutory data. Aggregates only.
 */
export function nationalComparisons(
  data: NationalData,
  {
    schemeId,
    yearName,
    termName,
    attainment,
  }: { schemeId: string; yearName: string; termName: string; attainment: Pick<AttainmentRow, "yearGroup" | "subject" | "group" | "atExpectedPct" | "suppressed">[] },
): NationalComparison[] {
  const resultsYear = resultsYearOf(yearName, termName);
  const out: NationalComparison[] = [];
  for (const row of attainment) {
    if (!(NATIONAL_GROUPS as readonly PupilGroup[]).includes(row.group)) continue;
    const point = statutoryPoint(data, { schemeId, yearGroup: row.yearGroup, termName });
    if (!point) continue;
    const c = findComparator(data, { keyStage: point.keyStage, subject: row.subject, group: row.group, resultsYear });
    if (!c) continue;
    out.push({
      yearGroup: row.yearGroup,
      keyStage: point.keyStage,
      label: point.label,
      subject: row.subject,
      group: row.group,
      schoolPct: row.suppressed ? null : row.atExpectedPct,
      // A withheld % at expected (all or none of a small group) is as hidden here as a suppressed row.
      suppressed: row.suppressed || row.atExpectedPct === null,
      nationalPct: c.value,
      nationalYear: c.year,
      sameYear: c.sameYear,
      status: c.status,
      sources: c.sources,
    });
  }
  return out;
}

/**
 * The sentence beside national figures: whose they are, and (when the results year's figures are not
 * yet published) that an earlier year's are shown with their year.
 */
export function nationalNote(resultsYear: number, older: boolean): string {
  return `National figures are for England (state-funded schools).${older ? ` ${resultsYear} national figures are not yet published, so the latest year available is shown, with its year.` : ""}`;
}
