import { z } from "zod";
import raw from "./attendance.json";

/**
 * National attendance figures as data (frameworks.md §4.5), each with its year, status and sources.
 * Shown beside the school's figures for context; never used to compute anything.
 */
const nationalAttendanceSchema = z.object({
  description: z.string(),
  figures: z.array(
    z.object({
      measure: z.enum(["overall_absence", "persistent_absence"]),
      group: z.enum(["all", "fsm", "not_fsm", "sen_support", "ehcp", "no_sen"]),
      phase: z.enum(["all", "primary", "secondary", "special"]),
      year: z.string(),
      value: z.number(),
      status: z.string(),
      sources: z.array(z.string()).min(1),
      notes: z.string().optional(),
    }),
  ),
});

export type NationalAttendanceFigure = z.infer<typeof nationalAttendanceSchema>["figures"][number];

export const NATIONAL_ATTENDANCE: NationalAttendanceFigure[] = nationalAttendanceSchema.parse(raw).figures;

const GROUP_WORDS: Record<NationalAttendanceFigure["group"], string> = {
  all: "all pupils",
  fsm: "pupils eligible for free school meals",
  not_fsm: "pupils not eligible for free school meals",
  sen_support: "pupils on SEN support",
  ehcp: "pupils with an EHC plan",
  no_sen: "pupils with no SEN",
};

/** "Persistent absence, pupils eligible for free school meals (primary)" */
export function describeNationalFigure(f: NationalAttendanceFigure): string {
  return `${f.measure === "overall_absence" ? "Overall absence" : "Persistent absence"}, ${GROUP_WORDS[f.group]}${f.phase === "all" ? "" : ` (${f.phase} schools)`}`;
}
