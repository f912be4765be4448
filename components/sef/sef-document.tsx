import Link from "next/link";
import type { RecordType } from "@/db/schema/enums";
import type { SefSnapshot } from "@/lib/analytics/sef-snapshot";
import { GradeTag } from "./grade-tag";
import { SchoolContextTable } from "./school-context";
import { TableWrap } from "@/components/ui/table-wrap";

/**
 * A SEF as a readable document, from a snapshot (a publication, or the draft turned into one). The
 * same rendering serves the published view, a version, the print page and the draft preview.
 * Evidence is a link only for readers allowed to open that kind of record (`followable`); for
 * everyone else it is its label, which never names a teacher.
 */
export function SefDocument({ snapshot, followable, mayReadPlan }: { snapshot: SefSnapshot; followable: RecordType[]; mayReadPlan: boolean }) {
  const canFollow = (type: RecordType) => type === "document" || followable.includes(type);
  return (
    <div className="sef-doc">
      <section aria-labelledby="sef-context-h">
        <h2 id="sef-context-h">School context</h2>
        <SchoolContextTable context={snapshot.context} yearName={snapshot.academicYear} />
        {snapshot.contextNotes.trim() ? <div className="prose">{snapshot.contextNotes}</div> : null}
      </section>

      <section aria-labelledby="sef-summary-h">
        <h2 id="sef-summary-h">Overall summary</h2>
        {snapshot.overallSummary.trim() ? <div className="prose">{snapshot.overallSummary}</div> : <p className="muted">No summary written.</p>}
      </section>

      <section aria-labelledby="sef-grades-h">
        <h2 id="sef-grades-h">Evaluation areas</h2>
        <TableWrap>
          <table className="table">
            <caption>Current grade by evaluation area ({snapshot.framework.name})</caption>
            <thead>
              <tr>
                <th scope="col">Evaluation area</th>
                <th scope="col">Grade</th>
                <th scope="col" className="num">
                  Areas for development
                </th>
                <th scope="col" className="num">
                  Evidence
                </th>
              </tr>
            </thead>
            <tbody>
              {snapshot.areas.map((a) => (
                <tr key={a.key}>
                  <th scope="row">
                    <a href={`#area-${a.key}`}>{a.name}</a>
                  </th>
                  <td>
                    <GradeTag label={a.gradeLabel} tone={a.gradeTone} />
                  </td>
                  <td className="num">{a.developmentPoints.length}</td>
                  <td className="num">{a.evidence.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>

        {snapshot.areas.map((a) => (
          <section key={a.key} className="sef-area" id={`area-${a.key}`} aria-labelledby={`area-${a.key}-h`}>
            <div className="sef-area-head">
              <h3 id={`area-${a.key}-h`}>{a.name}</h3>
              <GradeTag label={a.gradeLabel} tone={a.gradeTone} />
            </div>
            <h4>Strengths</h4>
            {a.strengths.trim() ? <div className="prose">{a.strengths}</div> : <p className="muted">None recorded.</p>}
            <h4>Areas for development</h4>
            {a.developmentPoints.length ? (
              <ol className="sef-points">
                {a.developmentPoints.map((p) => (
                  <li key={p.id}>
                    {p.text}
                    {p.strands.length ? (
                      <span className="sef-thread">
                        {" "}
                        Answered by{" "}
                        {p.strands.map((s, i) => (
                          <span key={s.id}>
                            {i > 0 ? ", " : ""}
                            {mayReadPlan ? <Link href={`/plan/strands/${s.id}`}>{s.title}</Link> : s.title}
                          </span>
                        ))}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">None recorded.</p>
            )}
            <h4>Evidence</h4>
            {a.evidence.length ? (
              <ul className="sef-evidence">
                {a.evidence.map((e, i) => (
                  <li key={`${e.targetType}-${e.targetId ?? i}`}>
                    {e.href && canFollow(e.targetType) ? (
                      e.targetType === "document" ? (
                        <a href={e.href} rel="noopener noreferrer" target="_blank">
                          {e.label}
                          <span className="visually-hidden"> (opens in a new tab)</span>
                        </a>
                      ) : (
                        <Link href={e.href}>{e.label}</Link>
                      )
                    ) : (
                      e.label
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">None cited.</p>
            )}
          </section>
        ))}
      </section>
    </div>
  );
}
