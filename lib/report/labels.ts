import type { ReportSection } from "@/db/schema/enums";

/** The report's sections in SPEC §3.7's order, with the headings governors see. */
export const REPORT_SECTION_LABEL: Record<ReportSection, string> = {
  summary: "Summary for the board",
  context: "School context",
  plan: "Progress of the improvement plan",
  quality: "Quality of education",
  attainment: "Pupil progress and attainment",
  attendance: "Attendance and behaviour",
  progress_meetings: "Pupil progress meetings",
  self_evaluation: "Self-evaluation",
  governance: "Governor and adviser monitoring",
  priorities: "Priorities for next term",
};

export const CHALLENGE_STATUS_LABEL = {
  open: "Open",
  answered: "Answered",
  follow_up: "Follow-up needed",
  closed: "Closed",
} as const;

export const CHALLENGE_STATUS_TONE = {
  open: "amber",
  answered: "blue",
  follow_up: "red",
  closed: "grey",
} as const;

export const CHALLENGE_SOURCE_LABEL = {
  meeting: "At a meeting",
  visit: "On a visit",
  report: "On a report",
} as const;

export const MONITORING_TYPE_LABEL = {
  observation: "Lesson observations",
  learning_walk: "Learning walks",
  work_scrutiny: "Work scrutiny",
  pupil_voice: "Pupil voice",
  drop_in: "Drop-ins",
  governor_visit: "Governor visits",
  adviser_visit: "Adviser visits",
} as const;

export { GROUP_LABEL, subjectLabel, yearGroupLabel } from "@/lib/analytics/schemes";

/** The statuses a governor's question can be given when it is answered. */
export const ANSWER_STATUSES = ["answered", "follow_up", "closed"] as const;
