import "./zod";
import { z } from "zod";
import { ACTION_STATUSES, CRITERION_KINDS, CRITERION_METRICS, isAttendanceMetric, PUPIL_GROUPS, RAGS, TERM_NAMES, YEAR_GROUPS } from "@/db/schema/enums";

/*
 * The improvement plan's forms. Each schema validates in the browser (react-hook-form) and again in
 * the server action. The browser sends the schema's *output* to the action, which parses it again, so
 * every transform here is idempotent: a parsed value is itself valid input (numbers stay numbers,
 * "" and null both mean "not given").
 */

const recordId = z.string().trim().min(1, "Missing record id");
const version = z.number().int().min(1);
const requiredText = (what: string, max: number) => z.string().trim().min(1, `Enter ${what}`).max(max, `Must be ${max} characters or fewer`);
const longText = (max = 5000) => z.string().trim().max(max, `Must be ${max} characters or fewer`);

/** An optional choice from a select: "" or null → null. */
const optionalId = z.union([z.string(), z.null()]).transform((v) => (v && v.trim() ? v.trim() : null));
const requiredChoice = (message: string) => z.string({ message }).trim().min(1, message);

/** Checkbox groups give an array, a single checkbox its value or false: always an array here. */
const idList = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : []), z.array(z.string().min(1)));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function realDate(v: string) {
  if (!ISO_DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const optionalDate = (what: string) =>
  z.union([z.string(), z.null()]).transform((v, ctx) => {
    const s = v?.trim() ?? "";
    if (!s) return null;
    if (!realDate(s)) {
      ctx.addIssue({ code: "custom", message: `Enter ${what} as a real date` });
      return z.NEVER;
    }
    return s;
  });
const requiredDate = (what: string) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .refine(realDate, `Enter ${what} as a real date`);

/** A decimal typed as text ("71.5", "-18", "96.2%") or already a number; "" → null. */
const optionalDecimal = (what: string) =>
  z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
    if (v === null) return null;
    if (typeof v === "number") {
      if (Number.isFinite(v)) return v;
      ctx.addIssue({ code: "custom", message: `Enter ${what} as a number` });
      return z.NEVER;
    }
    const s = v.trim().replace(/,/g, "").replace(/%$/, "").replace(/^−/, "-").trim();
    if (s === "") return null;
    if (!/^-?\d+(\.\d+)?$/.test(s)) {
      ctx.addIssue({ code: "custom", message: `Enter ${what} as a number, like 71.5` });
      return z.NEVER;
    }
    const n = Number(s);
    if (Math.abs(n) > 1_000_000) {
      ctx.addIssue({ code: "custom", message: `${what[0]!.toUpperCase()}${what.slice(1)} is too large` });
      return z.NEVER;
    }
    return n;
  });

/** Pounds typed as "£1,250.50" or a number of pounds; "" → 0. The data layer stores whole pence. */
const pounds = z.union([z.number(), z.string(), z.null()]).transform((v, ctx) => {
  const s = v === null ? "" : typeof v === "number" ? String(v) : v.trim().replace(/^£/, "").replace(/,/g, "").trim();
  if (s === "") return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) {
    ctx.addIssue({ code: "custom", message: "Enter the cost in pounds, like 1250 or 1,250.50" });
    return z.NEVER;
  }
  const n = Number(s);
  if (n > 10_000_000) {
    ctx.addIssue({ code: "custom", message: "The cost must be £10,000,000 or less" });
    return z.NEVER;
  }
  return n;
});

/** Pounds (as parsed above) to whole pence, without floating-point drift. */
export function poundsToPence(pounds: number): number {
  return Math.round(pounds * 100);
}

// ---- Strands -------------------------------------------------------------------------------------

const strandShape = z.object({
  title: requiredText("a title for the strand", 200),
  rationale: longText(4000),
  areaKeys: idList,
  developmentPointIds: idList,
  leadId: requiredChoice("Select the strand's lead"),
  linkGovernorId: optionalId,
});

function checkSefLinks(v: { areaKeys: string[]; developmentPointIds: string[] }, ctx: z.RefinementCtx) {
  if (v.areaKeys.length === 0 && v.developmentPointIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["areaKeys"], message: "Select at least one SEF area this strand answers" });
  }
}

export const createStrandSchema = strandShape.extend({ academicYearId: recordId }).superRefine(checkSefLinks);
export const updateStrandSchema = strandShape.extend({ id: recordId, version }).superRefine(checkSefLinks);
export const strandRefSchema = z.object({ id: recordId, version });
export const carryForwardSchema = z.object({ id: recordId });

// ---- Success criteria ------------------------------------------------------------------------------

const criterionShape = z.object({
  kind: z.enum(CRITERION_KINDS, { message: "Select whether the criterion is measurable" }),
  description: requiredText("what success looks like", 500),
  isHeadline: z.boolean(),
  metric: z.union([z.enum(CRITERION_METRICS), z.literal(""), z.null()]).transform((v) => v || null),
  yearGroup: z.union([z.enum(YEAR_GROUPS), z.literal(""), z.null()]).transform((v) => v || null),
  subject: optionalId,
  pupilGroup: z.union([z.enum(PUPIL_GROUPS), z.literal(""), z.null()]).transform((v) => v || null),
  unit: z.union([z.string().trim().max(20, "Must be 20 characters or fewer"), z.null()]).transform((v) => v || null),
  baseline: optionalDecimal("the baseline"),
  target: optionalDecimal("the target"),
  lowerIsBetter: z.boolean(),
  dueTermId: optionalId,
});

type CriterionShape = z.output<typeof criterionShape>;

/**
 * What a measurable criterion needs: a metric, the year group and subject for attainment metrics, a
 * baseline and a target. A narrative criterion keeps none of the metric fields.
 */
function checkCriterion(v: CriterionShape, ctx: z.RefinementCtx) {
  if (v.kind !== "measurable") return;
  const need = (field: keyof CriterionShape, message: string) => {
    if (v[field] === null || v[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message });
  };
  need("metric", "Select what the criterion measures");
  if (isAttendanceMetric(v.metric)) {
    // Attendance metrics: the whole school (no year group) or one year group, and a pupil group.
    need("pupilGroup", "Select the pupil group");
  } else if (v.metric && v.metric !== "manual") {
    need("yearGroup", "Select the year group");
    need("subject", "Select the subject");
    if (v.metric !== "disadvantaged_gap") need("pupilGroup", "Select the pupil group");
  }
  need("baseline", "Enter the baseline");
  need("target", "Enter the target");
  need("dueTermId", "Select the term by which the target is due");
}

/** Clears the metric fields a criterion's kind and metric do not use, so stale values are not stored. */
function normaliseCriterion<T extends CriterionShape>(v: T): T {
  if (v.kind === "narrative") {
    return { ...v, metric: null, yearGroup: null, subject: null, pupilGroup: null, unit: null, baseline: null, target: null, lowerIsBetter: false };
  }
  if (v.metric === "manual") return { ...v, yearGroup: null, subject: null, pupilGroup: null };
  if (v.metric === "disadvantaged_gap") return { ...v, pupilGroup: null, unit: null };
  if (v.metric === "suspensions") return { ...v, yearGroup: null, subject: null, unit: null };
  if (isAttendanceMetric(v.metric)) return { ...v, subject: null, unit: null };
  return { ...v, unit: null };
}

export const criterionFieldsSchema = criterionShape.superRefine(checkCriterion).transform(normaliseCriterion);
export const createCriterionSchema = criterionShape.extend({ strandId: recordId }).superRefine(checkCriterion).transform(normaliseCriterion);
export const updateCriterionSchema = criterionShape.extend({ id: recordId, version }).superRefine(checkCriterion).transform(normaliseCriterion);
export const criterionRefSchema = z.object({ id: recordId, version });

export const criterionValueSchema = z.object({
  criterionId: recordId,
  termId: requiredChoice("Select the term"),
  value: optionalDecimal("the value").refine((v) => v !== null, "Enter the value"),
  note: longText(500),
  /** The version of the value being replaced, or null when recording the term's first value. */
  version: z.union([version, z.null()]),
});

// ---- Actions (tasks in the plan) -----------------------------------------------------------------

const planActionShape = z.object({
  description: requiredText("what will be done", 1000),
  ownerId: requiredChoice("Select who owns this action"),
  supporterIds: idList,
  startDate: optionalDate("the start date"),
  dueDate: optionalDate("the due date"),
  cost: pounds,
  resources: longText(2000),
  monitoring: longText(2000),
  monitoredById: optionalId,
  status: z.enum(ACTION_STATUSES, { message: "Select the status" }),
  notes: longText(4000),
});

function checkDates(v: { startDate: string | null; dueDate: string | null }, ctx: z.RefinementCtx) {
  if (v.startDate && v.dueDate && v.dueDate < v.startDate) {
    ctx.addIssue({ code: "custom", path: ["dueDate"], message: "The due date must be on or after the start date" });
  }
}

export const createPlanActionSchema = planActionShape.extend({ strandId: recordId }).superRefine(checkDates);
export const updatePlanActionSchema = planActionShape.extend({ id: recordId, version }).superRefine(checkDates);
export const planActionRefSchema = z.object({ id: recordId, version });

/** What an action's owner may change: its status and notes. */
export const planActionProgressSchema = z.object({
  id: recordId,
  version,
  status: z.enum(ACTION_STATUSES, { message: "Select the status" }),
  notes: longText(4000),
});

// ---- Milestones ----------------------------------------------------------------------------------

const milestoneShape = z.object({
  term: z.enum(TERM_NAMES, { message: "Select the term" }),
  description: requiredText("what should be true by the end of the term", 1000),
  met: z.enum(["", "met", "not_met"], { message: "Select whether it was met" }),
});
export const createMilestoneSchema = milestoneShape.extend({ strandId: recordId });
export const updateMilestoneSchema = milestoneShape.extend({ id: recordId, version });
export const milestoneRefSchema = z.object({ id: recordId, version });

// ---- Reviews -------------------------------------------------------------------------------------

const evidenceUrlSchema = z.object({
  label: z.string().trim().max(200, "Must be 200 characters or fewer"),
  url: z.string().trim().max(2000, "Must be 2000 characters or fewer"),
});

export const reviewSchema = z
  .object({
    strandId: recordId,
    termId: recordId,
    /** Null when writing the term's first review; the version read when editing one. */
    id: z.union([recordId, z.null()]),
    version: z.union([version, z.null()]),
    rag: z.enum(RAGS, { message: "Select a RAG rating" }),
    progress: requiredText("the progress made this term", 5000),
    impact: longText(5000),
    nextSteps: longText(5000),
    reviewerId: requiredChoice("Select who reviewed the strand"),
    reviewedOn: requiredDate("the date of the review"),
    /** Monitoring records and data summaries offered for this strand and term, as "type:id". */
    evidenceKeys: idList,
    evidenceUrls: z.array(evidenceUrlSchema).max(10, "Add at most 10 links"),
  })
  .superRefine((v, ctx) => {
    v.evidenceUrls.forEach((e, i) => {
      if (!e.label && !e.url) return;
      if (!e.label) ctx.addIssue({ code: "custom", path: ["evidenceUrls", i, "label"], message: "Enter what the link shows" });
      if (!/^https?:\/\/[^\s]+$/i.test(e.url)) ctx.addIssue({ code: "custom", path: ["evidenceUrls", i, "url"], message: "Enter a web address starting with https://" });
    });
  })
  .transform((v) => ({ ...v, evidenceUrls: v.evidenceUrls.filter((e) => e.label || e.url) }));

export const reviewCommentSchema = z.object({
  reviewId: recordId,
  body: requiredText("your comment", 2000),
});
