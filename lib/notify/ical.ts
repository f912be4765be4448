import ical, { ICalCalendarMethod } from "ical-generator";
import type { CalendarEntry } from "@/lib/data/calendar";

/** The feed as iCalendar text: all-day entries for due dates, timed (Europe/London) ones for meetings. */
export function buildCalendar({ name, entries, baseUrl, schoolName }: { name: string; entries: CalendarEntry[]; baseUrl: string; schoolName: string }): string {
  const cal = ical({ name: `Waymark: ${name}`, prodId: { company: "Waymark", product: schoolName }, method: ICalCalendarMethod.PUBLISH, ttl: 60 * 60 });
  for (const e of entries) {
    const [y, m, d] = e.date.split("-").map(Number) as [number, number, number];
    if (e.time) {
      const [hh, mm] = e.time.split(":").map(Number) as [number, number];
      // Meeting times are wall-clock times in England, written with TZID=Europe/London. ical-generator
      // formats a Date with a time zone from its local-time fields, so build it from local fields.
      const start = new Date(y, m - 1, d, hh, mm);
      cal.createEvent({
        id: e.uid,
        start,
        end: new Date(y, m - 1, d, hh + 2, mm),
        timezone: "Europe/London",
        summary: e.title,
        description: e.description,
        location: e.location,
        url: `${baseUrl}${e.path}`,
      });
    } else {
      cal.createEvent({ id: e.uid, start: new Date(Date.UTC(y, m - 1, d)), allDay: true, summary: e.title, description: e.description, url: `${baseUrl}${e.path}` });
    }
  }
  return cal.toString();
}
