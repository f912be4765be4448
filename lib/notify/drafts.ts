import { formatDate, formatTerm } from "@/lib/format";
import { termKeyToSlug } from "@/lib/report/term-key";
import type { NotificationDraft } from "@/lib/data/notifications";

/**
 * The words of each notification. They say what happened and link to the page; they never carry a
 * pupil's name, a UPN, an observation's text or a question's text, since they also go by email.
 */
export const draft = {
  actionAssigned: (a: { actionId: string; ownerId: string; description: string; strandId: string; strandTitle: string; dueDate: string | null }): NotificationDraft => ({
    key: `action_assigned:${a.actionId}:${a.ownerId}`,
    userId: a.ownerId,
    kind: "action_assigned",
    title: "An improvement plan action has been assigned to you",
    body: `"${a.description}" in the strand "${a.strandTitle}"${a.dueDate ? `, due ${formatDate(a.dueDate)}` : ""}.`,
    link: `/plan/strands/${a.strandId}`,
  }),
  actionsDue: (userId: string, weekOf: string, items: { description: string; dueDate: string | null; strandTitle: string }[], today: string): NotificationDraft => {
    const overdue = items.filter((i) => i.dueDate && i.dueDate < today).length;
    const soon = items.length - overdue;
    return {
      key: `actions_due:${userId}:${weekOf}`,
      userId,
      kind: "actions_due",
      title: `Your actions this week: ${soon} due within 7 days, ${overdue} overdue`,
      body: items.map((i) => `- ${i.description} (${i.strandTitle}; ${i.dueDate && i.dueDate < today ? "overdue since" : "due"} ${formatDate(i.dueDate)})`).join("\n"),
      link: "/me",
    };
  },
  reviewDue: (s: { strandId: string; leadId: string; strandTitle: string; termId: string; termKey: string; endDate: string }): NotificationDraft => ({
    key: `review_due:${s.strandId}:${s.termId}`,
    userId: s.leadId,
    kind: "review_due",
    title: `The ${formatTerm(s.termKey)} review of a strand you lead is due`,
    body: `Review "${s.strandTitle}" by the end of term, ${formatDate(s.endDate)}.`,
    link: `/plan/strands/${s.strandId}`,
  }),
  observationShared: (o: { id: string; teacherId: string; date: string }): NotificationDraft => ({
    key: `observation_shared:${o.id}`,
    userId: o.teacherId,
    kind: "observation_shared",
    title: "An observation of your teaching has been shared with you",
    body: `The observation of ${formatDate(o.date)} is ready for you to read and respond to.`,
    link: `/monitoring/observations/${o.id}`,
  }),
  challengeAnswered: (c: { id: string; raisedById: string; raisedOn: string; answeredAt: string }): NotificationDraft => ({
    key: `challenge_answered:${c.id}:${c.answeredAt}`,
    userId: c.raisedById,
    kind: "challenge_answered",
    title: "Your question has been answered",
    body: `The question you raised on ${formatDate(c.raisedOn)} has an answer from the school.`,
    link: `/governance/challenges/${c.id}`,
  }),
  challengeAssigned: (c: { id: string; ownerId: string; raiserName: string; raisedOn: string }): NotificationDraft => ({
    key: `challenge_assigned:${c.id}:${c.ownerId}`,
    userId: c.ownerId,
    kind: "challenge_assigned",
    title: "A governor's question is waiting for your answer",
    body: `${c.raiserName} raised it on ${formatDate(c.raisedOn)}.`,
    link: `/governance/challenges/${c.id}`,
  }),
  reportPublished: (r: { reportId: string; userId: string; termKey: string }): NotificationDraft => ({
    key: `report_published:${r.reportId}:${r.userId}`,
    userId: r.userId,
    kind: "report_published",
    title: `The ${formatTerm(r.termKey)} report to governors is published`,
    body: "The headteacher's termly report is ready to read.",
    link: `/reports/${termKeyToSlug(r.termKey)}`,
  }),
  papersOut: (m: { meetingId: string; userId: string; bodyName: string; date: string; startTime: string }): NotificationDraft => ({
    key: `papers_out:${m.meetingId}:${m.userId}`,
    userId: m.userId,
    kind: "papers_out",
    title: `Papers are out for the ${m.bodyName} on ${formatDate(m.date)}`,
    body: `The meeting is on ${formatDate(m.date)} at ${m.startTime}. Read the papers and mark them read.`,
    link: `/governance/meetings/${m.meetingId}`,
  }),
  papersLate: (m: { meetingId: string; userId: string; bodyName: string; date: string; papersOutDate: string }): NotificationDraft => ({
    key: `papers_late:${m.meetingId}:${m.userId}`,
    userId: m.userId,
    kind: "papers_late",
    title: `Papers for the ${m.bodyName} on ${formatDate(m.date)} are late`,
    body: `They were due out on ${formatDate(m.papersOutDate)}, and the report for the meeting is not published.`,
    link: `/governance/meetings/${m.meetingId}`,
  }),
  meetingSoon: (m: { meetingId: string; userId: string; bodyName: string; date: string; startTime: string; place: string }): NotificationDraft => ({
    key: `meeting_soon:${m.meetingId}:${m.userId}`,
    userId: m.userId,
    kind: "meeting_soon",
    title: `The ${m.bodyName} meets on ${formatDate(m.date)}`,
    body: `${formatDate(m.date)} at ${m.startTime}${m.place ? `, ${m.place}` : ""}.`,
    link: `/governance/meetings/${m.meetingId}`,
  }),
};

export const NOTIFICATION_KIND_LABEL: Record<NotificationDraft["kind"], string> = {
  action_assigned: "An improvement plan action is assigned to me",
  actions_due: "Weekly digest of my actions due within 7 days or overdue",
  review_due: "A termly review is due for a strand I lead (two weeks before term ends)",
  observation_shared: "An observation of my teaching is shared with me",
  challenge_answered: "A question I asked is answered",
  challenge_assigned: "A governor's question is assigned to me",
  report_published: "The termly report to governors is published",
  papers_out: "Papers are out for a meeting",
  papers_late: "Papers for a meeting are due and the report is not published",
  meeting_soon: "A meeting of mine is two days away",
};
