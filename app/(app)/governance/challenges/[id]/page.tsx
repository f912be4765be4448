import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ChallengeAbout, ChallengeStatusTag } from "@/components/report/challenge-bits";
import { formatDate, formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { findChallenge } from "@/lib/data/governance";
import { LEAD_ROLES, listUsers } from "@/lib/data/users";
import { getFramework } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { CHALLENGE_SOURCE_LABEL } from "@/lib/report/labels";
import { RAISER_STATUSES } from "@/lib/validation/governance";
import { AnswerForm, StatusForm } from "./challenge-forms";

export const metadata = { title: "Challenge question" };

export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("challenge.read");
  const { id } = await params;
  const c = findChallenge({ id });
  if (!c) notFound();
  const areaNames = Object.fromEntries(getFramework().areas.map((a) => [a.id, a.name]));
  const mayAnswer = can(user, "challenge.answer");
  const isRaiser = c.raisedById === user.id && can(user, "challenge.create");
  const leaders = mayAnswer ? listUsers({ roles: LEAD_ROLES }).map((l) => ({ value: l.id, label: l.name })) : [];
  return (
    <>
      <PageHeader title="Challenge question" caption="Governance" crumbs={[{ href: "/governance", label: "Challenge log" }]} />
      <div className="inset">
        <p className="prose" style={{ whiteSpace: "pre-wrap", fontSize: "1.15rem" }}>
          {c.question}
        </p>
      </div>
      <dl className="summary-list">
        <dt>Status</dt>
        <dd>
          <ChallengeStatusTag status={c.status} />
        </dd>
        <dt>Asked by</dt>
        <dd>
          {c.raisedByName}, {formatDate(c.raisedOn)} ({CHALLENGE_SOURCE_LABEL[c.source].toLowerCase()})
        </dd>
        <dt>About</dt>
        <dd>
          <ChallengeAbout c={c} areaNames={areaNames} />
        </dd>
        <dt>Owner</dt>
        <dd>{c.ownerName ?? "Not set"}</dd>
      </dl>

      <h2>Answer</h2>
      {c.answer ? (
        <>
          <p className="prose" style={{ whiteSpace: "pre-wrap" }}>
            {c.answer}
          </p>
          <p className="muted">
            Answered by {c.answeredByName} on {formatDateTime(c.answeredAt)}
          </p>
        </>
      ) : (
        <p className="muted">Not answered yet.</p>
      )}

      {mayAnswer ? (
        <>
          <h2>{c.answer ? "Revise the answer" : "Answer this question"}</h2>
          <AnswerForm id={c.id} version={c.version} answer={c.answer ?? ""} status={c.status} ownerId={c.ownerId ?? ""} leaders={leaders} />
        </>
      ) : null}
      {!mayAnswer && isRaiser && c.answer ? (
        <>
          <h2>Was the answer enough?</h2>
          <StatusForm id={c.id} version={c.version} current={c.status} options={[...RAISER_STATUSES]} />
        </>
      ) : null}
    </>
  );
}
