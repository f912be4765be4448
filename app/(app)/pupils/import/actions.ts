"use server";
import { defineAction } from "@/lib/actions/define-action";
import { importAssessments, importPupils, previewAssessmentImport, previewPupilImport, type ImportOutcome } from "@/lib/data/pupils";
import type { LineError } from "@/lib/import/csv";
import { can } from "@/lib/policy";
import { importSchema } from "@/lib/validation/pupils";

/** At most this many bad lines go back to the browser; the count says how many there were. */
const ERRORS_SHOWN = 200;

export type ImportResponse =
  | { ok: true; summary: Extract<ImportOutcome, { ok: true }>["summary"] }
  | { ok: false; errors: LineError[]; errorCount: number };

function respond(outcome: ImportOutcome): ImportResponse {
  return outcome.ok ? outcome : { ok: false, errors: outcome.errors.slice(0, ERRORS_SHOWN), errorCount: outcome.errors.length };
}

/** Checks a file and says what importing it would change. Writes nothing. */
export const previewPupilsImportAction = defineAction({
  schema: importSchema,
  authorize: ({ user }) => can(user, "pupils.import"),
  handler: ({ input }) =>
    respond(input.kind === "pupils" ? previewPupilImport({ csv: input.csv, academicYear: input.academicYear }) : previewAssessmentImport({ csv: input.csv })),
  revalidate: [],
});

/** Imports a file, all or nothing, in one transaction with its audit row. */
export const applyPupilsImportAction = defineAction({
  schema: importSchema,
  authorize: ({ user }) => can(user, "pupils.import"),
  handler: ({ input, actor }) =>
    respond(input.kind === "pupils" ? importPupils({ csv: input.csv, academicYear: input.academicYear, actor }) : importAssessments({ csv: input.csv, actor })),
});
