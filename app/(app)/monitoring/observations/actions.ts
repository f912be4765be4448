"use server";
import { defineAction } from "@/lib/actions/define-action";
import { createObservation, findObservationAccess, respondToObservation, updateObservation } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { observationSchema, respondSchema, updateObservationSchema } from "@/lib/validation/monitoring";

export const createObservationAction = defineAction({
  schema: observationSchema,
  authorize: ({ user }) => can(user, "observation.edit"),
  handler: ({ input, actor }) => createObservation({ input, actor }),
});

export const updateObservationAction = defineAction({
  schema: updateObservationSchema,
  authorize: ({ user }) => can(user, "observation.edit"),
  handler: ({ input, actor }) => {
    const after = updateObservation({ input, actor });
    return { id: after.id, version: after.version };
  },
});

/** Only the observed teacher responds, and only once the observation is shared with them. */
export const respondToObservationAction = defineAction({
  schema: respondSchema,
  authorize: ({ user, input }) => {
    const access = findObservationAccess({ id: input.id });
    return !!access && access.status === "shared" && can(user, "observation.respond", access.teacherId === user.id);
  },
  handler: ({ input, actor }) => {
    const after = respondToObservation({ ...input, actor });
    return { version: after.version, acknowledgedAt: after.acknowledgedAt };
  },
});
