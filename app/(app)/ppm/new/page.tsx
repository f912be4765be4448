import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { CreateMeetingForm } from "@/app/(app)/ppm/_components/meeting-form";
import { personOptions } from "@/components/ppm/options";
import { formatDate, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { listClassesForTerm, listMeetingsForTerm, listPpmPeople } from "@/lib/data/ppm";
import { findCurrentTerm, listTerms, todayIso } from "@/lib/data/school";
import { yearGroupLabel } from "@/lib/analytics/schemes";

export const metadata = { title: "Record a progress meeting" };

/** Records a class's meeting for a term (leaders only). The term comes from the progress meetings page. */
export default async function NewProgressMeetingPage({ searchParams }: { searchParams: Promise<{ term?: string; class?: string }> }) {
  const user = await requirePermission("ppm.edit");
  const sp = await searchParams;
  const terms = listTerms();
  const term = terms.find((t) => t.key === sp.term) ?? findCurrentTerm() ?? terms[terms.length - 1];
  const crumbs = [{ href: term ? `/ppm?term=${encodeURIComponent(term.key)}` : "/ppm", label: "Pupil progress meetings" }];
  if (!term) {
    return (
      <>
        <PageHeader crumbs={crumbs} title="Record a progress meeting" />
        <p>No academic year has been set up yet.</p>
      </>
    );
  }
  const label = formatTerm(term);
  const met = new Set(
    listMeetingsForTerm({ termId: term.id, viewer: user })
      .filter((r) => r.meeting)
      .map((r) => r.classId),
  );
  const classes = listClassesForTerm({ termId: term.id })
    .filter((c) => !met.has(c.id))
    .map((c) => ({ value: c.id, label: c.yearGroup ? `${c.name} (${yearGroupLabel(c.yearGroup)})` : c.name, teacherIds: c.teacherIds }));
  const people = listPpmPeople();
  const today = todayIso();
  const defaultDate = today >= term.startDate && today <= term.endDate ? today : "";

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        caption={label}
        title="Record a progress meeting"
        description={`For ${label} (${formatDate(term.startDate)} to ${formatDate(term.endDate)}). To record a meeting in another term, choose the term on the progress meetings page.`}
      />
      {classes.length === 0 ? (
        <p>
          Every class has had its meeting in {label}. <Link href={crumbs[0]!.href}>Back to progress meetings</Link>
        </p>
      ) : (
        <CreateMeetingForm
          termId={term.id}
          classes={classes}
          staff={personOptions(people.staff)}
          leaders={personOptions(people.leaders)}
          defaultClassId={classes.some((c) => c.value === sp.class) ? sp.class! : ""}
          defaultDate={defaultDate}
        />
      )}
    </>
  );
}
