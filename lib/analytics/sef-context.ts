import { pct } from "./attainment";
import type { SchoolContext } from "./sef-snapshot";

export type ContextPupil = { disadvantaged: boolean; sen: string; eal: boolean; gender: string };

/**
 * SPEC §4.4's rounding: half-up to one decimal place, computed with integers so 12.25 never
 * becomes 12.2 through floating point.
 */
export function roundedPct(count: number, cohort: number): number {
  return cohort <= 0 ? 0 : pct(count, cohort);
}

/**
 * The school-context block of the SEF from the year's pupils: number on roll and the percentage of
 * disadvantaged, SEN (K or E), EAL, girls and boys. Null when no pupils are recorded for the year, so
 * the page can say so rather than show zeros.
 */
export function summariseContext(pupils: readonly ContextPupil[]): SchoolContext {
  const onRoll = pupils.length;
  if (onRoll === 0) return null;
  const count = (pred: (p: ContextPupil) => boolean) => pupils.filter(pred).length;
  const group = (key: string, label: string, n: number) => ({ key, label, count: n, pct: roundedPct(n, onRoll) });
  return {
    onRoll,
    groups: [
      group(
        "disadvantaged",
        "Disadvantaged (pupil premium)",
        count((p) => p.disadvantaged),
      ),
      group(
        "sen",
        "SEN support or EHCP",
        count((p) => p.sen === "K" || p.sen === "E"),
      ),
      group(
        "eal",
        "English as an additional language",
        count((p) => p.eal),
      ),
      group(
        "girls",
        "Girls",
        count((p) => p.gender === "F"),
      ),
      group(
        "boys",
        "Boys",
        count((p) => p.gender === "M"),
      ),
    ],
  };
}
