"use server";
import { defineAction } from "@/lib/actions/define-action";
import { createActivity, updateActivity } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { activitySchema, updateActivitySchema } from "@/lib/validation/monitoring";

export const createMonitoringActivityAction = defineAction({
  schema: activitySchema,
  authorize: ({ user }) => can(user, "activity.edit"),
  handler: ({ input, actor }) => createActivity({ input, actor }),
});

export const updateMonitoringActivityAction = defineAction({
  schema: updateActivitySchema,
  authorize: ({ user }) => can(user, "activity.edit"),
  handler: ({ input, actor }) => {
    const after = updateActivity({ input, actor });
    return { id: after.id, version: after.version };
  },
});
