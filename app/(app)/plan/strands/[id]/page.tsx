import Link from "next/link";
import { notFound } from "next/navigation";
import { carryForwardStrandAction, deleteCriterionAction, deletePlanActionAction, deleteStrandAction } from "@/app/(app)/plan/actions";
import { PageHeader } from "@/components/layout/page-header";
import { ConfirmButton } from "@/components/plan/confirm-button";
import { CommentForm, CriterionValueForm, EditMilestoneForm, NewMilestoneForm } from "@/app/(app)/plan/_components/inline-forms";
import { ProgressForm } from "@/app/(app)/plan/_components/progress-form";
import { evidenceHref } from "@/components/plan/links";
import styles from "@/components/plan/plan.module.css";
import { ActionFlagTag, ActionStatusTag, CriterionStatusTag, RagHistory } from "@/components/plan/tags";
import { formatDate, formatDateTime, formatMoney, formatTerm, ROLE_LABEL, shiftAcademicYear } from "@/lib/format";
import { RagTag, Tag } from "@/components/ui/tag";
import { TERM_NAMES } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session";
import { requirePermission } from "@/lib/auth/session";
import { findAcademicYearByName, todayIso } from "@/lib/data/school";
import { findStrand, getStrandDetail, type StrandDetail } from "@/lib/data/sip";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return { title: findStrand({ id })?.title ?? "Strand" };
}

const shortLabel = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

export default async function StrandPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("plan.read");
  const { id } = await params;
  if (!findStrand({ id })) notFound();
  const d = getStrandDetail({ id, viewer: user });
  const canEdit = can(user, "plan.edit");
  const yearHref = d.year.isCurrent ? "/plan" : `/plan?year=${d.year.name}`;
  const nextYear = findAcademicYearByName({ name: shiftAcademicYear(d.year.name, 1) });

  return (
    <>
      <PageHeader
        caption={`Improvement plan ${d.year.name} · Strand ${d.number}`}
        title={d.strand.title}
        crumbs={[{ href: yearHref, label: `Improvement plan ${d.year.name}` }]}
        actions={
          <>
            {canEdit ? (
              <Link className="button" href={`/plan/strands/${id}/edit`}>
                Edit strand
              </Link>
            ) : null}
            <Link className="button button-secondary" href={`/plan/strands/${id}/impact`}>
              Impact view
            </Link>
          </>
        }
      />

      <dl className="summary-list">
        <dt>Rationale</dt>
        <dd className="prose">{d.strand.rationale || <span className="muted">Not written yet</span>}</dd>
        <dt>SEF areas it answers</dt>
        <dd>
          {d.sefLinks.length ? (
            <ul style={{ margin: 0, paddingLeft: "1.2rem" }}>
              {d.sefLinks.map((l, i) => (
                <li key={i}>
                  {l.areaName}
                  {l.developmentPointText ? `: ${l.developmentPointText}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Lead</dt>
        <dd>{d.lead ? `${d.lead.name}${d.lead.jobTitle ? `, ${d.lead.jobTitle}` : ""}` : <span className="muted">None</span>}</dd>
        <dt>Link governor</dt>
        <dd>{d.linkGovernor?.name ?? <span className="muted">None</span>}</dd>
        {d.carriedFrom ? (
          <>
            <dt>Carried forward from</dt>
            <dd>
              <Link href={`/plan/strands/${d.carriedFrom.id}`}>
                {d.carriedFrom.title} ({d.carriedFrom.yearName})
              </Link>
            </dd>
          </>
        ) : null}
        {d.carriedTo ? (
          <>
            <dt>Carried forward to</dt>
            <dd>
              <Link href={`/plan/strands/${d.carriedTo.id}`}>
                {d.carriedTo.title} ({d.carriedTo.yearName})
              </Link>
            </dd>
          </>
        ) : null}
        <dt>Actions</dt>
        <dd>
          {d.counts.done} of {d.counts.total - d.counts.dropped} done
          {d.counts.overdue ? (
            <>
              , <strong>{d.counts.overdue} overdue</strong>
            </>
          ) : null}{" "}
          · cost {formatMoney(d.costPence)}
        </dd>
      </dl>

      <h2 id="rag">RAG history</h2>
      <RagHistory terms={d.yearTerms} ragByTerm={d.ragByTerm} label="RAG rating by term" />

      <Criteria d={d} canEdit={canEdit} />
      <Actions d={d} user={user} canEdit={canEdit} />
      <Milestones d={d} canEdit={canEdit} />
      <Reviews d={d} user={user} />

      {canEdit ? (
        <section aria-labelledby="manage">
          <h2 id="manage">Manage this strand</h2>
          <div className="stack">
            {!d.carriedTo ? (
              nextYear ? (
                <div>
                  <p>Carry this strand into the {nextYear.name} plan: its criteria (with the latest values as new baselines), unfinished actions and milestones come too.</p>
                  <ConfirmButton
                    action={carryForwardStrandAction}
                    input={{ id }}
                    label={`Carry forward to ${nextYear.name}`}
                    question={`Add a copy of this strand to the ${nextYear.name} plan?`}
                    confirmLabel="Yes, carry it forward"
                    redirectTo="/plan/strands/:id"
                  />
                </div>
              ) : (
                <p className="muted">To carry this strand forward, the head first adds the next academic year.</p>
              )
            ) : null}
            {d.reviews.length === 0 && !d.carriedTo ? (
              <div>
                <ConfirmButton
                  action={deleteStrandAction}
                  input={{ id, version: d.strand.version }}
                  label="Delete strand"
                  question="Delete this strand with its criteria, actions and milestones?"
                  confirmLabel="Yes, delete it"
                  redirectTo={yearHref}
                  warning
                />
              </div>
            ) : (
              <p className="muted">A strand with reviews is part of the plan’s history and cannot be deleted.</p>
            )}
          </div>
        </section>
      ) : null}
    </>
  );
}

function Criteria({ d, canEdit }: { d: StrandDetail; canEdit: boolean }) {
  const termOptions = d.yearTerms.map((t) => ({ value: t.id, label: formatTerm(t) }));
  const manual = d.criteria.filter((c) => c.metric === "manual" && c.kind === "measurable");
  return (
    <section aria-labelledby="criteria">
      <h2 id="criteria">Success criteria</h2>
      {d.criteria.length ? (
        <TableWrap>
          <table className="table">
            <caption className="visually-hidden">Success criteria, with current values from stored data</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col" className="num">
                  Baseline
                </th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col" className="num">
                  Current
                </th>
                <th scope="col">Status</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">Change</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {d.criteria.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.description} {c.isHeadline ? <Tag tone="blue">Headline</Tag> : null}
                    {c.metricLabel ? <div className={`muted ${styles.small}`}>{c.metricLabel}</div> : null}
                  </td>
                  <td className="num">{c.kind === "measurable" ? c.baselineLabel : "–"}</td>
                  <td className="num">
                    {c.kind === "measurable" ? c.targetLabel : "–"}
                    {c.dueTermKey ? <div className={`muted ${styles.small}`}>by {formatTerm(c.dueTermKey)}</div> : null}
                  </td>
                  <td className="num">
                    {c.kind === "measurable" ? c.currentLabel : "–"}
                    {c.current.termKey ? <div className={`muted ${styles.small}`}>{formatTerm(c.current.termKey)}</div> : null}
                  </td>
                  <td>
                    <CriterionStatusTag status={c.status} />
                  </td>
                  {canEdit ? (
                    <td>
                      <Link href={`/plan/strands/${d.strand.id}/criteria/${c.id}`}>
                        Edit<span className="visually-hidden"> criterion: {c.description}</span>
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">No success criteria yet.</p>
      )}
      <p className={`muted ${styles.small}`}>
        Met: the target is reached. On track: at least as far from the baseline towards the target as the share of the plan’s terms that has passed. Behind: not yet. Not met: the due term is reached
        without the target.
      </p>
      {canEdit
        ? manual.map((c) => (
            <details key={c.id} className={styles.details}>
              <summary>Record a value for “{shortLabel(c.description)}”</summary>
              <CriterionValueForm
                criterionId={c.id}
                terms={termOptions}
                defaultTermId={d.refTerm.id}
                unit={c.unit}
                existing={Object.fromEntries(c.values.map((v) => [v.termId, { value: v.value, version: v.version, note: v.note }]))}
              />
            </details>
          ))
        : null}
      {canEdit ? (
        <p style={{ marginTop: "1rem" }}>
          <Link className="button button-secondary" href={`/plan/strands/${d.strand.id}/criteria/new`}>
            Add a success criterion
          </Link>
        </p>
      ) : null}
      {canEdit && d.criteria.length ? (
        <details className={styles.details}>
          <summary>Delete a criterion</summary>
          <ul>
            {d.criteria.map((c) => (
              <li key={c.id} style={{ marginBottom: "0.5rem" }}>
                {shortLabel(c.description)}{" "}
                <ConfirmButton
                  action={deleteCriterionAction}
                  input={{ id: c.id, version: c.version }}
                  label="Delete"
                  question="Delete this criterion and its recorded values?"
                  confirmLabel="Yes, delete"
                  warning
                />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function Actions({ d, user, canEdit }: { d: StrandDetail; user: SessionUser; canEdit: boolean }) {
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">Actions</h2>
      {d.actions.length ? (
        <TableWrap>
          <table className="table">
            <caption className="visually-hidden">Actions of this strand</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Dates</th>
                <th scope="col" className="num">
                  Cost
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {d.actions.map((a) => {
                const mayProgress = can(user, "plan.action.progress", a.ownerId === user.id);
                return (
                  <tr key={a.id}>
                    <td>
                      {a.description}
                      {a.resources ? <div className={`muted ${styles.small}`}>Resources: {a.resources}</div> : null}
                      {a.monitoring || a.monitoredByName ? (
                        <div className={`muted ${styles.small}`}>
                          Monitoring: {a.monitoring}
                          {a.monitoredByName ? ` (${a.monitoredByName})` : ""}
                        </div>
                      ) : null}
                      {a.notes ? <div className={`${styles.small} prose`}>Notes: {a.notes}</div> : null}
                      {canEdit ? (
                        <div className={styles.small}>
                          <Link href={`/plan/strands/${d.strand.id}/actions/${a.id}`}>
                            Edit<span className="visually-hidden"> action: {a.description}</span>
                          </Link>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {a.ownerName ?? "–"}
                      {a.supporterNames.length ? <div className={`muted ${styles.small}`}>With {a.supporterNames.join(", ")}</div> : null}
                    </td>
                    <td className={styles.small}>
                      {a.startDate ? <div className={styles.nowrap}>From {formatDate(a.startDate)}</div> : null}
                      {a.dueDate ? <div className={styles.nowrap}>Due {formatDate(a.dueDate)}</div> : null}
                    </td>
                    <td className="num">{a.costPence ? formatMoney(a.costPence) : "–"}</td>
                    <td>
                      <ActionStatusTag status={a.status} /> <ActionFlagTag flag={a.flag} />
                      {mayProgress ? (
                        <details className={styles.details}>
                          <summary>Update progress</summary>
                          <ProgressForm action={{ id: a.id, version: a.version, status: a.status, notes: a.notes }} label={`Progress on: ${shortLabel(a.description)}`} />
                        </details>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total (excluding dropped actions)
                </th>
                <td className="num">
                  <strong>{formatMoney(d.costPence)}</strong>
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">No actions yet.</p>
      )}
      {canEdit ? (
        <div className="row">
          <Link className="button button-secondary" href={`/plan/strands/${d.strand.id}/actions/new`}>
            Add an action
          </Link>
          {d.actions.length ? (
            <details className={styles.details}>
              <summary>Delete an action</summary>
              <ul>
                {d.actions.map((a) => (
                  <li key={a.id} style={{ marginBottom: "0.5rem" }}>
                    {shortLabel(a.description)}{" "}
                    <ConfirmButton
                      action={deletePlanActionAction}
                      input={{ id: a.id, version: a.version }}
                      label="Delete"
                      question="Delete this action? To keep a record, set it to dropped instead."
                      confirmLabel="Yes, delete"
                      warning
                    />
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Milestones({ d, canEdit }: { d: StrandDetail; canEdit: boolean }) {
  return (
    <section aria-labelledby="milestones">
      <h2 id="milestones">Milestones</h2>
      {TERM_NAMES.map((term) => {
        const t = d.yearTerms.find((x) => x.name === term);
        const list = d.milestones.filter((m) => m.term === term);
        return (
          <div key={term} className={styles.milestoneTerm}>
            <h3>By the end of {t ? formatTerm(t) : term}</h3>
            {list.length ? (
              <ul>
                {list.map((m) => (
                  <li key={m.id}>
                    {m.description} {m.met === true ? <Tag tone="green">Met</Tag> : m.met === false ? <Tag tone="red">Not met</Tag> : null}
                    {canEdit ? (
                      <details className={styles.details}>
                        <summary>
                          Change<span className="visually-hidden"> milestone: {shortLabel(m.description)}</span>
                        </summary>
                        <EditMilestoneForm milestone={m} />
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">None set.</p>
            )}
          </div>
        );
      })}
      {canEdit ? (
        <details className={styles.details}>
          <summary>Add a milestone</summary>
          <NewMilestoneForm strandId={d.strand.id} />
        </details>
      ) : null}
    </section>
  );
}

function Reviews({ d, user }: { d: StrandDetail; user: SessionUser }) {
  const today = todayIso();
  const canReview = can(user, "review.edit");
  const canComment = can(user, "review.comment");
  const termKeys = new Map(d.yearTerms.map((t) => [t.id, t.key]));
  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">Termly reviews</h2>
      {d.yearTerms.map((t) => {
        const r = d.reviews.find((x) => x.termId === t.id);
        const started = t.startDate <= today;
        return (
          <article key={t.id} id={r ? `review-${r.id}` : undefined} className={`${styles.reviewCard} ${styles[`rag_${r?.rag ?? "none"}`]}`} aria-labelledby={`review-term-${t.id}`}>
            <h3 id={`review-term-${t.id}`}>
              {formatTerm(t)} <RagTag rag={r?.rag ?? null} long />
            </h3>
            {r ? (
              <>
                <p className="muted">
                  Reviewed by {r.reviewerName ?? "–"} on {formatDate(r.reviewedOn)}
                </p>
                <h4>Progress</h4>
                <p className="prose">{r.progress}</p>
                <h4>Impact</h4>
                <p className="prose">{r.impact || <span className="muted">Not recorded</span>}</p>
                <h4>Evidence</h4>
                {r.evidence.length ? (
                  <ul>
                    {r.evidence.map((e) => {
                      const href = evidenceHref(user, e, termKeys);
                      return <li key={e.id}>{href ? <a href={href}>{e.label}</a> : e.label}</li>;
                    })}
                  </ul>
                ) : (
                  <p className="muted">None cited.</p>
                )}
                <h4>Next steps</h4>
                <p className="prose">{r.nextSteps || <span className="muted">None recorded</span>}</p>
                {canReview ? (
                  <p>
                    <Link href={`/plan/strands/${d.strand.id}/reviews/${t.id}`}>
                      Edit<span className="visually-hidden"> the {formatTerm(t)}</span> review
                    </Link>
                  </p>
                ) : null}
                <h4>Comments</h4>
                {r.comments.length ? (
                  r.comments.map((c) => (
                    <div key={c.id} className={styles.comment}>
                      <p className="prose" style={{ marginBottom: "0.25rem" }}>
                        {c.body}
                      </p>
                      <div className={styles.meta}>
                        {c.authorName}
                        {c.authorRole ? ` (${ROLE_LABEL[c.authorRole]})` : ""}, {formatDateTime(c.createdAt)}
                      </div>
                    </div>
                  ))
                ) : (
                  <p className="muted">No comments yet.</p>
                )}
                {canComment ? (
                  // Open for governors, whose role here is to comment; folded away for leaders.
                  <details className={styles.details} open={user.role === "governor"}>
                    <summary>
                      Add a comment<span className="visually-hidden"> on the {formatTerm(t)} review</span>
                    </summary>
                    <CommentForm reviewId={r.id} label={`Comment on the ${formatTerm(t)} review`} />
                  </details>
                ) : null}
              </>
            ) : started ? (
              <>
                <p className="muted">Not yet reviewed.</p>
                {canReview ? (
                  <Link className="button button-secondary" href={`/plan/strands/${d.strand.id}/reviews/${t.id}`}>
                    Write the {formatTerm(t)} review
                  </Link>
                ) : null}
              </>
            ) : (
              <p className="muted">This term has not started yet.</p>
            )}
          </article>
        );
      })}
    </section>
  );
}
