import { LinkVisitTable } from "@/components/governance/link-visit-table";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listLinkVisitStatus } from "@/lib/data/link-visits";
import { can } from "@/lib/policy";
import { LinkVisitsForm } from "./link-visits-form";

export const metadata = { title: "Link governor visits" };

/** Link governors' visits this year against what is expected of each strand (three unless the head says otherwise). */
export default async function LinkVisitsPage() {
  const user = await requirePermission("governorVisit.read");
  const rows = listLinkVisitStatus();
  return (
    <>
      <PageHeader
        title="Link governor visits"
        caption="Governance"
        crumbs={[{ href: "/governance", label: "Challenge log" }]}
        description="Each link governor is expected to visit for their strand a number of times a year, spread across the year."
      />
      {rows.length ? <LinkVisitTable rows={rows} caption="This year's plan" /> : <p className="muted">No strand of this year&apos;s plan has a link governor.</p>}
      {can(user, "meeting.edit") && rows.length ? (
        <details>
          <summary>Change the visits expected</summary>
          {rows.map((r) => (
            <LinkVisitsForm key={r.strandId} strandId={r.strandId} version={r.version} expected={r.expected} title={r.strandTitle} />
          ))}
        </details>
      ) : null}
    </>
  );
}
