import { z } from "zod";
import raw from "./comparators.json";

/**
 * National comparators as data (copied with their sources from the research file): which year group
 * and term are statutory for a scheme, and the national % at each measure by year and group. A new
 * year's figures are a new entry in comparators.json, not a code change.
 */
export const nationalDataSchema = z.object({
  description: z.string(),
  statutory: z.array(
    z.object({
      scheme: z.string(),
      yearGroup: z.string(),
      term: z.enum(["autumn", "spring", "summer"]),
      keyStage: z.string(),
      label: z.string(),
    }),
  ),
  comparators: z.array(
    z.object({
      metric: z.string(),
      keyStage: z.string(),
      subject: z.string(),
      group: z.string(),
      /** The calendar year of the results (KS2 tests taken in May 2025 → 2025). */
      year: z.number().int(),
      value: z.number(),
      status: z.string(),
      sources: z.array(z.string()).min(1),
      notes: z.string().optional(),
    }),
  ),
});

export type NationalData = z.infer<typeof nationalDataSchema>;
export type NationalComparator = NationalData["comparators"][number];

export const NATIONAL: NationalData = nationalDataSchema.parse(raw);
