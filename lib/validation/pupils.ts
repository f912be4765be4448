import "./zod";
import { z } from "zod";
import { IMPORT_MAPPING_KINDS, TERM_NAMES } from "@/db/schema/enums";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import { importMappingSchema } from "@/lib/import/mapping";

const IMPORT_KINDS = ["pupils", "assessments", "ctf", "attendance", "suspensions"] as const;

/**
 * The largest file the browser may send (characters of CSV text, or bytes of a file). A large school's
 * whole year of results is about 2 MB; the server's action body limit (next.config.js) leaves room for
 * this much sent as base64.
 */
const MAX_IMPORT_CHARS = 8_000_000;
const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

const academicYearOk = (v: string) => {
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
};

/**
 * An import from the browser: what the file holds, the file itself (its bytes as base64, so the server
 * can detect the encoding or read a workbook; `csv` text is accepted too), the academic year (pupils,
 * a CTF, and a marksheet's results) and term (a marksheet's results), the workbook sheet, and the
 * mapping: a saved one by name, or one made in the mapping step. Shared by the form and the actions.
 */
export const importSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS, { error: "Choose what the file contains" }),
    academicYear: z.string().trim(),
    term: z.enum(["", ...TERM_NAMES]).default(""),
    csv: z.string().max(MAX_IMPORT_CHARS, "The file is larger than 8 MB: split it into smaller files, or import it with the command line").default(""),
    data: z
      .string()
      .max(MAX_BASE64, "The file is larger than 8 MB: split it into smaller files, or import it with the command line")
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "The file could not be sent: choose it again")
      .default(""),
    fileName: z.string().max(255).default(""),
    sheet: z.string().trim().max(100).default(""),
    mappingName: z.string().trim().max(80).default(""),
    mapping: importMappingSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.csv === "" && v.data === "") ctx.addIssue({ code: "custom", path: ["csv"], message: "Choose a file" });
    if (v.kind === "attendance" || v.kind === "suspensions") return;
    if (v.kind === "assessments") {
      if (v.academicYear !== "" && !academicYearOk(v.academicYear)) ctx.addIssue({ code: "custom", path: ["academicYear"], message: "Enter the academic year like 2025-26" });
      return;
    }
    if (!academicYearOk(v.academicYear)) ctx.addIssue({ code: "custom", path: ["academicYear"], message: "Enter the academic year like 2025-26" });
  });

/** Saving the mapping made in the mapping step under a name, for the next import of that kind. */
export const saveMappingSchema = z.object({
  kind: z.enum(IMPORT_MAPPING_KINDS),
  name: z.string().trim().min(1, "Enter a name for the mapping").max(80, "Use at most 80 characters"),
  mapping: importMappingSchema,
});

export type ImportInput = z.input<typeof importSchema>;

/** The pupil list's filters, from the query string (anything unknown is ignored, never an error). */
export const pupilFilterSchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
  yg: z
    .string()
    .regex(/^(R|Y\d{1,2})$/)
    .optional()
    .catch(undefined),
  class: z.string().max(64).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  flag: z.enum(["disadvantaged", "fsm", "sen", "eal", "looked_after"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
