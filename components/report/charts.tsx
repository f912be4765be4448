"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from "recharts";
import { formatTerm } from "@/components/ui/format";
import type { AttainmentRow } from "@/lib/analytics/attainment";
import type { TrendPoint } from "@/lib/report/types";
import { subjectLabel, yearGroupLabel } from "@/lib/report/labels";
import { SERIES_COLOURS } from "@/lib/report/svg-charts";


/**
 * % at expected (all pupils) by year group, one bar per subject. Fixed size and no animation, so the
 * server-rendered SVG is the final picture (and prints as it shows).
 */
export function AttainmentChart({ rows }: { rows: AttainmentRow[] }) {
  const all = rows.filter((r) => r.group === "all");
  const subjects = [...new Set(all.map((r) => r.subject))];
  const data = [...new Set(all.map((r) => r.yearGroup))].map((yg) => ({
    name: yearGroupLabel(yg),
    ...Object.fromEntries(subjects.map((s) => [s, all.find((r) => r.yearGroup === yg && r.subject === s)?.atExpectedPct ?? null])),
  }));
  return (
    <div role="img" aria-label="Bar chart of the percentage of pupils at the expected standard by year group and subject; the same numbers are in the tables below.">
      <BarChart width={680} height={280} data={data} margin={{ top: 10, right: 10, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} />
        <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
        <Legend />
        {subjects.map((s, i) => (
          <Bar key={s} dataKey={s} name={subjectLabel(s)} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </div>
  );
}

/** One year group's % at expected across terms, a line per subject. */
export function TrendChart({ points, terms, label = "Line chart of the percentage at the expected standard in each term; the same numbers are in the table below." }: { points: TrendPoint[]; terms: string[]; label?: string }) {
  const subjects = [...new Set(points.map((p) => p.subject))];
  const data = terms.map((t) => ({
    name: formatTerm(t),
    ...Object.fromEntries(subjects.map((s) => [s, points.find((p) => p.term === t && p.subject === s)?.atExpectedPct ?? null])),
  }));
  return (
    <div role="img" aria-label={label}>
      <LineChart width={680} height={260} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} />
        <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
        <Legend />
        {subjects.map((s, i) => (
          <Line key={s} dataKey={s} name={subjectLabel(s)} stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]} strokeWidth={2} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </div>
  );
}
