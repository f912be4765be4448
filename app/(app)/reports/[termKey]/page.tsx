import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { NarrativeEditor } from "@/app/(app)/reports/_components/narrative-editor";
import { PublishForm } from "@/app/(app)/reports/_components/publish-form";
import { ReportView } from "@/app/(app)/reports/_components/report-view";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatDateTime, formatTerm } from "@/lib/format";
import { REPORT_SECTIONS } from "@/db/schema/enums";
import { requireUser } from "@/lib/auth/session";
import { leadsStrand, listNarratives } from "@/lib/data/report";
import { findBoardMeetingForReport } from "@/lib/data/report-format";
import { prepareReportDocx } from "@/lib/report/docx";
import { can } from "@/lib/policy";
import { REPORT_SECTION_LABEL } from "@/lib/report/labels";
import { requireReportForPage } from "@/lib/report/page-guard";
import { suggestNarrative, suggestStrandNarrative } from "@/lib/report/suggest";
import { slugToTermKey, termKeyToSlug } from "@/lib/report/term-key";

export async function generateMetadata({ params }: { params: Promise<{ termKey: string }> }) {
  const { termKey } = await params;
  return { title: `Report to governors: ${formatTerm(slugToTermKey(termKey) ?? termKey)}` };
}

/**
 * A term's report. Published: the frozen snapshot, with a way for governors to ask about any section.
 * Draft (leaders only): assembled live on every view, with the narrative editors and, for the head,
 * publishing.
 */
export default async function ReportPage({ params }: { params: Promise<{ termKey: string }> }) {
  const user = await requireUser();
  const { termKey: slug } = await params;
  const { term, report, data, published } = requireReportForPage(user, slug);
  // The Word file is built when the server is next idle, so its first download is served at once.
  prepareReportDocx(data, () => findBoardMeetingForReport({ termId: term.id }));
  const base = `/reports/${termKeyToSlug(term.key)}`;
  const title = `${formatTerm(term)} report to governors`;
  const actions = (
    <>
      <Link className="button button-secondary" href={`${base}/print`}>
        Print view
      </Link>
      <a className="button button-secondary" href={`${base}/docx`}>
        Download Word document
      </a>
      <a className="button button-secondary" href={`${base}/json`}>
        Download data (JSON)
      </a>
      <Link className="button button-secondary" href={`${base}/compare`}>
        What changed since the last report
      </Link>
    </>
  );

  if (published) {
    const mayAsk = can(user, "challenge.create");
    const after = mayAsk
      ? Object.fromEntries(
          REPORT_SECTIONS.map((s) => [
            s,
            <p key={s} className="no-print">
              <Link href={`/governance/challenges/new?reportId=${report!.id}&section=${s}`}>
                Ask a question about this section<span className="visually-hidden">: {REPORT_SECTION_LABEL[s]}</span>
              </Link>
            </p>,
          ]),
        )
      : {};
    return (
      <>
        <PageHeader
          title={title}
          caption={data.school.name}
          crumbs={[{ href: "/reports", label: "Reports to governors" }]}
          description={
            <>
              <Tag tone="green">Published</Tag> {data.publishedAt ? `on ${formatDate(data.publishedAt)}` : ""}. This is the report as governors received it.
            </>
          }
          actions={actions}
        />
        <ReportView data={data} slots={{ after }} />
      </>
    );
  }

  // Draft: the head edits every section; a senior leader drafts the strands they lead.
  const isHead = can(user, "report.draft.edit");
  const rows = report ? listNarratives({ reportId: report.id }) : [];
  const versionOf = (key: string) => rows.find((r) => r.sectionKey === key)?.version ?? 0;
  const bodyOf = (key: string) => rows.find((r) => r.sectionKey === key)?.body ?? "";
  const narrative: Record<string, React.ReactNode> = {};
  if (isHead) {
    for (const s of REPORT_SECTIONS) {
      narrative[s] = (
        <NarrativeEditor
          key={s}
          termKey={term.key}
          sectionKey={s}
          label={
            s === "context"
              ? "Staffing changes and context (headteacher's notes)"
              : s === "priorities"
                ? "Priorities for next term"
                : s === "summary"
                  ? "The headteacher's opening to the summary"
                  : `Headteacher's commentary: ${REPORT_SECTION_LABEL[s]}`
          }
          initialBody={bodyOf(s)}
          initialVersion={versionOf(s)}
          suggestion={suggestNarrative(s, data)}
        />
      );
    }
  }
  for (const s of data.plan.strands) {
    const leads = isHead || (can(user, "report.narrative.edit") && leadsStrand({ strandId: s.id, userId: user.id }));
    if (!leads) continue;
    const key = `plan:${s.id}`;
    narrative[key] = (
      <NarrativeEditor
        key={key}
        termKey={term.key}
        sectionKey={key}
        label={`Narrative for strand ${s.number}: ${s.title}`}
        initialBody={bodyOf(key)}
        initialVersion={versionOf(key)}
        suggestion={suggestStrandNarrative(data, s.id)}
      />
    );
  }
  return (
    <>
      <PageHeader
        title={title}
        caption={data.school.name}
        crumbs={[{ href: "/reports", label: "Reports to governors" }]}
        description={
          <>
            <Tag tone="amber">Draft</Tag> The data refreshes every time this page is opened (assembled {formatDateTime(data.generatedAt)}). Governors cannot see it until it is published.{" "}
            {data.format ? `It follows the board's format: ${data.format.sections.filter((x) => x.include).length} sections, a target of ${data.format.targetPages} A4 pages.` : null}{" "}
            {isHead ? <Link href="/reports/format">Change the board&apos;s format</Link> : null}
          </>
        }
        actions={actions}
      />
      {!isHead ? <p className="notice">You can draft the narrative for the strands you lead. The headteacher writes the other sections and publishes the report.</p> : null}
      <ReportView data={data} slots={{ narrative }} />
      {can(user, "report.publish") ? (
        <section aria-labelledby="publish-h" className="card no-print" style={{ marginTop: "2rem" }}>
          <h2 id="publish-h">Publish to governors</h2>
          <PublishForm termKey={term.key} version={report?.version ?? 0} />
        </section>
      ) : null}
    </>
  );
}
