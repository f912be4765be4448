import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DB } from "../client";
import { frameworks } from "../schema";

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

export const FRAMEWORKS_DIR = path.join(process.cwd(), "db", "frameworks");

/** Reads and validates every framework file; throws naming the file if one is malformed. */
export function loadFrameworkFiles(dir = FRAMEWORKS_DIR): Framework[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const parsed = frameworkSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
      if (!parsed.success) throw new Error(`Framework file ${file} is invalid: ${parsed.error.message}`);
      const fw = parsed.data;
      const scaleIds = new Set(fw.scales.map((s) => s.id));
      for (const area of fw.areas) {
        if (!scaleIds.has(area.scaleId)) throw new Error(`Framework file ${file}: area ${area.id} uses unknown scale ${area.scaleId}`);
      }
      return fw;
    });
}

/** Upserts the shipped framework files into the frameworks table (run by every migrate). */
export function syncFrameworks(db: DB, dir = FRAMEWORKS_DIR) {
  const all = loadFrameworkFiles(dir);
  db.transaction((tx) => {
    for (const fw of all) {
      tx.insert(frameworks)
        .values({ id: fw.id, name: fw.name, data: fw })
        .onConflictDoUpdate({ target: frameworks.id, set: { name: fw.name, data: fw, updatedAt: new Date().toISOString() } })
        .run();
    }
  });
}

/** The areas of a framework that apply to a school: early years and sixth form only where it has them. */
export function applicableAreas(fw: Framework, school: { hasEarlyYears: boolean; hasSixthForm: boolean }): FrameworkArea[] {
  return fw.areas.filter(
    (a) =>
      a.appliesTo === "always" ||
      (a.appliesTo === "early_years" && school.hasEarlyYears) ||
      (a.appliesTo === "sixth_form" && school.hasSixthForm),
  );
}

export function scaleFor(fw: Framework, area: FrameworkArea): GradeScale {
  const scale = fw.scales.find((s) => s.id === area.scaleId);
  if (!scale) throw new Error(`Unknown scale ${area.scaleId}`);
  return scale;
}
