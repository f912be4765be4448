import "./zod";
import { z } from "zod";
import { ANSWER_STATUSES } from "@/lib/report/labels";
import { CHALLENGE_SOURCES, CHALLENGE_STATUSES, REPORT_SECTIONS } from "@/db/schema/enums";

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null));

const isoDate = z
  .string()
  .trim()
  .min(1, "Enter the date the question was raised")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date the question was raised as a real date")
  .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Enter the date the question was raised as a real date");

/**
 * A governor's challenge question. It must say what it is about (a strand, a SEF area or a report
 * section), so that the answer and the next report can link it to the evidence.
 */
export const challengeCreateSchema = z
  .object({
    question: z.string().trim().min(1, "Enter the question").max(2000, "The question must be 2,000 characters or fewer"),
    source: z.enum(CHALLENGE_SOURCES, { message: "Select where the question was raised" }),
    raisedOn: isoDate,
    strandId: optionalId,
    areaKey: optionalId,
    reportId: optionalId,
    reportSection: z
      .union([z.enum(REPORT_SECTIONS), z.literal("")])
      .optional()
      .transform((v) => (v ? v : null)),
    visitId: optionalId,
    ownerId: optionalId,
    meetingId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.source === "report" && !v.reportId) ctx.addIssue({ code: "custom", path: ["reportId"], message: "Select the report the question is about" });
    if (v.reportId && !v.reportSection) ctx.addIssue({ code: "custom", path: ["reportSection"], message: "Select the section of the report" });
    if (v.meetingId && v.source !== "meeting") ctx.addIssue({ code: "custom", path: ["source"], message: "A question asked at a meeting is raised at a meeting" });
    // A question asked at a meeting is about that meeting's business when it names nothing else.
    if (!v.strandId && !v.areaKey && !v.reportId && !v.meetingId) {
      ctx.addIssue({ code: "custom", path: ["strandId"], message: "Choose what the question is about: a plan strand or an area of the self-evaluation" });
    }
  });
export type ChallengeCreateInput = z.input<typeof challengeCreateSchema>;

/** A leader's answer. Answering moves the question on: answered, follow-up needed or closed. */
export const challengeAnswerSchema = z.object({
  id: z.string().min(1),
  version: z.number().int(),
  answer: z.string().trim().min(1, "Enter the answer").max(4000, "The answer must be 4,000 characters or fewer"),
  status: z.enum(ANSWER_STATUSES, { message: "Select the question's status" }),
  ownerId: optionalId,
});

/** Moving a question on without changing its answer (a governor asking for follow-up, closing it). */
export const challengeStatusSchema = z.object({
  id: z.string().min(1),
  version: z.number().int(),
  status: z.enum(CHALLENGE_STATUSES, { message: "Select a status" }),
});

/** Statuses a governor who raised a question may set: they judge whether the answer satisfied them. */
export const RAISER_STATUSES = ["follow_up", "closed"] as const;
