import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/auth/session";
import { NewUserForm } from "../user-forms";

export const metadata = { title: "Add a user" };

export default async function NewUserPage() {
  await requirePermission("users.manage");
  return (
    <>
      <PageHeader title="Add a user" crumbs={[{ href: "/admin/users", label: "Users" }]} description="You will see a one-time password to give them. They choose their own when they first sign in." />
      <NewUserForm />
    </>
  );
}
