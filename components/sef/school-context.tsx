import type { SchoolContext } from "@/lib/analytics/sef-snapshot";
import { TableWrap } from "@/components/ui/table-wrap";

/**
 * The computed school-context table: number on roll and group percentages, straight from the pupil
 * data of the year (never typed), or a plain statement that there is none yet.
 */
export function SchoolContextTable({ context, yearName }: { context: SchoolContext; yearName: string }) {
  if (!context) return <p className="muted">No pupil data yet. These figures are computed from the pupils imported for {yearName}.</p>;
  return (
    <TableWrap>
      <table className="table sef-context">
        <caption>Pupils on roll in {yearName}, computed from pupil data</caption>
        <thead>
          <tr>
            <th scope="col">Pupils</th>
            <th scope="col" className="num">
              Number
            </th>
            <th scope="col" className="num">
              Percentage
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">On roll</th>
            <td className="num">{context.onRoll}</td>
            <td className="num">100.0%</td>
          </tr>
          {context.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              <td className="num">{g.count}</td>
              <td className="num">{g.pct.toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
