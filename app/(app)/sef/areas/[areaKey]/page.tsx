import Link from "next/link";
import { formatTerm } from "@/lib/format";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { AreaEditor } from "@/app/(app)/sef/_components/area-editor";
import { requirePermission } from "@/lib/auth/session";
import { listEvidenceCandidateGroups } from "@/lib/data/evidence";
import { AttendanceSummaryCard } from "@/components/dashboard/attendance-summary";
import { ATTENDANCE_AREA_KEYS, getAttendanceSummary } from "@/lib/data/attendance";
import { getSefDraft } from "@/lib/data/sef";
import { can } from "@/lib/policy";
import { first, resolveYear } from "../../load";

export const metadata = { title: "Edit an evaluation area · Self-evaluation" };

/** Edits one evaluation area of the draft. Drafts are for the head and senior leaders only. */
export default async function SefAreaPage({ params, searchParams }: { params: Promise<{ areaKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("sef.draft.edit");
  const { areaKey } = await params;
  const year = resolveYear(first((await searchParams).year));
  if (!year) notFound();
  const draft = getSefDraft({ academicYearId: year.id });
  const area = draft?.areas.find((a) => a.areaKey === areaKey);
  if (!draft || !area) notFound();
  const yearQuery = `year=${encodeURIComponent(year.name)}`;
  const def = draft.framework.areas.find((a) => a.id === areaKey)!;
  // The attendance and behaviour area shows the year's figures as context (cite them below as evidence).
  const attendance = ATTENDANCE_AREA_KEYS.includes(areaKey) ? getAttendanceSummary({ academicYearId: year.id }) : null;
  return (
    <>
      <PageHeader
        crumbs={[{ href: `/sef?${yearQuery}`, label: `Self-evaluation ${year.name}` }]}
        caption={`Self-evaluation ${year.name} · draft`}
        title={area.name}
        description={draft.framework.name}
      />
      {def.prompts.length ? (
        <details className="sef-prompts">
          <summary>What inspectors consider in {area.name.toLowerCase()}</summary>
          <ul>
            {def.prompts.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {attendance ? <AttendanceSummaryCard summary={attendance} id="area-attendance" title={`Attendance and behaviour, year to date (${formatTerm(attendance.term)})`} /> : null}
      <AreaEditor
        key={area.id}
        area={{
          id: area.id,
          version: area.version,
          name: area.name,
          grade: area.grade,
          strengths: area.strengths,
          grades: area.scale.grades.map((g) => ({ id: g.id, label: g.label })),
          binary: area.scale.type === "binary",
        }}
        points={area.developmentPoints.map((p) => ({ id: p.id, version: p.version, text: p.text, strands: p.strands }))}
        evidence={area.evidence.map((e) => ({ id: e.id, label: e.label, href: e.href, targetType: e.targetType }))}
        candidateGroups={listEvidenceCandidateGroups({ academicYearId: year.id }).map((g) => ({
          heading: g.heading,
          candidates: g.candidates.map((c) => ({ targetType: c.targetType, targetId: c.targetId, label: c.label })),
        }))}
        mayCreateStrand={can(user, "plan.edit")}
      />
      <p className="no-print">
        <Link href={`/sef?${yearQuery}`}>Back to the self-evaluation</Link>
      </p>
    </>
  );
}
