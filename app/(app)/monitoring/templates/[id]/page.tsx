import { PageHeader } from "@/components/layout/page-header";
import { TemplateEditor, TemplateStateButtons } from "@/app/(app)/monitoring/_components/template-forms";
import { Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { getTemplate } from "@/lib/data/monitoring";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Edit observation template" };

export default async function TemplatePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("observation.templates.edit");
  const { id } = await params;
  const t = orRefuse(() => getTemplate({ id }));
  const { saved } = await searchParams;
  return (
    <>
      <PageHeader
        title={t.name}
        caption="Observation template"
        crumbs={[
          { href: "/monitoring", label: "Monitoring" },
          { href: "/monitoring/templates", label: "Templates" },
        ]}
        actions={<TemplateStateButtons id={t.id} version={t.version} isDefault={t.isDefault} archived={t.archived} />}
      />
      {saved ? (
        <p className="success-banner" role="status">
          The template has been saved.
        </p>
      ) : null}
      <p>{t.isDefault ? <Tag tone="blue">Default</Tag> : t.archived ? <Tag tone="grey">Archived: not offered for new observations</Tag> : <Tag tone="green">In use</Tag>}</p>
      <TemplateEditor key={`${t.id}-${t.version}`} template={{ id: t.id, version: t.version, name: t.name, criteria: t.criteria.map(({ id, heading, label }) => ({ id, heading, label })) }} />
    </>
  );
}
