import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { VisitForm } from "@/app/(app)/monitoring/_components/visit-form";
import { buildVisitOptions } from "@/app/(app)/monitoring/_lib/visit-options";
import { formatDate } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { getVisit, VISIT_WRITE_VERB } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Edit visit" };

export default async function EditVisitPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  if (!can(user, "governorVisit.write", true) && !can(user, "adviserVisit.write", true)) forbidden();
  const { id } = await params;
  const v = orRefuse(() => getVisit({ id }));
  if (!can(user, VISIT_WRITE_VERB[v.kind], v.visitorId === user.id)) forbidden();
  const options = buildVisitOptions(user);
  return (
    <>
      <PageHeader
        title="Edit visit"
        caption={`${v.visitType} · ${formatDate(v.date)}`}
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/visits", label: "Visits" },
          { href: `/monitoring/visits/${v.id}`, label: "This visit" },
        ]}
      />
      <VisitForm
        existing={{ id: v.id, version: v.version }}
        options={options}
        defaults={{
          kind: v.kind,
          visitorId: v.visitorId,
          date: v.date,
          visitType: v.visitType,
          purpose: v.purpose,
          focusStrandIds: v.focus.strandIds,
          focusAreaKeys: v.focus.areaKeys,
          seen: v.seen,
          questions: v.questions,
          followUp: v.followUp,
        }}
      />
    </>
  );
}
