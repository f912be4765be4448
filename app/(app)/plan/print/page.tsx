import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import styles from "@/components/plan/plan.module.css";
import { PrintButton } from "@/components/ui/print-button";
import { formatDate, formatMoney, formatTerm } from "@/lib/format";
import { RagTag } from "@/components/ui/tag";
import { TERM_NAMES } from "@/db/schema/enums";
import { CRITERION_STATUS_LABEL } from "@/lib/analytics/criteria";
import { ACTION_STATUS_LABEL } from "@/lib/analytics/plan";
import { requirePermission } from "@/lib/auth/session";
import { findAcademicYearByName, findCurrentYear, getSchool } from "@/lib/data/school";
import { getPlanDocument } from "@/lib/data/sip";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Improvement plan (print)" };

/** The whole plan as an A4 document: one strand per page when printed. */
export default async function PrintPlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("plan.read");
  const sp = await searchParams;
  const year = typeof sp.year === "string" ? findAcademicYearByName({ name: sp.year }) : findCurrentYear();
  if (!year) notFound();
  const school = getSchool();
  const { overview: ov, strands } = getPlanDocument({ academicYearId: year.id, viewer: user });
  return (
    <div className={styles.printDoc}>
      <PageHeader
        caption={school.name}
        title={`School improvement plan ${year.name}`}
        description={`${ov.strands.length} strands · ${ov.counts.total} actions (${ov.counts.done} done, ${ov.counts.overdue} overdue) · total cost ${formatMoney(ov.costPence)}`}
        crumbs={[{ href: year.isCurrent ? "/plan" : `/plan?year=${year.name}`, label: `Improvement plan ${year.name}` }]}
        actions={<PrintButton label="Print the plan" />}
      />
      {school.vision ? <p className="prose">{school.vision}</p> : null}

      <TableWrap>
        <table className="table">
          <caption>Summary</caption>
          <thead>
            <tr>
              <th scope="col">Strand</th>
              <th scope="col">Lead</th>
              <th scope="col">Link governor</th>
              {ov.yearTerms.map((t) => (
                <th key={t.id} scope="col">
                  {formatTerm(t)}
                </th>
              ))}
              <th scope="col" className="num">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {ov.strands.map((s) => (
              <tr key={s.strand.id}>
                <th scope="row">
                  {s.number}. {s.strand.title}
                </th>
                <td>{s.lead?.name ?? "–"}</td>
                <td>{s.linkGovernor?.name ?? "–"}</td>
                {ov.yearTerms.map((t) => (
                  <td key={t.id}>
                    <RagTag rag={s.ragByTerm[t.id] ?? null} />
                  </td>
                ))}
                <td className="num">{formatMoney(s.costPence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      {strands.map((d) => (
        <section key={d.strand.id} className={styles.strandBlock} aria-labelledby={`s-${d.strand.id}`}>
          <h2 id={`s-${d.strand.id}`}>
            {d.number}. {d.strand.title}
          </h2>
          <dl className="summary-list">
            <dt>Rationale</dt>
            <dd className="prose">{d.strand.rationale || "–"}</dd>
            <dt>SEF areas</dt>
            <dd>{d.sefLinks.map((l) => (l.developmentPointText ? `${l.areaName}: ${l.developmentPointText}` : l.areaName)).join("; ") || "–"}</dd>
            <dt>Lead</dt>
            <dd>{d.lead?.name ?? "–"}</dd>
            <dt>Link governor</dt>
            <dd>{d.linkGovernor?.name ?? "–"}</dd>
            {d.carriedFrom ? (
              <>
                <dt>Carried forward from</dt>
                <dd>{d.carriedFrom.yearName}</dd>
              </>
            ) : null}
          </dl>

          <TableWrap>
            <table className="table">
              <caption>Success criteria</caption>
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
                </tr>
              </thead>
              <tbody>
                {d.criteria.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.description}
                      {c.isHeadline ? " (headline)" : ""}
                    </td>
                    <td className="num">{c.kind === "measurable" ? c.baselineLabel : "–"}</td>
                    <td className="num">
                      {c.kind === "measurable" ? c.targetLabel : "–"}
                      {c.dueTermKey ? ` by ${formatTerm(c.dueTermKey)}` : ""}
                    </td>
                    <td className="num">{c.kind === "measurable" ? c.currentLabel : "–"}</td>
                    <td>{c.status ? CRITERION_STATUS_LABEL[c.status] : "Narrative"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>

          <TableWrap>
            <table className="table">
              <caption>Actions</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                  <th scope="col">Monitoring</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {d.actions.map((a) => (
                  <tr key={a.id}>
                    <td>{a.description}</td>
                    <td>
                      {a.ownerName ?? "–"}
                      {a.supporterNames.length ? `, with ${a.supporterNames.join(", ")}` : ""}
                    </td>
                    <td className={styles.nowrap}>{formatDate(a.dueDate) || "–"}</td>
                    <td className="num">{a.costPence ? formatMoney(a.costPence) : "–"}</td>
                    <td>
                      {a.monitoring}
                      {a.monitoredByName ? ` (${a.monitoredByName})` : ""}
                    </td>
                    <td>
                      {ACTION_STATUS_LABEL[a.status]}
                      {a.flag === "overdue" ? ", overdue" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>

          <h3>Milestones</h3>
          <ul>
            {TERM_NAMES.flatMap((term) =>
              d.milestones
                .filter((m) => m.term === term)
                .map((m) => (
                  <li key={m.id}>
                    <strong>{term[0]!.toUpperCase() + term.slice(1)}:</strong> {m.description}
                    {m.met === true ? " (met)" : m.met === false ? " (not met)" : ""}
                  </li>
                )),
            )}
          </ul>

          <h3>Termly reviews</h3>
          {d.reviews.length ? (
            d.reviews.map((r) => (
              <div key={r.id} className="inset">
                <p>
                  <strong>{formatTerm(r.termKey)}</strong> <RagTag rag={r.rag} long /> Reviewed by {r.reviewerName ?? "–"}, {formatDate(r.reviewedOn)}
                </p>
                <p className="prose">
                  <strong>Progress:</strong> {r.progress}
                </p>
                {r.impact ? (
                  <p className="prose">
                    <strong>Impact:</strong> {r.impact}
                  </p>
                ) : null}
                {r.evidence.length ? (
                  <p>
                    <strong>Evidence:</strong> {r.evidence.map((e) => e.label).join("; ")}
                  </p>
                ) : null}
                {r.nextSteps ? (
                  <p className="prose">
                    <strong>Next steps:</strong> {r.nextSteps}
                  </p>
                ) : null}
                {r.comments.map((c) => (
                  <p key={c.id} className="prose">
                    <strong>Comment from {c.authorName}:</strong> {c.body}
                  </p>
                ))}
              </div>
            ))
          ) : (
            <p className="muted">No reviews yet.</p>
          )}
        </section>
      ))}
    </div>
  );
}
