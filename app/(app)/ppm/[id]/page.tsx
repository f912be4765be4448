import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { AddItemForm } from "@/app/(app)/ppm/_components/item-form";
import { DiscussedTable, ReviewedTable, ToReviewTable } from "@/components/ppm/item-tables";
import { formatDate, formatTerm } from "@/lib/format";
import { ppmSubjectLabel } from "@/lib/analytics/ppm";
import { requireUser } from "@/lib/auth/session";
import { getProgressMeeting, listMeetingPupils, listPpmPeople, listPpmSubjects } from "@/lib/data/ppm";
import { todayIso } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { personOptions } from "@/components/ppm/options";
import { addDays } from "@/lib/analytics/plan";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Pupil progress meeting" };

/**
 * One class's meeting: who met, the actions from earlier meetings to review, the pupils discussed and
 * what was agreed. Leaders record; the class's teachers read; everyone else is refused (403), whatever
 * the URL.
 */
export default async function ProgressMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  // Roles with no ppm.read at all are refused before anything is looked up.
  if (!can(user, "ppm.read", true)) forbidden();
  const { id } = await params;
  // 404 for no such meeting, 403 for another class's: getProgressMeeting checks both.
  const detail = orRefuse(() => getProgressMeeting({ id, viewer: user }));
  const { meeting, attendees, items, toReview, reviewedHere, continuedBy } = detail;
  const canEdit = can(user, "ppm.edit");
  const today = todayIso();
  const termLabel = formatTerm(meeting.term);
  const termKeyOfCarried = Object.fromEntries(reviewedHere.map((i) => [i.id, i.termKey]));

  let addForm = null;
  if (canEdit) {
    const people = listPpmPeople();
    const pupils = listMeetingPupils({ meetingId: id, viewer: user });
    addForm = (
      <AddItemForm
        meetingId={id}
        pupils={pupils.map((p) => ({
          id: p.id,
          name: p.name,
          flagged: p.belowIn.length > 0,
          note: p.belowIn.length ? `below in ${p.belowIn.map((s) => ppmSubjectLabel(s).toLowerCase()).join(", ")}` : "",
        }))}
        subjects={listPpmSubjects().map((s) => ({ value: s, label: ppmSubjectLabel(s) }))}
        staff={personOptions(people.staff)}
        defaultOwnerId={meeting.teacherId ?? ""}
        defaultReviewDate={addDays(meeting.date, 56)}
      />
    );
  }

  return (
    <>
      <PageHeader
        crumbs={[{ href: `/ppm?term=${encodeURIComponent(meeting.term.key)}`, label: "Pupil progress meetings" }]}
        caption={termLabel}
        title={`${meeting.className} progress meeting`}
        actions={
          canEdit ? (
            <Link className="button button-secondary" href={`/ppm/${id}/edit`}>
              Edit meeting details
            </Link>
          ) : null
        }
      />
      <dl className="summary-list">
        <dt>Date</dt>
        <dd>{formatDate(meeting.date)}</dd>
        <dt>Class teacher</dt>
        <dd>{meeting.teacherName ?? "Not recorded"}</dd>
        <dt>Senior leaders</dt>
        <dd>{attendees.length ? attendees.map((a) => a.name).join(", ") : "None recorded"}</dd>
        <dt>Notes</dt>
        <dd className="prose">{meeting.notes || <span className="muted">No notes</span>}</dd>
      </dl>

      <section aria-labelledby="to-review">
        <h2 id="to-review">Actions from earlier meetings to review</h2>
        {toReview.length ? (
          <>
            <p>
              {toReview.length} open {toReview.length === 1 ? "action" : "actions"} for pupils now in {meeting.className}. Record each outcome here: close the action or continue it into this meeting.
            </p>
            <ToReviewTable meetingId={id} items={toReview} canEdit={canEdit} today={today} />
          </>
        ) : (
          <p className="muted">No open actions from earlier meetings for pupils in this class.</p>
        )}
        {reviewedHere.length ? (
          <>
            <h3>Outcomes recorded at this meeting</h3>
            <ReviewedTable meetingId={id} items={reviewedHere} continuedBy={continuedBy} canEdit={canEdit} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="discussed">
        <h2 id="discussed">Pupils discussed</h2>
        {items.length ? (
          <DiscussedTable meetingId={id} items={items} continuedBy={continuedBy} termKeyOfCarried={termKeyOfCarried} canEdit={canEdit} today={today} />
        ) : (
          <p className="muted">No pupils have been added to this meeting yet.</p>
        )}
      </section>

      {addForm ? (
        <section aria-labelledby="add-pupil">
          <h2 id="add-pupil">Add a pupil discussed</h2>
          {addForm}
        </section>
      ) : null}
    </>
  );
}
