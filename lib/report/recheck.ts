import { computeGaps, suppressAttainment, type AttainmentRow, type GapRow } from "@/lib/analytics/attainment";
import { decideSuppression } from "@/lib/analytics/disclosure";
import { CONTEXT_PARTITIONS } from "./sections/context";
import type { ContextGroupKey, ReportData, RollGroup } from "./types";

/** A term's attainment table as published (re-checked) or, for a term without a report, as it stands. */
export type TermTable = { attainment: AttainmentRow[]; gaps: GapRow[] };

/**
 * A published report's snapshot under today's disclosure rule (lib/analytics/disclosure): the rows that
 * now need hiding are hidden, and everything built from them follows (gaps, the trend, national
 * comparisons, the roll's group counts). It only ever hides: no figure the snapshot withheld reappears,
 * and nothing else in the snapshot changes.
 *
 * `tableOf` gives another term's re-checked table, for the trend's earlier terms (a trend point whose
 * figure is withheld there is withheld here too).
 */
export function recheckSnapshot(data: ReportData, tableOf: (termKey: string) => TermTable | null): ReportData {
  const attainment = suppressAttainment(data.attainment);
  const gaps = withheldGaps(data.gaps, computeGaps(attainment));
  const own: TermTable = { attainment, gaps };
  const find = (t: TermTable | null, p: { yearGroup: string; subject: string }) => t?.attainment.find((r) => r.yearGroup === p.yearGroup && r.subject === p.subject && r.group === "all");
  const attainmentTrend = data.attainmentTrend.map((p) => {
    const table = p.term === data.term ? own : tableOf(p.term);
    const row = find(table, p);
    const gap = table?.gaps.find((g) => g.yearGroup === p.yearGroup && g.subject === p.subject);
    // No table for the term (nothing recorded now): the point is kept as published.
    if (!table) return p;
    return {
      ...p,
      atExpectedPct: row?.atExpectedPct === null || !row ? null : p.atExpectedPct,
      greaterDepthPct: row?.greaterDepthPct === null || !row ? null : p.greaterDepthPct,
      gapPts: gap?.gapPts === null || !gap ? null : p.gapPts,
    };
  });
  const national = data.national?.map((n) => {
    const row = attainment.find((r) => r.yearGroup === n.yearGroup && r.subject === n.subject && r.group === n.group);
    const hidden = !row || row.atExpectedPct === null;
    return hidden ? { ...n, schoolPct: null, suppressed: true } : n;
  });
  return { ...data, context: { ...data.context, groups: recheckRoll(data.context.pupilsOnRoll, data.context.groups) }, attainment, gaps, attainmentTrend, ...(national ? { national } : {}) };
}

/** A gap stays as published unless one side is now withheld. */
function withheldGaps(published: GapRow[], now: GapRow[]): GapRow[] {
  return published.map((g) => {
    const n = now.find((x) => x.yearGroup === g.yearGroup && x.subject === g.subject);
    return n && n.gapPts === null ? { ...g, gapPts: null } : g;
  });
}

/** The roll's group counts under the same rule as the context section builds them with. */
function recheckRoll(total: number, groups: Record<ContextGroupKey, RollGroup>): Record<ContextGroupKey, RollGroup> {
  const keys = Object.keys(groups) as ContextGroupKey[];
  const decisions = decideSuppression(
    [
      { yearGroup: "all", group: "roll", cohort: total, values: {} },
      ...keys.map((k) => ({ yearGroup: "all", group: k, cohort: groups[k].count ?? 0, values: {}, suppressed: groups[k].suppressed, suppressionReason: groups[k].suppressionReason })),
    ],
    { partitions: CONTEXT_PARTITIONS },
  ).slice(1);
  return Object.fromEntries(
    keys.map((k, i) => {
      const d = decisions[i]!;
      const g = groups[k];
      return [k, d.suppressed && !g.suppressed ? { count: null, pct: null, suppressed: true, suppressionReason: d.suppressionReason! } : g];
    }),
  ) as Record<ContextGroupKey, RollGroup>;
}
