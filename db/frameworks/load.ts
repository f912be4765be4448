import fs from "node:fs";
import path from "node:path";
import type { DB } from "../client";
import { frameworks } from "../schema";
import { frameworkSchema, type Framework } from "./index";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "@/lib/data/transaction";

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

/**
 * Upserts the shipped framework files into the frameworks table (run by every migrate). Only files
 * that differ from what is stored are written, so starting the app or running a read-only command
 * (a report, a backup) beside the running app writes nothing.
 */
export function syncFrameworks(db: DB, dir = FRAMEWORKS_DIR) {
  const stored = new Map(
    db
      .select({ id: frameworks.id, name: frameworks.name, data: frameworks.data })
      .from(frameworks)
      .all()
      .map((r) => [r.id, r]),
  );
  const changed = loadFrameworkFiles(dir).filter((fw) => {
    const row = stored.get(fw.id);
    return !row || row.name !== fw.name || JSON.stringify(row.data) !== JSON.stringify(fw);
  });
  if (changed.length === 0) return;
  writeTransaction(db, (tx) => {
    for (const fw of changed) {
      tx.insert(frameworks)
        .values({ id: fw.id, name: fw.name, data: fw })
        .onConflictDoUpdate({ target: frameworks.id, set: { name: fw.name, data: fw, updatedAt: nowIso() } })
        .run();
    }
  });
}
