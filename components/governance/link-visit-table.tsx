import Link from "next/link";
import { formatDate } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import type { LinkVisitStatus } from "@/lib/data/link-visits";

const STATE = {
  complete: { tone: "blue", label: "All made" },
  overdue: { tone: "red", label: "Overdue" },
  due: { tone: "amber", label: "Due soon" },
  on_track: { tone: "green", label: "On track" },
} as const;

/** Link governor visits per strand: expected a year, made, overdue and the next one due. */
export function LinkVisitTable({ rows, caption, showGovernor = true }: { rows: LinkVisitStatus[]; caption: string; showGovernor?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Strand</th>
            {showGovernor ? <th scope="col">Link governor</th> : null}
            <th scope="col">Made this year</th>
            <th scope="col">Next due by</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.strandId}>
              <td>
                <Link href={`/plan/strands/${r.strandId}`}>{r.strandTitle}</Link>
              </td>
              {showGovernor ? <td>{r.governorName}</td> : null}
              <td>
                {r.done} of {r.expected}
                {r.overdue ? <span className="muted"> ({r.overdue} overdue)</span> : null}
              </td>
              <td>{r.nextDueBy ? formatDate(r.nextDueBy) : "–"}</td>
              <td>
                <Tag tone={STATE[r.state].tone}>{STATE[r.state].label}</Tag>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
