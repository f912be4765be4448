import { PlainTableView } from "@/components/ui/plain-table";
import { SourceLinks } from "@/components/ui/source-links";
import { ATTENDANCE_DEFINITIONS, attendanceTables, attendanceTrendPoints, nationalAttendanceTable } from "@/lib/report/attendance-tables";
import { trendLineSvg } from "@/lib/report/svg-charts";
import { TrendChart } from "../charts";
import { StaticChart } from "./static-chart";
import type { SectionProps } from "./types";

/** Attendance and behaviour: by year group and group, suspensions and exclusions, the trend, national figures. */
export function AttendanceSection({ data, charts }: SectionProps) {
  if (!data.attendance?.length) {
    return <p className="muted">{data.attendance ? "No attendance is recorded for this term." : "This report was published before attendance was part of the report."}</p>;
  }
  const tables = attendanceTables({ attendance: data.attendance, behaviour: data.behaviour ?? [], attendanceTrend: data.attendanceTrend ?? [] });
  const trend = data.attendanceTrend ?? [];
  const points = attendanceTrendPoints(trend);
  const terms = trend.map((t) => t.term);
  const label = "Line chart of attendance and persistent absence in each term; the same numbers are in the table beside it.";
  // The trend's table is the last one; with a chart, the two sit side by side in print.
  const withChart = !!charts && trend.length > 1;
  const trendTable = withChart ? tables[tables.length - 1] : undefined;
  return (
    <>
      {(withChart ? tables.slice(0, -1) : tables).map((t) => (
        <PlainTableView table={t} key={t.caption} />
      ))}
      {withChart ? (
        <div className="chart-with-table">
          {trendTable ? <PlainTableView table={trendTable} /> : null}
          <figure className="chart">
            {charts === "static" ? <StaticChart svg={trendLineSvg(points)} label={label} /> : <TrendChart points={points} terms={terms} label={label} />}
            <figcaption>Attendance and persistent absence (whole school) in each term. The table beside it gives the same numbers.</figcaption>
          </figure>
        </div>
      ) : null}
      <p className="muted">{ATTENDANCE_DEFINITIONS}</p>
      {data.attendanceNational?.length ? (
        <>
          <PlainTableView table={nationalAttendanceTable(data.attendanceNational)} />
          <p className="muted">
            Sources: <SourceLinks sources={[...new Set(data.attendanceNational.flatMap((f) => f.sources))]} />.
          </p>
        </>
      ) : null}
    </>
  );
}
