import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { FocusList, JudgementTag, ObservationStatus } from "@/components/monitoring/bits";
import { yearGroupLabel } from "@/lib/labels/monitoring";
import { RespondForm } from "@/app/(app)/monitoring/_components/respond-form";
import { formatDate, formatDateTime, formatTerm } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { getObservationForViewer, labelFocus, type ObservationDetail } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { LESSON_GRADE_LABEL } from "@/lib/labels/monitoring";
import { orRefuse } from "@/lib/page-guard";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Lesson observation" };

export default async function ObservationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  // Governors and advisers never reach the database: observations name a teacher.
  if (!can(user, "observation.read", true)) forbidden();
  const { id } = await params;
  const o = orRefuse(() => getObservationForViewer({ id, viewer: user }));
  const { saved } = await searchParams;
  const isTeacher = o.teacherId === user.id;
  const focus = labelFocus(o.focus);
  const groups: { heading: string; items: ObservationDetail["judgements"] }[] = [];
  for (const j of o.judgements) {
    if (groups[groups.length - 1]?.heading !== j.heading) groups.push({ heading: j.heading, items: [] });
    groups[groups.length - 1]!.items.push(j);
  }
  const where = o.className ? `${o.className} (${yearGroupLabel(o.yearGroup)})` : yearGroupLabel(o.yearGroup) || "Not recorded";
  return (
    <>
      <PageHeader
        caption={`Lesson observation · ${formatTerm(o.termKey)}`}
        title={isTeacher ? `Your lesson: ${o.subject}, ${formatDate(o.date)}` : `${o.teacherName}: ${o.subject}, ${formatDate(o.date)}`}
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/observations", label: "Observations" },
        ]}
        actions={
          can(user, "observation.edit") ? (
            <Link className="button button-secondary" href={`/monitoring/observations/${o.id}/edit`}>
              Edit
            </Link>
          ) : null
        }
      />
      {saved ? (
        <p className="success-banner" role="status">
          The observation has been saved.
        </p>
      ) : null}
      {o.status === "draft" ? <p className="notice">This is a draft: the teacher cannot see it until it is shared.</p> : null}
      <dl className="summary-list">
        <dt>Teacher</dt>
        <dd>{o.teacherName}</dd>
        <dt>Observers</dt>
        <dd>{o.observers.map((x) => x.name).join(", ") || "Not recorded"}</dd>
        <dt>Date</dt>
        <dd>{formatDate(o.date)}</dd>
        <dt>Class or year group</dt>
        <dd>{where}</dd>
        <dt>Subject</dt>
        <dd>{o.subject}</dd>
        <dt>Focus</dt>
        <dd>
          <FocusList focus={focus} />
        </dd>
        {o.grade ? (
          <>
            <dt>Lesson grade</dt>
            <dd>{LESSON_GRADE_LABEL[o.grade as keyof typeof LESSON_GRADE_LABEL] ?? o.grade}</dd>
          </>
        ) : null}
        <dt>Follow-up</dt>
        <dd>{o.followUpDate ? formatDate(o.followUpDate) : "None set"}</dd>
        <dt>Status</dt>
        <dd>
          <ObservationStatus o={{ status: o.status, acknowledgedAt: o.acknowledgedAt, hasResponse: !!o.teacherResponse }} />
        </dd>
      </dl>

      <h2>What was seen</h2>
      {o.templateName ? <p className="muted">Recorded against the “{o.templateName}” template.</p> : null}
      {groups.map((g) => (
        <TableWrap key={g.heading}>
          <table className="table">
            <caption>{g.heading}</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col" style={{ width: "10rem" }}>
                  Judgement
                </th>
              </tr>
            </thead>
            <tbody>
              {g.items.map((j) => (
                <tr key={j.id}>
                  <td>{j.label}</td>
                  <td>
                    <JudgementTag judgement={j.judgement} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}

      <h2>Strengths</h2>
      <p className="prose">{o.strengths || "None recorded."}</p>
      <h2>Areas for development</h2>
      <p className="prose">{o.areasForDevelopment || "None recorded."}</p>
      <h2>Agreed next steps</h2>
      <p className="prose">{o.nextSteps || "None recorded."}</p>

      <h2>{isTeacher ? "Your response" : "The teacher’s response"}</h2>
      {isTeacher && o.status === "shared" ? (
        <RespondForm id={o.id} version={o.version} response={o.teacherResponse ?? ""} acknowledgedAt={o.acknowledgedAt} />
      ) : (
        <>
          <p className="prose">{o.teacherResponse || "No response yet."}</p>
          <p className="muted">{o.acknowledgedAt ? `Acknowledged on ${formatDateTime(o.acknowledgedAt)}.` : "Not yet acknowledged."}</p>
        </>
      )}
    </>
  );
}
