import { PageHeader } from "@/components/layout/page-header";
import { ActivityForm } from "@/app/(app)/monitoring/_components/activity-form";
import { buildActivityOptions } from "@/app/(app)/monitoring/_lib/activity-options";
import { ACTIVITY_TYPES, type ActivityType } from "@/db/schema/enums";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/data/school";

export const metadata = { title: "Record monitoring" };

export default async function NewActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("activity.edit");
  const { type } = await searchParams;
  const options = buildActivityOptions();
  return (
    <>
      <PageHeader
        title="Record a learning walk, work scrutiny, pupil voice or drop-in"
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/activities", label: "Learning walks and more" },
        ]}
      />
      <ActivityForm
        options={options}
        defaults={{
          type: ACTIVITY_TYPES.includes(type as ActivityType) ? (type as ActivityType) : "learning_walk",
          date: todayIso(),
          leadId: options.leads.some((l) => l.id === user.id) ? user.id : "",
          participantIds: [],
          subject: "",
          classesVisited: "",
          focusStrandIds: [],
          focusAreaKeys: [],
          strengths: "",
          areasToDevelop: "",
          actions: "",
        }}
      />
    </>
  );
}
