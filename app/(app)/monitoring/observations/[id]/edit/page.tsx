import { PageHeader } from "@/components/layout/page-header";
import { EditObservationForm } from "@/app/(app)/monitoring/_components/observation-form";
import { buildFormOptions } from "@/app/(app)/monitoring/_lib/options";
import { formatDate } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { getObservationForViewer } from "@/lib/data/monitoring";
import { LESSON_GRADES } from "@/lib/labels/monitoring";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Edit observation" };

export default async function EditObservationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("observation.edit");
  const { id } = await params;
  const o = orRefuse(() => getObservationForViewer({ id, viewer: user }));
  const { people: _people, ...options } = buildFormOptions();
  return (
    <>
      <PageHeader
        title="Edit observation"
        caption={`${o.teacherName} · ${o.subject} · ${formatDate(o.date)}`}
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/observations", label: "Observations" },
          { href: `/monitoring/observations/${o.id}`, label: "This observation" },
        ]}
      />
      <EditObservationForm
        observation={{
          id: o.id,
          version: o.version,
          values: {
            teacherId: o.teacherId,
            observerIds: o.observers.map((x) => x.id),
            date: o.date,
            classId: o.classId ?? "",
            yearGroup: o.yearGroup ?? "",
            subject: o.subject,
            focusStrandIds: o.focus.strandIds,
            focusAreaKeys: o.focus.areaKeys,
            strengths: o.strengths,
            areasForDevelopment: o.areasForDevelopment,
            nextSteps: o.nextSteps,
            followUpDate: o.followUpDate ?? "",
            grade: (LESSON_GRADES as readonly string[]).includes(o.grade ?? "") ? (o.grade as (typeof LESSON_GRADES)[number]) : "",
            status: o.status,
          },
          judgements: o.judgements.map((j) => ({ ref: j.id, judgement: j.judgement })),
        }}
        criteria={o.judgements.map((j) => ({ ref: j.id, heading: j.heading, label: j.label }))}
        options={options}
      />
    </>
  );
}
