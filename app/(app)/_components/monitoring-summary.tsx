import Link from "next/link";
import { formatTerm } from "@/lib/format";
import type { SessionUser } from "@/lib/auth/session";
import { getCoverage } from "@/lib/data/monitoring";
import type { TermWithYear } from "@/lib/data/school";
import { can } from "@/lib/policy";

/** Observation coverage this term on the leaders' dashboard: who has not yet been seen. */
export function MonitoringSummary({ user, term }: { user: SessionUser; term: TermWithYear | null }) {
  if (!can(user, "monitoring.coverage.read") || !term) return null;
  const coverage = getCoverage({ termId: term.id });
  return (
    <section aria-labelledby="dash-coverage" className="card">
      <h2 id="dash-coverage">Observation coverage, {formatTerm(term)}</h2>
      <p className="stat">{coverage.pct === null ? "–" : `${coverage.pct.toFixed(1)}%`}</p>
      <p className="stat-label">
        {coverage.seen} of {coverage.total} teaching staff observed this term
      </p>
      {coverage.notSeen.length ? (
        <>
          <p style={{ marginBottom: "0.25rem" }}>Not yet seen:</p>
          <ul>
            {coverage.notSeen.map((t) => (
              <li key={t.id}>{t.name}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>Every teacher has been seen this term.</p>
      )}
      <p>
        <Link href="/monitoring/coverage">Coverage this term and this year</Link>
      </p>
    </section>
  );
}
