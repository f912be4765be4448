import "server-only";
import { and, asc, eq, gte, inArray, notInArray, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, bodyMembers, governingBodies, meetingMinutes, meetings, planActions, plannedMonitoring, plans, strands, terms } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { termKey } from "./school";

export type CalendarEntry = { uid: string; date: string; time?: string; title: string; description: string; path: string; location?: string };

/**
 * What goes in a user's calendar feed, from the start of the current academic year on: their own
 * actions' due dates, review deadlines for strands they lead (term end), meetings of bodies they sit
 * on (the head: every meeting), actions minuted for them at a meeting, and monitoring they are to
 * carry out. Titles name no pupil.
 */
export function listCalendarEntries({ userId, role }: { userId: string; role: Role }, db: DbOrTx = defaultDb): CalendarEntry[] {
  const year = db.select().from(academicYears).where(eq(academicYears.isCurrent, true)).get();
  const from = year?.startDate ?? "0000-01-01";
  const out: CalendarEntry[] = [];
  for (const a of db
    .select({ id: planActions.id, description: planActions.description, dueDate: planActions.dueDate, strandId: strands.id, strandTitle: strands.title })
    .from(planActions)
    .innerJoin(strands, eq(planActions.strandId, strands.id))
    .where(and(eq(planActions.ownerId, userId), gte(planActions.dueDate, from), notInArray(planActions.status, ["done", "dropped"])))
    .all()) {
    out.push({ uid: `action-${a.id}`, date: a.dueDate!, title: `Action due: ${a.description}`, description: `Improvement plan strand: ${a.strandTitle}`, path: `/plan/strands/${a.strandId}` });
  }
  if (year) {
    const led = db
      .select({ id: strands.id, title: strands.title })
      .from(strands)
      .innerJoin(plans, eq(strands.planId, plans.id))
      .where(and(eq(plans.academicYearId, year.id), eq(strands.leadId, userId)))
      .all();
    const yearTerms = db.select().from(terms).where(eq(terms.academicYearId, year.id)).orderBy(asc(terms.startDate)).all();
    for (const s of led) {
      for (const t of yearTerms) {
        out.push({ uid: `review-${s.id}-${t.id}`, date: t.endDate, title: `Review due: ${s.title}`, description: `The ${termKey(year.name, t.name)} review of the strand you lead.`, path: `/plan/strands/${s.id}` });
      }
    }
  }
  const bodyIds = role === "headteacher" ? null : db.select({ id: bodyMembers.bodyId }).from(bodyMembers).where(eq(bodyMembers.userId, userId)).all().map((b) => b.id);
  if (bodyIds === null || bodyIds.length) {
    for (const m of db
      .select({ id: meetings.id, date: meetings.date, startTime: meetings.startTime, place: meetings.place, papersOutDate: meetings.papersOutDate, bodyName: governingBodies.name })
      .from(meetings)
      .innerJoin(governingBodies, eq(meetings.bodyId, governingBodies.id))
      .where(and(gte(meetings.date, from), bodyIds ? inArray(meetings.bodyId, bodyIds) : undefined))
      .all()) {
      out.push({ uid: `meeting-${m.id}`, date: m.date, time: m.startTime, title: m.bodyName, description: `Papers out ${m.papersOutDate}.`, path: `/governance/meetings/${m.id}`, location: m.place || undefined });
    }
  }
  // Actions minuted at a meeting, owned by this user.
  for (const a of db
    .select({ id: meetingMinutes.id, text: meetingMinutes.text, dueDate: meetingMinutes.dueDate, meetingId: meetings.id, bodyName: governingBodies.name })
    .from(meetingMinutes)
    .innerJoin(meetings, eq(meetingMinutes.meetingId, meetings.id))
    .innerJoin(governingBodies, eq(meetings.bodyId, governingBodies.id))
    .where(and(eq(meetingMinutes.kind, "action"), eq(meetingMinutes.ownerId, userId), gte(meetingMinutes.dueDate, from)))
    .all()) {
    out.push({ uid: `minute-${a.id}`, date: a.dueDate!, title: `Meeting action due: ${a.text}`, description: `Agreed at the ${a.bodyName}.`, path: `/governance/meetings/${a.meetingId}` });
  }
  for (const p of db
    .select({ id: plannedMonitoring.id, title: plannedMonitoring.title, date: plannedMonitoring.plannedDate })
    .from(plannedMonitoring)
    .where(and(eq(plannedMonitoring.leadId, userId), eq(plannedMonitoring.done, false), sql`${plannedMonitoring.plannedDate} is not null`, gte(plannedMonitoring.plannedDate, from)))
    .all()) {
    out.push({ uid: `monitoring-${p.id}`, date: p.date!, title: `Monitoring: ${p.title}`, description: "Planned monitoring you lead.", path: "/monitoring/calendar" });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
