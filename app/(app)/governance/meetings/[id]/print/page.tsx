import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { PrintButton } from "@/components/ui/print-button";
import { formatDate, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { findMeeting, getMeeting } from "@/lib/data/meetings";
import { getSchool } from "@/lib/data/school";

export const metadata = { title: "Agenda and minutes (print)" };

const ATTENDANCE_LABEL = { present: "Present", apologies: "Apologies", absent: "Absent" } as const;

/** A meeting's agenda and minutes as an A4 page (print, or save as PDF). */
export default async function PrintMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("meeting.read");
  const { id } = await params;
  if (!findMeeting({ id })) notFound();
  const m = getMeeting({ id });
  const decisions = m.minutes.filter((r) => r.kind === "decision");
  const actions = m.minutes.filter((r) => r.kind === "action");
  return (
    <article>
      <PageHeader
        caption={getSchool().name}
        title={`${m.bodyName}: ${formatDate(m.date)}`}
        description={`${formatDate(m.date)} at ${m.startTime}${m.place ? `, ${m.place}` : ""}. Papers out ${formatDate(m.papersOutDate)}${m.reportTermKey ? ` (report to governors, ${formatTerm(m.reportTermKey)})` : ""}.`}
        crumbs={[{ href: `/governance/meetings/${m.id}`, label: "Meeting" }]}
        actions={<PrintButton label="Print the agenda and minutes" />}
      />
      <h2>Agenda</h2>
      <ol>
        {m.agenda.map((a) => (
          <li key={a.id}>
            {a.title}
            {a.linkLabel ? ` (${a.linkLabel})` : ""}
          </li>
        ))}
      </ol>
      <h2>Minutes</h2>
      <h3>Attendance</h3>
      <ul>
        {m.members.map((x) => (
          <li key={x.id}>
            {x.name}: {x.attendance ? ATTENDANCE_LABEL[x.attendance] : "not recorded"}
          </li>
        ))}
      </ul>
      <h3>Questions raised</h3>
      {m.challenges.length ? (
        <ol>
          {m.challenges.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{c.raisedByName}:</strong> {c.question}
              </p>
              <p>{c.answer ? `Answer (${c.answeredByName ?? ""}): ${c.answer}` : "Not answered yet."}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p>None recorded.</p>
      )}
      <h3>Decisions</h3>
      {decisions.length ? (
        <ol>
          {decisions.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ol>
      ) : (
        <p>None minuted.</p>
      )}
      <h3>Actions</h3>
      {actions.length ? (
        <table className="table">
          <caption className="visually-hidden">Actions</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((r) => (
              <tr key={r.id}>
                <td>{r.text}</td>
                <td>{r.ownerName}</td>
                <td>{formatDate(r.dueDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>None minuted.</p>
      )}
    </article>
  );
}
