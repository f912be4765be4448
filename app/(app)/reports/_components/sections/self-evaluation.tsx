import { Tag } from "@/components/ui/tag";
import { formatDate, formatTerm } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";
import type { SectionProps } from "./types";

/** Self-evaluation: the published SEF's grades, beside those at the last report. */
export function SelfEvaluationSection({ data }: SectionProps) {
  const s = data.selfEvaluation;
  if (s.areas.length === 0) return <p className="muted">No published self-evaluation yet.</p>;
  return (
    <TableWrap>
      <table className="table">
        <caption>
          Self-evaluation grades{s.version ? ` (version ${s.version.number}, published ${formatDate(s.version.publishedAt)})` : ""}
          {s.comparedWith ? `, compared with the ${formatTerm(s.comparedWith)} report` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Grade now</th>
            {s.comparedWith ? <th scope="col">At the last report</th> : null}
            {s.comparedWith ? <th scope="col">Changed</th> : null}
          </tr>
        </thead>
        <tbody>
          {s.areas.map((a) => (
            <tr key={a.areaKey}>
              <th scope="row">{a.area}</th>
              <td>{a.grade ?? "Not graded"}</td>
              {s.comparedWith ? <td>{a.previousGrade ?? "Not graded"}</td> : null}
              {s.comparedWith ? <td>{a.changed ? <Tag tone="blue">Changed</Tag> : "No"}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
