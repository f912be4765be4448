import Link from "next/link";
import { PLANNED_LABEL, VISIT_KIND_LABEL } from "@/lib/labels/monitoring";
import { formatDate, formatTerm } from "@/lib/format";
import type { SessionUser } from "@/lib/auth/session";
import { listObservationsAwaitingResponse, listPlanned, listVisits } from "@/lib/data/monitoring";
import { findCurrentTerm } from "@/lib/data/school";
import { can } from "@/lib/policy";

/**
 * Monitoring on My responsibilities (SPEC §3.9): observations of me awaiting my response, monitoring
 * I lead this term and have not yet done, and (for governors and advisers) my visits this year.
 */
export function MonitoringSection({ user }: { user: SessionUser }) {
  const term = findCurrentTerm();
  if (!term) return null;
  const respondent = can(user, "observation.respond", true);
  const awaiting = respondent ? listObservationsAwaitingResponse({ viewer: user }) : [];
  const due = listPlanned({ termId: term.id, leadId: user.id, done: false });
  const visitor = user.role === "governor" || user.role === "adviser";
  const visits = visitor ? listVisits({ visitorId: user.id, academicYearId: term.academicYearId }) : [];
  const dueHref = can(user, "calendar.read") ? "/monitoring/calendar" : visitor ? "/monitoring/visits/new" : null;
  return (
    <section aria-labelledby="me-monitoring">
      <h2 id="me-monitoring">Monitoring</h2>
      {respondent ? (
        <>
          <h3>Observations of you awaiting your response</h3>
          {awaiting.length === 0 ? (
            <p>Nothing is waiting for you.</p>
          ) : (
            <ul>
              {awaiting.map((o) => (
                <li key={o.id}>
                  <Link href={`/monitoring/observations/${o.id}`}>
                    {o.subject}, {formatDate(o.date)}
                  </Link>
                  {o.hasResponse ? " · response written, not yet acknowledged" : ""}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <h3>Monitoring you are due to carry out in {formatTerm(term)}</h3>
      {due.length === 0 ? (
        <p>Nothing planned for you is outstanding.</p>
      ) : (
        <ul>
          {due.map((p) => (
            <li key={p.id}>
              {dueHref ? <Link href={dueHref}>{p.title}</Link> : p.title}
              <span className="muted">
                {" "}
                · {PLANNED_LABEL[p.type] ?? p.type}
                {p.plannedDate ? ` · planned for ${formatDate(p.plannedDate)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      {visitor ? (
        <>
          <h3>Your visits in {term.yearName}</h3>
          {visits.length === 0 ? (
            <p>
              You have not recorded a visit this year. <Link href="/monitoring/visits/new">Record a visit</Link>
            </p>
          ) : (
            <ul>
              {visits.map((v) => (
                <li key={v.id}>
                  <Link href={`/monitoring/visits/${v.id}`}>
                    {formatDate(v.date)}: {v.visitType || VISIT_KIND_LABEL[v.kind]}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
