import Link from "next/link";
import type { PupilListRow } from "@/lib/data/pupils";
import { yearGroupLabel } from "./labels";
import { GENDER_LABEL, PupilFlags } from "./pupil-flags";
import { TableWrap } from "@/components/ui/table-wrap";

/** A page of named pupils with their flags (the page checks who may see which pupils). */
export function PupilTable({ rows, caption }: { rows: PupilListRow[]; caption: string }) {
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">UPN</th>
            <th scope="col">Year group</th>
            <th scope="col">Class</th>
            <th scope="col">Gender</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link href={`/pupils/${p.id}`}>
                  {p.lastName}, {p.firstName}
                </Link>
              </th>
              <td>{p.upn}</td>
              <td>{yearGroupLabel(p.yearGroup)}</td>
              <td>{p.className ?? <span className="muted">No class</span>}</td>
              <td>{GENDER_LABEL[p.gender]}</td>
              <td>
                <PupilFlags pupil={p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
