import { SUPPRESSION_NOTE, suppressionLabel } from "@/lib/analytics/disclosure";
import type { ReactNode } from "react";
import { RagTag, Tag } from "@/components/ui/tag";
import { formatDate, formatPct, formatTerm } from "@/components/ui/format";
import { REPORT_SECTIONS, type ReportSection } from "@/db/schema/enums";
import { CHALLENGE_STATUS_LABEL, CHALLENGE_STATUS_TONE, GROUP_LABEL, MONITORING_TYPE_LABEL, REPORT_SECTION_LABEL, subjectLabel, yearGroupLabel } from "@/lib/report/labels";
import { nationalDifference, nationalNote } from "@/lib/report/national";
import { SourceLinks } from "@/components/ui/source-links";
import type { NationalComparison } from "@/lib/analytics/national";
import type { ReportData } from "@/lib/report/types";
import { attainmentBarSvg, trendLineSvg } from "@/lib/report/svg-charts";
import { AttainmentChart, TrendChart } from "./charts";
import { TableWrap } from "@/components/ui/table-wrap";
import { ATTENDANCE_DEFINITIONS, attendanceTables, attendanceTrendPoints, nationalAttendanceTable } from "@/lib/report/attendance-tables";
import { PlainTableView } from "@/components/ui/plain-table";

type Slots = {
  /** Replaces the narrative text of a section (the draft's editor). */
  narrative?: Partial<Record<string, ReactNode>>;
  /** Shown at the end of a section (e.g. "Ask a question about this section"). */
  after?: Partial<Record<ReportSection, ReactNode>>;
  /**
   * "interactive": recharts, drawn once the page hydrates; "static": the same charts as SVG in the
   * server's HTML (the print view, which must print without waiting for scripts); false: tables only.
   */
  charts?: "interactive" | "static" | false;
};

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

/** The whole report, in SPEC §3.7's order. Renders a draft or a frozen snapshot alike. */
export function ReportView({ data, slots = {} }: { data: ReportData; slots?: Slots }) {
  const narrative = (key: string) =>
    slots.narrative?.[key] ??
    (data.narrative[key] ? (
      <div className="prose narrative" style={{ whiteSpace: "pre-wrap" }}>
        {data.narrative[key]}
      </div>
    ) : null);
  const section = (key: ReportSection, body: ReactNode, opts: { narrativeFirst?: boolean } = {}) => (
    <section key={key} id={`section-${key}`} aria-labelledby={`h-${key}`} className="report-section">
      <h2 id={`h-${key}`}>
        {REPORT_SECTIONS.indexOf(key) + 1}. {REPORT_SECTION_LABEL[key]}
      </h2>
      {opts.narrativeFirst ? narrative(key) : null}
      {body}
      {!opts.narrativeFirst && key !== "context" ? narrative(key) : null}
      {slots.after?.[key]}
    </section>
  );
  const c = data.context;
  const m = data.monitoring;
  const p = data.progressMeetings;
  const yearGroups = [...new Set(data.attainment.map((r) => r.yearGroup))];
  const subjects = [...new Set(data.attainment.map((r) => r.subject))];

  return (
    <div className="report">
      {section(
        "context",
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
                      <th scope="col" className="num">Pupils</th>
                      <th scope="col" className="num">% of roll</th>
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
                      <th scope="col" className="num">Pupils</th>
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
        </>,
      )}

      {section(
        "plan",
        data.plan.strands.length === 0 ? (
          <p className="muted">There is no improvement plan for this year.</p>
        ) : (
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
                    <th scope="col" className="num">Done</th>
                    <th scope="col" className="num">In progress</th>
                    <th scope="col" className="num">Not started</th>
                    <th scope="col" className="num">Overdue</th>
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
                    <table className="table">
                      <caption>Success criteria for strand {s.number}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Criterion</th>
                          <th scope="col" className="num">Baseline</th>
                          <th scope="col" className="num">Now</th>
                          <th scope="col" className="num">Target</th>
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
        ),
      )}

      {section(
        "quality",
        <>
          <TableWrap>
            <table className="table">
              <caption>Monitoring carried out this term</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col" className="num">Number</th>
                </tr>
              </thead>
              <tbody>
                {(Object.keys(MONITORING_TYPE_LABEL) as (keyof typeof MONITORING_TYPE_LABEL)[]).map((t) => (
                  <tr key={t}>
                    <th scope="row">{MONITORING_TYPE_LABEL[t]}</th>
                    <td className="num">{m.countsByType[t] ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p>
            Observation coverage: <strong>{m.coveragePct === null ? "no teaching staff recorded" : `${formatPct(m.coveragePct)} of teaching staff observed this term`}</strong>.
          </p>
          <div className="grid-2">
            <div>
              <h3>Recurring strengths</h3>
              {m.recurringStrengths.length ? (
                <ul>
                  {m.recurringStrengths.map((t) => (
                    <li key={`${t.heading}-${t.label}`}>
                      {t.label} <span className="muted">({t.heading}; {t.count} observations)</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None recurring yet.</p>
              )}
            </div>
            <div>
              <h3>Recurring areas for development</h3>
              {m.recurringDevelopment.length ? (
                <ul>
                  {m.recurringDevelopment.map((t) => (
                    <li key={`${t.heading}-${t.label}`}>
                      {t.label} <span className="muted">({t.heading}; {t.count} observations)</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None recurring yet.</p>
              )}
            </div>
          </div>
        </>,
      )}

      {section(
        "attainment",
        data.attainment.length === 0 ? (
          <p className="muted">No assessment results are recorded for this term.</p>
        ) : (
          <>
            {slots.charts !== false ? (
              <figure className="chart">
                {slots.charts === "static" ? <StaticChart svg={attainmentBarSvg(data.attainment)} label="Bar chart of the percentage of pupils at the expected standard by year group and subject; the same numbers are in the tables below." /> : <AttainmentChart rows={data.attainment} />}
                <figcaption>Percentage of all pupils at the expected standard, by year group and subject. The tables below give the same numbers.</figcaption>
              </figure>
            ) : null}
            {yearGroups.map((yg) => (
              <TableWrap key={yg}>
                <table className="table">
                  <caption>{yearGroupLabel(yg)}: % at the expected standard (greater depth in brackets)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Subject</th>
                      <th scope="col" className="num">All</th>
                      <th scope="col" className="num">Disadvantaged</th>
                      <th scope="col" className="num">Not disadvantaged</th>
                      <th scope="col" className="num">Gap (pts)</th>
                      <th scope="col" className="num">SEN</th>
                      <th scope="col" className="num">EAL</th>
                      <th scope="col" className="num">Girls</th>
                      <th scope="col" className="num">Boys</th>
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
            {data.attainmentTrend.length ? <TrendSection data={data} charts={slots.charts ?? "interactive"} /> : null}
          </>
        ),
      )}

      {section("attendance", <AttendanceSection data={data} charts={slots.charts ?? "interactive"} />)}

      {section(
        "progress_meetings",
        <dl className="summary-list">
          <dt>Meetings held</dt>
          <dd>{p.meetingsHeld}</dd>
          <dt>Classes without a meeting</dt>
          <dd>{p.classesWithoutMeeting}</dd>
          <dt>Pupils discussed</dt>
          <dd>{p.pupilsDiscussed}</dd>
          <dt>Actions agreed</dt>
          <dd>{p.actionsAgreed}</dd>
          <dt>Outcomes recorded</dt>
          <dd>{p.outcomesRecorded}</dd>
          <dt>Actions carried forward</dt>
          <dd>{p.openCarriedForward}</dd>
        </dl>,
      )}

      {section(
        "self_evaluation",
        data.selfEvaluation.areas.length === 0 ? (
          <p className="muted">No published self-evaluation yet.</p>
        ) : (
          <TableWrap>
            <table className="table">
              <caption>
                Self-evaluation grades{data.selfEvaluation.version ? ` (version ${data.selfEvaluation.version.number}, published ${formatDate(data.selfEvaluation.version.publishedAt)})` : ""}
                {data.selfEvaluation.comparedWith ? `, compared with the ${formatTerm(data.selfEvaluation.comparedWith)} report` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Area</th>
                  <th scope="col">Grade now</th>
                  {data.selfEvaluation.comparedWith ? <th scope="col">At the last report</th> : null}
                  {data.selfEvaluation.comparedWith ? <th scope="col">Changed</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.selfEvaluation.areas.map((a) => (
                  <tr key={a.areaKey}>
                    <th scope="row">{a.area}</th>
                    <td>{a.grade ?? "Not graded"}</td>
                    {data.selfEvaluation.comparedWith ? <td>{a.previousGrade ?? "Not graded"}</td> : null}
                    {data.selfEvaluation.comparedWith ? <td>{a.changed ? <Tag tone="blue">Changed</Tag> : "No"}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ),
      )}

      {section(
        "governance",
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
                {data.governance.visits.map((v, i) => (
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
                {data.governance.visits.length === 0 ? (
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
          {data.governance.challenges.length === 0 ? (
            <p className="muted">No challenge questions for this term.</p>
          ) : (
            <ol className="challenge-list">
              {data.governance.challenges.map((q) => (
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
        </>,
      )}

      {section("priorities", data.narrative.priorities || slots.narrative?.priorities ? null : <p className="muted">No priorities written yet.</p>)}
    </div>
  );
}

/** Section 5: attendance by year group and group, suspensions and exclusions, the trend, national figures. */
function AttendanceSection({ data, charts }: { data: ReportData; charts: "interactive" | "static" | false }) {
  if (!data.attendance?.length) {
    return <p className="muted">{data.attendance ? "No attendance is recorded for this term." : "This report was published before attendance was part of the report."}</p>;
  }
  const tables = attendanceTables({ attendance: data.attendance, behaviour: data.behaviour ?? [], attendanceTrend: data.attendanceTrend ?? [] });
  const trend = data.attendanceTrend ?? [];
  const points = attendanceTrendPoints(trend);
  const terms = trend.map((t) => t.term);
  const label = "Line chart of attendance and persistent absence in each term; the same numbers are in the table below.";
  return (
    <>
      {tables.map((t) => (
        <PlainTableView table={t} key={t.caption} />
      ))}
      {charts && trend.length > 1 ? (
        <figure className="chart">
          {charts === "static" ? <StaticChart svg={trendLineSvg(points)} label={label} /> : <TrendChart points={points} terms={terms} label={label} />}
          <figcaption>Attendance and persistent absence (whole school) in each term. The table above gives the same numbers.</figcaption>
        </figure>
      ) : null}
      <p className="muted">{ATTENDANCE_DEFINITIONS}</p>
      {data.attendanceNational?.length ? (
        <>
          <PlainTableView table={nationalAttendanceTable(data.attendanceNational)} />
          <p className="muted">
            Sources: <SourceLinks sources={[...new Set(data.attendanceNational.flatMap((f) => f.sources))]} />.
          </p>
        </>
      ) : null}
    </>
  );
}

function StaticChart({ svg, label }: { svg: string; label: string }) {
  // The SVG is built by lib/report/svg-charts from numbers and escaped labels only.
  return <div role="img" aria-label={label} className="static-chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}

function TrendSection({ data, charts }: { data: ReportData; charts: "interactive" | "static" | false }) {
  const terms = [...new Set(data.attainmentTrend.map((t) => t.term))];
  const yearGroups = [...new Set(data.attainment.map((r) => r.yearGroup))];
  const top = yearGroups[yearGroups.length - 1]!;
  const rows = data.attainmentTrend.filter((t) => t.yearGroup === top);
  const subjects = [...new Set(rows.map((r) => r.subject))];
  return (
    <>
      <h3>Trend across terms: {yearGroupLabel(top)}</h3>
      {charts ? (
        <figure className="chart">
          {charts === "static" ? <StaticChart svg={trendLineSvg(rows)} label="Line chart of the percentage at the expected standard in each term; the same numbers are in the table below." /> : <TrendChart points={rows} terms={terms} />}
          <figcaption>% of {yearGroupLabel(top)} pupils at the expected standard in each term. The table below gives the same numbers.</figcaption>
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
    </>
  );
}

/** Section 4's national comparison: the school's % at expected beside England's, statutory data only. */
function NationalTable({ rows, term }: { rows: NationalComparison[]; term: string }) {
  const first = rows[0]!;
  const sources = [...new Set(rows.flatMap((r) => r.sources))];
  return (
    <>
      <TableWrap>
        <table className="table">
          <caption>
            {first.label}: % at the expected standard, school and national
          </caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Pupil group</th>
              <th scope="col" className="num">School</th>
              <th scope="col" className="num">National</th>
              <th scope="col" className="num">Difference (pts)</th>
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
        {nationalNote(rows, term)} Sources:{" "}
        <SourceLinks sources={sources} />
        .
      </p>
    </>
  );
}
