"use server";
import { defineAction } from "@/lib/actions/define-action";
import { findEvidenceLink } from "@/lib/data/evidence";
import {
  addDevelopmentPoint,
  addSefEvidence,
  createStrandFromDevelopmentPoint,
  publishSef,
  removeDevelopmentPoint,
  removeSefEvidence,
  restartSefUnderFramework,
  startSef,
  updateDevelopmentPoint,
  updateSefArea,
  updateSefText,
} from "@/lib/data/sef";
import { can } from "@/lib/policy";
import {
  addSefDevelopmentPointSchema,
  addSefEvidenceSchema,
  createStrandFromPointSchema,
  publishSefSchema,
  removeSefDevelopmentPointSchema,
  removeSefEvidenceSchema,
  restartSefSchema,
  saveSefAreaStrengthsSchema,
  saveSefTextSchema,
  setSefAreaGradeSchema,
  startSefSchema,
  updateSefDevelopmentPointSchema,
} from "@/lib/validation/sef";

/*
 * The SEF's server actions. Drafts are edited by the head and senior leaders (sef.draft.edit); only
 * the head publishes (sef.publish) or restarts the SEF under a new framework. Staff, governors and
 * advisers are refused every one of these, whatever request they forge.
 */

const SEF_PATHS = ["/sef"];

export const startSefAction = defineAction({
  schema: startSefSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => {
    const sef = startSef({ academicYearId: input.academicYearId, actor });
    return { sefId: sef.id };
  },
  revalidate: SEF_PATHS,
});

export const restartSefUnderFrameworkAction = defineAction({
  schema: restartSefSchema,
  authorize: ({ user }) => can(user, "sef.publish"),
  handler: ({ input, actor }) => {
    const sef = restartSefUnderFramework({ sefId: input.sefId, version: input.version, actor });
    return { version: sef.version };
  },
  revalidate: SEF_PATHS,
});

/** Autosave: no revalidation, so the editor the user is typing in is not re-rendered under them. */
export const saveSefTextAction = defineAction({
  schema: saveSefTextSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => updateSefText({ sefId: input.sefId, version: input.version, field: input.field, value: input.value, actor }),
  revalidate: [],
});

export const saveSefAreaStrengthsAction = defineAction({
  schema: saveSefAreaStrengthsSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => updateSefArea({ areaId: input.areaId, version: input.version, changes: { strengths: input.strengths }, actor }),
  revalidate: [],
});

export const setSefAreaGradeAction = defineAction({
  schema: setSefAreaGradeSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => updateSefArea({ areaId: input.areaId, version: input.version, changes: { grade: input.grade || null }, actor }),
  revalidate: [],
});

export const addSefDevelopmentPointAction = defineAction({
  schema: addSefDevelopmentPointSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => {
    const p = addDevelopmentPoint({ areaId: input.areaId, text: input.text, actor });
    return { id: p.id, version: p.version, text: p.text };
  },
  revalidate: SEF_PATHS,
});

export const updateSefDevelopmentPointAction = defineAction({
  schema: updateSefDevelopmentPointSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => {
    const p = updateDevelopmentPoint({ id: input.id, version: input.version, text: input.text, actor });
    return { id: p.id, version: p.version, text: p.text };
  },
  revalidate: SEF_PATHS,
});

export const removeSefDevelopmentPointAction = defineAction({
  schema: removeSefDevelopmentPointSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => {
    removeDevelopmentPoint({ id: input.id, version: input.version, actor });
    return { id: input.id };
  },
  revalidate: SEF_PATHS,
});

/** Adds a plan strand, so it needs the right to edit the plan as well as the SEF. */
export const createStrandFromSefPointAction = defineAction({
  schema: createStrandFromPointSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit") && can(user, "plan.edit"),
  handler: ({ input, actor }) => {
    const r = createStrandFromDevelopmentPoint({ developmentPointId: input.developmentPointId, version: input.version, actor });
    return { ...r, href: `/plan/strands/${r.strandId}` };
  },
  revalidate: ["/sef", "/plan"],
});

export const addSefEvidenceAction = defineAction({
  schema: addSefEvidenceSchema,
  authorize: ({ user }) => can(user, "sef.draft.edit"),
  handler: ({ input, actor }) => {
    const target =
      input.kind === "document"
        ? { targetType: "document" as const, label: input.label, url: input.url }
        : { targetType: input.targetType as Exclude<typeof input.targetType, "document">, targetId: input.targetId };
    return addSefEvidence({ areaId: input.areaId, target, actor });
  },
  revalidate: SEF_PATHS,
});

export const removeSefEvidenceAction = defineAction({
  schema: removeSefEvidenceSchema,
  // Only citations made by SEF areas: this action must not become a way to edit other records' evidence.
  authorize: ({ user, input }) => can(user, "sef.draft.edit") && isSefLink(input.linkId),
  handler: ({ input, actor }) => {
    removeSefEvidence({ linkId: input.linkId, actor });
    return { id: input.linkId };
  },
  revalidate: SEF_PATHS,
});

function isSefLink(linkId: string) {
  const link = findEvidenceLink({ id: linkId });
  // A link that does not exist is left to the handler, which answers "not found".
  return !link || link.ownerType === "sef_area";
}

export const publishSefAction = defineAction({
  schema: publishSefSchema,
  authorize: ({ user }) => can(user, "sef.publish"),
  handler: ({ input, actor, user }) => {
    const v = publishSef({ sefId: input.sefId, draftStamp: input.draftStamp, note: input.note, actor: { ...actor, id: user.id } });
    return { number: v.number };
  },
  revalidate: SEF_PATHS,
});
