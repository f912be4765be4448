import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { RagTag } from "@/components/ui/tag";
import { formatPct, formatTerm } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { previousPublished } from "@/lib/report/access";
import { compareReports } from "@/lib/report/compare";
import { subjectLabel, yearGroupLabel } from "@/lib/report/labels";
import { requireReportForPage } from "@/lib/report/page-guard";
import { termKeyToSlug } from "@/lib/report/term-key";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "What changed since the last report" };

function signed(x: number | null) {
  if (x === null) return "–";
  return x > 0 ? `+${x}` : String(x);
}

/** "What changed since the last report": this report against the previous published one. */
export default async function CompareReportPage({ params }: { params: Promise<{ termKey: string }> }) {
  const user = await requireUser();
  const { termKey: slug } = await params;
  const { term, data } = requireReportForPage(user, slug);
  const prev = previousPublished(term.id);
  const crumbs = [
    { href: "/reports", label: "Reports to governors" },
    { href: `/reports/${termKeyToSlug(term.key)}`, label: `${formatTerm(term)} report` },
  ];
  if (!prev) {
    return (
      <>
        <PageHeader title="What changed since the last report" caption={`${formatTerm(term)} report`} crumbs={crumbs} />
        <p>There is no earlier published report to compare with.</p>
      </>
    );
  }
  const cmp = compareReports(data, prev.data);
  return (
    <>
      <PageHeader
        title="What changed since the last report"
        caption={`${formatTerm(term)} report`}
        crumbs={crumbs}
        description={
          <>
            {formatTerm(term)} compared with the <Link href={`/reports/${termKeyToSlug(prev.termKey)}`}>{formatTerm(prev.termKey)} report</Link>.
          </>
        }
      />
      <h2>Plan: RAG changes</h2>
      {cmp.ragChanges.length === 0 ? (
        <p>No strand&apos;s rating changed.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>Strands whose rating changed</caption>
            <thead>
              <tr>
                <th scope="col">Strand</th>
                <th scope="col">{formatTerm(prev.termKey)}</th>
                <th scope="col">{formatTerm(term)}</th>
              </tr>
            </thead>
            <tbody>
              {cmp.ragChanges.map((c) => (
                <tr key={c.number}>
                  <th scope="row">
                    {c.number}. {c.strand}
                  </th>
                  <td>
                    <RagTag rag={c.from} />
                  </td>
                  <td>
                    <RagTag rag={c.to} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>Attainment: % at the expected standard (all pupils)</h2>
      <TableWrap>
        <table className="table">
          <caption>Change in % at the expected standard, and in the disadvantaged gap, by year group and subject</caption>
          <thead>
            <tr>
              <th scope="col">Year group</th>
              <th scope="col">Subject</th>
              <th scope="col" className="num">
                {formatTerm(prev.termKey)}
              </th>
              <th scope="col" className="num">
                {formatTerm(term)}
              </th>
              <th scope="col" className="num">
                Change (pts)
              </th>
              <th scope="col" className="num">
                Gap change (pts)
              </th>
            </tr>
          </thead>
          <tbody>
            {cmp.attainment.map((a) => {
              const g = cmp.gaps.find((x) => x.yearGroup === a.yearGroup && x.subject === a.subject);
              return (
                <tr key={`${a.yearGroup}-${a.subject}`}>
                  <th scope="row">{yearGroupLabel(a.yearGroup)}</th>
                  <td>{subjectLabel(a.subject)}</td>
                  <td className="num">{formatPct(a.from)}</td>
                  <td className="num">{formatPct(a.to)}</td>
                  <td className="num">{signed(a.delta)}</td>
                  <td className="num">{signed(g?.delta ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">Between years a year group is a different cohort of pupils.</p>
      <h2>Self-evaluation grades</h2>
      {cmp.gradeChanges.length === 0 ? (
        <p>No grade changed.</p>
      ) : (
        <ul>
          {cmp.gradeChanges.map((g) => (
            <li key={g.area}>
              {g.area}: {g.from ?? "not graded"} → {g.to ?? "not graded"}
            </li>
          ))}
        </ul>
      )}
      <h2>Counts</h2>
      <TableWrap>
        <table className="table">
          <caption>Activity this term against the last report</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">
                {formatTerm(prev.termKey)}
              </th>
              <th scope="col" className="num">
                {formatTerm(term)}
              </th>
            </tr>
          </thead>
          <tbody>
            {cmp.counts.map((c) => (
              <tr key={c.label}>
                <th scope="row">{c.label}</th>
                <td className="num">{c.from}</td>
                <td className="num">{c.to}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
