import { TableWrap } from "@/components/ui/table-wrap";
import type { PlainTable } from "@/lib/report/attendance-tables";

/** A table of plain strings (first column as row headers), as the report and the analysis pages share them. */
export function PlainTableView({ table, id }: { table: PlainTable; id?: string }) {
  const wrapped = (
    <TableWrap>
      <table className="table">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.head.map((h, i) => (
              <th scope="col" key={h} className={i ? "num" : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r[0]}>
              <th scope="row">{r[0]}</th>
              {r.slice(1).map((c, i) => (
                <td className="num" key={i}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  return id ? <div id={id}>{wrapped}</div> : wrapped;
}
