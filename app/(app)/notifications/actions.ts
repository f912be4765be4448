"use server";
import { defineAction } from "@/lib/actions/define-action";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/data/notifications";
import { NotFoundError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { emptySchema, notificationIdSchema } from "@/lib/validation/notifications";

/** Opens one of your own notifications: marks it read and says where it leads. */
export const openNotificationAction = defineAction({
  schema: notificationIdSchema,
  authorize: ({ user }) => can(user, "account.self"),
  handler: ({ user, input }) => {
    const link = markNotificationRead({ id: input.id, userId: user.id });
    if (!link) throw new NotFoundError("That notification");
    return { link };
  },
  revalidate: ["/"],
});

export const markAllNotificationsReadAction = defineAction({
  schema: emptySchema,
  authorize: ({ user }) => can(user, "account.self"),
  handler: ({ user }) => ({ count: markAllNotificationsRead({ userId: user.id }) }),
  revalidate: ["/"],
});
