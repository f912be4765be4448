import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { StatGrid } from "@/components/monitoring/bits";
import { Stat } from "@/components/ui/stat";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { TermPicker } from "@/components/ui/picker";
import { formatDate, formatPct, formatTerm } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import { MIN_OBSERVATIONS_PER_YEAR } from "@/lib/analytics/monitoring";
import { requirePermission } from "@/lib/auth/session";
import { getCoverage, resolveTerm } from "@/lib/data/monitoring";
import { findCurrentTerm, listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Observation coverage" };

export default async function CoveragePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("monitoring.coverage.read");
  const params = await searchParams;
  const term = resolveTerm({ key: typeof params.term === "string" ? params.term : null });
  if (!term) {
    return (
      <>
        <PageHeader title="Observation coverage" />
        <p>No academic year is set up yet.</p>
      </>
    );
  }
  const coverage = getCoverage({ termId: term.id });
  const yearInProgress = findCurrentTerm()?.academicYearId === term.academicYearId;
  const canRecord = can(user, "observation.edit");
  return (
    <>
      <PageHeader title="Observation coverage" description={`Every teaching member of staff is to be seen each term, and at least ${MIN_OBSERVATIONS_PER_YEAR} times a year.`} />
      <MonitoringNav user={user} current="/monitoring/coverage" />
      <TermPicker terms={listTerms()} current={term} />
      <StatGrid>
        <Stat label={`Seen in ${formatTerm(term)}`} value={`${coverage.seen} of ${coverage.total}`} note="teaching staff" />
        <Stat label="Coverage" value={formatPct(coverage.pct)} />
        <Stat label="Not yet seen" value={coverage.notSeen.length} />
        <Stat label={`Fewer than ${MIN_OBSERVATIONS_PER_YEAR} this year`} value={coverage.fewerThanMinimum.length} note={`academic year ${term.yearName}`} />
      </StatGrid>

      <h2>Not yet seen in {formatTerm(term)}</h2>
      {coverage.total === 0 ? (
        <p>No users are marked as teaching staff. The headteacher marks teaching staff on the Users page.</p>
      ) : coverage.notSeen.length === 0 ? (
        <p className="success-banner">Every teaching member of staff has been observed this term.</p>
      ) : (
        <ul>
          {coverage.notSeen.map((r) => (
            <li key={r.id}>
              {r.name}
              {r.jobTitle ? <span className="muted"> · {r.jobTitle}</span> : null}
              {canRecord ? (
                <>
                  {" "}
                  ·{" "}
                  <Link href={`/monitoring/observations/new?teacher=${r.id}`}>
                    Record an observation<span className="visually-hidden"> of {r.name}</span>
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2>
        Fewer than {MIN_OBSERVATIONS_PER_YEAR} observations in {term.yearName}
      </h2>
      {coverage.fewerThanMinimum.length === 0 ? (
        <p>Everyone has been observed at least {MIN_OBSERVATIONS_PER_YEAR} times this year.</p>
      ) : (
        <>
          {yearInProgress ? <p className="muted">The year is still in progress: these are counts so far.</p> : null}
          <ul>
            {coverage.fewerThanMinimum.map((r) => (
              <li key={r.id}>
                {r.name}: {r.yearCount} {r.yearCount === 1 ? "observation" : "observations"}
              </li>
            ))}
          </ul>
        </>
      )}

      <TableWrap>
        <table className="table">
          <caption>
            Teaching staff observed in {formatTerm(term)} and in {term.yearName}
          </caption>
          <thead>
            <tr>
              <th scope="col">Teacher</th>
              <th scope="col">Role</th>
              <th scope="col" className="num">
                This term
              </th>
              <th scope="col" className="num">
                This year
              </th>
              <th scope="col">Last observed</th>
              <th scope="col">This term</th>
            </tr>
          </thead>
          <tbody>
            {coverage.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.jobTitle ?? ""}</td>
                <td className="num">{r.termCount}</td>
                <td className="num">{r.yearCount}</td>
                <td>{r.lastObservedOn ? formatDate(r.lastObservedOn) : "–"}</td>
                <td>{r.seenThisTerm ? <Tag tone="green">Seen</Tag> : <Tag tone="red">Not yet seen</Tag>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
