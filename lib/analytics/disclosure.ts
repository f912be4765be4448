/**
 * Disclosure control for every table of group figures that governors and advisers see (SPEC §4.4):
 * attainment, target attainment, the report's context, attendance and anything added later. One rule,
 * computed here and nowhere else, on rows shaped `{ yearGroup, group, cohort, values }` where `values`
 * are percentages of the cohort (or null).
 *
 * 1. Primary suppression: a row whose cohort is below 5 is hidden (`small_cohort`).
 * 2. Attribute disclosure: in a group of 5–9 pupils, a figure of exactly 0% or 100% is withheld
 *    (`all_or_none`): "none of them" or "all of them" tells a reader every child's result, however
 *    many children there are. The Department for Education's statistical disclosure control guidance
 *    (after the Government Statistical Service's) counts a group that all, or none, share an attribute
 *    as an attribute disclosure to protect as well as small counts; from 10 pupils the figure is shown.
 *    Only that figure goes (a group of 7 with 0% at greater depth still shows its % at expected); when
 *    every figure of a row is withheld the row is hidden.
 * 3. Secondary suppression: no withheld figure may be recovered by subtraction. For each partition (a
 *    whole and its parts, e.g. all = disadvantaged + not disadvantaged; all = girls + boys + the pupils
 *    recorded as neither; all = SEN + the rest; all = EAL + the rest), what a reader can work out for a
 *    measure (the whole minus the parts that show it) must pass the same tests as a shown figure: it
 *    covers no pupil, or at least 5 and, below 10, neither none nor all of them. Otherwise that figure
 *    of the smallest part still showing it is withheld as well (`secondary`), and the check repeats
 *    until nothing changes. Where rows for a whole school exist (year group `"all"`), its year groups
 *    are a partition of it in the same way.
 *
 * A new table of group figures calls `applySuppression(rows, fields, { slice })`; attendance (SPEC §4.5),
 * for instance: `applySuppression(rows, ["attendancePct", "persistentAbsencePct", "severeAbsencePct"],
 * { slice: (_r, i) => rows[i].period })`, its whole-school rows (`yearGroup: "all"`) partitioned by year
 * group automatically. (A percentage of sessions rather than of pupils is checked the same way: its
 * derived value is then an estimate, and 0% or 100% is still what matters.)
 *
 * Hidden rows keep their cohort (how many pupils) but never a value.
 */

export const SUPPRESSION_THRESHOLD = 5;
/** Groups below this size (and at least SUPPRESSION_THRESHOLD) are hidden when a value is 0% or 100%. */
const ALL_OR_NONE_THRESHOLD = 10;

export type SuppressionReason = "small_cohort" | "all_or_none" | "secondary";

/** How a hidden figure is described wherever it appears (page, print, Word). */
const SUPPRESSION_LABEL: Record<SuppressionReason, string> = {
  small_cohort: "fewer than 5 pupils",
  all_or_none: "withheld (all or none)",
  secondary: "withheld (protects a smaller group)",
};

/** The note under every table of group figures, saying what is withheld and why. */
export const SUPPRESSION_NOTE =
  "Figures are withheld for groups of fewer than 5 pupils, for groups of fewer than 10 in which all or none of the pupils meet the measure, and wherever a withheld figure could otherwise be worked out from the figures shown, so that no child can be identified.";

/**
 * Why one figure of a row is not shown, or null when it is: the row's reason when the row is hidden,
 * else the figure's own.
 */
export function withheldLabel(row: Suppressible, field: string): string | null {
  if (row.suppressed) return suppressionLabel(row.suppressionReason);
  const reason = row.withheld?.[field];
  return reason ? SUPPRESSION_LABEL[reason] : null;
}

/** The label for a hidden row; rows stored before reasons were recorded were all small cohorts. */
export function suppressionLabel(reason: SuppressionReason | null | undefined): string {
  return SUPPRESSION_LABEL[reason ?? "small_cohort"];
}

/** One row of group figures, whatever they measure. */
export type DisclosureRow = {
  yearGroup: string;
  group: string;
  cohort: number;
  /** Percentages of the cohort, 0–100, or null where there is none. */
  values: Record<string, number | null>;
  /** Already hidden (a stored row being re-checked): it stays hidden. */
  suppressed?: boolean;
  suppressionReason?: SuppressionReason;
  withheld?: Record<string, SuppressionReason>;
};

/** A whole and the disjoint groups inside it; the pupils in none of the parts are the (hidden) remainder. */
export type Partition = { whole: string; parts: readonly string[] };

/** The pupil groups of SPEC §4.4 and how they nest. */
const PUPIL_GROUP_PARTITIONS: readonly Partition[] = [
  { whole: "all", parts: ["disadvantaged", "not_disadvantaged"] },
  { whole: "all", parts: ["girls", "boys"] },
  { whole: "all", parts: ["sen"] },
  { whole: "all", parts: ["eal"] },
];

/** The year group of rows that cover the whole school, when a table has them. */
const WHOLE_SCHOOL = "all";

export type SuppressionDecision = {
  suppressed: boolean;
  suppressionReason: SuppressionReason | null;
  /** The figures not shown, and why (every figure when the row is hidden). */
  withheld: Record<string, SuppressionReason>;
};
/**
 * What a row carries after the rule: `suppressionReason` only on hidden rows (SPEC §4.4); `withheld` only
 * on shown rows of which some figure is withheld (e.g. 0% at greater depth in a group of 7).
 */
export type Suppressible = { suppressed: boolean; suppressionReason?: SuppressionReason; withheld?: Record<string, SuppressionReason> };

export type SuppressionOptions = {
  /**
   * Rows are compared only with rows of the same slice (e.g. the same subject, or the same period):
   * figures for different measures cannot be subtracted from one another.
   */
  slice?: (row: DisclosureRow, index: number) => string;
  partitions?: readonly Partition[];
};

/**
 * The count of pupils behind a percentage of a cohort. Percentages are shown to one decimal place, so
 * for any cohort under 1,000 this is exact: it is what a reader can work out.
 */
function countOf(pctValue: number, cohort: number): number {
  return (pctValue * cohort) / 100;
}

/** Whether a derived group of `cohort` pupils, `count` of whom meet a measure, would disclose anything. */
function derivedIsDisclosive(cohort: number, count: number | null): boolean {
  if (cohort <= 0) return false;
  if (cohort < SUPPRESSION_THRESHOLD) return true;
  if (cohort >= ALL_OR_NONE_THRESHOLD || count === null) return false;
  // Within half a pupil of none or all of them: a reader rounding the same way finds 0% or 100%.
  return Math.abs(count) < 0.5 || Math.abs(count - cohort) < 0.5;
}

/**
 * Decides, for each row, which of its figures are shown; returns one decision per row, in order. Pure and
 * deterministic: the same rows always hide the same figures, so a page, its export and a re-check of a
 * stored snapshot agree.
 *
 * Cohorts stay visible (a table says how many pupils a hidden figure is about), so each measure is
 * checked on its own: what can be derived for a measure is the whole minus the parts that show it. A
 * table whose rows carry no values (counts, like the report's context) shows the cohort itself as the
 * figure, so there a hidden row hides its count.
 */
export function decideSuppression(rows: readonly DisclosureRow[], { slice = () => "", partitions = PUPIL_GROUP_PARTITIONS }: SuppressionOptions = {}): SuppressionDecision[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  const countsOnly = keys.length === 0;
  const rowHidden: (SuppressionReason | null)[] = rows.map((r) => {
    if (r.cohort > 0 && r.cohort < SUPPRESSION_THRESHOLD) return "small_cohort";
    return r.suppressed ? (r.suppressionReason ?? "secondary") : null;
  });
  const keyHidden: Record<string, SuppressionReason>[] = rows.map((r, i) => {
    const out: Record<string, SuppressionReason> = {};
    for (const k of keys) {
      const v = r.values[k];
      if (rowHidden[i]) out[k] = rowHidden[i]!;
      else if (v === null || v === undefined) out[k] = r.withheld?.[k] ?? "secondary";
      else if (r.cohort < ALL_OR_NONE_THRESHOLD && (v <= 0 || v >= 100)) out[k] = "all_or_none";
    }
    return out;
  });
  const shows = (i: number, k: string) => !rowHidden[i] && !keyHidden[i]![k];

  // Rows by slice, year group and group.
  const index = new Map<string, number>();
  const id = (s: string, y: string, g: string) => `${s}\u0000${y}\u0000${g}`;
  const slices = rows.map((r, i) => slice(r, i));
  rows.forEach((r, i) => index.set(id(slices[i]!, r.yearGroup, r.group), i));

  // Every equation "whole = parts + remainder" as row indices.
  const equations: { whole: number; parts: number[] }[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const s = slices[i]!;
    for (const p of partitions) {
      if (r.group !== p.whole) continue;
      equations.push({ whole: i, parts: p.parts.map((g) => index.get(id(s, r.yearGroup, g))).filter((x): x is number => x !== undefined) });
    }
    // The school as a whole: its year groups are a partition of it, for every group.
    if (r.yearGroup === WHOLE_SCHOOL && !seen.has(`${s}\u0000${r.group}`)) {
      seen.add(`${s}\u0000${r.group}`);
      const parts = rows.map((x, j) => (x.yearGroup !== WHOLE_SCHOOL && x.group === r.group && slices[j] === s ? j : -1)).filter((j) => j >= 0);
      equations.push({ whole: i, parts });
    }
  });
  const smallest = (list: number[]) => list.reduce((a, b) => (rows[b]!.cohort < rows[a]!.cohort ? b : a));

  let changed = true;
  while (changed) {
    changed = false;
    for (const { whole, parts } of equations) {
      if (rowHidden[whole]) continue;
      const w = rows[whole]!;
      if (countsOnly) {
        const shown = parts.filter((j) => !rowHidden[j]);
        if (!shown.length || !derivedIsDisclosive(w.cohort - shown.reduce((n, j) => n + rows[j]!.cohort, 0), null)) continue;
        rowHidden[smallest(shown)] = "secondary";
        changed = true;
        continue;
      }
      for (const k of keys) {
        if (!shows(whole, k)) continue;
        const shown = parts.filter((j) => shows(j, k));
        if (!shown.length) continue;
        const cohort = w.cohort - shown.reduce((n, j) => n + rows[j]!.cohort, 0);
        const count = countOf(w.values[k]!, w.cohort) - shown.reduce((n, j) => n + countOf(rows[j]!.values[k]!, rows[j]!.cohort), 0);
        if (!derivedIsDisclosive(cohort, count)) continue;
        keyHidden[smallest(shown)]![k] = "secondary";
        changed = true;
      }
    }
  }

  return rows.map((r, i) => {
    if (rowHidden[i]) return { suppressed: true, suppressionReason: rowHidden[i]!, withheld: Object.fromEntries(keys.map((k) => [k, rowHidden[i]!])) };
    const withheld = keyHidden[i]!;
    const hidden = Object.values(withheld);
    // Every figure of the row withheld: the row is hidden.
    if (keys.length && keys.every((k) => withheld[k])) {
      return { suppressed: true, suppressionReason: hidden.includes("secondary") ? "secondary" : "all_or_none", withheld };
    }
    return { suppressed: false, suppressionReason: null, withheld };
  });
}

/**
 * Applies the rule to rows carrying their figures in named fields: withheld fields become null; a hidden
 * row gets `suppressed: true` and its `suppressionReason`, a shown row with a withheld figure its
 * `withheld` fields and reasons.
 */
export function applySuppression<R extends { yearGroup: string; group: string; cohort: number }, F extends keyof R & string>(
  rows: readonly R[],
  fields: readonly F[],
  options: SuppressionOptions = {},
): (R & Suppressible)[] {
  const decisions = decideSuppression(
    rows.map((r) => {
      const was = r as R & Partial<Suppressible>;
      return {
        yearGroup: r.yearGroup,
        group: r.group,
        cohort: r.cohort,
        values: Object.fromEntries(fields.map((f) => [f, r[f] as number | null])),
        suppressed: was.suppressed === true,
        suppressionReason: was.suppressionReason,
        withheld: was.withheld,
      };
    }),
    options,
  );
  return rows.map((r, i) => {
    const d = decisions[i]!;
    const { suppressionReason: _reason, withheld: _withheld, ...rest } = r as R & Partial<Suppressible>;
    void _reason;
    void _withheld;
    const nulls = Object.fromEntries(Object.keys(d.withheld).map((f) => [f, null]));
    if (d.suppressed) return { ...(rest as R), ...nulls, suppressed: true, suppressionReason: d.suppressionReason! };
    if (Object.keys(d.withheld).length) return { ...(rest as R), ...nulls, suppressed: false, withheld: d.withheld };
    return { ...(rest as R), suppressed: false };
  });
}
