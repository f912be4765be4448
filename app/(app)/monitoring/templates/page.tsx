import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { MonitoringNav } from "@/components/monitoring/monitoring-nav";
import { NewTemplateForm } from "@/app/(app)/monitoring/_components/template-forms";
import { Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { listTemplates } from "@/lib/data/monitoring";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Observation templates" };

export default async function TemplatesPage() {
  const user = await requirePermission("observation.templates.edit");
  const templates = listTemplates();
  return (
    <>
      <PageHeader title="Observation templates" description="The criteria observers record lessons against. Each criterion is recorded as strength, secure, developing or not seen." />
      <MonitoringNav user={user} current="/monitoring/templates" />
      {templates.length === 0 ? (
        <p>There are no templates yet. Create one below: starting from the default criteria is quickest.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>Templates</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Criteria
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link href={`/monitoring/templates/${t.id}`}>{t.name}</Link>
                  </td>
                  <td className="num">{t.criteriaCount}</td>
                  <td>{t.isDefault ? <Tag tone="blue">Default</Tag> : t.archived ? <Tag tone="grey">Archived</Tag> : <Tag tone="green">In use</Tag>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>Create a template</h2>
      <NewTemplateForm templates={templates.filter((t) => !t.archived).map(({ id, name }) => ({ id, name }))} />
    </>
  );
}
