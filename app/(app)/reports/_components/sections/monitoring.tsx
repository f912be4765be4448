import { formatPct } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";
import { MONITORING_TYPE_LABEL } from "@/lib/report/labels";
import type { SectionProps } from "./types";

/** Quality of education: monitoring carried out, observation coverage and recurring themes (never names). */
export function MonitoringSection({ data }: SectionProps) {
  const m = data.monitoring;
  return (
    <>
      <div className="monitoring-top">
        <TableWrap>
          <table className="table">
            <caption>Monitoring carried out this term</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Number
                </th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(MONITORING_TYPE_LABEL) as (keyof typeof MONITORING_TYPE_LABEL)[]).map((t) => (
                <tr key={t}>
                  <th scope="row">{MONITORING_TYPE_LABEL[t]}</th>
                  <td className="num">{m.countsByType[t] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p>
          Observation coverage: <strong>{m.coveragePct === null ? "no teaching staff recorded" : `${formatPct(m.coveragePct)} of teaching staff observed this term`}</strong>.
        </p>
      </div>
      <div className="grid-2 recurring-themes">
        <div>
          <h3>Recurring strengths</h3>
          <ThemeList themes={m.recurringStrengths} />
        </div>
        <div>
          <h3>Recurring areas for development</h3>
          <ThemeList themes={m.recurringDevelopment} />
        </div>
      </div>
    </>
  );
}

/** The recurring themes of the term's observations, each with its heading and how often it came up. */
function ThemeList({ themes }: { themes: { heading: string; label: string; count: number }[] }) {
  if (!themes.length) return <p className="muted">None recurring yet.</p>;
  return (
    <ul>
      {themes.map((t) => (
        <li key={`${t.heading}-${t.label}`}>
          {t.label}{" "}
          <span className="muted">
            ({t.heading}; {t.count} observations)
          </span>
        </li>
      ))}
    </ul>
  );
}
