import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatTerm } from "@/lib/format";
import { subjectLabel, type AssessmentScheme } from "@/lib/analytics/schemes";
import type { PupilDetail, PupilProgressItem, PupilResultRow } from "@/lib/data/pupils";
import type { PupilAttendanceRow } from "@/lib/data/attendance";
import { attendancePct, isPersistentlyAbsent } from "@/lib/analytics/attendance";
import { formatPct } from "@/lib/format";
import { yearGroupLabel } from "./labels";
import { GENDER_LABEL, PupilFlags } from "./pupil-flags";
import { TableWrap } from "@/components/ui/table-wrap";

/** One pupil's record as the page shows it (named data: the page checks the policy before loading). */
export function PupilRecord({
  pupil,
  scheme,
  results,
  items,
  attendance = [],
}: {
  pupil: PupilDetail;
  scheme: AssessmentScheme;
  results: PupilResultRow[];
  items: PupilProgressItem[];
  attendance?: PupilAttendanceRow[];
}) {
  const subjects = [...scheme.subjects, ...[...new Set(results.map((r) => r.subject))].filter((s) => !scheme.subjects.includes(s))];
  const termRows = [...new Map(results.map((r) => [r.termId, r])).values()];
  const cell = (termId: string, subject: string) => results.find((r) => r.termId === termId && r.subject === subject);
  const name = `${pupil.firstName} ${pupil.lastName}`;

  return (
    <>
      <PageHeader
        title={name}
        caption={`${yearGroupLabel(pupil.yearGroup)}${pupil.className ? `, ${pupil.className}` : ""} · ${pupil.yearName}`}
        crumbs={[{ href: `/pupils?year=${pupil.yearName}`, label: "Pupils" }]}
      />
      <dl className="summary-list">
        <dt>UPN</dt>
        <dd>{pupil.upn}</dd>
        <dt>Year group</dt>
        <dd>{yearGroupLabel(pupil.yearGroup)}</dd>
        <dt>Class</dt>
        <dd>{pupil.className ?? "No class"}</dd>
        <dt>Gender</dt>
        <dd>{GENDER_LABEL[pupil.gender]}</dd>
        <dt>Flags</dt>
        <dd>
          <PupilFlags pupil={pupil} />
        </dd>
      </dl>

      <section aria-labelledby="results-h">
        <h2 id="results-h">Results</h2>
        {termRows.length === 0 ? (
          <p className="inset">No results have been recorded for {pupil.firstName}.</p>
        ) : (
          <TableWrap>
            <table className="table">
              <caption>
                {name}&apos;s results by term and subject{scheme.hasTargets ? " (target grade in brackets)" : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  {subjects.map((s) => (
                    <th scope="col" key={s}>
                      {subjectLabel(s)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {termRows.map((t) => (
                  <tr key={t.termId}>
                    <th scope="row">
                      {formatTerm(t.termKey)} <span className="muted">({yearGroupLabel(t.yearGroup)})</span>
                    </th>
                    {subjects.map((s) => {
                      const r = cell(t.termId, s);
                      return (
                        <td key={s}>
                          {r ? (
                            <>
                              {r.result}
                              {r.target ? <span className="muted"> ({r.target})</span> : null}
                            </>
                          ) : (
                            <span className="muted">–</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section aria-labelledby="attendance-h">
        <h2 id="attendance-h">Attendance</h2>
        {attendance.length === 0 ? (
          <p className="muted">No attendance recorded.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption>Sessions by term (a session is a morning or an afternoon)</caption>
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  <th scope="col" className="num">
                    Possible
                  </th>
                  <th scope="col" className="num">
                    Attended
                  </th>
                  <th scope="col" className="num">
                    Authorised absence
                  </th>
                  <th scope="col" className="num">
                    Unauthorised absence
                  </th>
                  <th scope="col" className="num">
                    Attendance
                  </th>
                </tr>
              </thead>
              <tbody>
                {attendance.map((a) => (
                  <tr key={`${a.yearName}:${a.termName}`}>
                    <th scope="row">{formatTerm({ yearName: a.yearName, name: a.termName })}</th>
                    <td className="num">{a.possible}</td>
                    <td className="num">{a.attended}</td>
                    <td className="num">{a.authorised}</td>
                    <td className="num">{a.unauthorised}</td>
                    <td className="num">
                      {formatPct(attendancePct(a.attended, a.possible))}
                      {isPersistentlyAbsent(a.possible, a.attended) ? " (persistently absent)" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="ppm-h">
        <h2 id="ppm-h">Progress meetings</h2>
        {items.length === 0 ? (
          <p className="inset">{pupil.firstName} has not been discussed at a pupil progress meeting.</p>
        ) : (
          <TableWrap>
            <table className="table">
              <caption>When {pupil.firstName} was discussed, what was agreed and what came of it, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Concern</th>
                  <th scope="col">Action agreed</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Review by</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      {formatDate(i.meetingDate)}
                      <br />
                      <span className="muted">
                        {formatTerm(i.termKey)}, {i.className}
                      </span>
                    </th>
                    <td>
                      {i.subject ? <strong>{subjectLabel(i.subject)}: </strong> : null}
                      {i.concern}
                    </td>
                    <td>{i.action || <span className="muted">None recorded</span>}</td>
                    <td>{i.ownerName ?? <span className="muted">Not set</span>}</td>
                    <td>{i.reviewDate ? formatDate(i.reviewDate) : <span className="muted">Not set</span>}</td>
                    <td>{i.outcome ? i.outcome : <Tag tone={i.status === "open" ? "amber" : "grey"}>{i.status === "open" ? "Open" : "Closed"}</Tag>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <p>
          <Link href="/ppm">Progress meetings</Link>
        </p>
      </section>
    </>
  );
}
