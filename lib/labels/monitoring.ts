import type { ActivityType, Judgement } from "@/db/schema/enums";
import type { MonitoringCountKey } from "@/lib/analytics/monitoring";
import type { Tone } from "./tone";

export const ACTIVITY_LABEL: Record<ActivityType, string> = {
  learning_walk: "Learning walk",
  work_scrutiny: "Work scrutiny",
  pupil_voice: "Pupil voice",
  drop_in: "Drop-in",
};

export const JUDGEMENT_LABEL: Record<Judgement, string> = {
  strength: "Strength",
  secure: "Secure",
  developing: "Developing",
  not_seen: "Not seen",
};

export const JUDGEMENT_TONE: Record<Judgement, Tone> = {
  strength: "green",
  secure: "blue",
  developing: "amber",
  not_seen: "grey",
};

export const PLANNED_LABEL: Record<string, string> = {
  observation: "Lesson observations",
  learning_walk: "Learning walk",
  work_scrutiny: "Work scrutiny",
  pupil_voice: "Pupil voice",
  drop_in: "Drop-ins",
  governor_visit: "Governor visit",
  adviser_visit: "Adviser visit",
  progress_meeting: "Pupil progress meetings",
};

export const COUNT_LABEL: Record<MonitoringCountKey, string> = {
  observation: "Lesson observations",
  learning_walk: "Learning walks",
  work_scrutiny: "Work scrutinies",
  pupil_voice: "Pupil voice",
  drop_in: "Drop-ins",
  governor_visit: "Governor visits",
  adviser_visit: "Adviser visits",
};

export const VISIT_KIND_LABEL = { governor: "Governor visit", adviser: "Adviser visit" } as const;

export { yearGroupLabel } from "./year-group";

/** Lesson grades, offered only when the school switches grading on (SPEC §3.5: ungraded by default). */
export const LESSON_GRADES = ["1", "2", "3", "4"] as const;
export const LESSON_GRADE_LABEL: Record<(typeof LESSON_GRADES)[number], string> = {
  "1": "1 – Outstanding",
  "2": "2 – Good",
  "3": "3 – Requires improvement",
  "4": "4 – Inadequate",
};
