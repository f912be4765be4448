"use server";
import { defineAction } from "@/lib/actions/define-action";
import { answerChallenge, createChallenge, findChallenge, setChallengeStatus } from "@/lib/data/governance";
import { notifyEvent } from "@/lib/notify/events";
import { can } from "@/lib/policy";
import { challengeAnswerSchema, challengeCreateSchema, challengeStatusSchema, RAISER_STATUSES } from "@/lib/validation/governance";

/** A governor (or the head, for a question raised at a meeting) records a challenge question. */
export const createChallengeAction = defineAction({
  schema: challengeCreateSchema,
  authorize: ({ user }) => can(user, "challenge.create"),
  handler: ({ user, input, actor }) => {
    const c = createChallenge({ input, raisedById: user.id, actor });
    notifyEvent.challengeAssigned({ challengeId: c.id, byUserId: user.id });
    return { id: c.id };
  },
  revalidate: ["/governance", "/reports", "/me"],
});

/** A leader answers a question. */
export const answerChallengeAction = defineAction({
  schema: challengeAnswerSchema,
  authorize: ({ user }) => can(user, "challenge.answer"),
  handler: ({ user, input, actor }) => {
    const c = answerChallenge({ ...input, answeredById: user.id, actor });
    notifyEvent.challengeAnswered({ challengeId: c.id, byUserId: user.id });
    notifyEvent.challengeAssigned({ challengeId: c.id, byUserId: user.id });
    return { id: c.id, version: c.version, status: c.status };
  },
  revalidate: ["/governance", "/reports", "/me"],
});

/**
 * Moves a question on. Leaders may set any status; the governor who asked may say the answer needs
 * follow-up or close it, because only they can judge whether it satisfied them.
 */
export const setChallengeStatusAction = defineAction({
  schema: challengeStatusSchema,
  authorize: ({ user, input }) => {
    if (can(user, "challenge.answer")) return true;
    const c = findChallenge({ id: input.id });
    if (!c) return false;
    return can(user, "challenge.create") && c.raisedById === user.id && (RAISER_STATUSES as readonly string[]).includes(input.status);
  },
  handler: ({ input, actor }) => {
    const c = setChallengeStatus({ ...input, actor });
    return { id: c.id, version: c.version, status: c.status };
  },
  revalidate: ["/governance", "/reports", "/me"],
});
