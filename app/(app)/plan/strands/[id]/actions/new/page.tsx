import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { staffOptions } from "@/app/(app)/plan/_lib/options";
import { NewPlanActionForm } from "@/app/(app)/plan/_components/plan-action-form";
import { requirePermission } from "@/lib/auth/session";
import { findStrand, yearOfStrand } from "@/lib/data/sip";

export const metadata = { title: "Add an action" };

export default async function NewPlanActionPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("plan.edit");
  const { id } = await params;
  const strand = findStrand({ id });
  if (!strand) notFound();
  const year = yearOfStrand({ strandId: id });
  return (
    <>
      <PageHeader
        caption={strand.title}
        title="Add an action"
        crumbs={[
          { href: year.isCurrent ? "/plan" : `/plan?year=${year.name}`, label: `Improvement plan ${year.name}` },
          { href: `/plan/strands/${id}`, label: strand.title },
        ]}
      />
      <NewPlanActionForm strandId={id} staff={staffOptions()} />
    </>
  );
}
