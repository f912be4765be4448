import Link from "next/link";
import { ReviewDate } from "@/components/ppm/item-tables";
import { formatDate, formatTerm } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import { ppmSubjectLabel } from "@/lib/analytics/ppm";
import type { SessionUser } from "@/lib/auth/session";
import { listMyClassMeetings, listOpenPpmActionsOwnedBy } from "@/lib/data/ppm";
import { findCurrentTerm, todayIso } from "@/lib/data/school";
import { scopeOf } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

/**
 * My classes' progress meetings this term (held or not yet), and the progress-meeting actions I own that
 * are still open, overdue first (SPEC §3.9). Only for staff and leaders: governors and advisers never
 * see a pupil here.
 */
export function PpmSection({ user }: { user: SessionUser }) {
  if (!scopeOf(user.role, "ppm.read")) return null;
  const term = findCurrentTerm();
  const classes = term ? listMyClassMeetings({ viewer: user, termId: term.id }) : [];
  const today = todayIso();
  const actions = listOpenPpmActionsOwnedBy({ viewer: user, today });
  if (classes.length === 0 && actions.length === 0) return null;
  return (
    <section aria-labelledby="me-ppm">
      <h2 id="me-ppm">Pupil progress meetings</h2>
      {classes.length && term ? (
        <>
          <h3>My classes&apos; meetings, {formatTerm(term)}</h3>
          <ul>
            {classes.map((c) =>
              c.meeting ? (
                <li key={c.classId}>
                  <Link href={`/ppm/${c.meeting.id}`}>{c.className}</Link>: held {formatDate(c.meeting.date)}, {c.meeting.pupilsDiscussed} {c.meeting.pupilsDiscussed === 1 ? "pupil" : "pupils"}{" "}
                  discussed, {c.meeting.openActions} {c.meeting.openActions === 1 ? "action" : "actions"} open
                </li>
              ) : (
                <li key={c.classId}>
                  {c.className}: <Tag tone="amber">Not held yet</Tag>
                </li>
              ),
            )}
          </ul>
        </>
      ) : null}
      {actions.length ? (
        <>
          <h3>Progress meeting actions I own</h3>
          <TableWrap>
            <table className="table">
              <caption className="visually-hidden">Open progress meeting actions you own, overdue first</caption>
              <thead>
                <tr>
                  <th scope="col">Pupil</th>
                  <th scope="col">Action</th>
                  <th scope="col">Agreed</th>
                  <th scope="col">Review date</th>
                </tr>
              </thead>
              <tbody>
                {actions.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.pupilName}
                      <div className="muted">{ppmSubjectLabel(a.subject)}</div>
                    </th>
                    <td>{a.action}</td>
                    <td>
                      {a.canOpenMeeting ? (
                        <Link href={`/ppm/${a.meetingId}`}>
                          {a.className}, {formatTerm(a.termKey)}
                        </Link>
                      ) : (
                        `${a.className}, ${formatTerm(a.termKey)}`
                      )}
                    </td>
                    <td>
                      <ReviewDate item={a} today={today} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </section>
  );
}
