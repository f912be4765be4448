import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ConfirmButton } from "@/components/ppm/confirm-button";
import { EditMeetingForm } from "@/app/(app)/ppm/_components/meeting-form";
import { personOptions } from "@/components/ppm/options";
import { formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { findMeetingRef, getProgressMeeting, listPpmPeople } from "@/lib/data/ppm";
import { deleteProgressMeetingAction } from "../../actions";

export const metadata = { title: "Edit progress meeting" };

export default async function EditProgressMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("ppm.edit");
  const { id } = await params;
  if (!findMeetingRef({ id })) notFound();
  const { meeting, attendees, items, reviewedHere } = getProgressMeeting({ id, viewer: user });
  const people = listPpmPeople();
  const empty = items.length === 0 && reviewedHere.length === 0;
  return (
    <>
      <PageHeader
        crumbs={[
          { href: `/ppm?term=${encodeURIComponent(meeting.term.key)}`, label: "Pupil progress meetings" },
          { href: `/ppm/${id}`, label: `${meeting.className}, ${formatTerm(meeting.term)}` },
        ]}
        caption={`${meeting.className}, ${formatTerm(meeting.term)}`}
        title="Edit meeting details"
      />
      <EditMeetingForm
        meeting={{ id, version: meeting.version, date: meeting.date, teacherId: meeting.teacherId ?? "", attendeeIds: attendees.map((a) => a.id), notes: meeting.notes }}
        staff={personOptions(people.staff)}
        leaders={personOptions(people.leaders)}
      />
      <h2>Delete this meeting</h2>
      {empty ? (
        <ConfirmButton
          label="Delete meeting"
          question={`Delete ${meeting.className}'s meeting for ${formatTerm(meeting.term)}? This cannot be undone.`}
          confirmLabel="Yes, delete it"
          action={deleteProgressMeetingAction}
          input={{ id, version: meeting.version }}
          redirectTo={`/ppm?term=${encodeURIComponent(meeting.term.key)}`}
        />
      ) : (
        <p className="muted">
          A meeting with pupils discussed or outcomes recorded is part of those pupils&apos; history and cannot be deleted. Remove its pupils first if it was recorded by mistake.
        </p>
      )}
    </>
  );
}
