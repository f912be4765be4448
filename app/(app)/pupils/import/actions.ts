"use server";
import { defineAction } from "@/lib/actions/define-action";
import type { ImportMappingKind } from "@/db/schema";
import { findImportMapping, saveImportMapping } from "@/lib/data/import-mappings";
import { ERRORS_SHOWN, importAssessments, importCtf, importPupils, previewAssessmentImport, previewCtfImport, previewPupilImport, type ImportOutcome } from "@/lib/data/pupils";
import { importAttendance, importSuspensions, previewAttendanceImport, previewSuspensionImport } from "@/lib/data/attendance";
import type { LineError } from "@/lib/import/csv";
import type { ImportMapping, MappingHelp } from "@/lib/import/mapping";
import { readSource, sourceFromText, type Source } from "@/lib/import/source";
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

/** The file as sent: its bytes (base64) read as they come, or CSV text. */
async function sourceOf(input: Input): Promise<Source> {
  if (input.data) return readSource(Buffer.from(input.data, "base64"), { sheet: input.sheet || null });
  return sourceFromText(input.csv);
}

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

async function run(input: Input, actor: Actor | null): Promise<ImportResponse> {
  const source = await sourceOf(input);
  const mapping = mappingOf(input);
  if (input.kind === "pupils") {
    const args = { source, academicYear: input.academicYear, mapping };
    return respond(actor ? importPupils({ ...args, actor }) : previewPupilImport(args), input.kind);
  }
  if (input.kind === "attendance") return respond(actor ? importAttendance({ source, actor }) : previewAttendanceImport({ source }), input.kind);
  if (input.kind === "suspensions") return respond(actor ? importSuspensions({ source, actor }) : previewSuspensionImport({ source }), input.kind);
  if (input.kind === "ctf") {
    const args = { source, academicYear: input.academicYear };
    return respond(actor ? importCtf({ ...args, actor }) : previewCtfImport(args), input.kind);
  }
  const args = { source, mapping, academicYear: input.academicYear || undefined, term: input.term || undefined };
  return respond(actor ? importAssessments({ ...args, actor }) : previewAssessmentImport(args), input.kind);
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
