import { SUPPRESSION_NOTE } from "@/lib/analytics/disclosure";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { TrendFigure } from "@/components/charts/trend-figure";
import { formatTerm } from "@/lib/format";
import { NATIONAL } from "@/db/national";
import { attainmentTrend, gapTrend, POCKET_THRESHOLD_PTS, trendHasData } from "@/lib/analytics/attainment-compare";
import { nationalComparisons, nationalNote, resultsYearOf, statutoryPoint, type NationalComparison } from "@/lib/analytics/national";
import { SourceLinks } from "@/components/ui/source-links";
import { analysisSubjects, standardLabels, subjectLabel } from "@/lib/analytics/schemes";
import type { AttainmentOverview } from "@/lib/data/attainment";
import type { TermWithYear } from "@/lib/data/school";
import { GapChangeTable, GapTable, PocketsTable, SchoolSummaryTable, TargetsTable, YearGroupDetailTable } from "./attainment-tables";
import { gapText, pctText, yearGroupLabel } from "./labels";

/**
 * The attainment analysis page's content for one term: plain props in, HTML out (the page does the
 * policy check and loads the overview). Aggregates only.
 */
export function AttainmentView({ overview: o, terms, canImport }: { overview: AttainmentOverview; terms: TermWithYear[]; canImport: boolean }) {
  const { term } = o;
  const subjects = analysisSubjects(o.scheme);
  const labels = standardLabels(o.scheme);
  const yg = o.yearGroup;
  const statutory = yg ? statutoryPoint(NATIONAL, { schemeId: o.scheme.id, yearGroup: yg, termName: term.name }) : null;
  const resultsYear = resultsYearOf(term.yearName, term.name);
  const nationalUsed = statutory ? nationalComparisons(NATIONAL, { schemeId: o.scheme.id, yearName: term.yearName, termName: term.name, attainment: o.selected }) : [];
  const national = statutory ? (subject: string, group: string) => nationalUsed.find((c) => c.subject === subject && c.group === group) ?? null : null;
  const seriesSubjects = subjects.map((s) => ({ key: s, label: subjectLabel(s) }));
  const trend = yg ? attainmentTrend(o.series, { yearGroup: yg, subjects }) : [];
  const gapSeries = yg ? gapTrend(o.series, { yearGroup: yg, subjects }) : [];
  const termLabel = formatTerm(term);
  const hasData = o.attainment.length > 0;

  return (
    <>
      <PageHeader
        caption="Pupils"
        title="Attainment"
        description={`${termLabel}: the share of pupils at each standard by year group, subject and group. ${SUPPRESSION_NOTE}`}
        actions={
          canImport ? (
            <Link className="button button-secondary" href="/pupils/import">
              Import results
            </Link>
          ) : null
        }
      />

      <form method="get" className="row no-print" style={{ alignItems: "flex-end", gap: "1rem", marginBottom: "1.5rem" }}>
        <div className="field">
          <label htmlFor="term">Term</label>
          <select id="term" name="term" defaultValue={term.key}>
            {[...terms].reverse().map((t) => (
              <option key={t.id} value={t.key}>
                {formatTerm(t)}
              </option>
            ))}
          </select>
        </div>
        {o.yearGroups.length ? (
          <div className="field">
            <label htmlFor="yg">Year group in detail</label>
            <select id="yg" name="yg" defaultValue={yg ?? undefined}>
              {o.yearGroups.map((y) => (
                <option key={y} value={y}>
                  {yearGroupLabel(y)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <button className="button" type="submit">
            Show
          </button>
        </div>
      </form>

      {!hasData ? (
        <p className="inset">No assessment results have been recorded for {termLabel}.</p>
      ) : (
        <>
          <section aria-labelledby="summary-h">
            <h2 id="summary-h">{labels.expected}: all pupils</h2>
            <SchoolSummaryTable rows={o.attainment} subjects={subjects} caption={`% of pupils at the ${labels.expected.toLowerCase()}, ${termLabel}`} />
          </section>

          {yg ? (
            <section aria-labelledby="detail-h">
              <h2 id="detail-h">{yearGroupLabel(yg)} by pupil group</h2>
              {statutory ? (
                <p>
                  {termLabel} is a statutory assessment point: {statutory.label}. National figures are shown beside the school&apos;s.
                </p>
              ) : null}
              <YearGroupDetailTable
                rows={o.selected}
                subjects={subjects}
                labels={labels}
                previousKey={o.previousTerm?.key ?? null}
                lastYearKey={o.lastYearTerm?.key ?? null}
                national={national}
                caption={`${yearGroupLabel(yg)}, ${termLabel}: cohort and % at each standard by pupil group, with changes in points`}
              />
              {nationalUsed.length ? <NationalSources comparators={nationalUsed} resultsYear={resultsYear} /> : null}
            </section>
          ) : null}

          <section aria-labelledby="gap-h">
            <h2 id="gap-h">Disadvantaged gap</h2>
            <p>Disadvantaged pupils&apos; % at the {labels.expected.toLowerCase()} minus other pupils&apos;. A negative gap means disadvantaged pupils are behind.</p>
            <GapTable gaps={o.gaps} subjects={subjects} caption={`Disadvantaged gap in points, ${termLabel}`} />
            {yg ? (
              <GapChangeTable
                gaps={o.selectedGaps}
                previousKey={o.previousTerm?.key ?? null}
                lastYearKey={o.lastYearTerm?.key ?? null}
                caption={`${yearGroupLabel(yg)}: how the gap has moved (a positive change means it narrowed)`}
              />
            ) : null}
          </section>

          <section aria-labelledby="pockets-h">
            <h2 id="pockets-h">Pockets of underachievement</h2>
            <PocketsTable pockets={o.pockets} threshold={POCKET_THRESHOLD_PTS} expectedLabel={labels.expected} />
          </section>

          {o.targets.length ? (
            <section aria-labelledby="targets-h">
              <h2 id="targets-h">Working at or above target</h2>
              <TargetsTable rows={o.targets} caption={`% of pupils at or above their target grade, ${termLabel}`} />
            </section>
          ) : null}
        </>
      )}

      {yg && trendHasData(trend) ? (
        <section aria-labelledby="trends-h">
          <h2 id="trends-h">Trends for {yearGroupLabel(yg)}</h2>
          <TrendFigure
            id="trend-expected"
            title={`${yearGroupLabel(yg)}: % at the ${labels.expected.toLowerCase()} by term`}
            rows={trend.map((p) => ({ label: formatTerm(p.termKey), values: p.values }))}
            series={seriesSubjects}
            domain={[0, 100]}
            unit="%"
            format={pctText}
            note="Each term shows the pupils in this year group that year."
          />
          {trendHasData(gapSeries) ? (
            <TrendFigure
              id="trend-gap"
              title={`${yearGroupLabel(yg)}: disadvantaged gap by term (points)`}
              rows={gapSeries.map((p) => ({ label: formatTerm(p.termKey), values: p.values }))}
              series={seriesSubjects}
              domain={gapDomain(gapSeries)}
              unit=""
              format={gapText}
              zeroLine
            />
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function NationalSources({ comparators, resultsYear }: { comparators: NationalComparison[]; resultsYear: number }) {
  // One line per measure and year: the groups of a measure share its sources.
  const byMetric = new Map<string, NationalComparison>();
  for (const c of comparators) {
    const key = `${c.keyStage}-${c.subject}-${c.nationalYear}`;
    if (!byMetric.has(key)) byMetric.set(key, c);
  }
  const older = comparators.some((c) => !c.sameYear);
  return (
    <div className="inset">
      <p>{nationalNote(resultsYear, older)}</p>
      <ul>
        {[...byMetric.values()].map((c) => (
          <li key={`${c.keyStage}-${c.subject}-${c.nationalYear}`}>
            {c.keyStage} {subjectLabel(c.subject).toLowerCase()}, {c.nationalYear} ({c.status.replace(/_/g, " ")}): <SourceLinks sources={c.sources} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A y-axis for gaps: at least −20 to +20, widened in steps of 10 to fit every value. */
function gapDomain(points: { values: Record<string, number | null> }[]): [number, number] {
  const values = points.flatMap((p) => Object.values(p.values)).filter((v): v is number => v !== null);
  return [Math.min(-20, Math.floor(Math.min(...values, 0) / 10) * 10), Math.max(20, Math.ceil(Math.max(...values, 0) / 10) * 10)];
}
