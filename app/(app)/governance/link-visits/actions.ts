"use server";
import { defineAction } from "@/lib/actions/define-action";
import { setLinkVisitsPerYear } from "@/lib/data/link-visits";
import { can } from "@/lib/policy";
import { linkVisitsSchema } from "@/lib/validation/meetings";

/** The head sets the visits a year expected of a strand's link governor. */
export const setLinkVisitsAction = defineAction({
  schema: linkVisitsSchema,
  authorize: ({ user }) => can(user, "meeting.edit"),
  handler: ({ input, actor }) => {
    const s = setLinkVisitsPerYear({ strandId: input.strandId, version: input.version, expected: input.expected, actor });
    return { version: s.version };
  },
  revalidate: ["/governance", "/me", "/"],
});
