import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { strandFormOptions } from "@/app/(app)/plan/_lib/options";
import { NewStrandForm } from "@/app/(app)/plan/_components/strand-form";
import { requirePermission } from "@/lib/auth/session";
import { findAcademicYearByName, findCurrentYear } from "@/lib/data/school";

export const metadata = { title: "Add a strand" };

export default async function NewStrandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("plan.edit");
  const sp = await searchParams;
  const year = typeof sp.year === "string" ? findAcademicYearByName({ name: sp.year }) : findCurrentYear();
  if (!year) notFound();
  const back = year.isCurrent ? "/plan" : `/plan?year=${year.name}`;
  return (
    <>
      <PageHeader
        caption={`Improvement plan ${year.name}`}
        title="Add a strand"
        description="A strand is one priority of the plan. Add its success criteria, actions and milestones once it is saved."
        crumbs={[{ href: back, label: `Improvement plan ${year.name}` }]}
      />
      <NewStrandForm academicYearId={year.id} options={strandFormOptions({ academicYearId: year.id, yearName: year.name })} />
    </>
  );
}
