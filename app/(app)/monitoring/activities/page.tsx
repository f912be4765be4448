import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { FocusList } from "@/components/monitoring/bits";
import { ACTIVITY_LABEL } from "@/lib/labels/monitoring";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { TermPicker } from "@/components/ui/picker";
import { formatDate, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { labelFoci, listActivities, resolveTerm } from "@/lib/data/monitoring";
import { listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Learning walks, work scrutiny, pupil voice and drop-ins" };

export default async function ActivitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("activity.summary.read");
  const params = await searchParams;
  const term = resolveTerm({ key: typeof params.term === "string" ? params.term : null });
  const rows = term ? listActivities({ termId: term.id }) : [];
  const foci = labelFoci(rows.map((r) => r.focus));
  // Governors and advisers read the findings only: who led each one is for staff.
  const showPeople = can(user, "activity.read");
  return (
    <>
      <PageHeader
        title="Learning walks, work scrutiny, pupil voice and drop-ins"
        description="Monitoring across classes. The findings name no teacher."
        actions={
          can(user, "activity.edit") ? (
            <Link className="button" href="/monitoring/activities/new">
              Record monitoring
            </Link>
          ) : null
        }
      />
      <MonitoringNav user={user} current="/monitoring/activities" />
      {term ? <TermPicker terms={listTerms()} current={term} /> : null}
      {rows.length === 0 ? (
        <p>Nothing recorded {term ? `in ${formatTerm(term)}` : "yet"}.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>Recorded in {term ? formatTerm(term) : ""}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Subject or theme</th>
                <th scope="col">Classes visited</th>
                <th scope="col">Focus</th>
                {showPeople ? <th scope="col">Led by</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((a, i) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/monitoring/activities/${a.id}`}>{formatDate(a.date)}</Link>
                  </td>
                  <td>{ACTIVITY_LABEL[a.type]}</td>
                  <td>{a.subject ?? "–"}</td>
                  <td>{a.classesVisited || "–"}</td>
                  <td>
                    <FocusList focus={foci[i]!} />
                  </td>
                  {showPeople ? <td>{a.leadName ?? "–"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
