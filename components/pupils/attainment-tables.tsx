import type { AttainmentRow, GapRow } from "@/lib/analytics/attainment";
import type { AttainmentChangeRow, GapChangeRow, Pocket, TargetRow } from "@/lib/analytics/attainment-compare";
import type { NationalComparison } from "@/lib/analytics/national";
import { subjectLabel } from "@/lib/analytics/schemes";
import { PUPIL_GROUPS } from "@/db/schema/enums";
import { formatTerm } from "@/lib/format";
import { TableWrap } from "@/components/ui/table-wrap";
import { withheldLabel, type Suppressible } from "@/lib/analytics/disclosure";
import { changeText, gapText, GROUP_LABEL, pctText, yearGroupLabel } from "./labels";

/** A percentage cell: the number, or why a hidden group's figure is withheld. */
function PctCell<R extends Suppressible>({ row, field }: { row: R | undefined; field: keyof R & string }) {
  if (!row) return <td className="num">–</td>;
  const hidden = withheldLabel(row, field);
  if (hidden) return <td className="num muted">{hidden}</td>;
  return <td className="num">{pctText(row[field] as number | null)}</td>;
}

/** % at the expected standard for all pupils: year groups down, subjects across. */
export function SchoolSummaryTable({ rows, subjects, caption }: { rows: AttainmentRow[]; subjects: string[]; caption: string }) {
  const yearGroups = [...new Set(rows.map((r) => r.yearGroup))];
  const find = (yg: string, s: string) => rows.find((r) => r.yearGroup === yg && r.subject === s && r.group === "all");
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Year group</th>
            {subjects.map((s) => (
              <th scope="col" className="num" key={s}>
                {subjectLabel(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {yearGroups.map((yg) => (
            <tr key={yg}>
              <th scope="row">{yearGroupLabel(yg)}</th>
              {subjects.map((s) => {
                const r = find(yg, s);
                return <PctCell key={s} row={r} field="atExpectedPct" />;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * One year group in detail (SPEC §4.4): for each subject and pupil group, the cohort, % at the expected
 * and higher standards, and the change since the previous term and the same term last year; with the
 * national figure beside it where the term's data is statutory.
 */
export function YearGroupDetailTable({
  rows,
  subjects,
  labels,
  previousKey,
  lastYearKey,
  national,
  caption,
}: {
  rows: AttainmentChangeRow[];
  subjects: string[];
  labels: { expected: string; higher: string };
  previousKey: string | null;
  lastYearKey: string | null;
  /** National % at expected by subject and group, when statutory. */
  national: ((subject: string, group: string) => NationalComparison | null) | null;
  caption: string;
}) {
  const cols = 6 + (national ? 1 : 0);
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Pupil group</th>
            <th scope="col" className="num">
              Cohort
            </th>
            <th scope="col" className="num">
              {labels.expected}
            </th>
            <th scope="col" className="num">
              {labels.higher}
            </th>
            {national ? (
              <th scope="col" className="num">
                National ({labels.expected.toLowerCase()})
              </th>
            ) : null}
            <th scope="col" className="num">
              Change since {previousKey ? formatTerm(previousKey) : "the previous term"} (points)
            </th>
            <th scope="col" className="num">
              Change since {lastYearKey ? formatTerm(lastYearKey) : "a year ago"} (points)
            </th>
          </tr>
        </thead>
        {subjects.map((subject) => {
          const subjectRows = rows.filter((r) => r.subject === subject);
          if (subjectRows.length === 0) return null;
          return (
            <tbody key={subject}>
              <tr>
                <th scope="colgroup" colSpan={cols} style={{ background: "#f3f2f1", textAlign: "left" }}>
                  {subjectLabel(subject)}
                </th>
              </tr>
              {PUPIL_GROUPS.map((group) => {
                const r = subjectRows.find((x) => x.group === group);
                if (!r) return null;
                const nat = national?.(subject, group) ?? null;
                return (
                  <tr key={group}>
                    <th scope="row">
                      <span className="visually-hidden">{subjectLabel(subject)}: </span>
                      {GROUP_LABEL[group]}
                    </th>
                    <td className="num">{r.cohort}</td>
                    <PctCell row={r} field="atExpectedPct" />
                    <PctCell row={r} field="greaterDepthPct" />
                    {national ? <td className="num">{nat ? `${nat.nationalPct}% (${nat.nationalYear})` : "–"}</td> : null}
                    <td className="num">{r.suppressed ? "–" : changeText(r.changeSincePreviousTerm)}</td>
                    <td className="num">{r.suppressed ? "–" : changeText(r.changeSinceLastYear)}</td>
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </TableWrap>
  );
}

/** The disadvantaged gap for every year group and subject. */
export function GapTable({ gaps, subjects, caption }: { gaps: GapRow[]; subjects: string[]; caption: string }) {
  const yearGroups = [...new Set(gaps.map((g) => g.yearGroup))];
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Year group</th>
            {subjects.map((s) => (
              <th scope="col" className="num" key={s}>
                {subjectLabel(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {yearGroups.map((yg) => (
            <tr key={yg}>
              <th scope="row">{yearGroupLabel(yg)}</th>
              {subjects.map((s) => {
                const g = gaps.find((x) => x.yearGroup === yg && x.subject === s);
                return (
                  <td className="num" key={s}>
                    {g ? g.gapPts === null ? <span className="muted">not shown (small group)</span> : gapText(g.gapPts) : "–"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The selected year group's gap per subject with its change since the previous term and last year. */
export function GapChangeTable({ gaps, previousKey, lastYearKey, caption }: { gaps: GapChangeRow[]; previousKey: string | null; lastYearKey: string | null; caption: string }) {
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col" className="num">
              Gap now
            </th>
            <th scope="col" className="num">
              {previousKey ? formatTerm(previousKey) : "Previous term"}
            </th>
            <th scope="col" className="num">
              Change (points)
            </th>
            <th scope="col" className="num">
              {lastYearKey ? formatTerm(lastYearKey) : "A year ago"}
            </th>
            <th scope="col" className="num">
              Change (points)
            </th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((g) => (
            <tr key={g.subject}>
              <th scope="row">{subjectLabel(g.subject)}</th>
              <td className="num">{gapText(g.gapPts)}</td>
              <td className="num">{gapText(g.previousTermGap)}</td>
              <td className="num">{changeText(g.changeSincePreviousTerm)}</td>
              <td className="num">{gapText(g.lastYearGap)}</td>
              <td className="num">{changeText(g.changeSinceLastYear)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function PocketsTable({ pockets, threshold, expectedLabel }: { pockets: Pocket[]; threshold: number; expectedLabel: string }) {
  if (pockets.length === 0) {
    return <p className="inset">No pupil group is {threshold} or more points below its year group in any subject this term.</p>;
  }
  return (
    <TableWrap>
      <table className="table">
        <caption>
          Groups {threshold} or more points below their year group ({expectedLabel.toLowerCase()}), largest gap first
        </caption>
        <thead>
          <tr>
            <th scope="col">Year group</th>
            <th scope="col">Subject</th>
            <th scope="col">Pupil group</th>
            <th scope="col" className="num">
              Cohort
            </th>
            <th scope="col" className="num">
              Group
            </th>
            <th scope="col" className="num">
              Year group
            </th>
            <th scope="col" className="num">
              Points below
            </th>
          </tr>
        </thead>
        <tbody>
          {pockets.map((p) => (
            <tr key={`${p.yearGroup}-${p.subject}-${p.group}`}>
              <td>{yearGroupLabel(p.yearGroup)}</td>
              <td>{subjectLabel(p.subject)}</td>
              <td>{GROUP_LABEL[p.group]}</td>
              <td className="num">{p.cohort}</td>
              <td className="num">{pctText(p.groupPct)}</td>
              <td className="num">{pctText(p.yearGroupPct)}</td>
              <td className="num">{p.belowPts.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Secondary: % of pupils at or above their target grade, per year group, subject and group. */
export function TargetsTable({ rows, caption }: { rows: TargetRow[]; caption: string }) {
  const cells = [...new Set(rows.map((r) => `${r.yearGroup}|${r.subject}`))];
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Year group and subject</th>
            {PUPIL_GROUPS.map((g) => (
              <th scope="col" className="num" key={g}>
                {GROUP_LABEL[g]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => {
            const [yg, s] = c.split("|") as [string, string];
            return (
              <tr key={c}>
                <th scope="row">
                  {yearGroupLabel(yg)} {subjectLabel(s).toLowerCase()}
                </th>
                {PUPIL_GROUPS.map((g) => {
                  const r = rows.find((x) => x.yearGroup === yg && x.subject === s && x.group === g);
                  return <PctCell key={g} row={r} field="onTargetPct" />;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
