import { TableWrap } from "@/components/ui/table-wrap";
import Link from "next/link";
import { formatPct, formatTerm } from "@/lib/format";
import type { AttendanceRow, BehaviourRow } from "@/lib/analytics/attendance";
import type { AttendanceSummary as Summary } from "@/lib/data/attendance";

const SUPPRESSED = "Fewer than 5";

function cell(r: AttendanceRow | null, key: "attendancePct" | "persistentAbsencePct"): string {
  if (!r) return "–";
  return r.suppressed ? SUPPRESSED : formatPct(r[key]);
}

function suspensions(b: BehaviourRow | null): string {
  if (!b) return "–";
  if (b.suppressed) return SUPPRESSED;
  return `${b.suspensions} (${b.suspendedPupils} pupil${b.suspendedPupils === 1 ? "" : "s"})${b.permanentExclusions ? `; ${b.permanentExclusions} permanent exclusion${b.permanentExclusions === 1 ? "" : "s"}` : ""}`;
}

/**
 * Attendance at a glance for the year to date: the whole school and the groups governors ask about,
 * and suspensions. Aggregates only (suppressed below five pupils), the same figures as SPEC §4.5. Used
 * on the dashboard, My responsibilities and the SEF.
 */
export function AttendanceSummaryCard({ summary, headingLevel = 2, id = "attendance-summary", title }: { summary: Summary; headingLevel?: 2 | 3; id?: string; title?: string }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const { term } = summary;
  return (
    <section aria-labelledby={id} className="card">
      <H id={id}>{title ?? `Attendance, year to date (${formatTerm(term)})`}</H>
      <TableWrap>
        <table className="table">
          <caption className="visually-hidden">Attendance and persistent absence for the year to date, {formatTerm(term)}</caption>
          <thead>
            <tr>
              <th scope="col">Pupils</th>
              <th scope="col" className="num">
                Attendance
              </th>
              <th scope="col" className="num">
                Persistently absent
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["Whole school", summary.school],
                ["Disadvantaged", summary.disadvantaged],
                ["Not disadvantaged", summary.notDisadvantaged],
                ["SEN", summary.sen],
              ] as const
            ).map(([label, r]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{cell(r, "attendancePct")}</td>
                <td className="num">{cell(r, "persistentAbsencePct")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">Suspensions this year: {suspensions(summary.behaviour)}.</p>
      <p>
        <Link href={`/pupils/attendance?term=${encodeURIComponent(term.key)}`}>Attendance and behaviour analysis</Link>
      </p>
    </section>
  );
}
