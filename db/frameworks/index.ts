import { z } from "zod";

/**
 * Inspection frameworks are data: each *.json file in this folder is one framework. Adding a framework
 * is adding a file; no code changes. Every file is validated against this schema when loaded.
 */
export const frameworkSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string().min(1),
  regulator: z.string(),
  inForceFrom: z.string().nullable(),
  inForceTo: z.string().nullable(),
  overallGrade: z.boolean(),
  scales: z
    .array(
      z.object({
        id: z.string(),
        type: z.enum(["ordinal", "binary"]),
        grades: z
          .array(
            z.object({
              id: z.string(),
              label: z.string(),
              rank: z.number().int(),
              tone: z.enum(["blue", "green", "amber", "red", "grey"]),
            }),
          )
          .min(2),
      }),
    )
    .min(1),
  areas: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        scaleId: z.string(),
        /** "always", or only where the school has that provision. */
        appliesTo: z.enum(["always", "early_years", "sixth_form"]),
        prompts: z.array(z.string()),
        sources: z.array(z.string()),
      }),
    )
    .min(1),
  sources: z.array(z.string()),
});

export type Framework = z.infer<typeof frameworkSchema>;
export type FrameworkArea = Framework["areas"][number];
export type GradeScale = Framework["scales"][number];

/** The areas of a framework that apply to a school: early years and sixth form only where it has them. */
export function applicableAreas(fw: Framework, school: { hasEarlyYears: boolean; hasSixthForm: boolean }): FrameworkArea[] {
  return fw.areas.filter((a) => a.appliesTo === "always" || (a.appliesTo === "early_years" && school.hasEarlyYears) || (a.appliesTo === "sixth_form" && school.hasSixthForm));
}

export function scaleFor(fw: Framework, area: FrameworkArea): GradeScale {
  const scale = fw.scales.find((s) => s.id === area.scaleId);
  if (!scale) throw new Error(`Unknown scale ${area.scaleId}`);
  return scale;
}
