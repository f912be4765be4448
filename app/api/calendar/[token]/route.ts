import { definePublicRoute } from "@/lib/actions/define-route";
import { listCalendarEntries } from "@/lib/data/calendar";
import { appUrl, findUserByCalendarToken } from "@/lib/data/notifications";
import { getSchool } from "@/lib/data/school";
import { buildCalendar } from "@/lib/notify/ical";

/**
 * A user's private calendar feed. Calendar apps cannot sign in, so the secret token in the address is
 * the credential: an unknown, revoked or disabled user's token gets the same 404 as a wrong address.
 */
export const GET = definePublicRoute<{ token?: string }>({
  handler: ({ params: { token = "" } }) => {
    const user = findUserByCalendarToken({ token: token.replace(/\.ics$/, "") });
    if (!user) return new Response("Not found.", { status: 404 });
    const body = buildCalendar({ name: user.name, entries: listCalendarEntries({ userId: user.id, role: user.role }), baseUrl: appUrl(), schoolName: getSchool().name });
    return new Response(body, {
      headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" },
    });
  },
});
