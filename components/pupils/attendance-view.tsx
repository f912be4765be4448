import { TableWrap } from "@/components/ui/table-wrap";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { TrendFigure } from "@/components/charts/trend-figure";
import { PlainTableView } from "@/components/ui/plain-table";
import { SourceLinks } from "@/components/ui/source-links";
import { formatPct, formatTerm } from "@/lib/format";
import { Stat } from "@/components/ui/stat";
import { findAttendanceRow } from "@/lib/analytics/attendance";
import type { AbsentPupil, AttendanceTables, AttendanceTrendPoint } from "@/lib/data/attendance";
import type { TermWithYear } from "@/lib/data/school";
import { ATTENDANCE_DEFINITIONS, attendanceTables, nationalAttendanceTable } from "@/lib/report/attendance-tables";
import type { ReportAttendanceSection } from "@/lib/report/types";
import { yearGroupLabel } from "./labels";

/** One page of the named persistently absent pupils, lowest attendance first, with links to the others. */
type AbsentPage = {
  pupils: AbsentPupil[];
  total: number;
  scope: "all" | "own";
  /** This page (from 1), how many there are and how many pupils a page. */
  page: number;
  pages: number;
  pageSize: number;
  link: (page: number) => string;
};

export type AttendanceViewProps = {
  term: TermWithYear;
  terms: TermWithYear[];
  tables: AttendanceTables;
  trend: AttendanceTrendPoint[];
  national: ReportAttendanceSection["attendanceNational"];
  /**
   * Named persistently absent pupils: every pupil for leaders, a teacher's own classes for staff, and
   * null for roles that see aggregates only (the list is not rendered at all).
   */
  absent: AbsentPage | null;
  canImport: boolean;
};

/**
 * The attendance and behaviour analysis for one term: figures by year group and group, this term and
 * year to date, the trend with its table, suspensions, the national figures, and (for leaders and a
 * teacher's own class only) the persistently absent pupils.
 */
export function AttendanceView({ term, terms, tables, trend, national, absent, canImport }: AttendanceViewProps) {
  const termLabel = formatTerm(term);
  const rows = tables.attendance;
  const school = (period: "term" | "year_to_date") => findAttendanceRow(rows, "all", "all", period);
  const susp = tables.behaviour.find((b) => b.group === "all" && b.period === "year_to_date");
  const trendRow = (p: AttendanceTrendPoint, group: "all" | "disadvantaged" | "not_disadvantaged" | "sen") => findAttendanceRow(p.rows, "all", group, "term");
  const series = [
    { key: "all", label: "All pupils" },
    { key: "disadvantaged", label: "Disadvantaged" },
    { key: "not_disadvantaged", label: "Not disadvantaged" },
    { key: "sen", label: "SEN" },
  ] as const;
  const chartRows = (measure: "attendancePct" | "persistentAbsencePct") =>
    trend.map((p) => ({ label: formatTerm(p.term), values: Object.fromEntries(series.map((s) => [s.key, trendRow(p, s.key)?.[measure] ?? null])) }));
  const plain = attendanceTables({ attendance: rows, behaviour: tables.behaviour, attendanceTrend: [] });
  return (
    <>
      <PageHeader
        caption="Pupils"
        title="Attendance and behaviour"
        description={`${termLabel}: attendance, persistent absence and suspensions by year group and pupil group. Groups of fewer than 5 pupils are not shown, and figures that would identify a child in a small group are withheld.`}
        actions={
          canImport ? (
            <Link className="button button-secondary" href="/pupils/import">
              Import attendance
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
        <div className="field">
          <button className="button" type="submit">
            Show
          </button>
        </div>
      </form>

      {!school("term") ? (
        <p className="inset">No attendance has been recorded for {termLabel}.</p>
      ) : (
        <>
          <div className="grid" style={{ marginBottom: "1.5rem" }}>
            <Stat label="Attendance this term" value={formatPct(school("term")?.attendancePct)} />
            <Stat label="Attendance, year to date" value={formatPct(school("year_to_date")?.attendancePct)} />
            <Stat label="Persistently absent, year to date" value={formatPct(school("year_to_date")?.persistentAbsencePct)} />
            <Stat label="Suspensions, year to date" value={susp?.suppressed ? "Suppressed" : String(susp?.suspensions ?? 0)} />
          </div>
          <p className="muted">{ATTENDANCE_DEFINITIONS}</p>
          {plain.map((t) => (
            <PlainTableView key={t.caption} table={t} />
          ))}
        </>
      )}

      {trend.length > 1 ? (
        <>
          <h2>Trends</h2>
          <TrendFigure
            id="trend-attendance"
            title="Attendance by term"
            rows={chartRows("attendancePct")}
            series={[...series]}
            domain={[80, 100]}
            unit="%"
            format={formatPct}
            note="Each term on its own. Groups of fewer than 5 pupils are left blank."
          />
          <TrendFigure
            id="trend-persistent"
            title="Persistent absence by term"
            rows={chartRows("persistentAbsencePct")}
            series={[...series]}
            domain={[0, 60]}
            unit="%"
            format={formatPct}
            note="% of pupils missing 10% or more of their sessions in the term."
          />
        </>
      ) : null}

      <h2>National figures</h2>
      <PlainTableView table={nationalAttendanceTable(national)} />
      <p className="muted">
        National figures are for England&apos;s state-funded schools: overall absence is the % of sessions missed (attendance is 100 minus it). Sources:{" "}
        <SourceLinks sources={[...new Set(national.flatMap((f) => f.sources))]} />.
      </p>

      {absent ? <AbsentList absent={absent} termLabel={termLabel} /> : null}
    </>
  );
}

function AbsentList({ absent, termLabel }: { absent: NonNullable<AttendanceViewProps["absent"]>; termLabel: string }) {
  return (
    <section aria-labelledby="absent-h">
      <h2 id="absent-h">Persistently absent pupils</h2>
      <p className="muted">
        {absent.scope === "own" ? "Pupils in your classes" : "Every pupil"} who has missed 10% or more of their sessions this year, up to and including {termLabel}, lowest attendance first.
      </p>
      {absent.total === 0 ? (
        <p className="inset">No pupil is persistently absent.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>
              Persistently absent pupils, year to date ({absent.total})
              {absent.pages > 1 ? `: ${(absent.page - 1) * absent.pageSize + 1} to ${(absent.page - 1) * absent.pageSize + absent.pupils.length}, page ${absent.page} of ${absent.pages}` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Pupil</th>
                <th scope="col">Year group</th>
                <th scope="col">Class</th>
                <th scope="col" className="num">
                  Attendance
                </th>
                <th scope="col" className="num">
                  Sessions missed
                </th>
                <th scope="col" className="num">
                  Unauthorised
                </th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {absent.pupils.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link href={`/pupils/${p.id}`}>
                      {p.firstName} {p.lastName}
                    </Link>
                  </th>
                  <td>{yearGroupLabel(p.yearGroup)}</td>
                  <td>{p.className ?? "–"}</td>
                  <td className="num">{formatPct(p.attendancePct)}</td>
                  <td className="num">
                    {p.missed} of {p.possible}
                  </td>
                  <td className="num">{p.unauthorised}</td>
                  <td>
                    {[p.severe ? "Severely absent (50% or more)" : "", p.disadvantaged ? "Disadvantaged" : "", p.sen !== "N" ? (p.sen === "E" ? "EHCP" : "SEN support") : ""]
                      .filter(Boolean)
                      .join("; ") || "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {absent.pages > 1 ? (
        <nav aria-label="Pages of persistently absent pupils" className="row no-print" style={{ gap: "1rem", marginTop: "1rem" }}>
          {absent.page > 1 ? <Link href={absent.link(absent.page - 1)}>Previous page</Link> : null}
          <span>
            Page {absent.page} of {absent.pages}
          </span>
          {absent.page < absent.pages ? <Link href={absent.link(absent.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
