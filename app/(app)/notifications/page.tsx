import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { listNotifications } from "@/lib/data/notifications";
import { NotificationList } from "./notification-list";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requirePermission("account.self");
  const items = listNotifications({ userId: user.id });
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            What has happened that concerns you. <Link href="/account/notifications">Choose what you are told, and how</Link>.
          </>
        }
      />
      {items.length ? (
        <NotificationList items={items.map((n) => ({ id: n.id, title: n.title, body: n.body, createdLabel: formatDateTime(n.createdAt), read: n.readAt !== null }))} />
      ) : (
        <p className="muted">Nothing yet.</p>
      )}
    </>
  );
}
