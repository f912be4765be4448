import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { GradeTag } from "@/components/sef/grade-tag";
import { PublishSlot } from "@/app/(app)/sef/_components/publish-slot";
import { SchoolContextTable } from "@/components/sef/school-context";
import { AttendanceSummaryCard } from "@/components/dashboard/attendance-summary";
import { getAttendanceSummary } from "@/lib/data/attendance";
import { RestartSefButton, StartSefButton } from "@/app/(app)/sef/_components/sef-buttons";
import { SefDocument } from "@/components/sef/sef-document";
import { SefOverviewEditor } from "@/app/(app)/sef/_components/sef-overview-editor";
import { YearSelect } from "@/components/sef/year-select";
import { formatDate, formatDateTime } from "@/lib/format";
import { diffSnapshots } from "@/lib/analytics/sef-diff";
import { requirePermission, type SessionUser } from "@/lib/auth/session";
import { getFramework, getSchool, type AcademicYear } from "@/lib/data/school";
import { computeSchoolContext, getSefForReader, listSefYears, snapshotOfDraft, snapshotStamp, type SefDraft, type SefVersion } from "@/lib/data/sef";
import { can } from "@/lib/policy";
import { first, followableTypes, resolveYear } from "./load";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Self-evaluation" };

function excerpt(text: string, n = 160) {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length <= n ? t : `${t.slice(0, n - 1).replace(/\s+\S*$/, "")}…`;
}

/**
 * The year's SEF. Head and senior leaders see and edit the draft (and the head publishes it); every
 * other role sees the latest published version only: the draft is never loaded for them.
 */
export default async function SefPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("sef.published.read");
  const year = resolveYear(first((await searchParams).year));
  if (!year) notFound();
  const reading = getSefForReader({ academicYearId: year.id, user });
  const years = listSefYears()
    .filter((y) => y.sef || y.year.isCurrent || can(user, "sef.draft.edit"))
    .map((y) => ({ name: y.year.name, label: `${y.year.name}${y.year.isCurrent ? " (current)" : ""}` }));
  const yearQuery = `year=${encodeURIComponent(year.name)}`;
  const yearSelect = <YearSelect action="/sef" years={years} current={year.name} />;

  if (reading.draft) return <DraftView user={user} year={year} draft={reading.draft} latest={reading.latest} yearQuery={yearQuery} yearSelect={yearSelect} />;

  if (can(user, "sef.draft.edit") && !reading.sef) {
    return (
      <>
        <PageHeader title={`Self-evaluation ${year.name}`} description="Not started yet." />
        {yearSelect}
        <p>
          The {year.name} self-evaluation has not been started. Starting it creates one section for each evaluation area of {getFramework().name} that applies to the school.
        </p>
        <StartSefButton academicYearId={year.id} label={`Start the ${year.name} self-evaluation`} />
      </>
    );
  }

  const latest = reading.latest;
  return (
    <>
      <PageHeader
        title={`Self-evaluation ${year.name}`}
        description={latest ? `${latest.snapshot.framework.name} · Version ${latest.number}, published ${formatDate(latest.publishedAt)}` : undefined}
        actions={
          latest ? (
            <>
              <Link href={`/sef/print?${yearQuery}`}>Print</Link>
              <a href={`/sef/export/docx?${yearQuery}`}>Download as Word (.docx)</a>
              <Link href={`/sef/versions?${yearQuery}`}>All versions</Link>
            </>
          ) : null
        }
      />
      {yearSelect}
      {latest ? (
        <>
          <p className="muted">
            This is the published self-evaluation: version {latest.number}, published on {formatDate(latest.publishedAt)} by {latest.publishedByName}
            {latest.note ? ` (${latest.note})` : ""}.
          </p>
          <SefDocument snapshot={latest.snapshot} followable={followableTypes(user)} mayReadPlan={can(user, "plan.read")} />
        </>
      ) : (
        <p className="notice">The {year.name} self-evaluation has not been published yet.</p>
      )}
    </>
  );
}

function DraftView({
  user,
  year,
  draft,
  latest,
  yearQuery,
  yearSelect,
}: {
  user: SessionUser;
  year: AcademicYear;
  draft: SefDraft;
  latest: SefVersion | null;
  yearQuery: string;
  yearSelect: ReactNode;
}) {
  const school = getSchool();
  const context = computeSchoolContext({ academicYearId: year.id });
  const snapshot = snapshotOfDraft(draft, context);
  const stamp = snapshotStamp(snapshot);
  const diff = latest ? diffSnapshots(latest.snapshot, snapshot) : null;
  const mayPublish = can(user, "sef.publish");
  const schoolFramework = school.frameworkId !== draft.framework.id ? getFramework({ id: school.frameworkId }) : null;
  const unpublished = !latest || (diff?.changeCount ?? 0) > 0;
  return (
    <>
      <PageHeader
        caption={school.name}
        title={`Self-evaluation ${year.name}`}
        description={`${draft.framework.name} · Draft`}
        actions={
          <>
            <Link href={`/sef/print?${yearQuery}&version=draft`}>Print the draft</Link>
            <a href={`/sef/export/docx?${yearQuery}&version=draft`}>Download the draft (.docx)</a>
            <Link href={`/sef/versions?${yearQuery}`}>Versions</Link>
          </>
        }
      />
      {yearSelect}

      {schoolFramework ? (
        <div className="warning">
          <p>
            The school now uses <strong>{schoolFramework.name}</strong>, but this self-evaluation was started under {draft.framework.name}.
          </p>
          {mayPublish ? (
            <RestartSefButton sefId={draft.sef.id} version={draft.sef.version} frameworkName={schoolFramework.name} />
          ) : (
            <p>The headteacher can start this year&rsquo;s self-evaluation again under the new framework.</p>
          )}
        </div>
      ) : null}
      {draft.missingAreas.length ? (
        <div className="notice">
          <p>
            {draft.missingAreas.map((a) => a.name).join(", ")} now appl{draft.missingAreas.length === 1 ? "ies" : "y"} to the school but {draft.missingAreas.length === 1 ? "is" : "are"} not in this
            self-evaluation yet.
          </p>
          <StartSefButton academicYearId={year.id} label={`Add ${draft.missingAreas.map((a) => a.name).join(", ")}`} />
        </div>
      ) : null}

      <section className="card sef-status" aria-labelledby="sef-status-h">
        <h2 id="sef-status-h">Publication</h2>
        {latest ? (
          <p>
            Version {latest.number} was published on {formatDate(latest.publishedAt)} by {latest.publishedByName}. Staff, governors and advisers see that version.{" "}
            <Link href={`/sef/versions/${latest.number}?${yearQuery}`}>Read version {latest.number}</Link>
          </p>
        ) : (
          <p>Not published yet: staff, governors and advisers cannot see this self-evaluation until the headteacher publishes it.</p>
        )}
        {diff ? (
          diff.changeCount > 0 ? (
            <p>
              <strong>
                The draft has {diff.changeCount} change{diff.changeCount === 1 ? "" : "s"} since version {latest!.number}.
              </strong>{" "}
              <Link href={`/sef/compare?${yearQuery}&a=${latest!.number}&b=draft`}>Compare the draft with version {latest!.number}</Link>
            </p>
          ) : (
            <p>The draft is the same as version {latest!.number}.</p>
          )
        ) : null}
        {mayPublish ? (
          <PublishSlot sefId={draft.sef.id} draftStamp={stamp} nextNumber={(latest?.number ?? 0) + 1} hasChanges={unpublished} />
        ) : (
          <p className="muted">Only the headteacher publishes the self-evaluation.</p>
        )}
      </section>

      <section aria-labelledby="sef-areas-h">
        <h2 id="sef-areas-h">Evaluation areas</h2>
        <TableWrap>
          <table className="table">
            <caption>Draft grades and judgements by evaluation area</caption>
            <thead>
              <tr>
                <th scope="col">Evaluation area</th>
                <th scope="col">Grade</th>
                <th scope="col">Strengths</th>
                <th scope="col" className="num">
                  Areas for development
                </th>
                <th scope="col" className="num">
                  Evidence
                </th>
                <th scope="col">Last edited</th>
              </tr>
            </thead>
            <tbody>
              {draft.areas.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link href={`/sef/areas/${a.areaKey}?${yearQuery}`}>{a.name}</Link>
                  </th>
                  <td>
                    <GradeTag label={a.gradeLabel} tone={a.gradeTone} />
                  </td>
                  <td className="sef-excerpt">{a.strengths.trim() ? excerpt(a.strengths) : <span className="muted">None yet</span>}</td>
                  <td className="num">{a.developmentPoints.length}</td>
                  <td className="num">{a.evidence.length}</td>
                  <td>
                    {formatDateTime(a.updatedAt)}
                    {a.updatedByName ? <span className="muted"> by {a.updatedByName}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="sef-context-h">
        <h2 id="sef-context-h">School context and overall summary</h2>
        <SchoolContextTable context={context} yearName={year.name} />
        <AttendanceContext academicYearId={year.id} />
        <SefOverviewEditor sefId={draft.sef.id} version={draft.sef.version} contextNotes={draft.sef.contextNotes} overallSummary={draft.sef.overallSummary} />
      </section>
    </>
  );
}

/** Attendance and suspensions for the year so far, computed from the imported attendance (never typed). */
function AttendanceContext({ academicYearId }: { academicYearId: string }) {
  const summary = getAttendanceSummary({ academicYearId });
  if (!summary) return <p className="muted">No attendance has been imported for this year yet.</p>;
  return <AttendanceSummaryCard summary={summary} headingLevel={3} id="sef-attendance" />;
}
