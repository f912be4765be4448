import "./zod";
import { z } from "zod";
import { PPM_OUTCOME_KINDS } from "@/db/schema/enums";

/** Shared by the progress-meeting forms and their server actions (one schema, both sides). */

const select = (what: string) =>
  z
    .string({ message: `Select ${what}` })
    .trim()
    .min(1, `Select ${what}`);
const required = (what: string, max: number) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Must be ${max} characters or fewer`);

/** A real calendar date as YYYY-MM-DD (what <input type="date"> sends). */
const isoDateField = (what: string, example: string) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .min(1, { message: `Enter ${what}`, abort: true })
    .refine((v) => isRealDate(v), `Enter ${what} as a real date, like ${example}`);

export function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

/**
 * Checkbox groups post an array, a single string (one box) or false (none ticked, in react-hook-form);
 * all become an array of ids.
 */
const idList = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : []), z.array(z.string().min(1)).max(50));

const meetingFields = {
  date: isoDateField("the date of the meeting", "18 Nov 2026"),
  teacherId: select("the class teacher"),
  attendeeIds: idList,
  notes: z.string().trim().max(4000, "Must be 4000 characters or fewer"),
};

export const createMeetingSchema = z.object({
  termId: select("the term"),
  classId: select("the class"),
  ...meetingFields,
});
export type CreateMeetingInput = z.output<typeof createMeetingSchema>;

export const updateMeetingSchema = z.object({ id: z.string().min(1), version: z.number().int(), ...meetingFields });
export type UpdateMeetingInput = z.output<typeof updateMeetingSchema>;

export const deleteMeetingSchema = z.object({ id: z.string().min(1), version: z.number().int() });

const itemFields = {
  subject: select("what the concern is about"),
  concern: required("the concern", 1000),
  action: required("the action or intervention agreed", 1000),
  ownerId: select("who owns the action"),
  reviewDate: isoDateField("the review date", "12 Feb 2027"),
};

export const addItemSchema = z.object({ meetingId: z.string().min(1), pupilId: select("the pupil"), ...itemFields });
export type AddItemInput = z.output<typeof addItemSchema>;

export const updateItemSchema = z.object({ id: z.string().min(1), version: z.number().int(), ...itemFields });
export type UpdateItemInput = z.output<typeof updateItemSchema>;

export const deleteItemSchema = z.object({ id: z.string().min(1), version: z.number().int() });

const PPM_NEXT_STEPS = ["close", "continue"] as const;

/**
 * The outcome of an earlier action, recorded at a meeting. "continue" carries the action into this
 * meeting as a new action (possibly changed, with a new owner and review date), keeping the history.
 */
export const outcomeSchema = z
  .object({
    itemId: z.string().min(1),
    version: z.number().int(),
    meetingId: z.string().min(1),
    outcomeKind: z.enum(PPM_OUTCOME_KINDS, { message: "Select the outcome" }),
    outcome: required("what happened", 2000),
    next: z.enum(PPM_NEXT_STEPS, { message: "Select whether to close the action or continue it" }),
    action: z.string().trim().max(1000, "Must be 1000 characters or fewer").optional(),
    ownerId: z.string().trim().optional(),
    reviewDate: z.string().trim().optional(),
  })
  .superRefine(
    (v, ctx) => {
      if (v.next !== "continue") return;
      const text = (x: unknown) => (typeof x === "string" ? x.trim() : "");
      if (!text(v.action)) ctx.addIssue({ code: "custom", path: ["action"], message: "Enter the action to continue with" });
      if (!text(v.ownerId)) ctx.addIssue({ code: "custom", path: ["ownerId"], message: "Select who owns the continued action" });
      if (!text(v.reviewDate)) ctx.addIssue({ code: "custom", path: ["reviewDate"], message: "Enter the next review date" });
      else if (!isRealDate(text(v.reviewDate))) ctx.addIssue({ code: "custom", path: ["reviewDate"], message: "Enter the next review date as a real date, like 12 Feb 2027" });
    },
    // Run even when other fields failed, so every problem is listed at once.
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
export type OutcomeInput = z.output<typeof outcomeSchema>;
