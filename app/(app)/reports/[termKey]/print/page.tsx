import { ReportView } from "@/components/report/report-view";
import { PrintButton } from "@/components/ui/print-button";
import { formatDate, formatTerm } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/session";
import { requireReportForPage } from "@/lib/report/page-guard";

export const metadata = { title: "Report to governors (print)" };

/** The report as an A4 document: the app's chrome is hidden in print, charts are SVG with tables beside them. */
export default async function PrintReportPage({ params }: { params: Promise<{ termKey: string }> }) {
  const user = await requireUser();
  const { termKey: slug } = await params;
  const { term, data, published } = requireReportForPage(user, slug);
  return (
    <article className="print-doc">
      <header className="doc-head">
        <p className="caption">{data.school.name}</p>
        <h1>Headteacher&apos;s report to governors: {formatTerm(term)}</h1>
        <p className="muted">
          {published ? `Published ${formatDate(data.publishedAt)}` : `Draft, assembled ${formatDate(data.generatedAt)}: not yet published`}
        </p>
        <PrintButton />
      </header>
      <ReportView data={data} slots={{ charts: "static" }} />
    </article>
  );
}
