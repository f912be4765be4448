import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { findUser } from "@/lib/data/users";
import { listUserSessions } from "@/lib/data/sessions";
import { EditUserForm, ResetButtons } from "../user-forms";

export const metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePermission("users.manage");
  const { id } = await params;
  const user = findUser({ id });
  if (!user) notFound();
  const sessions = listUserSessions({ userId: user.id });
  return (
    <>
      <PageHeader
        title={user.name}
        caption="User"
        crumbs={[{ href: "/admin/users", label: "Users" }]}
        description={`Added ${formatDateTime(user.createdAt)}. Last signed in: ${user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "never"}.`}
      />
      <EditUserForm
        isSelf={me.id === user.id}
        user={{ id: user.id, version: user.version, name: user.name, email: user.email, role: user.role, jobTitle: user.jobTitle ?? "", isTeaching: user.isTeaching, disabled: user.disabled }}
      />
      <h2>Sign-in</h2>
      <p>Open sessions: {sessions.length === 0 ? "none" : sessions.map((x) => `since ${formatDateTime(x.createdAt)} (last active ${formatDateTime(x.lastSeenAt)})`).join("; ")}.</p>
      <p>Resetting the password ends their sessions and gives you a one-time password for them. Signing them out everywhere ends every open session at once.</p>
      <ResetButtons id={user.id} name={user.name} totpEnabled={user.totpEnabled} />
    </>
  );
}
