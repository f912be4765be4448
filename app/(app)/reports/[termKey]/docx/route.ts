import { recordDownload } from "@/lib/data/audit";
import { routeUser } from "@/lib/auth/session";
import { findBoardMeetingForReport } from "@/lib/data/report-format";
import { reportForViewer } from "@/lib/report/access";
import { buildReportDocx } from "@/lib/report/docx";
import { termKeyToSlug } from "@/lib/report/term-key";

/**
 * The report as a Word document. The same check as the page: a published report (its snapshot) for
 * readers of published reports, a draft only for leaders; anyone else gets 403/404.
 */
export async function GET(_req: Request, ctx: { params: Promise<{ termKey: string }> }) {
  const user = await routeUser("Sign in to download this report.");
  if (user instanceof Response) return user;
  const { termKey } = await ctx.params;
  const access = reportForViewer(user, termKey);
  if (!access.ok) return new Response("Not found.", { status: access.status });
  const buffer = await buildReportDocx(access.data, { meeting: findBoardMeetingForReport({ termId: access.term.id }) });
  const name = `report-to-governors-${termKeyToSlug(access.term.key)}${access.published ? "" : "-draft"}.docx`;
  recordDownload({ actor: { id: user.id, name: user.name }, area: "report", entityType: "report-docx", entityId: access.term.key, summary: `${user.name} downloaded ${name}` });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
