import "server-only";
import type { DbOrTx } from "@/db/client";
import { getAttainmentCached, type AttainmentCache } from "@/lib/data/attainment";
import { getSchoolScheme, listTerms, type TermWithYear } from "@/lib/data/school";
import type { AttainmentRow, GapRow } from "@/lib/analytics/attainment";
import { NATIONAL } from "@/db/national";
import { nationalComparisons, type NationalComparison } from "@/lib/analytics/national";
import type { TrendPoint } from "../types";

/** How many terms of history the trend shows: two years is what governors compare. */
const TREND_TERMS = 6;

/**
 * Section 4: SPEC §4.4's attainment table and gaps for the term, and the trend of % at expected (all
 * pupils) and the disadvantaged gap over the terms before it, and national comparators where the
 * term's data is statutory. The same numbers as the pupils pages.
 */
export function buildAttainment(
  { term, attainmentCache = new Map() }: { term: TermWithYear; attainmentCache?: AttainmentCache },
  db: DbOrTx,
): { attainment: AttainmentRow[]; gaps: GapRow[]; attainmentTrend: TrendPoint[]; national: NationalComparison[] } {
  const { attainment, gaps } = getAttainmentCached({ termId: term.id, cache: attainmentCache }, db);
  const national = nationalComparisons(NATIONAL, { schemeId: getSchoolScheme(db).id, yearName: term.yearName, termName: term.name, attainment });
  const all = listTerms({}, db);
  const i = all.findIndex((t) => t.id === term.id);
  const window = all.slice(Math.max(0, i - TREND_TERMS + 1), i + 1);
  const trend: TrendPoint[] = [];
  for (const t of window) {
    const a = getAttainmentCached({ termId: t.id, cache: attainmentCache }, db);
    for (const r of a.attainment) {
      if (r.group !== "all") continue;
      const gap = a.gaps.find((g) => g.yearGroup === r.yearGroup && g.subject === r.subject);
      trend.push({ term: t.key, yearGroup: r.yearGroup, subject: r.subject, atExpectedPct: r.atExpectedPct, greaterDepthPct: r.greaterDepthPct, gapPts: gap?.gapPts ?? null });
    }
  }
  return { attainment, gaps, attainmentTrend: trend, national };
}
