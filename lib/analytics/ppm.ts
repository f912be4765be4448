import type { PpmOutcomeKind } from "@/db/schema/enums";

/**
 * Pupil progress meetings as pure functions: which earlier actions a meeting must review, the counts the
 * governors' report shows, and the order an owner sees their actions in. No database, no names.
 */

/** Concerns that are not about one assessed subject, offered beside the scheme's subjects. */
export const PPM_GENERAL_SUBJECTS = ["general", "attendance", "wellbeing"] as const;

export const PPM_SUBJECT_LABEL: Record<string, string> = {
  reading: "Reading",
  writing: "Writing",
  maths: "Maths",
  science: "Science",
  general: "General progress",
  attendance: "Attendance",
  wellbeing: "Wellbeing",
};

export function ppmSubjectLabel(subject: string | null | undefined): string {
  if (!subject) return "General progress";
  return PPM_SUBJECT_LABEL[subject] ?? subject.charAt(0).toUpperCase() + subject.slice(1);
}

/** The subjects a concern may be about: the school's assessed subjects, then the general ones. */
export function ppmSubjects(schemeSubjects: readonly string[]): string[] {
  return [...schemeSubjects, ...PPM_GENERAL_SUBJECTS];
}

export const PPM_OUTCOME_LABEL: Record<PpmOutcomeKind, string> = {
  on_track: "Now on track",
  progress: "Progress made",
  no_progress: "No progress",
  other: "Closed for another reason",
};

export const PPM_OUTCOME_HINT: Record<PpmOutcomeKind, string> = {
  on_track: "The pupil is now working at the expected standard for this concern.",
  progress: "Closer to the expected standard, but not there yet.",
  no_progress: "No measurable progress: usually continue with a changed action or escalate.",
  other: "For example, the pupil has left the school or the concern no longer applies.",
};

/** An open action from some meeting, as the carry-forward selection needs it. */
export type OpenItemRef = { id: string; meetingId: string; upn: string; termStartDate: string };

/**
 * The open actions a meeting must review: those agreed at an EARLIER term's meeting (by term start date,
 * so the selection crosses academic years) for a pupil who is now in the meeting's class. Pupils are
 * matched by UPN because each academic year has its own pupil record: the Year 3 child of the summer
 * meeting is the Year 4 child of the autumn one. Oldest first, so long-running actions lead.
 */
export function selectCarryForward<T extends OpenItemRef>({
  openItems,
  classUpns,
  meetingId,
  termStartDate,
}: {
  openItems: readonly T[];
  classUpns: ReadonlySet<string>;
  meetingId: string;
  termStartDate: string;
}): T[] {
  return openItems
    .filter((i) => i.meetingId !== meetingId && i.termStartDate < termStartDate && classUpns.has(i.upn))
    .sort((a, b) => a.termStartDate.localeCompare(b.termStartDate) || a.id.localeCompare(b.id));
}

export type PpmCounts = {
  /** Meetings recorded for the term. */
  meetingsHeld: number;
  /** Classes of the term's academic year with no meeting recorded for the term. */
  classesWithoutMeeting: number;
  /** Different pupils discussed at the term's meetings. */
  pupilsDiscussed: number;
  /** Actions (or interventions) agreed at the term's meetings, new and continued. */
  actionsAgreed: number;
  /** Outcomes of earlier actions recorded at the term's meetings. */
  outcomesRecorded: number;
  /** Those outcomes by category. */
  byOutcome: Record<PpmOutcomeKind, number>;
  /** Actions still open at the last review, carried into the term's meetings to continue. */
  openCarriedForward: number;
  /** Actions agreed at the term's meetings that are still awaiting their outcome. */
  stillOpen: number;
  /** Actions agreed at the term's meetings by subject of concern. */
  bySubject: Record<string, number>;
};

/**
 * The termly counts (SPEC §3.7 item 5). Counts only: the inputs carry ids, never names, so the result is
 * safe for governors.
 */
export function countProgressMeetings({
  classIds,
  meetings,
  items,
  outcomes,
}: {
  classIds: readonly string[];
  meetings: readonly { id: string; classId: string }[];
  items: readonly { pupilId: string; subject: string | null; status: "open" | "closed"; carriedFromId: string | null }[];
  outcomes: readonly { outcomeKind: PpmOutcomeKind | null }[];
}): PpmCounts {
  const met = new Set(meetings.map((m) => m.classId));
  const byOutcome: Record<PpmOutcomeKind, number> = { on_track: 0, progress: 0, no_progress: 0, other: 0 };
  for (const o of outcomes) byOutcome[o.outcomeKind ?? "other"] += 1;
  const bySubject: Record<string, number> = {};
  for (const i of items) {
    const s = i.subject ?? "general";
    bySubject[s] = (bySubject[s] ?? 0) + 1;
  }
  return {
    meetingsHeld: meetings.length,
    classesWithoutMeeting: classIds.filter((c) => !met.has(c)).length,
    pupilsDiscussed: new Set(items.map((i) => i.pupilId)).size,
    actionsAgreed: items.length,
    outcomesRecorded: outcomes.length,
    byOutcome,
    openCarriedForward: items.filter((i) => i.carriedFromId !== null).length,
    stillOpen: items.filter((i) => i.status === "open").length,
    bySubject,
  };
}

/** Is an open action past its review date? An action without a review date is never overdue. */
export function isOverdue(item: { reviewDate: string | null; status: "open" | "closed" }, today: string): boolean {
  return item.status === "open" && item.reviewDate !== null && item.reviewDate < today;
}

/** An owner's open actions: overdue first, then by review date (soonest first), undated last. */
export function sortOwnedActions<T extends { id: string; reviewDate: string | null; status: "open" | "closed" }>(items: readonly T[], today: string): T[] {
  return [...items].sort((a, b) => {
    const ao = isOverdue(a, today) ? 0 : 1;
    const bo = isOverdue(b, today) ? 0 : 1;
    if (ao !== bo) return ao - bo;
    if (a.reviewDate !== b.reviewDate) {
      if (a.reviewDate === null) return 1;
      if (b.reviewDate === null) return -1;
      return a.reviewDate.localeCompare(b.reviewDate);
    }
    return a.id.localeCompare(b.id);
  });
}
