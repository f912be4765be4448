"use server";
import { defineAction } from "@/lib/actions/define-action";
import { runNotificationPass } from "@/lib/notify/run";
import { can } from "@/lib/policy";
import { emptySchema } from "@/lib/validation/notifications";

/** The head runs one notification pass now rather than waiting for the schedule. */
export const runNotificationsNowAction = defineAction({
  schema: emptySchema,
  authorize: ({ user }) => can(user, "outbox.read"),
  handler: async () => {
    const r = await runNotificationPass();
    return { created: r.created, sent: r.sent + r.outbox, retrying: r.retrying, failed: r.failed, skipped: r.skipped };
  },
  revalidate: ["/"],
});
