import { PageHeader } from "@/components/layout/page-header";
import { ActivityForm } from "@/app/(app)/monitoring/_components/activity-form";
import { buildActivityOptions } from "@/app/(app)/monitoring/_lib/activity-options";
import { ACTIVITY_LABEL } from "@/lib/labels/monitoring";
import { formatDate } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { getActivity } from "@/lib/data/monitoring";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Edit monitoring record" };

export default async function EditActivityPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("activity.edit");
  const { id } = await params;
  const a = orRefuse(() => getActivity({ id }));
  return (
    <>
      <PageHeader
        title={`Edit ${ACTIVITY_LABEL[a.type].toLowerCase()}`}
        caption={formatDate(a.date)}
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/activities", label: "Learning walks and more" },
          { href: `/monitoring/activities/${a.id}`, label: "This record" },
        ]}
      />
      <ActivityForm
        existing={{ id: a.id, version: a.version }}
        options={buildActivityOptions()}
        defaults={{
          type: a.type,
          date: a.date,
          leadId: a.leadId ?? "",
          participantIds: a.participants.map((p) => p.id),
          subject: a.subject ?? "",
          classesVisited: a.classesVisited,
          focusStrandIds: a.focus.strandIds,
          focusAreaKeys: a.focus.areaKeys,
          strengths: a.strengths,
          areasToDevelop: a.areasToDevelop,
          actions: a.actions,
        }}
      />
    </>
  );
}
