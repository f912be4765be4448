"use server";
import { defineAction } from "@/lib/actions/define-action";
import { createPlanned, deletePlanned, markPlanned } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { deletePlannedSchema, markPlannedSchema, plannedSchema } from "@/lib/validation/monitoring";

export const createPlannedMonitoringAction = defineAction({
  schema: plannedSchema,
  authorize: ({ user }) => can(user, "calendar.edit"),
  handler: ({ input, actor }) => ({ id: createPlanned({ input, actor }).id }),
});

export const markPlannedMonitoringAction = defineAction({
  schema: markPlannedSchema,
  authorize: ({ user }) => can(user, "calendar.edit"),
  handler: ({ input, actor }) => ({ version: markPlanned({ ...input, actor }).version }),
});

export const deletePlannedMonitoringAction = defineAction({
  schema: deletePlannedSchema,
  authorize: ({ user }) => can(user, "calendar.edit"),
  handler: ({ input, actor }) => {
    deletePlanned({ ...input, actor });
    return { deleted: true };
  },
});
