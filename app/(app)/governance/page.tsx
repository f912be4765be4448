import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { ChallengeAbout, ChallengeStatusTag } from "@/components/report/challenge-bits";
import { formatDate, formatTerm } from "@/lib/format";
import { CHALLENGE_STATUSES } from "@/db/schema/enums";
import { requirePermission } from "@/lib/auth/session";
import { countChallenges, listChallenges, type ChallengeStatus } from "@/lib/data/governance";
import { getFramework, listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { CHALLENGE_STATUS_LABEL } from "@/lib/report/labels";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Governance: challenge log" };

/** The challenge log (SPEC §3.8): every governor question, its answer, owner and status. */
export default async function GovernancePage({ searchParams }: { searchParams: Promise<{ status?: string; term?: string }> }) {
  const user = await requirePermission("challenge.read");
  const sp = await searchParams;
  const status = (CHALLENGE_STATUSES as readonly string[]).includes(sp.status ?? "") ? (sp.status as ChallengeStatus) : undefined;
  const terms = listTerms();
  const term = terms.find((t) => t.key === sp.term);
  const rows = listChallenges({ status, termId: term?.id });
  const counts = countChallenges({ termId: term?.id });
  const areaNames = Object.fromEntries(getFramework().areas.map((a) => [a.id, a.name]));
  const awaitingMine = can(user, "challenge.answer") ? listChallenges({ ownerId: user.id, statuses: ["open", "follow_up"] }) : [];

  return (
    <>
      <PageHeader
        title="Challenge log"
        caption="Governance"
        description="Questions governors have asked as critical friends, and leaders' answers. Open and answered questions appear in the next report to governors."
        actions={
          <>
            <Link className="button button-secondary" href="/governance/meetings">
              Meetings
            </Link>
            <Link className="button button-secondary" href="/governance/link-visits">
              Link governor visits
            </Link>
            {can(user, "challenge.create") ? (
              <Link className="button" href="/governance/challenges/new">
                Ask a question
              </Link>
            ) : null}
          </>
        }
      />
      {awaitingMine.length > 0 ? (
        <div className="notice">
          <p>
            <strong>{awaitingMine.length === 1 ? "1 question is" : `${awaitingMine.length} questions are`} waiting for your answer.</strong>{" "}
            <Link href={`/governance/challenges/${awaitingMine[0]!.id}`}>Answer the oldest</Link>
          </p>
        </div>
      ) : null}

      <section aria-labelledby="counts-h">
        <h2 id="counts-h" className="visually-hidden">
          Questions by status
        </h2>
        <div className="grid">
          {CHALLENGE_STATUSES.map((s) => (
            <div className="card" key={s}>
              <div className="stat-label">{CHALLENGE_STATUS_LABEL[s]}</div>
              <div className="stat">{counts[s]}</div>
            </div>
          ))}
        </div>
      </section>

      <form className="row no-print" method="get" action="/governance" style={{ marginTop: "1.5rem", alignItems: "flex-end" }}>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={status ?? ""}>
            <option value="">Any status</option>
            {CHALLENGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CHALLENGE_STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-term">Term raised</label>
          <select id="filter-term" name="term" defaultValue={term?.key ?? ""}>
            <option value="">Any term</option>
            {[...terms].reverse().map((t) => (
              <option key={t.id} value={t.key}>
                {formatTerm(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button className="button button-secondary" type="submit">
            Filter
          </button>
        </div>
      </form>

      <TableWrap>
        <table className="table">
          <caption>
            {rows.length === 1 ? "1 question" : `${rows.length} questions`}
            {status ? `, ${CHALLENGE_STATUS_LABEL[status].toLowerCase()}` : ""}
            {term ? `, raised in ${formatTerm(term)}` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Raised</th>
              <th scope="col">Question</th>
              <th scope="col">About</th>
              <th scope="col">Asked by</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>{formatDate(c.raisedOn)}</td>
                <td>
                  <Link href={`/governance/challenges/${c.id}`}>{c.question.length > 140 ? `${c.question.slice(0, 137)}…` : c.question}</Link>
                </td>
                <td>
                  <ChallengeAbout c={c} areaNames={areaNames} links={false} />
                </td>
                <td>{c.raisedByName}</td>
                <td>{c.ownerName ?? <span className="muted">Not set</span>}</td>
                <td>
                  <ChallengeStatusTag status={c.status} />
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="muted">
                  No questions match these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
