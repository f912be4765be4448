"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth/config";

/** Ends the session. Any signed-in user may sign themselves out. */
export const signOutAction = defineAction({
  schema: z.object({}),
  authorize: () => true,
  duringAccountSetup: true,
  handler: async () => {
    await signOut({ redirectTo: "/sign-in" });
  },
});
