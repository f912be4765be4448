import "server-only";
import type { Role } from "@/db/schema";
import { nowIso } from "@/lib/clock";

/** Who is asking: enough for the policy to decide. */
export type Viewer = { id: string; role: Role };

export const now = nowIso;
