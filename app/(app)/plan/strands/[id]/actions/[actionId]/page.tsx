import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { staffOptions } from "@/app/(app)/plan/_lib/options";
import { EditPlanActionForm } from "@/app/(app)/plan/_components/plan-action-form";
import { requirePermission } from "@/lib/auth/session";
import { findPlanAction, findStrand, getStrandHeader, supportersOf } from "@/lib/data/sip";

export const metadata = { title: "Edit action" };

export default async function EditPlanActionPage({ params }: { params: Promise<{ id: string; actionId: string }> }) {
  await requirePermission("plan.edit");
  const { id, actionId } = await params;
  const strand = findStrand({ id });
  const action = findPlanAction({ id: actionId });
  if (!strand || !action || action.strandId !== id) notFound();
  const { year } = getStrandHeader({ id });
  const a = { ...action, supporterIds: supportersOf(actionId) };
  return (
    <>
      <PageHeader
        caption={strand.title}
        title="Edit action"
        crumbs={[
          { href: year.isCurrent ? "/plan" : `/plan?year=${year.name}`, label: `Improvement plan ${year.name}` },
          { href: `/plan/strands/${id}`, label: strand.title },
        ]}
      />
      <EditPlanActionForm
        strandId={id}
        staff={staffOptions()}
        action={{
          id: a.id,
          version: a.version,
          description: a.description,
          ownerId: a.ownerId ?? "",
          supporterIds: a.supporterIds,
          startDate: a.startDate ?? "",
          dueDate: a.dueDate ?? "",
          cost: a.costPence ? (a.costPence / 100).toFixed(2) : "",
          resources: a.resources,
          monitoring: a.monitoring,
          monitoredById: a.monitoredById ?? "",
          status: a.status,
          notes: a.notes,
        }}
      />
    </>
  );
}
