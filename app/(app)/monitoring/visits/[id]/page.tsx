import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { FocusList } from "@/components/monitoring/bits";
import { VISIT_KIND_LABEL } from "@/lib/labels/monitoring";
import { formatDate, formatTerm } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { getVisitForViewer, labelFocus, VISIT_WRITE_VERB } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Visit" };

export default async function VisitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!can(user, "governorVisit.read") && !can(user, "adviserVisit.read")) forbidden();
  const { id } = await params;
  const v = orRefuse(() => getVisitForViewer({ id, viewer: user }));
  const { saved } = await searchParams;
  const canEdit = can(user, VISIT_WRITE_VERB[v.kind], v.visitorId === user.id);
  return (
    <>
      <PageHeader
        caption={`${VISIT_KIND_LABEL[v.kind]} · ${formatTerm(v.termKey)}`}
        title={`${v.visitType || VISIT_KIND_LABEL[v.kind]}, ${formatDate(v.date)}`}
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/visits", label: "Visits" },
        ]}
        actions={
          canEdit ? (
            <Link className="button button-secondary" href={`/monitoring/visits/${v.id}/edit`}>
              Edit
            </Link>
          ) : null
        }
      />
      {saved ? (
        <p className="success-banner" role="status">
          The visit has been saved.
        </p>
      ) : null}
      <dl className="summary-list">
        <dt>Visitor</dt>
        <dd>{v.visitorName}</dd>
        <dt>Date</dt>
        <dd>{formatDate(v.date)}</dd>
        <dt>Type</dt>
        <dd>{v.visitType}</dd>
        <dt>Purpose</dt>
        <dd className="prose">{v.purpose}</dd>
        <dt>Focus</dt>
        <dd>
          <FocusList focus={labelFocus(v.focus)} />
        </dd>
      </dl>
      <h2>What was seen</h2>
      <p className="prose">{v.seen || "Nothing recorded."}</p>
      <h2>Questions asked</h2>
      <p className="prose">{v.questions || "None recorded."}</p>
      <h2>Follow-up</h2>
      <p className="prose">{v.followUp || "None recorded."}</p>
    </>
  );
}
