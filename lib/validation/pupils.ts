import { z } from "zod";

export const IMPORT_KINDS = ["pupils", "assessments", "attendance", "suspensions"] as const;
export type ImportKindInput = (typeof IMPORT_KINDS)[number];

/**
 * The largest file the browser may send (characters). A large school's whole year of results is about
 * 2 MB; the server's action body limit (next.config.js) leaves room above this.
 */
export const MAX_IMPORT_CHARS = 8_000_000;

/**
 * An import from the browser: what the file holds, its text (read in the browser) and, for pupils, the
 * academic year they belong to. Shared by the form and the server actions.
 */
export const importSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS, { error: "Choose what the file contains" }),
    academicYear: z.string().trim(),
    csv: z
      .string({ error: "Choose a CSV file" })
      .min(1, "Choose a CSV file")
      .max(MAX_IMPORT_CHARS, "The file is larger than 8 MB: split it into smaller files, or import it with the command line"),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "pupils") return;
    const m = /^(\d{4})-(\d{2})$/.exec(v.academicYear);
    if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) {
      ctx.addIssue({ code: "custom", path: ["academicYear"], message: "Enter the academic year like 2025-26" });
    }
  });

export type ImportInput = z.input<typeof importSchema>;

/** The pupil list's filters, from the query string (anything unknown is ignored, never an error). */
export const pupilFilterSchema = z.object({
  year: z.string().regex(/^\d{4}-\d{2}$/).optional().catch(undefined),
  yg: z.string().regex(/^(R|Y\d{1,2})$/).optional().catch(undefined),
  class: z.string().max(64).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  flag: z.enum(["disadvantaged", "fsm", "sen", "eal", "looked_after"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
