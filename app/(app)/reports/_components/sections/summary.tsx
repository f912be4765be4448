import { formatTerm } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";
import { REPORT_SECTION_LABEL } from "@/lib/report/labels";
import type { SummaryTone } from "@/lib/report/types";
import type { SectionProps } from "./types";

const KIND_LABEL = { decision: "To decide", discussion: "To discuss" } as const;

function Cell({ label, tone }: { label: string | null; tone: SummaryTone }) {
  return <td className={`heat heat-${tone}`}>{label ?? "No judgement"}</td>;
}

/**
 * The one-page opening: the plan's headline criteria now and last term as a heat map (a table whose
 * cells are coloured and say the judgement in words), the points for the board, and what changed.
 */
export function SummarySection({ data, narrative }: SectionProps) {
  const s = data.summary;
  if (!s) return <p className="muted">This report was published before it had a summary.</p>;
  const last = s.previousTerm ? formatTerm(s.previousTerm) : "Last report";
  return (
    <>
      {narrative("summary")}
      <div className="summary-grid">
        <div>
          <h3 id="summary-points-h">For the board</h3>
          <ol className="summary-points" aria-labelledby="summary-points-h">
            {s.points.map((p, i) => (
              <li key={i}>
                <strong className={`point-kind point-${p.kind}`}>{KIND_LABEL[p.kind]}:</strong> {p.text} <span className="muted">({REPORT_SECTION_LABEL[p.section]})</span>
              </li>
            ))}
          </ol>
          <h3 id="summary-changes-h">Since the last report</h3>
          <ul className="summary-changes" aria-labelledby="summary-changes-h">
            {s.changes.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </div>
        {s.heatMap.length ? (
          <TableWrap>
            <table className="table heat-map">
              <caption>The plan&apos;s headline success criteria, last report and now</caption>
              <thead>
                <tr>
                  <th scope="col">Strand and headline criterion</th>
                  <th scope="col">{last}</th>
                  <th scope="col">{formatTerm(data.term)}</th>
                </tr>
              </thead>
              <tbody>
                {s.heatMap.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">
                      <span className="heat-strand">
                        {r.strandNumber}. {r.strandTitle}
                      </span>
                      {r.criterion ? <span className="heat-criterion">{r.criterion}</span> : null}
                    </th>
                    <Cell label={r.previous} tone={r.previousTone} />
                    <Cell label={r.now} tone={r.nowTone} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p className="muted">There is no improvement plan for this year.</p>
        )}
      </div>
    </>
  );
}
