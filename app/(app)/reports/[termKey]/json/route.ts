import { defineRoute, download, JSON_TYPE } from "@/lib/actions/define-route";
import { reportForViewer } from "@/lib/report/access";
import { termKeyToSlug } from "@/lib/report/term-key";

/**
 * The report's data as JSON (SPEC §4.4), as the CLI's `report --format json` prints it: the same check
 * as the page (a published report's snapshot for readers of published reports, a draft only for
 * leaders). It holds no pupil's name or UPN and no observed teacher's name, whoever asks.
 */
export const GET = defineRoute<{ termKey: string }>({
  verb: "report.published.read",
  signIn: "Sign in to download this report's data.",
  handler: ({ params: { termKey }, user, actor }) => {
    const access = reportForViewer(user, termKey);
    if (!access.ok) return new Response("Not found.", { status: access.status });
    const filename = `report-to-governors-${termKeyToSlug(access.term.key)}${access.published ? "" : "-draft"}.json`;
    return download({
      body: JSON.stringify(access.data, null, 2),
      filename,
      contentType: JSON_TYPE,
      audit: { actor, area: "report", entityType: "report-json", entityId: access.term.key, summary: `${user.name} downloaded ${filename}` },
    });
  },
});
