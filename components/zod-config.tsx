"use client";
import { z } from "zod";

// zod 4 compiles fast parsers with `new Function`, probing for it first; under the Content Security
// Policy (no 'unsafe-eval') that probe is a violation. Parse without it in the browser.
z.config({ jitless: true });

/**
 * Imported for its effect by every client module that parses with zod (components/ui/use-server-form and
 * the narrative editor), never from the root layout: pages without a form then load no zod at all.
 */
export function ZodConfig() {
  return null;
}
