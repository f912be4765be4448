import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { LengthWarning } from "@/components/plan/length-warning";
import styles from "@/components/plan/plan.module.css";
import { PrintButton } from "@/components/ui/print-button";
import { CriterionStatusTag } from "@/components/plan/tags";
import { formatMoney, formatTerm } from "@/lib/format";
import { RagTag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { findAcademicYearByName, findCurrentYear, getSchool } from "@/lib/data/school";
import { getPlanOverview } from "@/lib/data/sip";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Plan on a page" };

/** Every strand, its lead, its RAG this term and its headline criterion, on one printable A4 page. */
export default async function PlanOnAPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("plan.read");
  const sp = await searchParams;
  const year = typeof sp.year === "string" ? findAcademicYearByName({ name: sp.year }) : findCurrentYear();
  if (!year) notFound();
  const school = getSchool();
  const ov = getPlanOverview({ academicYearId: year.id });
  const back = year.isCurrent ? "/plan" : `/plan?year=${year.name}`;
  return (
    <div className={styles.onePage}>
      <PageHeader
        caption={school.name}
        title={`Improvement plan ${year.name} on a page`}
        description={`RAG ratings for ${formatTerm(ov.refTerm)}.`}
        crumbs={[{ href: back, label: `Improvement plan ${year.name}` }]}
        actions={<PrintButton label="Print this page" />}
      />
      {school.vision ? <p className={styles.vision}>{school.vision}</p> : null}
      {ov.tooLong ? (
        <div className="no-print">
          <LengthWarning count={ov.strands.length} />
        </div>
      ) : null}
      {ov.strands.length ? (
        <TableWrap>
          <table className="table">
            <caption className="visually-hidden">The plan’s strands, leads, RAG ratings and headline success criteria</caption>
            <thead>
              <tr>
                <th scope="col">Strand</th>
                <th scope="col">Lead</th>
                <th scope="col">RAG, {formatTerm(ov.refTerm)}</th>
                <th scope="col">Headline success criterion</th>
              </tr>
            </thead>
            <tbody>
              {ov.strands.map((s) => (
                <tr key={s.strand.id}>
                  <th scope="row">
                    <span className={styles.strandNumber}>{s.number}.</span>
                    <Link href={`/plan/strands/${s.strand.id}`}>{s.strand.title}</Link>
                    {s.sefLinks.length ? <div className={`muted ${styles.small}`}>{[...new Set(s.sefLinks.map((l) => l.areaName))].join(", ")}</div> : null}
                  </th>
                  <td>
                    {s.lead?.name ?? "–"}
                    {s.linkGovernor ? <div className={`muted ${styles.small}`}>Governor: {s.linkGovernor.name}</div> : null}
                  </td>
                  <td>
                    <RagTag rag={s.rag} />
                    {!s.rag && s.previousRag ? (
                      <div className={`muted ${styles.small}`}>
                        {formatTerm(s.previousRag.termKey)}: <RagTag rag={s.previousRag.rag} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {s.headline ? (
                      <>
                        {s.headline.description}
                        {s.headline.kind === "measurable" ? (
                          <div className={styles.small}>
                            {s.headline.baselineLabel} → {s.headline.targetLabel}
                            {s.headline.dueTermKey ? ` by ${formatTerm(s.headline.dueTermKey)}` : ""}; now {s.headline.currentLabel}
                            {s.headline.current.termKey ? ` (${formatTerm(s.headline.current.termKey)})` : ""} <CriterionStatusTag status={s.headline.status} />
                          </div>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">None chosen</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>The plan has no strands yet.</p>
      )}
      <p className={styles.small}>
        Actions: {ov.counts.done} of {ov.counts.total - ov.counts.dropped} done, {ov.counts.inProgress} in progress, {ov.counts.overdue} overdue. Total cost {formatMoney(ov.costPence)}.
      </p>
    </div>
  );
}
