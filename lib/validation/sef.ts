import "./zod";
import { z } from "zod";
import { RECORD_TYPES } from "@/db/schema/enums";

/** Shared by the SEF forms (browser) and the SEF server actions (server). */

const id = z.string().min(1, "Missing record").max(64);
const version = z.number().int().min(1);
/** Long narrative: generous, but bounded so a pasted book cannot fill the database. */
const narrative = z.string().max(20_000, "Keep this to 20,000 characters or fewer");

export const startSefSchema = z.object({ academicYearId: id });

export const restartSefSchema = z.object({ sefId: id, version });

const SEF_TEXT_FIELDS = ["overallSummary", "contextNotes"] as const;
export type SefTextField = (typeof SEF_TEXT_FIELDS)[number];

/** Autosave of the SEF's overall summary or its context notes. */
export const saveSefTextSchema = z.object({
  sefId: id,
  version,
  field: z.enum(SEF_TEXT_FIELDS),
  value: narrative,
});

/** Autosave of one area's strengths. */
export const saveSefAreaStrengthsSchema = z.object({
  areaId: id,
  version,
  strengths: narrative,
});

/** The grade must be one of the area's scale; that check needs the framework, so the server makes it. */
export const setSefAreaGradeSchema = z.object({
  areaId: id,
  version,
  grade: z.string().max(64).nullable(),
});

const pointText = z.string().trim().min(1, "Enter the area for development").max(1000, "Keep an area for development to 1,000 characters or fewer");

export const addSefDevelopmentPointSchema = z.object({ areaId: id, text: pointText });
export const updateSefDevelopmentPointSchema = z.object({ id, version, text: pointText });
export const removeSefDevelopmentPointSchema = z.object({ id, version });
export const createStrandFromPointSchema = z.object({ developmentPointId: id, version });

const httpUrl = z
  .string()
  .trim()
  .min(1, "Enter the link")
  .max(2000, "Keep the link to 2,000 characters or fewer")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a full web address starting with https://");

const documentLabel = z.string().trim().min(1, "Enter a label for the document").max(200, "Keep the label to 200 characters or fewer");

/** Evidence is a record of the app (its label is made on the server) or a document link the user labels. */
export const addSefEvidenceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("record"),
    areaId: id,
    targetType: z.enum(RECORD_TYPES).refine((t) => t !== "document" && t !== "sef_area", "Choose the evidence"),
    targetId: z.string().min(1, "Choose the evidence").max(64),
  }),
  z.object({
    kind: z.literal("document"),
    areaId: id,
    label: documentLabel,
    url: httpUrl,
  }),
]);

export const removeSefEvidenceSchema = z.object({ linkId: id });

export const publishSefSchema = z.object({
  sefId: id,
  /** The fingerprint of the draft the head read: publishing something else would be a silent overwrite. */
  draftStamp: z.string().min(1).max(128),
  note: z.string().trim().max(500, "Keep the note to 500 characters or fewer").optional().default(""),
});
