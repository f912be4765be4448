import { PageHeader } from "@/components/layout/page-header";
import { CountsTable, StatGrid, ThemesTable } from "@/components/monitoring/bits";
import { Stat } from "@/components/ui/stat";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { TermPicker } from "@/components/ui/picker";
import { formatPct, formatTerm } from "@/lib/format";
import { MONITORING_COUNT_KEYS } from "@/lib/analytics/monitoring";
import { requirePermission } from "@/lib/auth/session";
import { listMonitoringTrend, resolveTerm } from "@/lib/data/monitoring";
import { listAcademicYears, listTerms } from "@/lib/data/school";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Monitoring themes" };

export default async function ThemesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("monitoring.aggregates.read");
  const params = await searchParams;
  const term = resolveTerm({ key: typeof params.term === "string" ? params.term : null });
  if (!term) {
    return (
      <>
        <PageHeader title="Monitoring themes" />
        <p>No academic year is set up yet.</p>
      </>
    );
  }
  // This year and the one before: enough to see a trend without a long table. The trend ends with the chosen term.
  const years = listAcademicYears()
    .filter((y) => y.startDate <= term.startDate)
    .slice(0, 2);
  const trend = listMonitoringTrend({ academicYearIds: years.map((y) => y.id), upTo: term });
  const summary = trend.find((t) => t.term.id === term.id)!.summary;
  const total = MONITORING_COUNT_KEYS.reduce((n, k) => n + summary.countsByType[k], 0);
  return (
    <>
      <PageHeader
        title="Monitoring themes"
        description="What monitoring found across the school: counts, observation coverage and the strengths and areas for development that recur across lesson observations. No teacher is named."
      />
      <MonitoringNav user={user} current="/monitoring/themes" />
      <TermPicker terms={listTerms()} current={term} />
      <StatGrid>
        <Stat label={`Monitoring in ${formatTerm(term)}`} value={total} note="observations, walks, scrutinies, pupil voice, drop-ins and visits" />
        <Stat label="Observation coverage" value={formatPct(summary.coveragePct)} note="of teaching staff seen this term" />
        <Stat label="Lesson observations" value={summary.countsByType.observation} />
      </StatGrid>

      <h2>Recurring themes from lesson observations</h2>
      <p className="muted">Criteria judged a strength, or developing, in at least two of this term’s observations.</p>
      <ThemesTable
        themes={summary.recurringStrengths}
        caption="Recurring strengths"
        countLabel="Observations judging it a strength"
        empty="No criterion was judged a strength in more than one observation this term."
      />
      <ThemesTable
        themes={summary.recurringDevelopment}
        caption="Recurring areas for development"
        countLabel="Observations judging it developing"
        empty="No criterion was judged developing in more than one observation this term."
      />

      <h2>Monitoring carried out</h2>
      <CountsTable counts={summary.countsByType} caption={`Monitoring in ${formatTerm(term)}, by type`} />

      <h2>Across terms</h2>
      <TableWrap>
        <table className="table">
          <caption>Monitoring and observation coverage by term</caption>
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col" className="num">
                Observations
              </th>
              <th scope="col" className="num">
                Coverage
              </th>
              <th scope="col" className="num">
                Walks
              </th>
              <th scope="col" className="num">
                Scrutinies
              </th>
              <th scope="col" className="num">
                Pupil voice
              </th>
              <th scope="col" className="num">
                Drop-ins
              </th>
              <th scope="col" className="num">
                Governor visits
              </th>
              <th scope="col" className="num">
                Adviser visits
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.map(({ term: t, summary: s }) => (
              <tr key={t.id}>
                <th scope="row">{formatTerm(t)}</th>
                <td className="num">{s.countsByType.observation}</td>
                <td className="num">{formatPct(s.coveragePct)}</td>
                <td className="num">{s.countsByType.learning_walk}</td>
                <td className="num">{s.countsByType.work_scrutiny}</td>
                <td className="num">{s.countsByType.pupil_voice}</td>
                <td className="num">{s.countsByType.drop_in}</td>
                <td className="num">{s.countsByType.governor_visit}</td>
                <td className="num">{s.countsByType.adviser_visit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
