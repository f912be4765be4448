import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { VisitForm } from "@/app/(app)/monitoring/_components/visit-form";
import { buildVisitOptions, canRecordVisit } from "@/app/(app)/monitoring/_lib/visit-options";
import { requireUser } from "@/lib/auth/session";
import { todayIso } from "@/lib/data/school";

export const metadata = { title: "Record a visit" };

export default async function NewVisitPage() {
  const user = await requireUser();
  if (!canRecordVisit(user)) forbidden();
  const options = buildVisitOptions(user);
  const kind = options.self?.kind ?? "governor";
  return (
    <>
      <PageHeader
        title="Record a visit"
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/visits", label: "Visits" },
        ]}
      />
      <VisitForm
        options={options}
        defaults={{
          kind,
          visitorId: options.self?.id ?? "",
          date: todayIso(),
          visitType: kind === "governor" ? "Link governor visit" : "",
          purpose: "",
          focusStrandIds: [],
          focusAreaKeys: [],
          seen: "",
          questions: "",
          followUp: "",
        }}
      />
    </>
  );
}
