import { PageHeader } from "@/components/layout/page-header";
import { ImportForm } from "@/components/pupils/import-form";
import { requirePermission } from "@/lib/auth/session";
import { getSchoolScheme } from "@/lib/data/school";
import { findCurrentYear } from "@/lib/data/school";

export const metadata = { title: "Import pupils or results" };

/** Imports from the school's MIS (SPEC §4.2, §4.3): check a file, see what it will change, then confirm. */
export default async function ImportPage() {
  await requirePermission("pupils.import");
  const scheme = getSchoolScheme();
  return (
    <>
      <PageHeader
        caption="Pupils"
        title="Import pupils or results"
        crumbs={[{ href: "/pupils", label: "Pupils" }]}
        description="Upload a CSV exported from your MIS. You will see what it changes before anything is saved. A file with any problem is not imported at all."
      />
      <ImportForm
        defaultYear={findCurrentYear()?.name ?? ""}
        scheme={{ name: scheme.name, subjects: [...scheme.subjects], results: [...scheme.results], hasTargets: scheme.hasTargets }}
      />
    </>
  );
}
