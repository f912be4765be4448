import { TrendChart, type ChartRow, type ChartSeries } from "./trend-chart";
import { TableWrap } from "@/components/ui/table-wrap";

/**
 * A trend chart with its table alternative: the same numbers, one row per term, rendered on the server
 * so they are there before any script runs, in print and for screen readers.
 */
export function TrendFigure({
  id,
  title,
  rows,
  series,
  domain,
  unit,
  format,
  zeroLine,
  note,
}: {
  id: string;
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  domain: [number, number];
  unit: string;
  format: (v: number | null) => string;
  zeroLine?: boolean;
  note?: string;
}) {
  return (
    <figure className="card" aria-labelledby={`${id}-title`} style={{ margin: "1rem 0" }}>
      <h3 id={`${id}-title`}>{title}</h3>
      {note ? <p className="muted">{note}</p> : null}
      <div aria-hidden="true">
        <TrendChart rows={rows} series={series} domain={domain} unit={unit} zeroLine={zeroLine} />
      </div>
      <TableWrap>
        <table className="table">
          <caption className="visually-hidden">{title}: the figures in the chart</caption>
          <thead>
            <tr>
              <th scope="col">Term</th>
              {series.map((s) => (
                <th scope="col" className="num" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {series.map((s) => (
                  <td className="num" key={s.key}>
                    {format(r.values[s.key] ?? null)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </figure>
  );
}
