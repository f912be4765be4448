import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { NewObservationForm } from "@/app/(app)/monitoring/_components/observation-form";
import { buildFormOptions } from "@/app/(app)/monitoring/_lib/options";
import { requirePermission } from "@/lib/auth/session";
import { listActiveTemplates } from "@/lib/data/monitoring";
import { todayIso } from "@/lib/data/school";

export const metadata = { title: "Record an observation" };

export default async function NewObservationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("observation.edit");
  const params = await searchParams;
  const templates = listActiveTemplates().filter((t) => t.criteria.length > 0);
  const { people: _people, ...options } = buildFormOptions();
  const teacherId = typeof params.teacher === "string" && options.teachers.some((t) => t.id === params.teacher) ? params.teacher : "";
  return (
    <>
      <PageHeader
        title="Record an observation"
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/observations", label: "Observations" },
        ]}
        description="A developmental record of a lesson. The teacher reads what you write, responds and acknowledges it."
      />
      {templates.length === 0 ? (
        <p className="warning">
          There is no observation template with criteria yet. <Link href="/monitoring/templates">Set up a template</Link> first.
        </p>
      ) : (
        <NewObservationForm
          templates={templates.map((t) => ({ id: t.id, name: t.name, criteria: t.criteria.map(({ id, heading, label }) => ({ id, heading, label })) }))}
          defaults={{ date: todayIso(), observerId: user.id, teacherId }}
          options={options}
        />
      )}
    </>
  );
}
