import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { yearGroupLabel } from "@/lib/labels/monitoring";
import { ObservationStatus } from "@/components/monitoring/bits";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { TermPicker } from "@/components/ui/picker";
import { formatDate, formatTerm } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { listObservations, resolveTerm } from "@/lib/data/monitoring";
import { listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Lesson observations" };

export default async function ObservationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  if (!can(user, "observation.read", true)) forbidden();
  const leader = can(user, "observation.read");
  const params = await searchParams;
  const term = resolveTerm({ key: typeof params.term === "string" ? params.term : null });
  const rows = leader ? (term ? listObservations({ viewer: user, termId: term.id }) : []) : listObservations({ viewer: user });
  const terms = listTerms();
  const termKeyOf = new Map(terms.map((t) => [t.id, t.key]));
  return (
    <>
      <PageHeader
        title={leader ? "Lesson observations" : "Your lesson observations"}
        description={
          leader
            ? "Developmental observations of teaching. Only leaders and the teacher observed can read each one."
            : "What has been written about your lessons. Read each one, add your response and acknowledge it."
        }
        actions={
          <>
            {can(user, "observation.edit") ? (
              <Link className="button" href="/monitoring/observations/new">
                Record an observation
              </Link>
            ) : null}
            {leader && term ? (
              <a className="button button-secondary" href={`/monitoring/observations/export?term=${encodeURIComponent(term.key)}`} download>
                Download CSV
              </a>
            ) : !leader ? (
              <a className="button button-secondary" href="/monitoring/observations/export?term=all" download>
                Download CSV
              </a>
            ) : null}
          </>
        }
      />
      <MonitoringNav user={user} current="/monitoring/observations" />
      {leader && term ? <TermPicker terms={terms} current={term} /> : null}
      {rows.length === 0 ? (
        <p>{leader ? `No observations recorded in ${term ? formatTerm(term) : "this term"}.` : "No observations of your lessons have been shared with you yet."}</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>{leader && term ? `Observations in ${formatTerm(term)}` : "Observations of your lessons"}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                {leader ? <th scope="col">Teacher</th> : <th scope="col">Term</th>}
                <th scope="col">Subject</th>
                <th scope="col">Class or year</th>
                <th scope="col">Observers</th>
                <th scope="col" className="num">
                  Strengths
                </th>
                <th scope="col" className="num">
                  Developing
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link href={`/monitoring/observations/${o.id}`}>{formatDate(o.date)}</Link>
                  </td>
                  {leader ? <td>{o.teacherName}</td> : <td>{formatTerm(termKeyOf.get(o.termId) ?? "")}</td>}
                  <td>{o.subject}</td>
                  <td>{o.className ? `${o.className} (${yearGroupLabel(o.yearGroup)})` : yearGroupLabel(o.yearGroup) || "–"}</td>
                  <td>{o.observerNames.join(", ")}</td>
                  <td className="num">{o.counts.strength}</td>
                  <td className="num">{o.counts.developing}</td>
                  <td>
                    <ObservationStatus o={o} />
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
