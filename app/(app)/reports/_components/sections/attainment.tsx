import { SUPPRESSION_NOTE, suppressionLabel } from "@/lib/analytics/disclosure";
import type { NationalComparison } from "@/lib/analytics/national";
import { formatPct, formatTerm } from "@/lib/format";
import { SourceLinks } from "@/components/ui/source-links";
import { TableWrap } from "@/components/ui/table-wrap";
import { GROUP_LABEL, subjectLabel, yearGroupLabel } from "@/lib/report/labels";
import { nationalDifference, nationalNote } from "@/lib/report/national";
import { attainmentBarSvg, trendLineSvg } from "@/lib/report/svg-charts";
import type { ReportData } from "@/lib/report/types";
import { AttainmentChart, TrendChart } from "../charts";
import { StaticChart } from "./static-chart";
import type { SectionProps } from "./types";

/** Pupil progress and attainment: the chart, a table per year group, national figures and the trend. */
export function AttainmentSection({ data, charts }: SectionProps) {
  if (data.attainment.length === 0) return <p className="muted">No assessment results are recorded for this term.</p>;
  const yearGroups = [...new Set(data.attainment.map((r) => r.yearGroup))];
  const subjects = [...new Set(data.attainment.map((r) => r.subject))];
  return (
    <>
      {charts !== false ? (
        <figure className="chart">
          {charts === "static" ? (
            <StaticChart
              svg={attainmentBarSvg(data.attainment)}
              label="Bar chart of the percentage of pupils at the expected standard by year group and subject; the same numbers are in the tables below."
            />
          ) : (
            <AttainmentChart rows={data.attainment} />
          )}
          <figcaption>Percentage of all pupils at the expected standard, by year group and subject. The tables below give the same numbers.</figcaption>
        </figure>
      ) : null}
      {yearGroups.map((yg) => (
        <TableWrap key={yg}>
          <table className="table attainment-table">
            <caption>{yearGroupLabel(yg)}: % at the expected standard (greater depth in brackets)</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col" className="num">
                  All
                </th>
                <th scope="col" className="num">
                  Disadvantaged
                </th>
                <th scope="col" className="num">
                  Not disadvantaged
                </th>
                <th scope="col" className="num">
                  Gap (pts)
                </th>
                <th scope="col" className="num">
                  SEN
                </th>
                <th scope="col" className="num">
                  EAL
                </th>
                <th scope="col" className="num">
                  Girls
                </th>
                <th scope="col" className="num">
                  Boys
                </th>
              </tr>
            </thead>
            <tbody>
              {subjects.map((subject) => {
                const cell = (group: string) => {
                  const r = data.attainment.find((x) => x.yearGroup === yg && x.subject === subject && x.group === group);
                  if (!r) return "–";
                  if (r.suppressed) return suppressionLabel(r.suppressionReason);
                  return `${r.withheld?.atExpectedPct ? "withheld" : formatPct(r.atExpectedPct)} (${r.withheld?.greaterDepthPct ? "withheld" : formatPct(r.greaterDepthPct)})`;
                };
                const gap = data.gaps.find((g) => g.yearGroup === yg && g.subject === subject);
                if (!data.attainment.some((x) => x.yearGroup === yg && x.subject === subject)) return null;
                return (
                  <tr key={subject}>
                    <th scope="row">{subjectLabel(subject)}</th>
                    {["all", "disadvantaged", "not_disadvantaged"].map((g) => (
                      <td className="num" key={g}>
                        {cell(g)}
                      </td>
                    ))}
                    <td className="num">{gap?.gapPts ?? "–"}</td>
                    {["sen", "eal", "girls", "boys"].map((g) => (
                      <td className="num" key={g}>
                        {cell(g)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ))}
      <p className="muted">{SUPPRESSION_NOTE}</p>
      {data.national?.length ? <NationalTable rows={data.national} term={data.term} /> : null}
      {data.attainmentTrend.length ? <TrendSection data={data} charts={charts} /> : null}
    </>
  );
}

function TrendSection({ data, charts }: { data: ReportData; charts: SectionProps["charts"] }) {
  const terms = [...new Set(data.attainmentTrend.map((t) => t.term))];
  const yearGroups = [...new Set(data.attainment.map((r) => r.yearGroup))];
  const top = yearGroups[yearGroups.length - 1]!;
  const rows = data.attainmentTrend.filter((t) => t.yearGroup === top);
  const subjects = [...new Set(rows.map((r) => r.subject))];
  return (
    <div className="chart-with-table">
      <h3>Trend across terms: {yearGroupLabel(top)}</h3>
      {charts ? (
        <figure className="chart">
          {charts === "static" ? (
            <StaticChart svg={trendLineSvg(rows)} label="Line chart of the percentage at the expected standard in each term; the same numbers are in the table beside it." />
          ) : (
            <TrendChart points={rows} terms={terms} />
          )}
          <figcaption>% of {yearGroupLabel(top)} pupils at the expected standard in each term. The table gives the same numbers.</figcaption>
        </figure>
      ) : null}
      <TableWrap>
        <table className="table">
          <caption>{yearGroupLabel(top)}: % at the expected standard by term (all pupils; each term&apos;s own cohort)</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              {terms.map((t) => (
                <th scope="col" className="num" key={t}>
                  {formatTerm(t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {subjects.map((s) => (
              <tr key={s}>
                <th scope="row">{subjectLabel(s)}</th>
                {terms.map((t) => (
                  <td className="num" key={t}>
                    {formatPct(rows.find((r) => r.term === t && r.subject === s)?.atExpectedPct)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

/** The national comparison: the school's % at expected beside England's, statutory data only. */
function NationalTable({ rows, term }: { rows: NationalComparison[]; term: string }) {
  const first = rows[0]!;
  const sources = [...new Set(rows.flatMap((r) => r.sources))];
  return (
    <>
      <TableWrap>
        <table className="table">
          <caption>{first.label}: % at the expected standard, school and national</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Pupil group</th>
              <th scope="col" className="num">
                School
              </th>
              <th scope="col" className="num">
                National
              </th>
              <th scope="col" className="num">
                Difference (pts)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.yearGroup}-${r.subject}-${r.group}`}>
                <th scope="row">{subjectLabel(r.subject)}</th>
                <td>{GROUP_LABEL[r.group]}</td>
                <td className="num">{r.suppressed ? "Withheld" : formatPct(r.schoolPct)}</td>
                <td className="num">
                  {r.nationalPct}% ({r.nationalYear})
                </td>
                <td className="num">{nationalDifference(r)?.toFixed(1) ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">
        {nationalNote(rows, term)} Sources: <SourceLinks sources={sources} />.
      </p>
    </>
  );
}
