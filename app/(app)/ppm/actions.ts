"use server";
import { defineAction } from "@/lib/actions/define-action";
import {
  addProgressMeetingItem,
  createProgressMeeting,
  deleteProgressMeeting,
  deleteProgressMeetingItem,
  recordProgressMeetingOutcome,
  updateProgressMeeting,
  updateProgressMeetingItem,
} from "@/lib/data/ppm";
import { can, type PolicyUser } from "@/lib/policy";
import { addItemSchema, createMeetingSchema, deleteItemSchema, deleteMeetingSchema, outcomeSchema, updateItemSchema, updateMeetingSchema } from "@/lib/validation/ppm";

// Recording progress meetings is for the headteacher and senior leaders (SPEC §1: staff read their own
// classes' meetings, governors see counts, advisers nothing), so every action asks for ppm.edit, which
// has no "own" scope: no record needs loading to decide.
const leadersOnly = ({ user }: { user: PolicyUser }) => can(user, "ppm.edit");

export const createProgressMeetingAction = defineAction({
  schema: createMeetingSchema,
  authorize: leadersOnly,
  handler: ({ input, actor }) => ({ id: createProgressMeeting({ input, actor }).id }),
});

export const updateProgressMeetingAction = defineAction({
  schema: updateMeetingSchema,
  authorize: leadersOnly,
  handler: ({ input, actor }) => ({ id: updateProgressMeeting({ input, actor }).id }),
});

export const deleteProgressMeetingAction = defineAction({
  schema: deleteMeetingSchema,
  authorize: leadersOnly,
  handler: ({ input, actor }) => {
    deleteProgressMeeting({ ...input, actor });
    return { id: input.id };
  },
});

export const addPpmItemAction = defineAction({
  schema: addItemSchema,
  authorize: leadersOnly,
  handler: ({ input, actor }) => ({ id: addProgressMeetingItem({ input, actor }).id }),
});

export const updatePpmItemAction = defineAction({
  schema: updateItemSchema,
  authorize: leadersOnly,
  handler: ({ input, actor }) => ({ id: updateProgressMeetingItem({ input, actor }).id }),
});

export const deletePpmItemAction = defineAction({
  schema: deleteItemSchema,
  authorize: leadersOnly,
  handler: ({ input, actor }) => {
    deleteProgressMeetingItem({ ...input, actor });
    return { id: input.id };
  },
});

export const recordPpmOutcomeAction = defineAction({
  schema: outcomeSchema,
  authorize: leadersOnly,
  handler: ({ input, actor }) => {
    const r = recordProgressMeetingOutcome({ input, actor });
    return { id: r.item.id, continuedAs: r.continuedAs?.id ?? null };
  },
});
