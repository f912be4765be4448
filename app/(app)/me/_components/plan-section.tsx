import Link from "next/link";
import { ProgressForm } from "@/app/(app)/plan/_components/progress-form";
import styles from "@/components/plan/plan.module.css";
import { ActionFlagTag, ActionStatusTag } from "@/components/plan/tags";
import { formatDate } from "@/lib/format";
import { RagTag } from "@/components/ui/tag";
import type { SessionUser } from "@/lib/auth/session";
import { getMyPlanWork } from "@/lib/data/sip";
import { can } from "@/lib/policy";

/**
 * My part in this year's improvement plan (SPEC §3.9): the actions I own, overdue first, then due
 * soon, then the rest, each with its status and notes to update; and the strands I lead or am the
 * link governor for.
 */
export function PlanSection({ user }: { user: SessionUser }) {
  if (!can(user, "plan.read")) return null;
  const work = getMyPlanWork({ userId: user.id });
  if (!work.year || (!work.actions.length && !work.leads.length && !work.linkGoverns.length)) return null;
  const open = work.actions.filter((a) => a.status === "not_started" || a.status === "in_progress");
  const finished = work.actions.filter((a) => a.status === "done" || a.status === "dropped");
  const overdue = open.filter((a) => a.flag === "overdue").length;
  return (
    <section aria-labelledby="me-plan">
      <h2 id="me-plan">Improvement plan {work.year.name}</h2>
      {work.actions.length ? (
        <>
          <h3 id="me-plan-actions">My actions</h3>
          <p>
            {open.length} open
            {overdue ? (
              <>
                , <strong>{overdue} overdue</strong>
              </>
            ) : null}
            {finished.length ? `, ${finished.length} done or dropped` : ""}.
          </p>
          <ul className="stack" style={{ listStyle: "none", padding: 0 }} aria-labelledby="me-plan-actions">
            {work.actions.map((a) => (
              <li key={a.id} className="card">
                <div className="row" style={{ justifyContent: "space-between", alignItems: "flex-start" }}>
                  <div>
                    <strong>{a.description}</strong>
                    <div className={`muted ${styles.small}`}>
                      <Link href={`/plan/strands/${a.strandId}#actions`}>{a.strandTitle}</Link>
                      {a.dueDate ? ` · due ${formatDate(a.dueDate)}` : ""}
                    </div>
                  </div>
                  <div className="row">
                    <ActionStatusTag status={a.status} />
                    <ActionFlagTag flag={a.flag} />
                  </div>
                </div>
                {a.notes ? <p className={`prose ${styles.small}`}>Notes: {a.notes}</p> : null}
                {can(user, "plan.action.progress", a.ownerId === user.id) ? (
                  <details className={styles.details}>
                    <summary>
                      Update progress<span className="visually-hidden"> on {a.description}</span>
                    </summary>
                    <ProgressForm action={{ id: a.id, version: a.version, status: a.status, notes: a.notes }} label={`Progress on: ${a.description.slice(0, 60)}`} />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {work.leads.length ? <StrandList id="me-plan-leads" title="Strands I lead" strands={work.leads} /> : null}
      {work.linkGoverns.length ? <StrandList id="me-plan-links" title="Strands I am link governor for" strands={work.linkGoverns} /> : null}
    </section>
  );
}

function StrandList({ id, title, strands }: { id: string; title: string; strands: { id: string; title: string; rag: Parameters<typeof RagTag>[0]["rag"] }[] }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      <ul aria-labelledby={id}>
        {strands.map((s) => (
          <li key={s.id} style={{ marginBottom: "0.4rem" }}>
            <Link href={`/plan/strands/${s.id}`}>{s.title}</Link> <RagTag rag={s.rag} /> ·{" "}
            <Link href={`/plan/strands/${s.id}/impact`}>
              impact view<span className="visually-hidden"> of {s.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
