import { PageHeader } from "@/components/layout/page-header";
import { applicableAreas } from "@/db/frameworks";
import { formatDate, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { listChallengeLinkOptions } from "@/lib/data/governance";
import { findMeeting } from "@/lib/data/meetings";
import { findCurrentYear, getFramework, getSchool, todayIso } from "@/lib/data/school";
import { REPORT_SECTIONS } from "@/db/schema/enums";
import { ChallengeForm } from "./challenge-form";

export const metadata = { title: "Ask a question" };

export default async function NewChallengePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePermission("challenge.create");
  const sp = await searchParams;
  const year = findCurrentYear();
  const options = listChallengeLinkOptions({ academicYearId: year?.id });
  const areas = applicableAreas(getFramework(), getSchool()).map((a) => ({ value: a.id, label: a.name }));
  const reportId = options.reports.some((r) => r.id === sp.reportId) ? sp.reportId! : "";
  const section = (REPORT_SECTIONS as readonly string[]).includes(sp.section ?? "") ? sp.section! : "";
  const meeting = sp.meetingId ? findMeeting({ id: sp.meetingId }) : null;
  return (
    <>
      <PageHeader
        title="Ask a question"
        caption="Governance"
        crumbs={[{ href: "/governance", label: "Challenge log" }]}
        description="Ask leaders about the plan, the self-evaluation or a report. A leader will answer, and the question and answer appear in the next report to governors."
      />
      <ChallengeForm
        defaults={{
          question: "",
          source: reportId && !meeting ? "report" : "meeting",
          raisedOn: meeting && meeting.date < todayIso() ? meeting.date : todayIso(),
          strandId: options.strands.some((s) => s.id === sp.strandId) ? sp.strandId! : "",
          areaKey: areas.some((a) => a.value === sp.areaKey) ? sp.areaKey! : "",
          reportId,
          reportSection: section as never,
          visitId: "",
          ownerId: "",
          meetingId: meeting?.id ?? "",
        }}
        meetingLabel={meeting ? `${meeting.bodyName}, ${formatDate(meeting.date)}` : undefined}
        strands={options.strands.map((s) => ({ value: s.id, label: s.title }))}
        areas={areas}
        reports={options.reports.map((r) => ({ value: r.id, label: `${formatTerm(r.termKey)} report` }))}
        visits={options.visits.map((v) => ({ value: v.id, label: `${formatDate(v.date)}: ${v.visitType || (v.kind === "governor" ? "Governor visit" : "Adviser visit")} (${v.visitorName})` }))}
        leaders={options.leaders.map((l) => ({ value: l.id, label: l.name }))}
      />
    </>
  );
}
