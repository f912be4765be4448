import Link from "next/link";
import { termKeyToSlug } from "@/lib/report/term-key";
import { PageHeader } from "@/components/layout/page-header";
import { ChallengeStatusTag } from "@/components/report/challenge-bits";
import { formatDate, formatDateTime, formatTerm } from "@/lib/format";
import { todayIso } from "@/lib/clock";
import { requirePermission } from "@/lib/auth/session";
import { getMeeting, listAgendaLinkOptions } from "@/lib/data/meetings";
import { listUsers } from "@/lib/data/users";
import { orRefuse } from "@/lib/page-guard";
import { can } from "@/lib/policy";
import { PapersTag } from "@/components/governance/papers-tag";
import { AgendaItemForm, AttendanceForm, MeetingEditForm, MinuteForm, PapersReadButton } from "../meeting-forms";

export const metadata = { title: "Meeting" };

const ATTENDANCE_LABEL = { present: "Present", apologies: "Apologies", absent: "Absent" } as const;

export default async function MeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("meeting.read");
  const { id } = await params;
  const today = todayIso();
  const m = orRefuse(() => getMeeting({ id, today }));
  const mayEdit = can(user, "meeting.edit");
  const mayMinute = can(user, "meeting.minutes");
  const me = m.members.find((x) => x.id === user.id);
  const myRead = me?.readAt ?? (can(user, "meeting.papers.read") ? null : undefined);
  const governors = m.members.filter((x) => x.role === "governor");
  const readCount = governors.filter((g) => g.readAt).length;
  const links = mayEdit ? listAgendaLinkOptions() : null;
  const people = mayMinute ? listUsers({ roles: ["headteacher", "slt", "staff", "governor"] }).map((u) => ({ value: u.id, label: u.name })) : [];
  const held = m.date <= today || m.minutesRecordedAt !== null;
  const title = `${m.bodyName}, ${formatDate(m.date)}`;
  return (
    <>
      <PageHeader
        title={title}
        caption="Meeting"
        crumbs={[{ href: "/governance/meetings", label: "Meetings" }]}
        actions={
          <>
            <Link className="button button-secondary" href={`/governance/meetings/${m.id}/print`}>
              Print agenda and minutes
            </Link>
            <a className="button button-secondary" href={`/governance/meetings/${m.id}/docx`}>
              Download as Word
            </a>
          </>
        }
      />
      {m.papersLate && mayEdit ? (
        <div className="warning" role="status">
          <p>
            <strong>Papers were due out on {formatDate(m.papersOutDate)}</strong>, but {m.reportId ? "the report attached is not published yet" : "no report is attached"}.{" "}
            {m.reportTermKey ? <Link href={`/reports/${termKeyToSlug(m.reportTermKey)}`}>Publish the report</Link> : null}
          </p>
        </div>
      ) : null}
      <dl className="summary-list">
        <dt>When</dt>
        <dd>
          {formatDate(m.date)} at {m.startTime}
        </dd>
        <dt>Where</dt>
        <dd>{m.place || <span className="muted">Not set</span>}</dd>
        <dt>Papers</dt>
        <dd>
          <PapersTag m={m} today={today} /> {m.reportTermKey ? <Link href={`/reports/${termKeyToSlug(m.reportTermKey)}`}>Report to governors, {formatTerm(m.reportTermKey)}</Link> : null}{" "}
          <span className="muted">(out {formatDate(m.papersOutDate)})</span>
        </dd>
        <dt>Papers read</dt>
        <dd>
          {readCount} of {governors.length} governors
        </dd>
      </dl>
      {links ? (
        <details>
          <summary>Change the date, place, papers or report</summary>
          <MeetingEditForm
            defaults={{ id: m.id, version: m.version, date: m.date, startTime: m.startTime, place: m.place, papersOutDate: m.papersOutDate, reportId: m.reportId ?? "" }}
            reports={links.reports.map((r) => ({ value: r.id, label: `${formatTerm(r.termKey)}${r.status === "published" ? "" : " (draft)"}` }))}
          />
        </details>
      ) : null}
      {myRead === null && m.reportStatus === "published" ? <PapersReadButton meetingId={m.id} /> : null}
      {myRead ? <p className="muted">You marked the papers read on {formatDateTime(myRead)}.</p> : null}

      <h2>Agenda</h2>
      {m.agenda.length ? (
        <ol>
          {m.agenda.map((a) => (
            <li key={a.id}>
              {a.title}
              {a.linkHref ? (
                <>
                  {" "}
                  (<Link href={a.linkHref}>{a.linkLabel}</Link>)
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No agenda items yet.</p>
      )}
      {links ? (
        <details>
          <summary>Add an agenda item</summary>
          <AgendaItemForm
            meetingId={m.id}
            links={{
              report: links.reports.map((r) => ({ value: r.id, label: `${formatTerm(r.termKey)}${r.status === "published" ? "" : " (draft)"}` })),
              strand: links.strands.map((s) => ({ value: s.id, label: s.title })),
              sef_version: links.sefVersions.map((v) => ({ value: v.id, label: `${v.yearName}, version ${v.number}` })),
              challenge: links.challenges.map((c) => ({ value: c.id, label: c.question.length > 90 ? `${c.question.slice(0, 87)}…` : c.question })),
            }}
          />
        </details>
      ) : null}

      <h2>Questions raised at this meeting</h2>
      {m.challenges.length ? (
        <ul>
          {m.challenges.map((c) => (
            <li key={c.id}>
              <Link href={`/governance/challenges/${c.id}`}>{c.question.length > 140 ? `${c.question.slice(0, 137)}…` : c.question}</Link> ({c.raisedByName}) <ChallengeStatusTag status={c.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None recorded.</p>
      )}
      {can(user, "challenge.create") ? (
        <p>
          <Link className="button button-secondary" href={`/governance/challenges/new?meetingId=${m.id}`}>
            Record a question at this meeting
          </Link>
        </p>
      ) : null}

      <h2>Minutes</h2>
      <h3>{held ? "Attendance" : "Members"}</h3>
      <ul>
        {m.members.map((p) => (
          <li key={p.id}>
            {p.name}
            {p.jobTitle ? `, ${p.jobTitle}` : ""}
            {held ? <>: {p.attendance ? ATTENDANCE_LABEL[p.attendance] : <span className="muted">not recorded</span>}</> : null}
          </li>
        ))}
      </ul>
      {mayMinute && held ? (
        <details>
          <summary>Record attendance and apologies</summary>
          <AttendanceForm meetingId={m.id} members={m.members} />
        </details>
      ) : null}
      <h3>Decisions and actions</h3>
      {m.minutes.length ? (
        <ul>
          {m.minutes.map((r) => (
            <li key={r.id}>
              <strong>{r.kind === "decision" ? "Decision" : "Action"}:</strong> {r.text}
              {r.kind === "action" ? ` (${r.ownerName ?? "no owner"}, by ${formatDate(r.dueDate)})` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing minuted yet.</p>
      )}
      {mayMinute && held ? (
        <details>
          <summary>Minute a decision or an action</summary>
          <MinuteForm meetingId={m.id} people={people} />
        </details>
      ) : null}
      {!held ? <p className="muted">Minutes are recorded on the day of the meeting.</p> : null}
    </>
  );
}
