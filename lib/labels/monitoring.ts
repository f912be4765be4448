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

export { yearGroupLabel } from "@/lib/analytics/schemes";
