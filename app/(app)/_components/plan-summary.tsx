import Link from "next/link";
import styles from "@/components/plan/plan.module.css";
import { formatDate, formatTerm } from "@/lib/format";
import { RagTag } from "@/components/ui/tag";
import type { SessionUser } from "@/lib/auth/session";
import { findCurrentYear } from "@/lib/data/school";
import { getPlanOverview } from "@/lib/data/sip";
import { can } from "@/lib/policy";

/**
 * The improvement plan on the head's and senior leaders' dashboard (SPEC §3.9): this term's RAG per
 * strand, the overdue actions, and what the improvement cycle asks for this term.
 */
export function PlanSummary({ user }: { user: SessionUser }) {
  if (!can(user, "plan.edit")) return null;
  const year = findCurrentYear();
  if (!year) return null;
  const ov = getPlanOverview({ academicYearId: year.id });
  const term = formatTerm(ov.refTerm);
  if (!ov.strands.length) {
    return (
      <section aria-labelledby="dash-plan" className="card" style={{ marginTop: "1.5rem" }}>
        <h2 id="dash-plan">Improvement plan</h2>
        <p>
          The {year.name} plan has no strands yet. <Link href="/plan/strands/new">Add the first strand</Link>.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="dash-plan" style={{ marginTop: "1.5rem" }}>
      <h2 id="dash-plan">
        <Link href="/plan">Improvement plan {year.name}</Link>
      </h2>
      <div className="grid-2">
        <div className="card">
          <h3>RAG at a glance, {term}</h3>
          <ul className={styles.glance}>
            {ov.strands.map((s) => (
              <li key={s.strand.id}>
                <Link href={`/plan/strands/${s.strand.id}`}>
                  {s.number}. {s.strand.title}
                </Link>
                <RagTag rag={s.rag} />
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h3>Overdue actions: {ov.overdue.length}</h3>
          {ov.overdue.length ? (
            <ul className={styles.small}>
              {ov.overdue.slice(0, 6).map((a) => (
                <li key={a.id}>
                  <Link href={`/plan/strands/${a.strandId}#actions`}>{a.description}</Link> ({a.ownerName ?? "no owner"}, due {formatDate(a.dueDate)})
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No action is overdue.</p>
          )}
          {ov.overdue.length > 6 ? <Link href="/plan#overdue">All {ov.overdue.length} overdue actions</Link> : null}
        </div>
        <div className="card">
          <h3>Due this term</h3>
          <p>
            {ov.dueThisTerm.length} open action{ov.dueThisTerm.length === 1 ? "" : "s"} due by the end of {term}
            {ov.dueSoon.length ? `, ${ov.dueSoon.length} within 14 days` : ""}.
          </p>
          {ov.reviewsMissing.length ? (
            <>
              <p>
                {term} reviews not yet written ({ov.reviewsMissing.length} of {ov.strands.length}):
              </p>
              <ul className={styles.small}>
                {ov.reviewsMissing.map((s) => (
                  <li key={s.id}>
                    <Link href={`/plan/strands/${s.id}/reviews/${ov.refTerm.id}`}>
                      {s.number}. {s.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>Every strand has its {term} review.</p>
          )}
        </div>
      </div>
    </section>
  );
}
