import { recordDownload } from "@/lib/data/audit";
import { routeUser } from "@/lib/auth/session";
import { findAcademicYearByName, findCurrentYear, getSchool } from "@/lib/data/school";
import { getPlanDocument } from "@/lib/data/sip";
import { can } from "@/lib/policy";
import { buildPlanDocx, planDocxFilename } from "./plan-docx";

/** The plan of a year (?year=2025-26, default the current year) as a Word document. */
export async function GET(request: Request) {
  const user = await routeUser("Sign in to download the plan.");
  if (user instanceof Response) return user;
  if (!can(user, "plan.read")) return new Response("You do not have permission to do that.", { status: 403 });
  const name = new URL(request.url).searchParams.get("year");
  const year = name ? findAcademicYearByName({ name }) : findCurrentYear();
  if (!year) return new Response("That academic year was not found.", { status: 404 });
  const buffer = await buildPlanDocx({ school: getSchool(), ...getPlanDocument({ academicYearId: year.id, viewer: user }) });
  recordDownload({ actor: { id: user.id, name: user.name }, area: "sip", entityType: "plan-docx", entityId: year.name, summary: `${user.name} downloaded ${planDocxFilename(year.name)}` });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${planDocxFilename(year.name)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
