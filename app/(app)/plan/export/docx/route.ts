import { defineRoute, DOCX, download } from "@/lib/actions/define-route";
import { findAcademicYearByName, findCurrentYear, getSchool } from "@/lib/data/school";
import { getPlanDocument } from "@/lib/data/sip";
import { NotFoundError } from "@/lib/errors";
import { buildPlanDocx, planDocxFilename } from "./plan-docx";

/** The plan of a year (?year=2025-26, default the current year) as a Word document. */
export const GET = defineRoute({
  verb: "plan.read",
  signIn: "Sign in to download the plan.",
  handler: async ({ request, user, actor }) => {
    const name = new URL(request.url).searchParams.get("year");
    const year = name ? findAcademicYearByName({ name }) : findCurrentYear();
    if (!year) throw new NotFoundError("That academic year");
    const buffer = await buildPlanDocx({ school: getSchool(), ...getPlanDocument({ academicYearId: year.id, viewer: user }) });
    const filename = planDocxFilename(year.name);
    return download({ body: buffer, filename, contentType: DOCX, audit: { actor, area: "sip", entityType: "plan-docx", entityId: year.name, summary: `${user.name} downloaded ${filename}` } });
  },
});
