"use server";
import { defineAction } from "@/lib/actions/define-action";
import { importAttendance, importSuspensions, previewAttendanceImport, previewSuspensionImport } from "@/lib/data/attendance";
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
  handler: ({ input }) => {
    const { csv } = input;
    switch (input.kind) {
      case "pupils":
        return respond(previewPupilImport({ csv, academicYear: input.academicYear }));
      case "assessments":
        return respond(previewAssessmentImport({ csv }));
      case "attendance":
        return respond(previewAttendanceImport({ csv }));
      case "suspensions":
        return respond(previewSuspensionImport({ csv }));
    }
  },
  revalidate: [],
});

/** Imports a file, all or nothing, in one transaction with its audit row. */
export const applyPupilsImportAction = defineAction({
  schema: importSchema,
  authorize: ({ user }) => can(user, "pupils.import"),
  handler: ({ input, actor }) => {
    const { csv } = input;
    switch (input.kind) {
      case "pupils":
        return respond(importPupils({ csv, academicYear: input.academicYear, actor }));
      case "assessments":
        return respond(importAssessments({ csv, actor }));
      case "attendance":
        return respond(importAttendance({ csv, actor }));
      case "suspensions":
        return respond(importSuspensions({ csv, actor }));
    }
  },
});
