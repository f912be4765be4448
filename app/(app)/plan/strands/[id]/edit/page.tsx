import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { strandFormOptions } from "@/app/(app)/plan/_lib/options";
import { EditStrandForm } from "@/app/(app)/plan/_components/strand-form";
import { requirePermission } from "@/lib/auth/session";
import { findStrand, getStrandHeader } from "@/lib/data/sip";

export const metadata = { title: "Edit strand" };

export default async function EditStrandPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("plan.edit");
  const { id } = await params;
  if (!findStrand({ id })) notFound();
  const d = getStrandHeader({ id });
  return (
    <>
      <PageHeader
        caption={`Improvement plan ${d.year.name} · Strand ${d.number}`}
        title="Edit strand"
        crumbs={[
          { href: d.year.isCurrent ? "/plan" : `/plan?year=${d.year.name}`, label: `Improvement plan ${d.year.name}` },
          { href: `/plan/strands/${id}`, label: d.strand.title },
        ]}
      />
      <EditStrandForm
        strand={{
          id,
          version: d.strand.version,
          title: d.strand.title,
          rationale: d.strand.rationale,
          areaKeys: [...new Set(d.sefLinks.map((l) => l.areaKey))],
          developmentPointIds: d.sefLinks.map((l) => l.developmentPointId).filter((x): x is string => !!x),
          leadId: d.strand.leadId ?? "",
          linkGovernorId: d.strand.linkGovernorId ?? "",
        }}
        options={strandFormOptions({ academicYearId: d.year.id, yearName: d.year.name })}
      />
    </>
  );
}
