"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSeries = { key: string; label: string };
export type ChartRow = { label: string; values: Record<string, number | null> };

/** Colours with enough contrast on white, and a dash pattern each, so no line is told apart by colour alone. */
const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#6f3c97", "#8a5a00", "#505a5f", "#b0005b"];
const DASHES = ["", "8 4", "2 3", "10 3 2 3", "5 5", "1 4", "12 6"];

/**
 * A line chart of values per term (recharts, drawn in the browser). Always placed by TrendFigure, which
 * gives the same numbers as a table: the chart is hidden from assistive technology in favour of it.
 */
export function TrendChart({ rows, series, domain, unit, zeroLine = false }: { rows: ChartRow[]; series: ChartSeries[]; domain: [number, number]; unit: string; zeroLine?: boolean }) {
  const data = rows.map((r) => ({ label: r.label, ...r.values }));
  return (
    <LineChart responsive data={data} style={{ width: "100%", maxWidth: 760, height: 320 }} margin={{ top: 10, right: 20, bottom: 10, left: 0 }} accessibilityLayer={false}>
      <CartesianGrid stroke="#d8dde0" strokeDasharray="3 3" />
      <XAxis dataKey="label" tick={{ fill: "#0b0c0c", fontSize: 13 }} />
      <YAxis domain={domain} tick={{ fill: "#0b0c0c", fontSize: 13 }} unit={unit} width={56} />
      {zeroLine ? <ReferenceLine y={0} stroke="#0b0c0c" /> : null}
      <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(1)}${unit}` : "–")} />
      <Legend wrapperStyle={{ fontSize: 14 }} />
      {series.map((s, i) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stroke={COLOURS[i % COLOURS.length]}
          strokeDasharray={DASHES[i % DASHES.length]}
          strokeWidth={2.5}
          dot={{ r: 3.5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
