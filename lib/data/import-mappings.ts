import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { importMappings, type ImportMappingKind } from "@/db/schema";
import { importMappingSchema, type ImportMapping } from "@/lib/import/mapping";
import { nowIso } from "@/lib/clock";
import { ConflictError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { writeTransaction } from "./transaction";

export type SavedMapping = { id: string; kind: ImportMappingKind; name: string; mapping: ImportMapping; version: number; updatedAt: string };

function toSaved(row: typeof importMappings.$inferSelect): SavedMapping {
  const parsed = importMappingSchema.safeParse(JSON.parse(row.mapping));
  return { id: row.id, kind: row.kind, name: row.name, mapping: parsed.success ? parsed.data : { columns: {}, values: {} }, version: row.version, updatedAt: row.updatedAt };
}

/** The school's saved import mappings (of one kind, or all), by name. */
export function listImportMappings({ kind }: { kind?: ImportMappingKind } = {}, db: DbOrTx = defaultDb): SavedMapping[] {
  const q = db.select().from(importMappings);
  return (kind ? q.where(eq(importMappings.kind, kind)) : q).orderBy(asc(importMappings.kind), asc(importMappings.name)).all().map(toSaved);
}

/** A saved mapping by name (case-insensitive), of the kind given or of any kind; null when there is none. */
export function findImportMapping({ name, kind }: { name: string; kind?: ImportMappingKind }, db: DbOrTx = defaultDb): SavedMapping | null {
  const want = name.trim().toLowerCase();
  return listImportMappings({ kind }, db).find((m) => m.name.toLowerCase() === want) ?? null;
}

/**
 * Saves a mapping under a name for its kind, in one transaction with its audit row. A new name adds
 * one; an existing name replaces it when `version` is the version read (or no version is given: saving
 * over a mapping by name from the mapping step). A stale version raises ConflictError.
 */
export function saveImportMapping(
  { kind, name, mapping, version, actor }: { kind: ImportMappingKind; name: string; mapping: ImportMapping; version?: number; actor: Actor },
  db: DbOrTx = defaultDb,
): SavedMapping {
  const clean = importMappingSchema.parse(mapping);
  return writeTransaction(
    db,
    (tx) => {
      const existing = findImportMapping({ name, kind }, tx);
      const json = JSON.stringify(clean);
      if (existing) {
        if (version !== undefined && version !== existing.version) throw new ConflictError("Someone else changed this mapping since you opened it.");
        const r = tx
          .update(importMappings)
          .set({ mapping: json, updatedAt: nowIso(), version: bumpVersion })
          .where(and(eq(importMappings.id, existing.id), eq(importMappings.version, existing.version)))
          .run();
        assertUpdated(r);
        writeAudit({ actor, area: "pupils", verb: "update", entityType: "import_mapping", entityId: existing.id, summary: `Updated the ${kind} import mapping "${existing.name}"`, before: existing.mapping, after: clean }, tx);
        return toSaved(tx.select().from(importMappings).where(eq(importMappings.id, existing.id)).get()!);
      }
      const row = tx.insert(importMappings).values({ kind, name: name.trim(), mapping: json }).returning().get();
      writeAudit({ actor, area: "pupils", verb: "create", entityType: "import_mapping", entityId: row.id, summary: `Saved the ${kind} import mapping "${row.name}"`, after: clean }, tx);
      return toSaved(row);
    },
  );
}
