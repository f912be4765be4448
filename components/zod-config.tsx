"use client";
// zod's browser setting (no `new Function` under the Content Security Policy) is made where every
// schema gets z: lib/validation/zod. Client modules that parse with zod import this for clarity.
import "@/lib/validation/zod";

/**
 * Kept for modules that import it for its effect (components/ui/use-server-form, the narrative
 * editor); never rendered from the root layout, so pages without a form load no zod at all.
 */
export function ZodConfig() {
  return null;
}
