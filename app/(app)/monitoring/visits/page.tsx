import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { FocusList } from "@/components/monitoring/bits";
import { VISIT_KIND_LABEL } from "@/lib/labels/monitoring";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { TermPicker } from "@/components/ui/picker";
import { canRecordVisit } from "@/app/(app)/monitoring/_lib/visit-options";
import { formatDate, formatTerm } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { labelFoci, listVisits, resolveTerm } from "@/lib/data/monitoring";
import { listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Governor and adviser visits" };

export default async function VisitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const readGovernor = can(user, "governorVisit.read");
  const readAdviser = can(user, "adviserVisit.read");
  if (!readGovernor && !readAdviser) forbidden();
  const params = await searchParams;
  const term = resolveTerm({ key: typeof params.term === "string" ? params.term : null });
  const rows = term ? listVisits({ termId: term.id }).filter((v) => (v.kind === "governor" ? readGovernor : readAdviser)) : [];
  const foci = labelFoci(rows.map((r) => r.focus));
  return (
    <>
      <PageHeader
        title="Governor and adviser visits"
        description="Link governors visit against their strands; advisers record the Joint Annual Review and termly monitoring visits."
        actions={
          canRecordVisit(user) ? (
            <Link className="button" href="/monitoring/visits/new">
              Record a visit
            </Link>
          ) : null
        }
      />
      <MonitoringNav user={user} current="/monitoring/visits" />
      {term ? <TermPicker terms={listTerms()} current={term} /> : null}
      {rows.length === 0 ? (
        <p>No visits recorded {term ? `in ${formatTerm(term)}` : "yet"}.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>Visits in {term ? formatTerm(term) : ""}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Type</th>
                <th scope="col">Visitor</th>
                <th scope="col">Purpose</th>
                <th scope="col">Focus</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v, i) => (
                <tr key={v.id}>
                  <td>
                    <Link href={`/monitoring/visits/${v.id}`}>{formatDate(v.date)}</Link>
                  </td>
                  <td>{VISIT_KIND_LABEL[v.kind]}</td>
                  <td>{v.visitType}</td>
                  <td>{v.visitorName}</td>
                  <td>{v.purpose}</td>
                  <td>
                    <FocusList focus={foci[i]!} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
