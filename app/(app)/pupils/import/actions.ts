"use server";
import { defineAction } from "@/lib/actions/define-action";
import type { ImportMappingKind } from "@/db/schema";
import { findImportMapping, saveImportMapping } from "@/lib/data/import-mappings";
import { ERRORS_SHOWN, type ImportOutcome } from "@/lib/data/pupils";
import { runImport } from "@/lib/data/import-run";
import type { LineError } from "@/lib/import/csv";
import type { ImportMapping, MappingHelp } from "@/lib/import/mapping";
import { can } from "@/lib/policy";
import { importSchema, saveMappingSchema, type ImportInput } from "@/lib/validation/pupils";
import type { z } from "zod";
import type { Actor } from "@/lib/data/audit";

export type ImportResponse =
  | { ok: true; summary: Extract<ImportOutcome, { ok: true }>["summary"] }
  | { ok: false; errors: LineError[]; errorCount: number; mapping: MappingHelp | null; mappingKind: ImportMappingKind | null; source: string | null };

function respond(outcome: ImportOutcome, kind: ImportInput["kind"]): ImportResponse {
  if (outcome.ok) return outcome;
  const mappingKind = kind === "pupils" ? "pupils" : kind === "assessments" ? (outcome.shape === "marksheet" ? "marksheet" : "assessments") : null;
  return {
    ok: false,
    errors: outcome.errors.slice(0, ERRORS_SHOWN),
    errorCount: outcome.errors.length,
    mapping: outcome.mapping ?? null,
    mappingKind: outcome.mapping ? mappingKind : null,
    source: outcome.source ?? null,
  };
}

type Input = z.output<typeof importSchema>;

/** The mapping made in the mapping step, else the saved mapping named, else none. */
function mappingOf(input: Input): ImportMapping | undefined {
  if (input.mapping) return input.mapping;
  if (!input.mappingName) return undefined;
  const kinds: ImportMappingKind[] = input.kind === "pupils" ? ["pupils"] : ["marksheet", "assessments"];
  for (const kind of kinds) {
    const saved = findImportMapping({ name: input.mappingName, kind });
    if (saved) return saved.mapping;
  }
  return undefined;
}

/**
 * The file (its bytes as base64, read as they come, or CSV text) is read, checked and planned in a
 * worker thread, so the server goes on answering others meanwhile; the changes are written here.
 */
async function run(input: Input, actor: Actor | null): Promise<ImportResponse> {
  const request = {
    kind: input.kind,
    ...(input.data ? { data: input.data, sheet: input.sheet || null } : { csv: input.csv }),
    mapping: mappingOf(input),
    academicYear: input.academicYear || undefined,
    term: input.term || undefined,
  };
  return respond(await runImport({ ...request, preview: actor === null }, actor), input.kind);
}

/** Checks a file and says what importing it would change (and how it was read). Writes nothing. */
export const previewPupilsImportAction = defineAction({
  schema: importSchema,
  authorize: ({ user }) => can(user, "pupils.import"),
  handler: ({ input }) => run(input, null),
  revalidate: [],
});

/** Imports a file, all or nothing, in one transaction with its audit row. The file is read and checked first. */
export const applyPupilsImportAction = defineAction({
  schema: importSchema,
  authorize: ({ user }) => can(user, "pupils.import"),
  handler: ({ input, actor }) => run(input, actor),
});

/** Saves the mapping made in the mapping step under a name, offered on the next import of that kind. */
export const saveImportMappingAction = defineAction({
  schema: saveMappingSchema,
  authorize: ({ user }) => can(user, "pupils.import"),
  handler: ({ input, actor }) => {
    const saved = saveImportMapping({ kind: input.kind, name: input.name, mapping: input.mapping, actor });
    return { name: saved.name, kind: saved.kind };
  },
  revalidate: ["/pupils/import"],
});
