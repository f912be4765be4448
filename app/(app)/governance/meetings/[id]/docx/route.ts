import { defineRoute, DOCX, download } from "@/lib/actions/define-route";
import { findMeeting, getMeeting } from "@/lib/data/meetings";
import { getSchool } from "@/lib/data/school";
import { NotFoundError } from "@/lib/errors";
import { buildMeetingDocx } from "@/lib/report/meeting-docx";

/** A meeting's agenda and minutes as a Word document. */
export const GET = defineRoute<{ id: string }>({
  verb: "meeting.read",
  signIn: "Sign in to download the minutes.",
  handler: async ({ params: { id } }) => {
    if (!findMeeting({ id })) throw new NotFoundError("That meeting");
    const meeting = getMeeting({ id });
    const buffer = await buildMeetingDocx({ schoolName: getSchool().name, meeting });
    return download({ body: buffer, filename: `meeting-${meeting.date}.docx`, contentType: DOCX });
  },
});
