import "./zod";
import { z } from "zod";
import { AGENDA_LINKS, ATTENDANCE, BODY_KINDS, MINUTE_KINDS } from "@/db/schema/enums";

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null));

const realDate = (v: string) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const date = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what} as a real date`)
    .refine(realDate, `Enter ${what} as a real date`);
const optionalDate = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && realDate(v)), `Enter ${what} as a real date`)
    .transform((v) => (v ? v : null));

export const bodyCreateSchema = z.object({
  name: z.string().trim().min(1, "Enter the name of the board or committee").max(120, "The name must be 120 characters or fewer"),
  kind: z.enum(BODY_KINDS, { message: "Select whether it is the full board or a committee" }),
  papersDaysBefore: z.coerce.number<string | number>({ message: "Enter a number of days" }).int("Enter a whole number of days").min(0, "Enter 0 or more days").max(28, "Enter 28 days or fewer"),
  memberIds: z.array(z.string()).default([]),
});

const meetingFields = {
  date: date("the date of the meeting"),
  startTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the start time, for example 18:00"),
  place: z.string().trim().max(300, "The place must be 300 characters or fewer"),
  papersOutDate: optionalDate("the date papers go out"),
  reportId: optionalId,
};

/** Scheduling a meeting: the agenda is one item per line. */
export const meetingCreateSchema = z.object({
  bodyId: z.string().trim().min(1, "Select the board or a committee"),
  ...meetingFields,
  agenda: z
    .string()
    .max(4000, "The agenda must be 4,000 characters or fewer")
    .default("")
    .transform((v) =>
      v
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    ),
});
export type MeetingCreateInput = z.input<typeof meetingCreateSchema>;

export const meetingUpdateSchema = z.object({ id: z.string().min(1), version: z.number().int(), ...meetingFields, papersOutDate: date("the date papers go out") });
export type MeetingUpdateInput = z.input<typeof meetingUpdateSchema>;

export const agendaItemSchema = z
  .object({
    meetingId: z.string().min(1),
    title: z.string().trim().min(1, "Enter the agenda item").max(300, "The item must be 300 characters or fewer"),
    linkType: z
      .union([z.enum(AGENDA_LINKS), z.literal("")])
      .optional()
      .transform((v) => (v ? v : null)),
    linkId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.linkType && !v.linkId) ctx.addIssue({ code: "custom", path: ["linkId"], message: "Select what the item is about" });
  });

export const attendanceSchema = z.object({
  meetingId: z.string().min(1),
  entries: z.array(z.object({ userId: z.string().min(1), status: z.union([z.enum(ATTENDANCE), z.literal("")]) })),
});
export type AttendanceInput = z.input<typeof attendanceSchema>;

export const minuteSchema = z
  .object({
    meetingId: z.string().min(1),
    kind: z.enum(MINUTE_KINDS, { message: "Select a decision or an action" }),
    text: z.string().trim().min(1, "Enter what was decided or agreed").max(2000, "The minute must be 2,000 characters or fewer"),
    ownerId: optionalId,
    dueDate: optionalDate("the due date"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "action" && !v.ownerId) ctx.addIssue({ code: "custom", path: ["ownerId"], message: "Select who will do it" });
    if (v.kind === "action" && !v.dueDate) ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Enter the due date" });
  });

export const papersReadSchema = z.object({ meetingId: z.string().min(1) });

/** Link governor visits expected a year for a strand (SPEC §3.8: about three). */
export const linkVisitsSchema = z.object({
  strandId: z.string().min(1),
  version: z.number().int(),
  expected: z.coerce.number<string | number>({ message: "Enter a number of visits" }).int("Enter a whole number").min(0, "Enter 0 or more").max(12, "Enter 12 or fewer"),
});
