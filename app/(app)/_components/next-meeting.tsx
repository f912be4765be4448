import Link from "next/link";
import { termKeyToSlug } from "@/lib/report/term-key";
import { PapersTag } from "@/components/governance/papers-tag";
import { ChallengeStatusTag } from "@/components/report/challenge-bits";
import { formatDate, formatTerm } from "@/lib/format";
import type { SessionUser } from "@/lib/auth/session";
import { todayIso } from "@/lib/clock";
import { listChallenges } from "@/lib/data/governance";
import { findNextMeeting } from "@/lib/data/meetings";
import { can } from "@/lib/policy";

/** A governor's next meeting: when, its papers (read or not) and the questions they still have open. */
export function NextMeeting({ user }: { user: SessionUser }) {
  if (!can(user, "meeting.read")) return null;
  const today = todayIso();
  const m = findNextMeeting({ userId: user.role === "governor" ? user.id : undefined, today });
  const open = can(user, "challenge.create") && user.role === "governor" ? listChallenges({ raisedById: user.id, statuses: ["open", "follow_up"] }) : [];
  const read = m?.members.find((x) => x.id === user.id)?.readAt;
  return (
    <section className="card" aria-labelledby="next-meeting-h" style={{ marginTop: "1.5rem" }}>
      <h2 id="next-meeting-h">Next meeting</h2>
      {m ? (
        <>
          <p>
            <Link href={`/governance/meetings/${m.id}`}>
              {m.bodyName}, {formatDate(m.date)} at {m.startTime}
            </Link>
            {m.place ? ` · ${m.place}` : ""}
          </p>
          <p>
            Papers: <PapersTag m={m} today={today} />{" "}
            {m.reportTermKey && m.reportStatus === "published" ? <Link href={`/reports/${termKeyToSlug(m.reportTermKey)}`}>Read the report to governors, {formatTerm(m.reportTermKey)}</Link> : null}
            {user.role === "governor" && m.reportStatus === "published" ? (
              <span className="muted"> · {read ? `you marked them read on ${formatDate(read.slice(0, 10))}` : "not yet marked read"}</span>
            ) : null}
          </p>
        </>
      ) : (
        <p className="muted">No meeting is scheduled.</p>
      )}
      {user.role === "governor" ? (
        <>
          <h3>Your open questions</h3>
          {open.length ? (
            <ul>
              {open.map((c) => (
                <li key={c.id}>
                  <Link href={`/governance/challenges/${c.id}`}>{c.question.length > 100 ? `${c.question.slice(0, 97)}…` : c.question}</Link> <ChallengeStatusTag status={c.status} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None waiting for an answer.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
