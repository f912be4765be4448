import { suppressionLabel } from "@/lib/analytics/disclosure";
import { formatPct } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";
import { yearGroupLabel } from "@/lib/report/labels";
import type { ReportData } from "@/lib/report/types";
import type { SectionProps } from "./types";

const CONTEXT_GROUPS: [keyof ReportData["context"]["groups"], string][] = [
  ["disadvantaged", "Disadvantaged (pupil premium)"],
  ["fsm", "Free school meals"],
  ["sen", "Special educational needs (all)"],
  ["senSupport", "SEN support"],
  ["ehcp", "Education, health and care plan"],
  ["eal", "English as an additional language"],
  ["lookedAfter", "Looked after"],
  ["girls", "Girls"],
  ["boys", "Boys"],
];

/** School context: the roll by group and year group, and the head's staffing notes. */
export function ContextSection({ data, narrative }: SectionProps) {
  const c = data.context;
  return (
    <>
      <p>
        <strong>{c.pupilsOnRoll}</strong> pupils on roll.
      </p>
      {c.pupilsOnRoll > 0 ? (
        <div className="grid-2">
          <TableWrap>
            <table className="table">
              <caption>Pupil groups</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className="num">
                    Pupils
                  </th>
                  <th scope="col" className="num">
                    % of roll
                  </th>
                </tr>
              </thead>
              <tbody>
                {CONTEXT_GROUPS.map(([k, label]) => {
                  const g = c.groups[k];
                  return (
                    <tr key={k}>
                      <th scope="row">{label}</th>
                      <td className="num">{g.suppressed ? suppressionLabel(g.suppressionReason) : g.count}</td>
                      <td className="num">{g.suppressed ? "–" : formatPct(g.pct)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
          <TableWrap>
            <table className="table">
              <caption>Pupils by year group</caption>
              <thead>
                <tr>
                  <th scope="col">Year group</th>
                  <th scope="col" className="num">
                    Pupils
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.byYearGroup.map((y) => (
                  <tr key={y.yearGroup}>
                    <th scope="row">{yearGroupLabel(y.yearGroup)}</th>
                    <td className="num">{y.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
      <h3>Staffing and context notes</h3>
      {narrative("context") ?? <p className="muted">No notes.</p>}
    </>
  );
}
