import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { CountsTable, ObservationStatus, StatGrid, ThemesTable } from "@/components/monitoring/bits";
import { Stat } from "@/components/ui/stat";
import { VISIT_KIND_LABEL } from "@/lib/labels/monitoring";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { canRecordVisit } from "@/app/(app)/monitoring/_lib/visit-options";
import { formatDate, formatPct, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { countPlanned, getCoverage, getMonitoringSummary, listObservations, listObservationsAwaitingResponse, listStrandEvidence, listVisits } from "@/lib/data/monitoring";
import { findCurrentTerm } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Monitoring" };

/** Monitoring at a glance, by role: leaders run it, staff read their own, governors and advisers see the aggregates. */
export default async function MonitoringPage() {
  const user = await requirePermission("monitoring.aggregates.read");
  const term = findCurrentTerm();
  if (!term) {
    return (
      <>
        <PageHeader title="Monitoring" />
        <p>No academic year is set up yet.</p>
      </>
    );
  }
  const summary = getMonitoringSummary({ termId: term.id });
  const leader = can(user, "monitoring.coverage.read");
  const coverage = leader ? getCoverage({ termId: term.id }) : null;
  const planned = can(user, "calendar.read") ? countPlanned({ termId: term.id }) : null;
  const evidence = can(user, "calendar.read") ? listStrandEvidence({ termId: term.id }) : null;
  const gaps = evidence?.filter((s) => s.total === 0) ?? null;
  const recent = can(user, "observation.read") ? listObservations({ viewer: user, termId: term.id }).slice(0, 6) : [];
  const awaiting = !leader && can(user, "observation.respond", true) ? listObservationsAwaitingResponse({ viewer: user }) : [];
  const myVisits = user.role === "governor" || user.role === "adviser" ? listVisits({ visitorId: user.id, academicYearId: term.academicYearId }) : [];
  return (
    <>
      <PageHeader title="Monitoring" caption={formatTerm(term)} description="How the school checks the quality of education and tests its improvement plan." />
      <MonitoringNav user={user} current="/monitoring" />

      <StatGrid>
        <Stat label="Lesson observations this term" value={summary.countsByType.observation} />
        <Stat label="Observation coverage" value={formatPct(summary.coveragePct)} note="of teaching staff seen this term" />
        <Stat
          label="Learning walks, scrutinies, pupil voice and drop-ins"
          value={summary.countsByType.learning_walk + summary.countsByType.work_scrutiny + summary.countsByType.pupil_voice + summary.countsByType.drop_in}
        />
        <Stat label="Governor and adviser visits" value={summary.countsByType.governor_visit + summary.countsByType.adviser_visit} />
      </StatGrid>

      {leader ? (
        <div className="grid-2">
          <section className="card" aria-labelledby="m-record">
            <h2 id="m-record">Record monitoring</h2>
            <ul>
              {can(user, "observation.edit") ? (
                <li>
                  <Link href="/monitoring/observations/new">Record a lesson observation</Link>
                </li>
              ) : null}
              {can(user, "activity.edit") ? (
                <>
                  <li>
                    <Link href="/monitoring/activities/new?type=learning_walk">Record a learning walk</Link>
                  </li>
                  <li>
                    <Link href="/monitoring/activities/new?type=work_scrutiny">Record a work scrutiny</Link>
                  </li>
                  <li>
                    <Link href="/monitoring/activities/new?type=pupil_voice">Record pupil voice</Link>
                  </li>
                  <li>
                    <Link href="/monitoring/activities/new?type=drop_in">Record a drop-in</Link>
                  </li>
                </>
              ) : null}
              {canRecordVisit(user) ? (
                <li>
                  <Link href="/monitoring/visits/new">Record a governor or adviser visit</Link>
                </li>
              ) : null}
            </ul>
          </section>
          <section className="card" aria-labelledby="m-term">
            <h2 id="m-term">This term so far</h2>
            {coverage ? (
              <p>
                <Link href="/monitoring/coverage">
                  {coverage.seen} of {coverage.total} teaching staff observed
                </Link>
                {coverage.notSeen.length ? `; not yet seen: ${coverage.notSeen.map((r) => r.name).join(", ")}.` : "."}
              </p>
            ) : null}
            {planned ? (
              <p>
                <Link href="/monitoring/calendar">
                  {planned.done} of {planned.total} planned activities done
                </Link>
                .
              </p>
            ) : null}
            {evidence && gaps ? (
              <p>
                {evidence.length === 0
                  ? `There is no improvement plan for ${term.yearName} yet.`
                  : gaps.length === 0
                    ? "Every plan strand has monitoring evidence this term."
                    : `${gaps.length} plan ${gaps.length === 1 ? "strand has" : "strands have"} no monitoring evidence yet: ${gaps.map((g) => g.title).join("; ")}.`}
              </p>
            ) : null}
          </section>
        </div>
      ) : null}

      {recent.length ? (
        <TableWrap style={{ marginTop: "1.5rem" }}>
          <table className="table">
            <caption>Latest observations this term</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Teacher</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link href={`/monitoring/observations/${o.id}`}>{formatDate(o.date)}</Link>
                  </td>
                  <td>{o.teacherName}</td>
                  <td>{o.subject}</td>
                  <td>
                    <ObservationStatus o={o} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}

      {!leader && can(user, "observation.read", true) ? (
        <section aria-labelledby="m-mine">
          <h2 id="m-mine">Your observations</h2>
          <p>
            {awaiting.length === 0 ? "Nothing is waiting for your response." : `${awaiting.length} ${awaiting.length === 1 ? "observation is" : "observations are"} waiting for your response.`}{" "}
            <Link href="/monitoring/observations">See your observations</Link>
          </p>
        </section>
      ) : null}

      {user.role === "governor" || user.role === "adviser" ? (
        <section aria-labelledby="m-visits">
          <h2 id="m-visits">Your visits in {term.yearName}</h2>
          {myVisits.length === 0 ? (
            <p>You have not recorded a visit this year.</p>
          ) : (
            <ul>
              {myVisits.map((v) => (
                <li key={v.id}>
                  <Link href={`/monitoring/visits/${v.id}`}>
                    {formatDate(v.date)}: {v.visitType || VISIT_KIND_LABEL[v.kind]}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {canRecordVisit(user) ? (
            <p>
              <Link className="button" href="/monitoring/visits/new">
                Record a visit
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <h2>Recurring themes this term</h2>
      <ThemesTable themes={summary.recurringStrengths.slice(0, 5)} caption="Most frequent strengths" countLabel="Observations" empty="No strengths recur across observations yet this term." />
      <ThemesTable
        themes={summary.recurringDevelopment.slice(0, 5)}
        caption="Most frequent areas for development"
        countLabel="Observations"
        empty="No areas for development recur across observations yet this term."
      />
      <p>
        <Link href="/monitoring/themes">See all themes and the trend across terms</Link>
      </p>

      <h2>Monitoring carried out</h2>
      <CountsTable counts={summary.countsByType} caption={`Monitoring in ${formatTerm(term)}, by type`} />
    </>
  );
}
