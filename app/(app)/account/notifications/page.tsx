import { headers } from "next/headers";
import { PageHeader } from "@/components/layout/page-header";
import { requirePermission } from "@/lib/auth/session";
import { appUrl, findCalendarToken, listPreferences } from "@/lib/data/notifications";
import { NOTIFICATION_KIND_LABEL } from "@/lib/notify/drafts";
import { CalendarFeed, PreferencesForm } from "./forms";

export const metadata = { title: "Notifications and calendar" };

export default async function NotificationSettingsPage() {
  const user = await requirePermission("account.self");
  const prefs = listPreferences({ userId: user.id });
  const host = (await headers()).get("host");
  const origin = process.env.APP_URL || process.env.AUTH_URL ? appUrl() : host ? `http://${host}` : appUrl();
  return (
    <>
      <PageHeader title="Notifications and calendar" caption="Your account" crumbs={[{ href: "/account", label: "Your account" }]} />
      <p>Emails say what happened and link to the page; they never include a pupil&apos;s name or an observation&apos;s text.</p>
      <PreferencesForm defaults={{ preferences: prefs }} labels={NOTIFICATION_KIND_LABEL} />
      <h2>Calendar</h2>
      <p>A private address for your calendar app: your action due dates, review deadlines, meetings and planned monitoring.</p>
      <CalendarFeed hasToken={findCalendarToken({ userId: user.id }) !== null} origin={origin} />
    </>
  );
}
