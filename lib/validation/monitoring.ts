import "./zod";
import { z } from "zod";
import { LESSON_GRADES } from "@/lib/labels/monitoring";
import { ACTIVITY_TYPES, JUDGEMENTS, OBSERVATION_STATUSES, PLANNED_TYPES, VISIT_KINDS, YEAR_GROUPS } from "@/db/schema/enums";

/**
 * Monitoring's forms: one zod schema per form, shared by the browser (react-hook-form) and the server
 * action, so both report the same field-linked messages. Every transform's output is itself valid
 * input ("" → null, and null accepted), because the form hook submits the values the browser-side
 * parse produced and the server parses them again.
 */

const required = (what: string, max: number) => z.string().trim().min(1, `Enter ${what}`).max(max, `Must be ${max} characters or fewer`);
const text = (max: number) => z.string().trim().max(max, `Must be ${max} characters or fewer`);

function isRealDate(v: string) {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
/** One message per problem: "Enter the date" when empty, else "…as a real date" (no pile-up of both). */
const isoDate = (what: string) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: "custom", message: `Enter ${what}` });
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isRealDate(v)) ctx.addIssue({ code: "custom", message: `Enter ${what} as a real date` });
    });
const optionalDate = (what: string) =>
  z
    .string()
    .trim()
    .nullable()
    .superRefine((v, ctx) => {
      if (v && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isRealDate(v))) ctx.addIssue({ code: "custom", message: `Enter ${what} as a real date` });
    })
    .transform((v) => v || null);
const optionalId = z
  .string()
  .trim()
  .nullable()
  .transform((v) => v || null);
const id = z.string().trim().min(1);
const ids = z.array(z.string().min(1));
const versioned = { id, version: z.number().int() };

// ---- Observation templates ---------------------------------------------------------------------

const templateCriterionSchema = z.object({
  /** The stored criterion's id; absent for a criterion added in this edit. */
  criterionId: z.string().optional(),
  heading: required("a heading", 120),
  label: required("the criterion", 300),
});

export const createTemplateSchema = z.object({
  name: required("a name for the template", 120),
  /** "default" (the framework-based criteria), "blank", or the id of a template to copy. */
  startFrom: z.string().min(1, "Choose how to start the template"),
});

export const updateTemplateSchema = z.object({
  ...versioned,
  name: required("a name for the template", 120),
  criteria: z.array(templateCriterionSchema).min(1, "Add at least one criterion").max(60, "A template can have up to 60 criteria"),
});

const TEMPLATE_OPERATIONS = ["archive", "restore", "make_default"] as const;
export const templateStateSchema = z.object({ ...versioned, operation: z.enum(TEMPLATE_OPERATIONS) });

// ---- Lesson observations -----------------------------------------------------------------------

const focusFields = {
  focusStrandIds: ids,
  focusAreaKeys: ids,
};

const observationFields = {
  teacherId: z.string().trim().min(1, "Select the teacher observed"),
  observerIds: ids.min(1, "Select at least one observer"),
  date: isoDate("the date of the observation"),
  classId: optionalId,
  yearGroup: z
    .enum(["", ...YEAR_GROUPS], { message: "Select a year group from the list" })
    .nullable()
    .transform((v) => v || null),
  subject: required("the subject", 100),
  ...focusFields,
  /** One per criterion: `ref` is the template criterion's id (new) or the judgement's id (edit). */
  judgements: z.array(
    z.object({
      ref: id,
      judgement: z.enum(JUDGEMENTS, { message: "Choose strength, secure, developing or not seen" }),
    }),
  ),
  strengths: text(4000),
  areasForDevelopment: text(4000),
  nextSteps: text(4000),
  followUpDate: optionalDate("the follow-up date"),
  grade: z
    .enum(["", ...LESSON_GRADES], { message: "Select a grade from the list" })
    .nullable()
    .transform((v) => v || null),
  status: z.enum(OBSERVATION_STATUSES, { message: "Choose whether to share it with the teacher now" }),
};

type DatedFollowUp = { date: string; followUpDate: string | null };
const followUpAfterDate = <T extends DatedFollowUp>(v: T) => !v.followUpDate || v.followUpDate >= v.date;
const datesValid = z.object({ date: isoDate("the date"), followUpDate: optionalDate("the follow-up date") });
// `when` lets the check run alongside other fields' errors, so every problem shows at once.
const followUpMessage = {
  path: ["followUpDate"],
  message: "The follow-up date must be on or after the observation",
  when: (p: { value: unknown }) => datesValid.safeParse(p.value).success,
};

export const observationSchema = z.object({ ...observationFields, templateId: z.string().trim().min(1, "Select a template") }).refine(followUpAfterDate, followUpMessage);

export const updateObservationSchema = z.object({ ...versioned, ...observationFields }).refine(followUpAfterDate, followUpMessage);

export const respondSchema = z
  .object({ ...versioned, response: text(4000), acknowledge: z.boolean() })
  .refine((v) => v.acknowledge || v.response.length > 0, { path: ["response"], message: "Write a response, or tick the box to acknowledge the observation" });

// ---- Learning walks, work scrutiny, pupil voice, drop-ins --------------------------------------

const activityFields = {
  type: z.enum(ACTIVITY_TYPES, { message: "Select the kind of monitoring" }),
  date: isoDate("the date"),
  leadId: z.string().trim().min(1, "Select who led it"),
  participantIds: ids,
  subject: text(100)
    .nullable()
    .transform((v) => v || null),
  classesVisited: text(300),
  ...focusFields,
  strengths: text(4000),
  areasToDevelop: text(4000),
  actions: text(4000),
};
const hasFinding = (v: { strengths: string; areasToDevelop: string }) => v.strengths.length > 0 || v.areasToDevelop.length > 0;
const findingsValid = z.object({ strengths: text(4000), areasToDevelop: text(4000) });
const findingMessage = {
  path: ["strengths"],
  message: "Record at least one strength or area to develop",
  when: (p: { value: unknown }) => findingsValid.safeParse(p.value).success,
};

export const activitySchema = z.object(activityFields).refine(hasFinding, findingMessage);
export const updateActivitySchema = z.object({ ...versioned, ...activityFields }).refine(hasFinding, findingMessage);

// ---- Governor and adviser visits ---------------------------------------------------------------

export const visitSchema = z.object({
  kind: z.enum(VISIT_KINDS, { message: "Select a governor or adviser visit" }),
  visitorId: z.string().trim().min(1, "Select who made the visit"),
  date: isoDate("the date of the visit"),
  visitType: required("the type of visit", 120),
  purpose: required("the purpose of the visit", 2000),
  ...focusFields,
  seen: text(6000),
  questions: text(4000),
  followUp: text(4000),
});

export const updateVisitSchema = visitSchema.extend(versioned);

// ---- Monitoring calendar -----------------------------------------------------------------------

export const plannedSchema = z.object({
  termId: id,
  type: z.enum(PLANNED_TYPES, { message: "Select the kind of monitoring" }),
  title: required("what is planned", 200),
  plannedDate: optionalDate("the planned date"),
  leadId: optionalId,
  strandId: optionalId,
});

export const markPlannedSchema = z.object({ ...versioned, done: z.boolean(), recordId: optionalId });
export const deletePlannedSchema = z.object(versioned);

export type ObservationInput = z.output<typeof observationSchema>;
export type UpdateObservationInput = z.output<typeof updateObservationSchema>;
export type ActivityInput = z.output<typeof activitySchema>;
export type VisitInput = z.output<typeof visitSchema>;
export type PlannedInput = z.output<typeof plannedSchema>;
export type TemplateCriterionInput = z.output<typeof templateCriterionSchema>;
