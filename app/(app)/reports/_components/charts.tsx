import type { AttainmentRow } from "@/lib/analytics/attainment";
import type { TrendPoint } from "@/lib/report/types";
import { attainmentBarSvg, trendLineSvg } from "@/lib/report/svg-charts";

/**
 * The report's charts, drawn on the server as SVG by lib/report/svg-charts (the same drawing as the Word
 * document), so the report pages send no charting script. The SVG is built from numbers and escaped
 * labels only; every chart has a table of the same numbers beside it.
 */
function SvgChart({ svg, label }: { svg: string; label: string }) {
  return <div role="img" aria-label={label} className="static-chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** % at expected (all pupils) by year group, one bar per subject. */
export function AttainmentChart({ rows }: { rows: AttainmentRow[] }) {
  return <SvgChart svg={attainmentBarSvg(rows)} label="Bar chart of the percentage of pupils at the expected standard by year group and subject; the same numbers are in the tables below." />;
}

/** One year group's % at expected across terms, a line per subject. */
export function TrendChart({
  points,
  terms,
  label = "Line chart of the percentage at the expected standard in each term; the same numbers are in the table below.",
}: {
  points: TrendPoint[];
  terms: string[];
  label?: string;
}) {
  return <SvgChart svg={trendLineSvg(points, 680, 280, terms)} label={label} />;
}
