import "./zod";
import { z } from "zod";
import { REPORT_SECTIONS, REPORT_SECTION_MARKS } from "@/db/schema/enums";
import { TARGET_PAGES_MAX, TARGET_PAGES_MIN } from "@/lib/report/format";

const NARRATIVE_MAX = 10000;

const termKey = z.string().regex(/^\d{4}-\d{2}:(autumn|spring|summer)$/, "Choose a term");
/** A section of SPEC §3.7, or "plan:<strandId>" for one strand's narrative. */
const sectionKey = z.union([z.enum(REPORT_SECTIONS), z.string().regex(/^plan:[A-Za-z0-9-]{1,64}$/)], { message: "Choose a section" });

/** One section's narrative, saved as the head types (autosave), with the version it was loaded at. */
export const narrativeSchema = z.object({
  termKey,
  sectionKey,
  body: z.string().max(NARRATIVE_MAX, `The narrative must be ${NARRATIVE_MAX.toLocaleString("en-GB")} characters or fewer`),
  version: z.number().int().min(0),
});

export const publishSchema = z.object({
  termKey,
  version: z.number().int().min(0),
  confirm: z.boolean().refine((ticked) => ticked, { message: "Confirm that the report is ready to send to governors" }),
});

/**
 * The board's format: every section once, in the board's order, each included or not and marked for
 * decision, discussion or information; and a target length in A4 pages.
 */
export const formatSchema = z.object({
  version: z.number().int().min(0),
  targetPages: z
    .number({ message: "Enter the target length as a whole number of pages" })
    .int("Enter the target length as a whole number of pages")
    .min(TARGET_PAGES_MIN, `The target length must be at least ${TARGET_PAGES_MIN} pages`)
    .max(TARGET_PAGES_MAX, `The target length must be ${TARGET_PAGES_MAX} pages or fewer`),
  sections: z
    .array(z.object({ key: z.enum(REPORT_SECTIONS), include: z.boolean(), mark: z.enum(REPORT_SECTION_MARKS, { message: "Choose how the section is put to the board" }) }))
    .length(REPORT_SECTIONS.length, "List every section once")
    .refine((xs) => new Set(xs.map((x) => x.key)).size === xs.length, "List every section once")
    .refine((xs) => xs.some((x) => x.include), "Choose at least one section for the report"),
});
