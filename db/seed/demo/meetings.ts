import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { DbOrTx } from "../../client";
import { agendaItems, bodyMembers, challenges, governingBodies, meetingAttendance, meetingMinutes, meetings, paperReads, reports, strands, plans } from "../../schema";
import { todayIso } from "@/lib/clock";
import { daysBefore } from "@/lib/data/meetings";
import type { DemoContext, DemoTerm } from "./foundation";

/**
 * The demo board's cycle: the full governing board and two committees, with meetings in every past
 * term (agenda, the termly report as the board's paper, attendance, decisions, actions, and the
 * challenge questions raised there), meetings already held this term, and the next committee meeting
 * a few days ahead with its papers out. Runs after seedDemoReport: it reads the questions and reports.
 */
export function seedDemoMeetings(ctx: DemoContext, db: DbOrTx) {
  const p = ctx.people;
  const governors = ["chair", "vicechair", "gov_send", "gov_pp", "gov_safe", "gov_parent1", "gov_parent2", "gov_la", "gov_coopt"];
  const bodies = [
    { key: "board", name: "Full governing board", kind: "board" as const, members: ["head", ...governors] },
    { key: "standards", name: "Standards and curriculum committee", kind: "committee" as const, members: ["head", "deputy", "chair", "vicechair", "gov_send", "gov_pp", "gov_coopt"] },
    { key: "resources", name: "Resources committee", kind: "committee" as const, members: ["head", "office", "chair", "gov_parent1", "gov_la", "gov_safe"] },
  ];
  const bodyIds: Record<string, string> = {};
  bodies.forEach((b, position) => {
    const id = ctx.rnd.uuid();
    bodyIds[b.key] = id;
    db.insert(governingBodies)
      .values({ id, name: b.name, kind: b.kind, position, papersDaysBefore: 7, createdAt: `${ctx.previous.terms.autumn.startDate}T09:00:00.000Z` })
      .run();
    db.insert(bodyMembers)
      .values(b.members.map((k) => ({ bodyId: id, userId: p[k]! })))
      .run();
  });
  const governorIds = governors.map((k) => p[k]!);
  const membersOf = (key: string) => bodies.find((b) => b.key === key)!.members.map((k) => p[k]!);

  const today = todayIso();
  for (const term of [...ctx.pastTerms, ctx.currentTerm]) {
    const past = term.id !== ctx.currentTerm.id;
    const report = db.select().from(reports).where(eq(reports.termId, term.id)).get();
    // Committees meet on the days their questions were raised; the board at the end of term with the report.
    const asked = db
      .select()
      .from(challenges)
      .where(and(eq(challenges.termId, term.id), eq(challenges.source, "meeting"), gte(challenges.raisedOn, term.startDate), lte(challenges.raisedOn, term.endDate)))
      .orderBy(asc(challenges.raisedOn))
      .all()
      .filter((c) => c.raisedOn < today);
    asked.forEach((c, i) => {
      const body = i % 2 === 0 ? "standards" : "resources";
      const m = addMeeting(ctx, db, {
        term,
        bodyId: bodyIds[body]!,
        date: realDate(c.raisedOn),
        reportId: null,
        agenda: AGENDAS[body]!,
        members: membersOf(body),
        governors: governorIds,
        held: true,
        seedIndex: i,
        today,
      });
      db.update(challenges).set({ meetingId: m }).where(eq(challenges.id, c.id)).run();
    });
    if (past && report?.publishedAt) {
      const papersOut = report.publishedAt.slice(0, 10);
      const date = nextWeek(papersOut);
      addMeeting(ctx, db, {
        term,
        bodyId: bodyIds.board!,
        date,
        reportId: report.id,
        agenda: AGENDAS.board!,
        members: membersOf("board"),
        governors: governorIds,
        held: true,
        seedIndex: 5,
        papersOut,
        today,
      });
    }
  }

  // Ahead: the standards committee in a few days, papers out (the last published report), and the board at term end.
  const lastReport = db
    .select()
    .from(reports)
    .where(eq(reports.termId, ctx.pastTerms[ctx.pastTerms.length - 1]!.id))
    .get();
  const nextDate = plusDays(today, 5);
  addMeeting(ctx, db, {
    term: ctx.currentTerm,
    bodyId: bodyIds.standards!,
    date: nextDate,
    reportId: lastReport?.id ?? null,
    agenda: AGENDAS.standards!,
    members: membersOf("standards"),
    governors: governorIds,
    held: false,
    seedIndex: 0,
    papersOut: plusDays(today, -2),
    today,
  });
  const current = db.select().from(reports).where(eq(reports.termId, ctx.currentTerm.id)).get();
  // The board meets later with this term's report, still a draft: the head is warned once its papers are due.
  const boardDate = plusDays(today, 10);
  addMeeting(ctx, db, {
    term: ctx.currentTerm,
    bodyId: bodyIds.board!,
    date: boardDate,
    reportId: current?.id ?? null,
    agenda: AGENDAS.board!,
    members: membersOf("board"),
    governors: governorIds,
    held: false,
    seedIndex: 1,
    today,
  });
}

function plusDays(date: string, days: number) {
  return daysBefore(date, -days);
}
/** A raised-on date past the month's end (30 November and the like) moves back to the month's last day. */
function realDate(date: string) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 8)}${String(Math.min(d, last)).padStart(2, "0")}`;
}
function nextWeek(date: string) {
  return plusDays(date, 7);
}

const AGENDAS: Record<string, string[]> = {
  board: [
    "Welcome, apologies and declarations of interest",
    "Minutes of the last meeting and matters arising",
    "Headteacher's report to governors",
    "Safeguarding update",
    "Committee reports",
    "Policies for approval",
  ],
  standards: ["Apologies", "Pupil progress and attainment this term", "Improvement plan: strand reviews", "Curriculum and SEND update"],
  resources: ["Apologies", "Budget monitoring", "Staffing and premises", "Health and safety"],
};

const DECISIONS = [
  "The minutes of the last meeting were approved as a true record.",
  "Governors approved the updated behaviour policy.",
  "Governors agreed to receive the reading data at every meeting this year.",
  "Governors approved the revised budget for the year.",
  "The board agreed the link governor visit schedule for next term.",
  "Governors noted the SEND information report and the progress of pupils with SEND.",
];
const ACTIONS: { text: string; owner: string }[] = [
  { text: "Circulate the attendance analysis by year group before the next meeting", owner: "head" },
  { text: "Arrange a link governor visit to see the new phonics scheme in action", owner: "gov_coopt" },
  { text: "Bring the pupil premium strategy review to the next meeting", owner: "head" },
  { text: "Update the single central record check and report back", owner: "gov_safe" },
  { text: "Share the writing moderation outcomes with the committee", owner: "deputy" },
  { text: "Obtain three quotes for the playground resurfacing", owner: "office" },
];

function addMeeting(
  ctx: DemoContext,
  db: DbOrTx,
  o: {
    term: DemoTerm;
    bodyId: string;
    date: string;
    reportId: string | null;
    agenda: string[];
    members: string[];
    governors: string[];
    held: boolean;
    seedIndex: number;
    papersOut?: string;
    today: string;
  },
): string {
  const id = ctx.rnd.uuid();
  const papersOutDate = o.papersOut ?? daysBefore(o.date, 7);
  db.insert(meetings)
    .values({
      id,
      bodyId: o.bodyId,
      termId: o.term.id,
      date: o.date,
      startTime: "18:00",
      place: o.seedIndex % 2 === 0 ? "School library" : "Online (Teams link in the calendar invitation)",
      papersOutDate,
      reportId: o.reportId,
      minutesRecordedAt: o.held ? `${o.date}T20:30:00.000Z` : null,
      createdAt: `${daysBefore(o.date, 28)}T09:00:00.000Z`,
      updatedAt: `${o.held ? o.date : daysBefore(o.date, 28)}T20:30:00.000Z`,
    })
    .run();
  const items = [...o.agenda];
  db.insert(agendaItems)
    .values(
      items.map((title, position) => ({
        id: ctx.rnd.uuid(),
        meetingId: id,
        position,
        title,
        linkType: title.startsWith("Headteacher's report") && o.reportId ? ("report" as const) : null,
        linkId: title.startsWith("Headteacher's report") && o.reportId ? o.reportId : null,
      })),
    )
    .run();
  if (o.reportId && !items.some((t) => t.startsWith("Headteacher's report"))) {
    db.insert(agendaItems).values({ id: ctx.rnd.uuid(), meetingId: id, position: items.length, title: "The termly report to governors", linkType: "report", linkId: o.reportId }).run();
  }
  const strand = db
    .select({ id: strands.id, title: strands.title })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .where(eq(plans.academicYearId, o.term.key.startsWith(ctx.current.name) ? ctx.current.id : ctx.previous.id))
    .orderBy(asc(strands.position))
    .get();
  if (strand)
    db.insert(agendaItems)
      .values({ id: ctx.rnd.uuid(), meetingId: id, position: items.length + 1, title: "Link governor feedback", linkType: "strand", linkId: strand.id })
      .run();
  // Governors read the papers: all for past meetings; for the one ahead, some of them since papers went out.
  const readers = o.members.filter((u) => o.governors.includes(u)).filter((_, i) => o.held || i % 3 !== 0);
  if (o.reportId && (o.held || papersOutDate < o.today)) {
    db.insert(paperReads)
      .values(readers.map((userId, i) => ({ meetingId: id, userId, readAt: `${o.held ? daysBefore(o.date, 1 + (i % 5)) : daysBefore(o.today, i % 2)}T19:00:00.000Z` })))
      .onConflictDoNothing()
      .run();
  }
  if (!o.held) return id;
  db.insert(meetingAttendance)
    .values(o.members.map((userId, i) => ({ meetingId: id, userId, status: (i + o.seedIndex) % 7 === 3 ? ("apologies" as const) : ("present" as const) })))
    .run();
  const d = ctx.rnd.shuffle(DECISIONS).slice(0, 2);
  const a = ctx.rnd.shuffle(ACTIONS).slice(0, 2);
  for (const text of d)
    db.insert(meetingMinutes)
      .values({ id: ctx.rnd.uuid(), meetingId: id, kind: "decision", text, createdAt: `${o.date}T19:30:00.000Z` })
      .run();
  for (const x of a) {
    db.insert(meetingMinutes)
      .values({ id: ctx.rnd.uuid(), meetingId: id, kind: "action", text: x.text, ownerId: ctx.people[x.owner]!, dueDate: plusDays(o.date, 28), createdAt: `${o.date}T19:45:00.000Z` })
      .run();
  }
  return id;
}
