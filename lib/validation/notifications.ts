import "./zod";
import { z } from "zod";
import { NOTIFICATION_KINDS } from "@/db/schema/enums";

export const notificationIdSchema = z.object({ id: z.string().min(1) });
export const emptySchema = z.object({});

/** One row per kind: in the app, by email. */
export const preferencesSchema = z.object({
  preferences: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), inApp: z.boolean(), email: z.boolean() })),
});
export type PreferencesInput = z.input<typeof preferencesSchema>;
