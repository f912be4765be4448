import { headers } from "next/headers";
import { ReportView } from "@/app/(app)/reports/_components/report-view";
import { PrintButton } from "@/components/ui/print-button";
import { formatDate, formatTerm } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { findBoardMeetingForReport } from "@/lib/data/report-format";
import { formatOf, MARK_LABEL, placedSections } from "@/lib/report/format";
import { REPORT_SECTION_LABEL } from "@/lib/report/labels";
import { requireReportForPage } from "@/lib/report/page-guard";
import { slugToTermKey } from "@/lib/report/term-key";

export async function generateMetadata({ params }: { params: Promise<{ termKey: string }> }) {
  const { termKey } = await params;
  return { title: `Report to governors: ${formatTerm(slugToTermKey(termKey) ?? termKey)} (print)` };
}

/** A CSS string literal: quotes, backslashes and anything that could end the style element escaped. */
function cssString(s: string): string {
  return `"${s.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The report as an A4 document, matching the Word file: a cover with the school, term and the board
 * meeting it is the papers for, and the contents; the summary on a page of its own; then the sections
 * in the board's format. The running header and "Page n of m" are @page margin boxes, set here in a
 * style element carrying the request's CSP nonce (browsers without margin boxes print without them).
 */
export default async function PrintReportPage({ params }: { params: Promise<{ termKey: string }> }) {
  const user = await requireUser();
  const { termKey: slug } = await params;
  const { term, data, published } = requireReportForPage(user, slug);
  const meeting = findBoardMeetingForReport({ termId: term.id });
  const nonce = /'nonce-([^']+)'/.exec((await headers()).get("content-security-policy") ?? "")?.[1];
  const placed = placedSections(formatOf(data));
  const running = `${data.school.name} · Report to governors · ${formatTerm(term)}${published ? "" : " · DRAFT"}`;
  const pageCss = `@page { @top-right { content: ${cssString(running)}; font: 8pt Arial, sans-serif; color: #505a5f; } @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, sans-serif; color: #505a5f; } } @page :first { @top-right { content: none; } @bottom-center { content: none; } }`;
  return (
    <article className="print-doc">
      <style nonce={nonce}>{pageCss}</style>
      <header className="doc-head doc-cover">
        <p className="caption">{data.school.name}</p>
        <h1>
          Headteacher&apos;s report to governors: <span className="doc-term">{formatTerm(term)}</span>
        </h1>
        {meeting ? (
          <p>
            <strong>
              Papers for the meeting of the {meeting.bodyName} on {formatDate(meeting.date)}
              {meeting.startTime ? ` at ${meeting.startTime}` : ""}
            </strong>
          </p>
        ) : null}
        <p className="muted">{published ? `Published ${formatDate(data.publishedAt)}` : `Draft, assembled ${formatDate(data.generatedAt)}: not yet published`}</p>
        {data.format ? (
          <p className="muted">
            In the board&apos;s format: {placed.length} sections; the board asks for no more than {data.format.targetPages} pages.
          </p>
        ) : null}
        <PrintButton />
        <nav aria-labelledby="contents-h" className="doc-contents">
          <h2 id="contents-h">Contents</h2>
          <ol>
            {placed.map((s) => (
              <li key={s.key}>
                <a href={`#section-${s.key}`}>
                  {s.number !== null ? `${s.number}. ` : ""}
                  {REPORT_SECTION_LABEL[s.key]}
                </a>
                {data.format && s.key !== "summary" ? <span className="muted"> · {MARK_LABEL[s.mark]}</span> : null}
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <ReportView data={data} slots={{ charts: "static" }} />
    </article>
  );
}
