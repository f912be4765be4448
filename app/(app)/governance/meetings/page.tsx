import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { formatDate } from "@/lib/format";
import { PapersTag } from "@/components/governance/papers-tag";
import { todayIso } from "@/lib/clock";
import { requirePermission } from "@/lib/auth/session";
import { listBodies, listMeetings, type MeetingListItem } from "@/lib/data/meetings";
import { listUsers } from "@/lib/data/users";
import { can } from "@/lib/policy";
import { BodyForm } from "./meeting-forms";

export const metadata = { title: "Governance: meetings" };

/** The board's and committees' meetings: what is coming, with its papers, and what was minuted. */
export default async function MeetingsPage() {
  const user = await requirePermission("meeting.read");
  const today = todayIso();
  const upcoming = listMeetings({ from: today });
  const past = listMeetings({ before: today, order: "desc" });
  const bodies = listBodies();
  const mayEdit = can(user, "meeting.edit");
  const people = mayEdit ? listUsers({ roles: ["headteacher", "slt", "governor"] }).map((u) => ({ value: u.id, label: `${u.name}${u.jobTitle ? ` (${u.jobTitle})` : ""}` })) : [];
  return (
    <>
      <PageHeader
        title="Meetings"
        caption="Governance"
        crumbs={[{ href: "/governance", label: "Challenge log" }]}
        description="The full governing board and its committees: dates, agendas, papers and minutes."
        actions={
          mayEdit && bodies.length ? (
            <Link className="button" href="/governance/meetings/new">
              Schedule a meeting
            </Link>
          ) : null
        }
      />
      <MeetingTable caption={`Coming up (${upcoming.length})`} rows={upcoming} today={today} />
      <MeetingTable caption={`Held (${past.length})`} rows={past} today={today} />

      <h2>The board and its committees</h2>
      {bodies.length ? (
        <ul>
          {bodies.map((b) => (
            <li key={b.id}>
              {b.name} ({b.kind === "board" ? "full board" : "committee"}): {b.memberIds.length} members, papers out {b.papersDaysBefore} days before
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No board or committees have been named yet.</p>
      )}
      {mayEdit ? (
        <details>
          <summary>Add the board or a committee</summary>
          <BodyForm people={people} />
        </details>
      ) : null}
    </>
  );
}

function MeetingTable({ caption, rows, today }: { caption: string; rows: MeetingListItem[]; today: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Meeting</th>
            <th scope="col">Papers</th>
            <th scope="col">Questions raised</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>
                {formatDate(m.date)}, {m.startTime}
              </td>
              <td>
                <Link href={`/governance/meetings/${m.id}`}>{m.bodyName}</Link>
              </td>
              <td>
                <PapersTag m={m} today={today} />
              </td>
              <td>{m.questionCount}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                None.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
