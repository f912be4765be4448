import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { NewCriterionForm } from "@/app/(app)/plan/_components/criterion-form";
import { criterionFormOptions } from "@/app/(app)/plan/_lib/options";
import { requirePermission } from "@/lib/auth/session";
import { findStrand, yearOfStrand } from "@/lib/data/sip";

export const metadata = { title: "Add a success criterion" };

export default async function NewCriterionPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("plan.edit");
  const { id } = await params;
  const strand = findStrand({ id });
  if (!strand) notFound();
  const year = yearOfStrand({ strandId: id });
  return (
    <>
      <PageHeader
        caption={strand.title}
        title="Add a success criterion"
        description="Measurable criteria read their current value from the school's assessment data, or from values you record each term."
        crumbs={[
          { href: year.isCurrent ? "/plan" : `/plan?year=${year.name}`, label: `Improvement plan ${year.name}` },
          { href: `/plan/strands/${id}`, label: strand.title },
        ]}
      />
      <NewCriterionForm strandId={id} options={criterionFormOptions({ academicYearId: year.id })} />
    </>
  );
}
