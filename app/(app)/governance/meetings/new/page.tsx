import { PageHeader } from "@/components/layout/page-header";
import { formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { listAgendaLinkOptions, listBodies } from "@/lib/data/meetings";
import { MeetingForm } from "../meeting-forms";

export const metadata = { title: "Schedule a meeting" };

export default async function NewMeetingPage() {
  await requirePermission("meeting.edit");
  const bodies = listBodies();
  const { reports } = listAgendaLinkOptions();
  return (
    <>
      <PageHeader title="Schedule a meeting" caption="Governance" crumbs={[{ href: "/governance/meetings", label: "Meetings" }]} />
      <MeetingForm
        defaults={{
          bodyId: bodies[0]?.id ?? "",
          date: "",
          startTime: "18:00",
          place: "",
          papersOutDate: "",
          reportId: "",
          agenda: "Welcome and apologies\nMinutes of the last meeting and matters arising\nAny other business",
        }}
        bodies={bodies.map((b) => ({ value: b.id, label: b.name }))}
        reports={reports.map((r) => ({ value: r.id, label: `${formatTerm(r.termKey)}${r.status === "published" ? "" : " (draft)"}` }))}
      />
    </>
  );
}
