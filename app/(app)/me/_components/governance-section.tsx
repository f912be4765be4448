import Link from "next/link";
import { ChallengeStatusTag } from "@/components/report/challenge-bits";
import { formatDate, formatTerm } from "@/lib/format";
import type { SessionUser } from "@/lib/auth/session";
import { listChallenges } from "@/lib/data/governance";
import { listPublishedReports } from "@/lib/data/report";
import { can } from "@/lib/policy";
import { termKeyToSlug } from "@/lib/report/term-key";

/**
 * The challenge log and reports as they concern the user: for governors, the questions they asked that
 * are still in play and the latest published reports; for leaders, the questions they own that await
 * an answer.
 */
export function GovernanceSection({ user }: { user: SessionUser }) {
  const leader = can(user, "challenge.answer");
  const asker = user.role === "governor" && can(user, "challenge.create");
  if (!leader && !asker) return null;
  const toAnswer = leader ? listChallenges({ ownerId: user.id, statuses: ["open", "follow_up"] }) : [];
  const mine = asker ? listChallenges({ raisedById: user.id, statuses: ["open", "answered", "follow_up"] }) : [];
  const reports = asker ? listPublishedReports().slice(0, 3) : [];
  if (leader && toAnswer.length === 0) return null;
  return (
    <section aria-labelledby="me-governance">
      <h2 id="me-governance">{leader ? "Governors' questions for you to answer" : "Your challenge questions"}</h2>
      {(leader ? toAnswer : mine).length === 0 ? (
        <p className="muted">
          You have no questions in progress. <Link href="/governance/challenges/new">Ask a question</Link>
        </p>
      ) : (
        <ul>
          {(leader ? toAnswer : mine).map((c) => (
            <li key={c.id}>
              <Link href={`/governance/challenges/${c.id}`}>{c.question.length > 100 ? `${c.question.slice(0, 97)}…` : c.question}</Link>{" "}
              <span className="muted">
                ({leader ? `asked by ${c.raisedByName}, ` : ""}
                {formatDate(c.raisedOn)})
              </span>{" "}
              <ChallengeStatusTag status={c.status} />
            </li>
          ))}
        </ul>
      )}
      {asker ? (
        <>
          <h3>Latest reports to governors</h3>
          {reports.length ? (
            <ul>
              {reports.map((r) => (
                <li key={r.id}>
                  <Link href={`/reports/${termKeyToSlug(r.termKey)}`}>{formatTerm(r.termKey)} report</Link> <span className="muted">published {formatDate(r.publishedAt)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No reports have been published yet.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
