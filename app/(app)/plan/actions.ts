"use server";
import { defineAction } from "@/lib/actions/define-action";
import {
  addReviewComment,
  carryForwardStrand,
  createCriterion,
  createMilestone,
  createPlanAction,
  createStrand,
  deleteCriterion,
  deleteMilestone,
  deletePlanAction,
  deleteStrand,
  findPlanAction,
  recordCriterionValue,
  saveReview,
  updateCriterion,
  updateMilestone,
  updatePlanAction,
  updatePlanActionProgress,
  updateStrand,
} from "@/lib/data/sip";
import { notifyEvent } from "@/lib/notify/events";
import { can } from "@/lib/policy";
import {
  carryForwardSchema,
  createCriterionSchema,
  createMilestoneSchema,
  createPlanActionSchema,
  createStrandSchema,
  criterionRefSchema,
  criterionValueSchema,
  milestoneRefSchema,
  planActionProgressSchema,
  planActionRefSchema,
  poundsToPence,
  reviewCommentSchema,
  reviewSchema,
  strandRefSchema,
  updateCriterionSchema,
  updateMilestoneSchema,
  updatePlanActionSchema,
  updateStrandSchema,
} from "@/lib/validation/sip";

/*
 * The improvement plan's server actions. Leaders (plan.edit) shape the plan; an action's owner may
 * update its status and notes (plan.action.progress, "own" for staff); leaders write reviews
 * (review.edit); governors and leaders comment on them (review.comment).
 */

const REVALIDATE = ["/plan", "/me", "/"];
const canEditPlan = ({ user }: { user: Parameters<typeof can>[0] }) => can(user, "plan.edit");

// ---- Strands ----

export const createStrandAction = defineAction({
  schema: createStrandSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { academicYearId, ...values }, actor }) => {
    const s = createStrand({ academicYearId, values, actor });
    return { id: s.id, version: s.version };
  },
});

export const updateStrandAction = defineAction({
  schema: updateStrandSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { id, version, ...values }, actor }) => {
    const s = updateStrand({ id, version, values, actor });
    return { id: s.id, version: s.version };
  },
});

export const deleteStrandAction = defineAction({
  schema: strandRefSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input, actor }) => {
    deleteStrand({ ...input, actor });
    return { deleted: true };
  },
});

export const carryForwardStrandAction = defineAction({
  schema: carryForwardSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input, actor }) => {
    const s = carryForwardStrand({ id: input.id, actor });
    return { id: s.id };
  },
});

// ---- Success criteria ----

export const createCriterionAction = defineAction({
  schema: createCriterionSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { strandId, ...values }, actor }) => {
    const c = createCriterion({ strandId, values, actor });
    return { id: c.id, version: c.version };
  },
});

export const updateCriterionAction = defineAction({
  schema: updateCriterionSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { id, version, ...values }, actor }) => {
    const c = updateCriterion({ id, version, values, actor });
    return { id: c.id, version: c.version };
  },
});

export const deleteCriterionAction = defineAction({
  schema: criterionRefSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input, actor }) => {
    deleteCriterion({ ...input, actor });
    return { deleted: true };
  },
});

export const recordCriterionValueAction = defineAction({
  schema: criterionValueSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input, actor }) => {
    const v = recordCriterionValue({ ...input, value: input.value ?? 0, actor });
    return { id: v.id, version: v.version };
  },
});

// ---- Actions (tasks in the plan) ----

export const createPlanActionAction = defineAction({
  schema: createPlanActionSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { strandId, cost, ...values }, actor, user }) => {
    const a = createPlanAction({ strandId, values: { ...values, costPence: poundsToPence(cost) }, actor });
    notifyEvent.actionAssigned({ actionId: a.id, byUserId: user.id });
    return { id: a.id, version: a.version };
  },
});

export const updatePlanActionAction = defineAction({
  schema: updatePlanActionSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { id, version, cost, ...values }, actor, user }) => {
    const ownerBefore = findPlanAction({ id })?.ownerId ?? null;
    const a = updatePlanAction({ id, version, values: { ...values, costPence: poundsToPence(cost) }, actor });
    if (a.ownerId !== ownerBefore) notifyEvent.actionAssigned({ actionId: a.id, byUserId: user.id });
    return { id: a.id, version: a.version };
  },
});

/** Status and notes: leaders on any action, staff only on the actions they own. */
export const updatePlanActionProgressAction = defineAction({
  schema: planActionProgressSchema,
  authorize: ({ user, input }) => {
    const action = findPlanAction({ id: input.id });
    // A missing action: leaders get "not found" from the handler; others learn nothing.
    if (!action) return can(user, "plan.action.progress");
    return can(user, "plan.action.progress", action.ownerId === user.id);
  },
  revalidate: REVALIDATE,
  handler: ({ input, actor }) => {
    const a = updatePlanActionProgress({ ...input, actor });
    return { id: a.id, version: a.version, status: a.status };
  },
});

export const deletePlanActionAction = defineAction({
  schema: planActionRefSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input, actor }) => {
    deletePlanAction({ ...input, actor });
    return { deleted: true };
  },
});

// ---- Milestones ----

const metValue = (met: "" | "met" | "not_met") => (met === "" ? null : met === "met");

export const createMilestoneAction = defineAction({
  schema: createMilestoneSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { strandId, met, ...values }, actor }) => {
    const m = createMilestone({ strandId, values: { ...values, met: metValue(met) }, actor });
    return { id: m.id, version: m.version };
  },
});

export const updateMilestoneAction = defineAction({
  schema: updateMilestoneSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input: { id, version, met, ...values }, actor }) => {
    const m = updateMilestone({ id, version, values: { ...values, met: metValue(met) }, actor });
    return { id: m.id, version: m.version };
  },
});

export const deleteMilestoneAction = defineAction({
  schema: milestoneRefSchema,
  authorize: canEditPlan,
  revalidate: REVALIDATE,
  handler: ({ input, actor }) => {
    deleteMilestone({ ...input, actor });
    return { deleted: true };
  },
});

// ---- Reviews ----

export const saveReviewAction = defineAction({
  schema: reviewSchema,
  authorize: ({ user }) => can(user, "review.edit"),
  revalidate: REVALIDATE,
  handler: ({ input: { strandId, termId, id, version, evidenceKeys, evidenceUrls, ...values }, actor }) => {
    const r = saveReview({ strandId, termId, id, version, values, evidenceKeys, evidenceUrls, actor });
    return { id: r.id, version: r.version };
  },
});

export const addReviewCommentAction = defineAction({
  schema: reviewCommentSchema,
  authorize: ({ user }) => can(user, "review.comment"),
  revalidate: REVALIDATE,
  handler: ({ input, user }) => {
    const c = addReviewComment({ reviewId: input.reviewId, body: input.body, actor: { id: user.id, name: user.name } });
    return { id: c.id };
  },
});
