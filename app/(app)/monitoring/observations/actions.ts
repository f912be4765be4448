"use server";
import { defineAction } from "@/lib/actions/define-action";
import { createObservation, findObservationAccess, respondToObservation, updateObservation } from "@/lib/data/monitoring";
import { notifyEvent } from "@/lib/notify/events";
import { can } from "@/lib/policy";
import { observationSchema, respondSchema, updateObservationSchema } from "@/lib/validation/monitoring";

export const createObservationAction = defineAction({
  schema: observationSchema,
  authorize: ({ user }) => can(user, "observation.edit"),
  handler: ({ input, actor, user }) => {
    const created = createObservation({ input, actor });
    notifyEvent.observationShared({ observationId: created.id, byUserId: user.id });
    return created;
  },
});

export const updateObservationAction = defineAction({
  schema: updateObservationSchema,
  authorize: ({ user }) => can(user, "observation.edit"),
  handler: ({ input, actor, user }) => {
    const wasShared = findObservationAccess({ id: input.id })?.status === "shared";
    const after = updateObservation({ input, actor });
    if (!wasShared) notifyEvent.observationShared({ observationId: after.id, byUserId: user.id });
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
