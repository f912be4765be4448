"use server";
import { defineAction } from "@/lib/actions/define-action";
import { createTemplate, setTemplateState, updateTemplate } from "@/lib/data/monitoring";
import { can } from "@/lib/policy";
import { createTemplateSchema, templateStateSchema, updateTemplateSchema } from "@/lib/validation/monitoring";

export const createObservationTemplateAction = defineAction({
  schema: createTemplateSchema,
  authorize: ({ user }) => can(user, "observation.templates.edit"),
  handler: ({ input, actor }) => ({ id: createTemplate({ ...input, actor }).id }),
});

export const updateObservationTemplateAction = defineAction({
  schema: updateTemplateSchema,
  authorize: ({ user }) => can(user, "observation.templates.edit"),
  handler: ({ input, actor }) => {
    const after = updateTemplate({ ...input, actor });
    return { version: after.version, criteria: after.criteria };
  },
});

export const setObservationTemplateStateAction = defineAction({
  schema: templateStateSchema,
  authorize: ({ user }) => can(user, "observation.templates.edit"),
  handler: ({ input, actor }) => ({ version: setTemplateState({ ...input, actor }).version }),
});
