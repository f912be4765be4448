import { Picker } from "@/components/ui/picker";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { monitoringHref } from "@/components/plan/links";
import { scopeOf } from "@/lib/policy";
import styles from "@/components/plan/plan.module.css";
import { CriterionStatusTag, RagHistory } from "@/components/plan/tags";
import { formatDate, formatTerm } from "@/lib/format";
import { RagTag, Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { criterionValuesByTerm, findStrand, getStrandDetail, listStrandMonitoring } from "@/lib/data/sip";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Impact of a strand" };

/**
 * SPEC §3.4's impact view: the evidence for one strand in one place, so leaders and governors judge
 * impact, not activity.
 */
export default async function StrandImpactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("plan.read");
  const { id } = await params;
  if (!findStrand({ id })) notFound();
  const sp = await searchParams;
  const d = getStrandDetail({ id, viewer: user });
  const term = d.yearTerms.find((t) => t.id === sp.term) ?? d.refTerm;
  // Leaders read every observation; everyone else sees them without anything that identifies the teacher
  // (listStrandMonitoring describes them so).
  const identifiable = scopeOf(user.role, "observation.read") === "all";
  const monitoring = listStrandMonitoring({ strandId: id, termId: term.id, viewer: user });
  const byTerm = criterionValuesByTerm({ strandId: id });
  const measurable = d.criteria.filter((c) => c.kind === "measurable");
  const narrative = d.criteria.filter((c) => c.kind === "narrative");
  const thisReview = d.reviews.find((r) => r.termId === term.id);

  return (
    <>
      <PageHeader
        caption={`Strand ${d.number} · Improvement plan ${d.year.name}`}
        title={`Impact: ${d.strand.title}`}
        description="Action completion, the success criteria against their targets, the monitoring that tested the strand, and its reviews."
        crumbs={[
          { href: d.year.isCurrent ? "/plan" : `/plan?year=${d.year.name}`, label: `Improvement plan ${d.year.name}` },
          { href: `/plan/strands/${id}`, label: d.strand.title },
        ]}
      />

      <Picker id="impact-term" name="term" label="Term" options={d.yearTerms.map((t) => ({ value: t.id, label: formatTerm(t) }))} current={term.id} />

      <div className={styles.statRow}>
        <div>
          <span className={styles.n}>{d.counts.completionPct === null ? "–" : `${d.counts.completionPct}%`}</span>
          <span className={styles.l}>
            of actions done ({d.counts.done} of {d.counts.total - d.counts.dropped})
          </span>
        </div>
        <div>
          <span className={styles.n}>{d.counts.inProgress}</span>
          <span className={styles.l}>in progress</span>
        </div>
        <div>
          <span className={styles.n}>{d.counts.overdue}</span>
          <span className={styles.l}>overdue</span>
        </div>
        <div>
          <span className={styles.n}>
            <RagTag rag={thisReview?.rag ?? null} long />
          </span>
          <span className={styles.l}>{formatTerm(term)} review</span>
        </div>
      </div>

      <h2 id="criteria">Success criteria</h2>
      {measurable.length ? (
        <TableWrap>
          <table className="table">
            <caption>Measurable criteria, term by term</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col" className="num">
                  Baseline
                </th>
                {d.yearTerms.map((t) => (
                  <th key={t.id} scope="col" className="num">
                    {formatTerm(t)}
                  </th>
                ))}
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {measurable.map((c) => (
                <tr key={c.id}>
                  <th scope="row" style={{ fontWeight: 400 }}>
                    {c.description} {c.isHeadline ? <Tag tone="blue">Headline</Tag> : null}
                    <div className={`muted ${styles.small}`}>{c.metricLabel}</div>
                  </th>
                  <td className="num">{c.baselineLabel}</td>
                  {d.yearTerms.map((t) => (
                    <td key={t.id} className="num">
                      {byTerm[c.id]?.[t.id]?.label ?? <span className="muted">–</span>}
                    </td>
                  ))}
                  <td className="num">
                    {c.targetLabel}
                    {c.dueTermKey ? <div className={`muted ${styles.small}`}>by {formatTerm(c.dueTermKey)}</div> : null}
                  </td>
                  <td>
                    <CriterionStatusTag status={c.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">This strand has no measurable success criteria.</p>
      )}
      {narrative.length ? (
        <>
          <h3>Criteria described in words</h3>
          <ul>
            {narrative.map((c) => (
              <li key={c.id}>{c.description}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="monitoring">Monitoring that tested this strand in {formatTerm(term)}</h2>
      {monitoring.length ? (
        <TableWrap>
          <table className="table">
            <caption className="visually-hidden">Monitoring records whose focus was this strand in {formatTerm(term)}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">What was seen</th>
                <th scope="col">Findings</th>
              </tr>
            </thead>
            <tbody>
              {monitoring.map((m) => {
                const href = monitoringHref(user, m);
                return (
                  <tr key={`${m.recordType}:${m.id}`}>
                    <td className={styles.nowrap}>{formatDate(m.date)}</td>
                    <td>{href ? <Link href={href}>{m.kind}</Link> : m.kind}</td>
                    <td>{m.label || "–"}</td>
                    <td className={styles.small}>{m.findings || <span className="muted">See the record</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <div className="warning">No monitoring has tested this strand in {formatTerm(term)} yet.</div>
      )}
      <p className={`muted ${styles.small}`}>
        {identifiable
          ? "Lesson observations are shown by date, subject and year group only; the observed teacher is never named here."
          : "Lesson observations are shown by date and focus, with the subject or year group only where more than one teacher teaches it, so that no teacher can be identified."}
      </p>

      <h2 id="history">Review history</h2>
      <RagHistory terms={d.yearTerms} ragByTerm={d.ragByTerm} />
      {d.reviews.length ? (
        <TableWrap style={{ marginTop: "1rem" }}>
          <table className="table">
            <caption className="visually-hidden">Termly reviews of this strand</caption>
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">RAG</th>
                <th scope="col">Progress</th>
                <th scope="col">Impact</th>
                <th scope="col">Next steps</th>
              </tr>
            </thead>
            <tbody>
              {d.reviews.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className={styles.nowrap}>
                    {formatTerm(r.termKey)}
                  </th>
                  <td>
                    <RagTag rag={r.rag} />
                  </td>
                  <td className={`prose ${styles.small}`}>{r.progress}</td>
                  <td className={`prose ${styles.small}`}>{r.impact}</td>
                  <td className={`prose ${styles.small}`}>{r.nextSteps}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">No reviews yet.</p>
      )}
    </>
  );
}
