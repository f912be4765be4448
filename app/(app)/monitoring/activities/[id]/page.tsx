import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { FocusList } from "@/components/monitoring/bits";
import { ACTIVITY_LABEL } from "@/lib/labels/monitoring";
import { formatDate, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { getActivityForViewer, labelFocus } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Monitoring record" };

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("activity.summary.read");
  const { id } = await params;
  const record = orRefuse(() => getActivityForViewer({ id, viewer: user }));
  const { full, summary: a } = record;
  const { saved } = await searchParams;
  return (
    <>
      <PageHeader
        caption={`${ACTIVITY_LABEL[a.type]} · ${formatTerm(a.termKey)}`}
        title={`${ACTIVITY_LABEL[a.type]}${a.subject ? `: ${a.subject}` : ""}, ${formatDate(a.date)}`}
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/activities", label: "Learning walks and more" },
        ]}
        actions={
          can(user, "activity.edit") ? (
            <Link className="button button-secondary" href={`/monitoring/activities/${a.id}/edit`}>
              Edit
            </Link>
          ) : null
        }
      />
      {saved ? (
        <p className="success-banner" role="status">
          The record has been saved.
        </p>
      ) : null}
      <dl className="summary-list">
        <dt>Kind</dt>
        <dd>{ACTIVITY_LABEL[a.type]}</dd>
        <dt>Date</dt>
        <dd>{formatDate(a.date)}</dd>
        {full ? (
          <>
            <dt>Led by</dt>
            <dd>{full.leadName ?? "Not recorded"}</dd>
            <dt>Also taking part</dt>
            <dd>{full.participants.map((p) => p.name).join(", ") || "No one else"}</dd>
          </>
        ) : null}
        <dt>Subject or theme</dt>
        <dd>{a.subject ?? "Not recorded"}</dd>
        <dt>Classes visited</dt>
        <dd>{a.classesVisited || "Not recorded"}</dd>
        <dt>Focus</dt>
        <dd>
          <FocusList focus={labelFocus(a.focus)} />
        </dd>
      </dl>
      <h2>Strengths</h2>
      <p className="prose">{a.strengths || "None recorded."}</p>
      <h2>Areas to develop</h2>
      <p className="prose">{a.areasToDevelop || "None recorded."}</p>
      <h2>Actions</h2>
      <p className="prose">{a.actions || "None recorded."}</p>
    </>
  );
}
