import { PageHeader } from "@/components/layout/page-header";
import { ImportForm } from "@/app/(app)/pupils/_components/import-form";
import { importKindChoices } from "@/app/(app)/pupils/_lib/import-kinds";
import { requirePermission } from "@/lib/auth/session";
import { getSchoolScheme } from "@/lib/data/school";
import { findCurrentYear } from "@/lib/data/school";
import { listImportMappings } from "@/lib/data/import-mappings";

export const metadata = { title: "Import pupils or results" };

/**
 * Imports from the school's MIS (SPEC §4.2, §4.3, MIS exports as they come, marksheets and the Common
 * Transfer File): check a file, map what is not recognised, see what it will change, then confirm.
 */
export default async function ImportPage() {
  await requirePermission("pupils.import");
  const scheme = getSchoolScheme();
  return (
    <>
      <PageHeader
        caption="Pupils"
        title="Import pupils or results"
        crumbs={[{ href: "/pupils", label: "Pupils" }]}
        description="Upload a file exported from your MIS: a CSV or Excel export, a marksheet, or a Common Transfer File. You will see what it changes before anything is saved. A file with any problem is not imported at all."
      />
      <ImportForm defaultYear={findCurrentYear()?.name ?? ""} kinds={importKindChoices(scheme)} savedMappings={listImportMappings().map((m) => ({ name: m.name, kind: m.kind, mapping: m.mapping }))} />
    </>
  );
}
