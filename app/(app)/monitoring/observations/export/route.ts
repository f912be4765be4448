import { defineRoute, download } from "@/lib/actions/define-route";
import { toCsv } from "@/lib/analytics/monitoring";
import { listObservationsForExport, resolveTerm } from "@/lib/data/monitoring";

/**
 * Observations as CSV, one row per criterion judged. Leaders get every observation of the term; a
 * teacher only their own shared ones; governors and advisers are refused (they see aggregates only).
 */
export const GET = defineRoute({
  verb: "observation.read",
  owns: true,
  signIn: "Sign in to continue.",
  refused: "You do not have permission to see this.",
  handler: ({ request, user, actor }) => {
    const url = new URL(request.url);
    // "all" exports every term (a teacher downloading their own history); otherwise one term, the current by default.
    const all = url.searchParams.get("term") === "all";
    const term = all ? null : resolveTerm({ key: url.searchParams.get("term") });
    if (!all && !term) return new Response("No such term.", { status: 404 });
    const rows = listObservationsForExport({ viewer: user, termId: term?.id });
    const csv = toCsv(
      ["term", "date", "teacher", "subject", "year_group", "class", "status", "acknowledged", "heading", "criterion", "judgement"],
      rows.map((r) => [
        r.termKey,
        r.observation.date,
        r.observation.teacherName,
        r.observation.subject,
        r.observation.yearGroup,
        r.observation.className,
        r.observation.status,
        r.observation.acknowledgedAt ? "yes" : "no",
        r.heading,
        r.label,
        r.judgement,
      ]),
    );
    return download({
      body: csv,
      filename: `observations-${term ? term.key.replace(":", "-") : "all-terms"}.csv`,
      contentType: "text/csv; charset=utf-8",
      audit: {
        actor,
        area: "monitoring",
        entityType: "observations-csv",
        entityId: term?.key ?? "all",
        summary: `${user.name} downloaded observations (${term ? term.key : "all terms"}, ${rows.length} rows) as CSV`,
      },
    });
  },
});
