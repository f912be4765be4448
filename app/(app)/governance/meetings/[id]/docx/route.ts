import { routeUser } from "@/lib/auth/session";
import { findMeeting, getMeeting } from "@/lib/data/meetings";
import { getSchool } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { buildMeetingDocx } from "@/lib/report/meeting-docx";

/** A meeting's agenda and minutes as a Word document. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await routeUser("Sign in to download the minutes.");
  if (user instanceof Response) return user;
  if (!can(user, "meeting.read")) return new Response("You do not have permission to do that.", { status: 403 });
  const { id } = await params;
  if (!findMeeting({ id })) return new Response("That meeting was not found.", { status: 404 });
  const meeting = getMeeting({ id });
  const buffer = await buildMeetingDocx({ schoolName: getSchool().name, meeting });
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="meeting-${meeting.date}.docx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
