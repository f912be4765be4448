import { RagTag } from "@/components/ui/tag";
import { formatTerm } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";
import { MONITORING_TYPE_LABEL } from "@/lib/report/labels";
import type { SectionProps } from "./types";

/** Progress of the improvement plan: the strands' RAG and actions, then each strand's criteria and review. */
export function PlanSection({ data, narrative }: SectionProps) {
  if (data.plan.strands.length === 0) return <p className="muted">There is no improvement plan for this year.</p>;
  return (
    <>
      <TableWrap>
        <table className="table">
          <caption>
            {data.plan.title ?? "Improvement plan"}: {data.plan.totals.done} of {data.plan.totals.total} actions done, {data.plan.totals.overdue} overdue
          </caption>
          <thead>
            <tr>
              <th scope="col">Strand</th>
              <th scope="col">Lead</th>
              <th scope="col">Last review</th>
              <th scope="col">This term</th>
              <th scope="col" className="num">
                Done
              </th>
              <th scope="col" className="num">
                In progress
              </th>
              <th scope="col" className="num">
                Not started
              </th>
              <th scope="col" className="num">
                Overdue
              </th>
            </tr>
          </thead>
          <tbody>
            {data.plan.strands.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.number}. {s.title}
                </th>
                <td>{s.lead ?? "–"}</td>
                <td>
                  <RagTag rag={s.previousRag} />
                  {s.previousRagTerm ? <span className="muted"> {formatTerm(s.previousRagTerm)}</span> : null}
                </td>
                <td>
                  <RagTag rag={s.rag} />
                </td>
                <td className="num">{s.actions.done}</td>
                <td className="num">{s.actions.inProgress}</td>
                <td className="num">{s.actions.notStarted}</td>
                <td className="num">{s.actions.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {data.plan.strands.map((s) => (
        <div key={s.id} className="strand-block" id={`strand-${s.id}`}>
          <h3>
            Strand {s.number}: {s.title}
          </h3>
          <p className="muted">
            Lead: {s.lead ?? "not set"}
            {s.linkGovernor ? ` · Link governor: ${s.linkGovernor}` : ""}
          </p>
          {s.criteria.length ? (
            <TableWrap>
              <table className="table criteria-table">
                <caption>Success criteria for strand {s.number}</caption>
                <thead>
                  <tr>
                    <th scope="col">Criterion</th>
                    <th scope="col" className="num">
                      Baseline
                    </th>
                    <th scope="col" className="num">
                      Now
                    </th>
                    <th scope="col" className="num">
                      Target
                    </th>
                    <th scope="col">Judgement</th>
                  </tr>
                </thead>
                <tbody>
                  {s.criteria.map((cr, i) => (
                    <tr key={i}>
                      <th scope="row">
                        {cr.description}
                        {cr.metric ? <div className="muted">{cr.metric}</div> : null}
                      </th>
                      <td className="num">{cr.measurable ? cr.baselineLabel : "–"}</td>
                      <td className="num">{cr.measurable ? cr.currentLabel : "–"}</td>
                      <td className="num">{cr.measurable ? cr.targetLabel : "–"}</td>
                      <td>{cr.status ?? (cr.measurable ? "No data yet" : "Judged in the review")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          {s.evidence.progress || s.evidence.impact ? (
            <dl className="summary-list">
              {s.evidence.progress ? (
                <>
                  <dt>Progress</dt>
                  <dd>{s.evidence.progress}</dd>
                </>
              ) : null}
              {s.evidence.impact ? (
                <>
                  <dt>Evidence of impact</dt>
                  <dd>{s.evidence.impact}</dd>
                </>
              ) : null}
              {s.evidence.nextSteps ? (
                <>
                  <dt>Next steps</dt>
                  <dd>{s.evidence.nextSteps}</dd>
                </>
              ) : null}
            </dl>
          ) : (
            <p className="muted">No review recorded for this term.</p>
          )}
          {Object.keys(s.evidence.monitoring).length ? (
            <p>
              Monitoring that tested this strand this term:{" "}
              {Object.entries(s.evidence.monitoring)
                .map(([t, n]) => `${(MONITORING_TYPE_LABEL as Record<string, string>)[t] ?? t}: ${n}`)
                .join(", ")}
              .
            </p>
          ) : null}
          {narrative(`plan:${s.id}`)}
        </div>
      ))}
    </>
  );
}
