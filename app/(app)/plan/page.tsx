import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { LengthWarning } from "@/components/plan/length-warning";
import { ActionFlagTag, RagHistory } from "@/components/plan/tags";
import styles from "@/components/plan/plan.module.css";
import { formatDate, formatMoney } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { findAcademicYearByName, findCurrentYear } from "@/lib/data/school";
import { getPlanOverview, listPlanYears, type PlanOverview } from "@/lib/data/sip";
import { can } from "@/lib/policy";
import { Picker } from "@/components/ui/picker";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Improvement plan" };

export default async function PlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("plan.read");
  const sp = await searchParams;
  const requested = typeof sp.year === "string" ? sp.year : null;
  const year = requested ? findAcademicYearByName({ name: requested }) : findCurrentYear();
  if (!year) notFound();
  const years = listPlanYears();
  const ov = getPlanOverview({ academicYearId: year.id });
  const canEdit = can(user, "plan.edit");
  const q = year.isCurrent ? "" : `?year=${year.name}`;

  return (
    <>
      <PageHeader
        caption={year.isCurrent ? "Current academic year" : "Earlier academic year"}
        title={`Improvement plan ${year.name}`}
        description={ov.strands.length ? `${ov.strands.length} strand${ov.strands.length === 1 ? "" : "s"} · ${ov.counts.total} actions · total cost ${formatMoney(ov.costPence)}` : "No strands yet."}
        actions={
          <>
            {canEdit ? (
              <Link className="button" href={`/plan/strands/new${q}`}>
                Add a strand
              </Link>
            ) : null}
            <Link className="button button-secondary" href={`/plan/on-a-page${q}`}>
              Plan on a page
            </Link>
            <Link className="button button-secondary" href={`/plan/print${q}`}>
              Print the plan
            </Link>
            <a className="button button-secondary" href={`/plan/export/docx${q}`} download>
              Download as Word
            </a>
          </>
        }
      />

      {years.length > 1 ? (
        <Picker
          id="plan-year"
          name="year"
          label="Academic year"
          options={years.map((y) => ({ value: y.name, label: `${y.name}${y.isCurrent ? " (current)" : ""}` }))}
          current={year.name}
          action="/plan"
          button="Show plan"
        />
      ) : null}

      {ov.tooLong ? <LengthWarning count={ov.strands.length} /> : null}

      {ov.strands.length ? (
        <>
          <PlanStats ov={ov} />
          <StrandTable ov={ov} />
          <ActionList id="overdue" title="Overdue actions" caption="Actions past their due date and not done" rows={ov.overdue} empty="No action is overdue." />
          <ActionList id="due-soon" title="Due within 14 days" caption="Actions due in the next 14 days" rows={ov.dueSoon} empty="No action is due in the next 14 days." />
        </>
      ) : (
        <div className="notice">
          <p>The {year.name} plan has no strands yet.</p>
          {canEdit ? (
            <p>
              Start with <Link href={`/plan/strands/new${q}`}>the first strand</Link>: each is one priority, with its lead, success criteria, actions and termly reviews. You can also carry forward a
              strand from last year’s plan from that strand’s page.
            </p>
          ) : (
            <p>Senior leaders write the plan; it will appear here.</p>
          )}
        </div>
      )}
    </>
  );
}

function PlanStats({ ov }: { ov: PlanOverview }) {
  const c = ov.counts;
  return (
    <div className={styles.statRow}>
      <div>
        <span className={styles.n}>{c.completionPct === null ? "–" : `${c.completionPct}%`}</span>
        <span className={styles.l}>
          of actions done ({c.done} of {c.total - c.dropped})
        </span>
      </div>
      <div>
        <span className={styles.n}>{c.overdue}</span>
        <span className={styles.l}>overdue</span>
      </div>
      <div>
        <span className={styles.n}>{c.dueSoon}</span>
        <span className={styles.l}>due within 14 days</span>
      </div>
      <div>
        <span className={styles.n}>{formatMoney(ov.costPence)}</span>
        <span className={styles.l}>total cost</span>
      </div>
    </div>
  );
}

function StrandTable({ ov }: { ov: PlanOverview }) {
  return (
    <TableWrap>
      <table className="table">
        <caption>Strands</caption>
        <thead>
          <tr>
            <th scope="col">Strand</th>
            <th scope="col">Lead</th>
            <th scope="col">Link governor</th>
            <th scope="col">RAG by term</th>
            <th scope="col" className="num">
              Actions done
            </th>
            <th scope="col" className="num">
              Overdue
            </th>
            <th scope="col" className="num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {ov.strands.map((s) => (
            <tr key={s.strand.id}>
              <th scope="row">
                <span className={styles.strandNumber}>{s.number}.</span>
                <Link href={`/plan/strands/${s.strand.id}`}>{s.strand.title}</Link>
                {s.carriedFrom ? <div className={`muted ${styles.small}`}>Carried forward from {s.carriedFrom.yearName}</div> : null}
              </th>
              <td>{s.lead?.name ?? <span className="muted">None</span>}</td>
              <td>{s.linkGovernor?.name ?? <span className="muted">None</span>}</td>
              <td>
                <RagHistory terms={ov.yearTerms} ragByTerm={s.ragByTerm} label={`RAG by term for ${s.strand.title}`} />
              </td>
              <td className="num">
                {s.counts.done} of {s.counts.total - s.counts.dropped}
              </td>
              <td className="num">{s.counts.overdue ? <strong>{s.counts.overdue}</strong> : 0}</td>
              <td className="num">{formatMoney(s.costPence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              Whole plan
            </th>
            <td className="num">
              {ov.counts.done} of {ov.counts.total - ov.counts.dropped}
            </td>
            <td className="num">{ov.counts.overdue}</td>
            <td className="num">
              <strong>{formatMoney(ov.costPence)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

function ActionList({ id, title, caption, rows, empty }: { id: string; title: string; caption: string; rows: PlanOverview["overdue"]; empty: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length ? (
        <TableWrap>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Strand</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.description} <ActionFlagTag flag={a.flag} />
                  </td>
                  <td>
                    <Link href={`/plan/strands/${a.strandId}#actions`}>
                      {a.strandNumber}. {a.strandTitle}
                    </Link>
                  </td>
                  <td>{a.ownerName ?? "–"}</td>
                  <td className={styles.nowrap}>{formatDate(a.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
  );
}
