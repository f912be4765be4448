import { z } from "zod";
import { RECORD_TYPES } from "@/db/schema/enums";

/**
 * The frozen form of a SEF: what a publication stores in sef_versions.snapshot, and what the draft is
 * turned into for display, comparison and export. Everything a reader needs is copied in (area names,
 * grade labels, evidence labels, computed context), so later changes to the framework file, the plan or
 * pupil data never alter what was published.
 */
export const SNAPSHOT_FORMAT = 1;

const tone = z.enum(["blue", "green", "amber", "red", "grey"]);

const contextGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  pct: z.number(),
});

/** Numbers on roll and group percentages, computed from the pupils table (null when there is no pupil data). */
const schoolContextSchema = z
  .object({
    onRoll: z.number().int(),
    groups: z.array(contextGroupSchema),
  })
  .nullable();

const snapshotAreaSchema = z.object({
  key: z.string(),
  name: z.string(),
  scaleType: z.enum(["ordinal", "binary"]),
  grade: z.string().nullable(),
  gradeLabel: z.string().nullable(),
  gradeTone: tone.nullable(),
  gradeRank: z.number().int().nullable(),
  strengths: z.string(),
  developmentPoints: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      strands: z.array(z.object({ id: z.string(), title: z.string() })),
    }),
  ),
  evidence: z.array(
    z.object({
      targetType: z.enum(RECORD_TYPES),
      targetId: z.string().nullable(),
      label: z.string(),
      href: z.string().nullable(),
    }),
  ),
});

export const sefSnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  academicYear: z.string(),
  framework: z.object({ id: z.string(), name: z.string() }),
  overallSummary: z.string(),
  contextNotes: z.string(),
  context: schoolContextSchema,
  areas: z.array(snapshotAreaSchema),
});

export type SchoolContext = z.infer<typeof schoolContextSchema>;
export type SefSnapshotArea = z.infer<typeof snapshotAreaSchema>;
export type SefSnapshot = z.infer<typeof sefSnapshotSchema>;
export type GradeTone = z.infer<typeof tone>;
