import "./zod";
import { z } from "zod";
import { REPORT_SECTIONS } from "@/db/schema/enums";

export const NARRATIVE_MAX = 10000;

const termKey = z.string().regex(/^\d{4}-\d{2}:(autumn|spring|summer)$/, "Choose a term");
/** A section of SPEC §3.7, or "plan:<strandId>" for one strand's narrative. */
export const sectionKey = z.union([z.enum(REPORT_SECTIONS), z.string().regex(/^plan:[A-Za-z0-9-]{1,64}$/)], { message: "Choose a section" });

/** One section's narrative, saved as the head types (autosave), with the version it was loaded at. */
export const narrativeSchema = z.object({
  termKey,
  sectionKey,
  body: z.string().max(NARRATIVE_MAX, `The narrative must be ${NARRATIVE_MAX.toLocaleString("en-GB")} characters or fewer`),
  version: z.number().int().min(0),
});
export type NarrativeInput = z.input<typeof narrativeSchema>;

export const publishSchema = z.object({
  termKey,
  version: z.number().int().min(0),
  confirm: z.literal(true, { message: "Confirm that the report is ready to send to governors" }),
});
export type PublishInput = z.input<typeof publishSchema>;
