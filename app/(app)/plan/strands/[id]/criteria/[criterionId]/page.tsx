import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { EditCriterionForm } from "@/app/(app)/plan/_components/criterion-form";
import { criterionFormOptions } from "@/app/(app)/plan/_lib/options";
import { requirePermission } from "@/lib/auth/session";
import { findStrand, getCriterion, yearOfStrand } from "@/lib/data/sip";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Edit success criterion" };

export default async function EditCriterionPage({ params }: { params: Promise<{ id: string; criterionId: string }> }) {
  await requirePermission("plan.edit");
  const { id, criterionId } = await params;
  const strand = findStrand({ id });
  if (!strand) notFound();
  const c = orRefuse(() => getCriterion({ id: criterionId }));
  if (c.strandId !== id) notFound();
  const year = yearOfStrand({ strandId: id });
  const num = (v: number | null) => (v === null ? "" : String(v));
  return (
    <>
      <PageHeader
        caption={strand.title}
        title="Edit success criterion"
        crumbs={[
          { href: year.isCurrent ? "/plan" : `/plan?year=${year.name}`, label: `Improvement plan ${year.name}` },
          { href: `/plan/strands/${id}`, label: strand.title },
        ]}
      />
      <EditCriterionForm
        strandId={id}
        criterion={{
          id: c.id,
          version: c.version,
          kind: c.kind,
          description: c.description,
          isHeadline: c.isHeadline,
          metric: c.metric ?? "",
          yearGroup: c.yearGroup ?? "",
          subject: c.subject ?? "",
          pupilGroup: c.pupilGroup ?? "all",
          unit: c.unit ?? "",
          baseline: num(c.baseline),
          target: num(c.target),
          lowerIsBetter: c.lowerIsBetter,
          dueTermId: c.dueTermId ?? "",
        }}
        options={criterionFormOptions({ academicYearId: year.id })}
      />
    </>
  );
}
