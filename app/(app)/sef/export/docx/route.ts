import { recordDownload } from "@/lib/data/audit";
import { formatDate } from "@/lib/format";
import { routeUser } from "@/lib/auth/session";
import { getSchool } from "@/lib/data/school";
import { loadSefView } from "../../load";
import { buildSefDocx } from "./sef-docx";

/**
 * GET /sef/export/docx?year=2026-27&version=3|draft — the SEF as a Word document. The same rule as
 * the pages: the draft only for the head and senior leaders; published versions for every role that
 * may read the SEF. Signed-out callers get 401, others refused get 403.
 */
export async function GET(req: Request): Promise<Response> {
  const user = await routeUser("Sign in to download the self-evaluation.");
  if (user instanceof Response) return user;
  const params = new URL(req.url).searchParams;
  const view = loadSefView(user, { year: params.get("year") ?? undefined, version: params.get("version") ?? undefined });
  if (!view.ok) return new Response(view.status === 403 ? "You do not have permission to download this." : "Not found.", { status: view.status });
  const status = view.isDraft ? "Draft: not published." : `Version ${view.version!.number}, published ${formatDate(view.version!.publishedAt)} by ${view.version!.publishedByName}.`;
  const buffer = await buildSefDocx({ schoolName: getSchool().name, snapshot: view.snapshot, status });
  const name = `self-evaluation-${view.year.name}-${view.isDraft ? "draft" : `v${view.version!.number}`}.docx`;
  recordDownload({ actor: { id: user.id, name: user.name }, area: "sef", entityType: "sef-docx", entityId: view.year.name, summary: `${user.name} downloaded ${name}` });
  return new Response(new Uint8Array(buffer), {
    status: 200,
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
