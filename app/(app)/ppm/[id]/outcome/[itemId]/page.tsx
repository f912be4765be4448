import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { OutcomeForm } from "@/app/(app)/ppm/_components/outcome-form";
import { personOptions } from "@/components/ppm/options";
import { addDays } from "@/lib/analytics/plan";
import { formatDate, formatTerm } from "@/lib/format";
import { ppmSubjectLabel } from "@/lib/analytics/ppm";
import { requirePermission } from "@/lib/auth/session";
import { findMeetingRef, getProgressMeeting, listPpmPeople } from "@/lib/data/ppm";

export const metadata = { title: "Record an outcome" };

/**
 * The outcome of an action, recorded at this meeting: an open action from an earlier meeting for a pupil
 * now in the class, an action of this meeting being closed, or an outcome recorded here being corrected.
 */
export default async function RecordOutcomePage({ params }: { params: Promise<{ id: string; itemId: string }> }) {
  const user = await requirePermission("ppm.edit");
  const { id, itemId } = await params;
  if (!findMeetingRef({ id })) notFound();
  const { meeting, items, toReview, reviewedHere } = getProgressMeeting({ id, viewer: user });
  const earlier = toReview.find((i) => i.id === itemId);
  const corrected = reviewedHere.find((i) => i.id === itemId) ?? items.find((i) => i.id === itemId && i.outcomeMeetingId === id);
  const own = items.find((i) => i.id === itemId && i.status === "open");
  const item = earlier ?? corrected ?? own;
  if (!item) notFound();
  const people = listPpmPeople();
  const mode = corrected ? "correct" : "record";
  return (
    <>
      <PageHeader
        crumbs={[
          { href: `/ppm?term=${encodeURIComponent(meeting.term.key)}`, label: "Pupil progress meetings" },
          { href: `/ppm/${id}`, label: `${meeting.className}, ${formatTerm(meeting.term)}` },
        ]}
        caption={`${meeting.className}, ${formatTerm(meeting.term)}`}
        title={mode === "correct" ? `Change the outcome for ${item.pupilName}` : `Record the outcome for ${item.pupilName}`}
      />
      <dl className="summary-list">
        <dt>Agreed at</dt>
        <dd>
          {item.className}&apos;s meeting, {formatTerm(item.termKey)} ({formatDate(item.meetingDate)})
        </dd>
        <dt>Area</dt>
        <dd>{ppmSubjectLabel(item.subject)}</dd>
        <dt>Concern</dt>
        <dd>{item.concern}</dd>
        <dt>Action</dt>
        <dd>{item.action}</dd>
        <dt>Owner</dt>
        <dd>{item.ownerName ?? "No owner"}</dd>
        <dt>Review date</dt>
        <dd>{item.reviewDate ? formatDate(item.reviewDate) : "None set"}</dd>
      </dl>
      <OutcomeForm
        meetingId={id}
        item={{ id: item.id, version: item.version, action: item.action, ownerId: item.ownerId ?? "", outcome: item.outcome ?? "", outcomeKind: item.outcomeKind ?? "" }}
        staff={personOptions(people.staff)}
        mode={mode}
        canContinue={!!earlier}
        defaultReviewDate={addDays(meeting.date, 56)}
      />
    </>
  );
}
