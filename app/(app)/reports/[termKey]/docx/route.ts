import { defineRoute, DOCX, download } from "@/lib/actions/define-route";
import { findBoardMeetingForReport } from "@/lib/data/report-format";
import { reportForViewer } from "@/lib/report/access";
import { buildReportDocx } from "@/lib/report/docx";
import { termKeyToSlug } from "@/lib/report/term-key";

/**
 * The report as a Word document. The same check as the page: a published report (its snapshot) for
 * readers of published reports, a draft only for leaders; anyone else gets 403/404.
 */
export const GET = defineRoute<{ termKey: string }>({
  verb: "report.published.read",
  signIn: "Sign in to download this report.",
  handler: async ({ params: { termKey }, user, actor }) => {
    const access = reportForViewer(user, termKey);
    if (!access.ok) return new Response("Not found.", { status: access.status });
    const buffer = await buildReportDocx(access.data, { meeting: findBoardMeetingForReport({ termId: access.term.id }) });
    const filename = `report-to-governors-${termKeyToSlug(access.term.key)}${access.published ? "" : "-draft"}.docx`;
    return download({
      body: buffer,
      filename,
      contentType: DOCX,
      audit: { actor, area: "report", entityType: "report-docx", entityId: access.term.key, summary: `${user.name} downloaded ${filename}` },
    });
  },
});
