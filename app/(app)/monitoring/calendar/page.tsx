import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { PLANNED_LABEL } from "@/lib/labels/monitoring";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { AddPlannedForm, PlannedControls } from "@/app/(app)/monitoring/_components/planned-controls";
import { TermPicker } from "@/components/ui/picker";
import { formatDate, formatTerm } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { listLinkableRecords, listPeopleOptions, listPlanned, listStrandEvidence, listStrandsForYear, resolveTerm } from "@/lib/data/monitoring";
import { listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Monitoring calendar" };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("calendar.read");
  const params = await searchParams;
  const term = resolveTerm({ key: typeof params.term === "string" ? params.term : null });
  if (!term) {
    return (
      <>
        <PageHeader title="Monitoring calendar" />
        <p>No academic year is set up yet.</p>
      </>
    );
  }
  const canEdit = can(user, "calendar.edit");
  const planned = listPlanned({ termId: term.id });
  const evidence = listStrandEvidence({ termId: term.id });
  const without = evidence.filter((s) => s.total === 0);
  const done = planned.filter((p) => p.done).length;
  const linkableByType = new Map<string, { id: string; label: string }[]>();
  for (const p of planned) if (!linkableByType.has(p.type)) linkableByType.set(p.type, listLinkableRecords({ termId: term.id, type: p.type }));
  return (
    <>
      <PageHeader title="Monitoring calendar" description="What is planned each term, what has been done, and which strands of the plan have had no monitoring." />
      <MonitoringNav user={user} current="/monitoring/calendar" />
      <TermPicker terms={listTerms()} current={term} />

      <h2>Strands with no monitoring evidence in {formatTerm(term)}</h2>
      {evidence.length === 0 ? (
        <p>There is no improvement plan for {term.yearName} yet.</p>
      ) : without.length === 0 ? (
        <p className="success-banner">Every strand of the plan has been tested by at least one piece of monitoring this term.</p>
      ) : (
        <div className="warning">
          <p>
            {without.length === 1 ? "One strand has" : `${without.length} strands have`} had no observation, learning walk, scrutiny, pupil voice, drop-in or visit focused on{" "}
            {without.length === 1 ? "it" : "them"} this term:
          </p>
          <ul style={{ margin: 0 }}>
            {without.map((s) => (
              <li key={s.id}>{s.title}</li>
            ))}
          </ul>
        </div>
      )}

      <h2>
        Planned for {formatTerm(term)}: {done} of {planned.length} done
      </h2>
      {planned.length === 0 ? (
        <p>Nothing is planned for this term yet.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>Monitoring planned for {formatTerm(term)}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Planned</th>
                <th scope="col">Kind</th>
                <th scope="col">Led by</th>
                <th scope="col">Strand</th>
                <th scope="col">Status</th>
                {canEdit ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {planned.map((p) => (
                <tr key={p.id}>
                  <td>{p.plannedDate ? formatDate(p.plannedDate) : "Not set"}</td>
                  <td>{p.title}</td>
                  <td>{PLANNED_LABEL[p.type] ?? p.type}</td>
                  <td>{p.leadName ?? "–"}</td>
                  <td>{p.strandTitle ?? "–"}</td>
                  <td>
                    {p.done ? <Tag tone="green">Done</Tag> : <Tag tone="amber">Not done</Tag>}
                    {p.recordHref ? (
                      <>
                        {" "}
                        <Link href={p.recordHref}>
                          See the record<span className="visually-hidden"> for {p.title}</span>
                        </Link>
                      </>
                    ) : null}
                  </td>
                  {canEdit ? (
                    <td>
                      <PlannedControls id={p.id} version={p.version} title={p.title} done={p.done} linkable={linkableByType.get(p.type) ?? []} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {evidence.length ? (
        <TableWrap>
          <table className="table">
            <caption>Monitoring evidence for each strand in {formatTerm(term)}</caption>
            <thead>
              <tr>
                <th scope="col">Strand</th>
                <th scope="col" className="num">
                  Observations
                </th>
                <th scope="col" className="num">
                  Walks, scrutiny, voice, drop-ins
                </th>
                <th scope="col" className="num">
                  Visits
                </th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {evidence.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.title}</th>
                  <td className="num">{s.observations}</td>
                  <td className="num">{s.activities}</td>
                  <td className="num">{s.visits}</td>
                  <td>
                    {s.total === 0 ? (
                      <Tag tone="red">None this term</Tag>
                    ) : (
                      <Tag tone="green">
                        {s.total} {s.total === 1 ? "record" : "records"}
                      </Tag>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}

      {canEdit ? (
        <>
          <h2>Add to the calendar</h2>
          <AddPlannedForm
            key={term.id}
            termId={term.id}
            people={listPeopleOptions().map(({ id, name }) => ({ id, name }))}
            strands={listStrandsForYear({ academicYearId: term.academicYearId }).map(({ id, title }) => ({ id, title }))}
          />
        </>
      ) : null}
    </>
  );
}
