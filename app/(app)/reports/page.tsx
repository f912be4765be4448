import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { listReportTerms } from "@/lib/data/report";
import { todayIso } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { termKeyToSlug } from "@/lib/report/term-key";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Reports to governors" };

/** The termly reports: published ones for every reader; drafts (and terms not yet started) for leaders. */
export default async function ReportsPage() {
  const user = await requirePermission("report.published.read");
  const leader = can(user, "report.draft.read");
  const today = todayIso();
  const rows = listReportTerms().filter((r) => r.term.startDate <= today && (leader || r.report?.status === "published"));
  return (
    <>
      <PageHeader
        title="Reports to governors"
        caption="Governance"
        description={
          leader
            ? "The headteacher's termly report, built from the school's data. Drafts refresh live; a published report is frozen as governors received it."
            : "The headteacher's termly reports as published to governors."
        }
        actions={
          can(user, "report.format.edit") ? (
            <Link className="button button-secondary" href="/reports/format">
              The board&apos;s report format
            </Link>
          ) : undefined
        }
      />
      <TableWrap>
        <table className="table">
          <caption>{leader ? "Reports by term" : "Published reports"}</caption>
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Status</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ term, report }) => (
              <tr key={term.id}>
                <th scope="row">
                  <Link href={`/reports/${termKeyToSlug(term.key)}`}>{formatTerm(term)} report</Link>
                </th>
                <td>{report?.status === "published" ? <Tag tone="green">Published</Tag> : report ? <Tag tone="amber">Draft</Tag> : <Tag tone="grey">Not started</Tag>}</td>
                <td>{report?.publishedAt ? `${formatDate(report.publishedAt)}${report.publishedByName ? ` by ${report.publishedByName}` : ""}` : "–"}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
                  No reports have been published yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
