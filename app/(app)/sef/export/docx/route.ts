import { defineRoute, DOCX, download } from "@/lib/actions/define-route";
import { formatDate } from "@/lib/format";
import { getSchool } from "@/lib/data/school";
import { loadSefView } from "../../load";
import { buildSefDocx } from "./sef-docx";

const REFUSED = "You do not have permission to download this.";

/**
 * GET /sef/export/docx?year=2026-27&version=3|draft — the SEF as a Word document. The same rule as
 * the pages: the draft only for the head and senior leaders; published versions for every role that
 * may read the SEF. Signed-out callers get 401, others refused get 403.
 */
export const GET = defineRoute({
  verb: "sef.published.read",
  signIn: "Sign in to download the self-evaluation.",
  refused: REFUSED,
  handler: async ({ request, user, actor }) => {
    const params = new URL(request.url).searchParams;
    const view = loadSefView(user, { year: params.get("year") ?? undefined, version: params.get("version") ?? undefined });
    if (!view.ok) return new Response(view.status === 403 ? REFUSED : "Not found.", { status: view.status });
    const status = view.isDraft ? "Draft: not published." : `Version ${view.version!.number}, published ${formatDate(view.version!.publishedAt)} by ${view.version!.publishedByName}.`;
    const buffer = await buildSefDocx({ schoolName: getSchool().name, snapshot: view.snapshot, status });
    const name = `self-evaluation-${view.year.name}-${view.isDraft ? "draft" : `v${view.version!.number}`}.docx`;
    return download({ body: buffer, filename: name, contentType: DOCX, audit: { actor, area: "sef", entityType: "sef-docx", entityId: view.year.name, summary: `${user.name} downloaded ${name}` } });
  },
});
