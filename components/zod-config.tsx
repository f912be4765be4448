"use client";
import { z } from "zod";

// zod 4 compiles fast parsers with `new Function`, probing for it first; under the Content Security
// Policy (no 'unsafe-eval') that probe is a violation. Parse without it in the browser.
z.config({ jitless: true });

/** Rendered once in the root layout so the setting above runs before any form parses. */
export function ZodConfig() {
  return null;
}
