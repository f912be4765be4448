import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ConfirmButton } from "@/components/ppm/confirm-button";
import { EditItemForm } from "@/app/(app)/ppm/_components/item-form";
import { personOptions } from "@/components/ppm/options";
import { formatTerm } from "@/lib/format";
import { ppmSubjectLabel } from "@/lib/analytics/ppm";
import { requirePermission } from "@/lib/auth/session";
import { findMeetingRef, getProgressMeeting, listPpmPeople, listPpmSubjects } from "@/lib/data/ppm";
import { deletePpmItemAction } from "../../../actions";

export const metadata = { title: "Edit a pupil discussed" };

export default async function EditProgressMeetingItemPage({ params }: { params: Promise<{ id: string; itemId: string }> }) {
  const user = await requirePermission("ppm.edit");
  const { id, itemId } = await params;
  if (!findMeetingRef({ id })) notFound();
  const { meeting, items, continuedBy } = getProgressMeeting({ id, viewer: user });
  const item = items.find((i) => i.id === itemId);
  if (!item) notFound();
  const people = listPpmPeople();
  const subjects = listPpmSubjects();
  if (item.subject && !subjects.includes(item.subject)) subjects.push(item.subject);
  return (
    <>
      <PageHeader
        crumbs={[
          { href: `/ppm?term=${encodeURIComponent(meeting.term.key)}`, label: "Pupil progress meetings" },
          { href: `/ppm/${id}`, label: `${meeting.className}, ${formatTerm(meeting.term)}` },
        ]}
        caption={`${meeting.className}, ${formatTerm(meeting.term)}`}
        title={item.pupilName}
        description="Change what the meeting agreed for this pupil."
      />
      <EditItemForm
        meetingId={id}
        item={{ id: item.id, version: item.version, subject: item.subject ?? "general", concern: item.concern, action: item.action, ownerId: item.ownerId ?? "", reviewDate: item.reviewDate ?? "" }}
        subjects={subjects.map((s) => ({ value: s, label: ppmSubjectLabel(s) }))}
        staff={personOptions(people.staff)}
      />
      <h2>Remove this pupil from the meeting</h2>
      {continuedBy[item.id] ? (
        <p className="muted">This action was continued at a later meeting, so it is part of the pupil&apos;s history. Remove it from that meeting first.</p>
      ) : (
        <ConfirmButton
          label="Remove pupil"
          question={
            item.carriedFromId
              ? `Remove ${item.pupilName}'s continued action? The earlier action it continued will be open again, for its outcome to be recorded afresh.`
              : `Remove ${item.pupilName} from this meeting? This cannot be undone.`
          }
          confirmLabel="Yes, remove"
          action={deletePpmItemAction}
          input={{ id: item.id, version: item.version }}
          redirectTo={`/ppm/${id}`}
        />
      )}
    </>
  );
}
