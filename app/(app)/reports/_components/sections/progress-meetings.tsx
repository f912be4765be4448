import type { SectionProps } from "./types";

/** Pupil progress meetings: counts only, never a pupil. */
export function ProgressMeetingsSection({ data }: SectionProps) {
  const p = data.progressMeetings;
  return (
    <dl className="summary-list">
      <dt>Meetings held</dt>
      <dd>{p.meetingsHeld}</dd>
      <dt>Classes without a meeting</dt>
      <dd>{p.classesWithoutMeeting}</dd>
      <dt>Pupils discussed</dt>
      <dd>{p.pupilsDiscussed}</dd>
      <dt>Actions agreed</dt>
      <dd>{p.actionsAgreed}</dd>
      <dt>Outcomes recorded</dt>
      <dd>{p.outcomesRecorded}</dd>
      <dt>Actions carried forward</dt>
      <dd>{p.openCarriedForward}</dd>
    </dl>
  );
}
