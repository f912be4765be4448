import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { formatDateTime, ROLE_LABEL } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";
import { ROLES } from "@/db/schema/enums";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePermission("users.manage");
  const users = listUsers({ includeDisabled: true });
  return (
    <>
      <PageHeader
        title="Users"
        description={`${users.filter((u) => !u.disabled).length} active accounts. Each person holds one role.`}
        actions={
          <Link className="button" href="/admin/users/new">
            Add a user
          </Link>
        }
      />
      {ROLES.map((role) => {
        const group = users.filter((u) => u.role === role);
        if (group.length === 0) return null;
        return (
          <TableWrap key={role}>
            <table className="table">
              <caption>
                {ROLE_LABEL[role]}
                {group.length > 1 && role !== "staff" ? "s" : ""} ({group.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Job title</th>
                  <th scope="col">Two-step verification</th>
                  <th scope="col">Last signed in</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {group.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
                    </th>
                    <td>{u.email}</td>
                    <td>{u.jobTitle}</td>
                    <td>{u.totpEnabled ? "On" : "Off"}</td>
                    <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never"}</td>
                    <td>{u.disabled ? <Tag tone="grey">Disabled</Tag> : u.mustChangePassword ? <Tag tone="amber">Password to set</Tag> : <Tag tone="green">Active</Tag>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        );
      })}
    </>
  );
}
