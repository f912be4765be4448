"use server";
import { defineAction } from "@/lib/actions/define-action";
import { createVisit, findVisitOwner, updateVisit, VISIT_WRITE_VERB } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { updateVisitSchema, visitSchema } from "@/lib/validation/monitoring";

/** Governors and advisers record their own visits; the head records any. */
export const createMonitoringVisitAction = defineAction({
  schema: visitSchema,
  authorize: ({ user, input }) => can(user, VISIT_WRITE_VERB[input.kind], input.visitorId === user.id),
  handler: ({ input, actor }) => createVisit({ input, actor }),
});

/** Ownership is judged on the stored visit and on the new visitor: a governor can neither edit nor reassign someone else's. */
export const updateMonitoringVisitAction = defineAction({
  schema: updateVisitSchema,
  authorize: ({ user, input }) => {
    const stored = findVisitOwner({ id: input.id });
    if (!stored) return can(user, "governorVisit.write") || can(user, "adviserVisit.write");
    return can(user, VISIT_WRITE_VERB[stored.kind], stored.visitorId === user.id && input.visitorId === user.id);
  },
  handler: ({ input, actor }) => {
    const after = updateVisit({ input, actor });
    return { id: after.id, version: after.version };
  },
});
