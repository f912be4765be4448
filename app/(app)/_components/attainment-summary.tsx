import { withheldLabel } from "@/lib/analytics/disclosure";
import Link from "next/link";
import { formatPct, formatTerm } from "@/lib/format";
import type { SessionUser } from "@/lib/auth/session";
import { subjectLabel, yearGroupLabel } from "@/lib/analytics/schemes";
import { getAttainment } from "@/lib/data/attainment";
import { listTerms, type TermWithYear } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { TableWrap } from "@/components/ui/table-wrap";

/**
 * The attainment snapshot on the leaders' dashboard: for the oldest year group with results, each
 * subject's % at the expected standard in the latest term with data, beside the term before.
 * Aggregates only (suppressed below five pupils), the same figures as SPEC §4.4.
 */
export function AttainmentSummary({ user, current }: { user: SessionUser; current: TermWithYear | null }) {
  if (!can(user, "plan.edit") || !current) return null;
  const terms = listTerms().filter((t) => t.startDate <= current.startDate);
  let latest: { term: TermWithYear; data: ReturnType<typeof getAttainment> } | null = null;
  for (let i = terms.length - 1; i >= 0 && !latest; i--) {
    const data = getAttainment({ termId: terms[i]!.id });
    if (data.attainment.length) latest = { term: terms[i]!, data };
  }
  if (!latest) return null;
  const index = terms.findIndex((t) => t.id === latest.term.id);
  const before = index > 0 ? { term: terms[index - 1]!, data: getAttainment({ termId: terms[index - 1]!.id }) } : null;
  const yearGroups = [...new Set(latest.data.attainment.map((r) => r.yearGroup))];
  const yearGroup = yearGroups[yearGroups.length - 1]!;
  const rows = latest.data.attainment.filter((r) => r.yearGroup === yearGroup && r.group === "all");
  const previous = (subject: string) => before?.data.attainment.find((r) => r.yearGroup === yearGroup && r.subject === subject && r.group === "all");
  const gap = latest.data.gaps.find((g) => g.yearGroup === yearGroup && g.subject === "rwm")?.gapPts;
  return (
    <section aria-labelledby="dash-attainment" className="card">
      <h2 id="dash-attainment">
        {yearGroupLabel(yearGroup)} attainment, {formatTerm(latest.term)}
      </h2>
      <TableWrap>
        <table className="table">
          <caption className="visually-hidden">
            Percentage at the expected standard, {formatTerm(latest.term)}
            {before ? ` and ${formatTerm(before.term)}` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col" className="num">
                {formatTerm(latest.term)}
              </th>
              {before ? (
                <th scope="col" className="num">
                  {formatTerm(before.term)}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.subject}>
                <th scope="row">{subjectLabel(r.subject)}</th>
                <td className="num">{withheldLabel(r, "atExpectedPct") ?? formatPct(r.atExpectedPct)}</td>
                {before ? <td className="num">{formatPct(previous(r.subject)?.atExpectedPct)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">
        % at the expected standard or above.{gap !== undefined && gap !== null ? ` Disadvantaged gap in reading, writing and maths: ${gap > 0 ? "+" : ""}${gap.toFixed(1)} points.` : ""}
      </p>
      <p>
        <Link href={`/pupils/analysis?term=${encodeURIComponent(latest.term.key)}`}>Full attainment analysis</Link>
      </p>
    </section>
  );
}
