export { GROUP_LABEL, yearGroupLabel } from "@/lib/analytics/schemes";

/** A percentage to one decimal place ("71.4%"), or a dash. */
export { formatPct as pctText } from "@/lib/format";

/** A change in points with its sign ("+12.7", "−4.5", "0.0"), or a dash when there is no comparison. */
export function changeText(x: number | null | undefined): string {
  if (x === null || x === undefined) return "–";
  if (x === 0) return "0.0";
  return `${x > 0 ? "+" : "−"}${Math.abs(x).toFixed(1)}`;
}

/** A gap in points ("−12.5 pts"), or a dash. */
export function gapText(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${changeText(x)} pts`;
}
