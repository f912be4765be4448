import { Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";
import { CHALLENGE_STATUS_LABEL, CHALLENGE_STATUS_TONE } from "@/lib/report/labels";
import type { SectionProps } from "./types";

/** Governor and adviser monitoring: visits this term and the challenge questions with their answers. */
export function GovernanceSection({ data }: SectionProps) {
  const g = data.governance;
  return (
    <>
      <TableWrap>
        <table className="table">
          <caption>Governor and adviser visits this term</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Visitor</th>
              <th scope="col">Visit</th>
              <th scope="col">Focus</th>
            </tr>
          </thead>
          <tbody>
            {g.visits.map((v, i) => (
              <tr key={i}>
                <td>{formatDate(v.date)}</td>
                <td>
                  {v.visitor} <span className="muted">({v.kind === "governor" ? "governor" : "adviser"})</span>
                </td>
                <td>
                  {v.visitType || "Visit"}
                  {v.purpose ? <div className="muted">{v.purpose}</div> : null}
                </td>
                <td>{v.focus.join("; ") || "–"}</td>
              </tr>
            ))}
            {g.visits.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  No visits recorded this term.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableWrap>
      <h3>Challenge questions</h3>
      {g.challenges.length === 0 ? (
        <p className="muted">No challenge questions for this term.</p>
      ) : (
        <ol className="challenge-list">
          {g.challenges.map((q) => (
            <li key={q.id}>
              <p>
                <strong>{q.question}</strong>
              </p>
              <p className="muted">
                Asked by {q.raisedBy} on {formatDate(q.raisedOn)} · {q.about} · <Tag tone={CHALLENGE_STATUS_TONE[q.status]}>{CHALLENGE_STATUS_LABEL[q.status]}</Tag>
              </p>
              {q.answer ? (
                <p>
                  <em>Answer ({q.answeredBy}):</em> {q.answer}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
