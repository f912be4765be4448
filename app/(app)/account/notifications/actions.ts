"use server";
import { defineAction } from "@/lib/actions/define-action";
import { resetCalendarToken, revokeCalendarToken, savePreferences } from "@/lib/data/notifications";
import { can } from "@/lib/policy";
import { emptySchema, preferencesSchema } from "@/lib/validation/notifications";

/** Your own choices: which kinds of notification you get in the app and by email. */
export const savePreferencesAction = defineAction({
  schema: preferencesSchema,
  authorize: ({ user }) => can(user, "account.self"),
  handler: ({ user, input }) => {
    savePreferences({ userId: user.id, preferences: input.preferences });
    return { saved: input.preferences.length };
  },
  revalidate: ["/account/notifications"],
});

/** A new private calendar address; the old one stops working at once. The token is shown only now. */
export const resetCalendarTokenAction = defineAction({
  schema: emptySchema,
  authorize: ({ user }) => can(user, "account.self"),
  handler: ({ user }) => ({ token: resetCalendarToken({ userId: user.id }) }),
  revalidate: ["/account/notifications"],
});

export const revokeCalendarTokenAction = defineAction({
  schema: emptySchema,
  authorize: ({ user }) => can(user, "account.self"),
  handler: ({ user }) => {
    revokeCalendarToken({ userId: user.id });
    return { revoked: true };
  },
  revalidate: ["/account/notifications"],
});
