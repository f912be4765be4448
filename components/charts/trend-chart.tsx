export type ChartSeries = { key: string; label: string };
export type ChartRow = { label: string; values: Record<string, number | null> };

/** Colours with enough contrast on white, and a dash pattern each, so no line is told apart by colour alone. */
const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#6f3c97", "#8a5a00", "#505a5f", "#b0005b"];
const DASHES = ["", "8 4", "2 3", "10 3 2 3", "5 5", "1 4", "12 6"];

const WIDTH = 760;
// Room on the right for the last term's label, centred under its point.
const PLOT = { left: 56, right: 52, top: 12, height: 250 };

/** Four or five round steps across the domain for the grid and the axis labels. */
function ticks([lo, hi]: [number, number]): number[] {
  const span = hi - lo || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

/**
 * A line chart of values per term, drawn on the server as SVG: no charting script reaches the browser.
 * Always placed by TrendFigure, which gives the same numbers as a table: the chart is hidden from
 * assistive technology in favour of it. Each point carries its value as a tooltip (an SVG title).
 */
export function TrendChart({ rows, series, domain, unit, zeroLine = false }: { rows: ChartRow[]; series: ChartSeries[]; domain: [number, number]; unit: string; zeroLine?: boolean }) {
  const [lo, hi] = domain;
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const x = (i: number) => PLOT.left + (rows.length <= 1 ? plotW / 2 : (i * plotW) / (rows.length - 1));
  const y = (v: number) => PLOT.top + PLOT.height - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo || 1)) * PLOT.height;
  const legendTop = PLOT.top + PLOT.height + 34;
  const perRow = 3;
  const height = legendTop + Math.ceil(series.length / perRow) * 22 + 4;
  return (
    <svg className="trend-chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" style={{ maxWidth: WIDTH }} role="presentation" focusable="false">
      {ticks(domain).map((t) => (
        <g key={t}>
          <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(t)} y2={y(t)} stroke="#d8dde0" strokeDasharray="3 3" />
          <text x={PLOT.left - 8} y={y(t) + 4} fontSize="13" textAnchor="end" fill="#0b0c0c">
            {`${t}${unit}`}
          </text>
        </g>
      ))}
      {zeroLine && lo < 0 && hi > 0 ? <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(0)} y2={y(0)} stroke="#0b0c0c" /> : null}
      {rows.map((r, i) => (
        <text key={r.label} x={x(i)} y={PLOT.top + PLOT.height + 20} fontSize="13" textAnchor="middle" fill="#0b0c0c">
          {r.label}
        </text>
      ))}
      {series.map((s, si) => {
        const colour = COLOURS[si % COLOURS.length];
        // A gap in the data breaks the line (no value is invented between terms).
        const segments: string[][] = [[]];
        rows.forEach((r, i) => {
          const v = r.values[s.key];
          if (v === null || v === undefined) segments.push([]);
          else segments[segments.length - 1]!.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
        });
        return (
          <g key={s.key}>
            {segments
              .filter((pts) => pts.length > 1)
              .map((pts, k) => (
                <polyline key={k} points={pts.join(" ")} fill="none" stroke={colour} strokeWidth="2.5" strokeDasharray={DASHES[si % DASHES.length] || undefined} />
              ))}
            {rows.map((r, i) => {
              const v = r.values[s.key];
              return v === null || v === undefined ? null : (
                <circle key={r.label} cx={x(i)} cy={y(v)} r="3.5" fill={colour}>
                  <title>{`${s.label}, ${r.label}: ${v.toFixed(1)}${unit}`}</title>
                </circle>
              );
            })}
          </g>
        );
      })}
      {series.map((s, si) => {
        const lx = PLOT.left + (si % perRow) * 230;
        const ly = legendTop + Math.floor(si / perRow) * 22;
        return (
          <g key={s.key}>
            <line x1={lx} x2={lx + 28} y1={ly} y2={ly} stroke={COLOURS[si % COLOURS.length]} strokeWidth="2.5" strokeDasharray={DASHES[si % DASHES.length] || undefined} />
            <text x={lx + 34} y={ly + 5} fontSize="14" fill="#0b0c0c">
              {s.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
