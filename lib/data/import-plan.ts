import "server-only";
/**
 * The first half of an import: read the file (any encoding, delimiter, workbook or XML), check it and
 * plan its changes against a snapshot of the database, without the write lock. Everything here takes
 * and returns plain data, so lib/data/import-run can do it in a worker thread (import-worker.mjs, on
 * the worker's own connection) while the server goes on answering other requests. The second half,
 * the writes, stays with the caller's connection (commitImport).
 */
import type { DbOrTx } from "@/db/client";
import type { TermName } from "@/db/schema";
import type { ImportMapping } from "@/lib/import/mapping";
import { readSource, sourceFromText, type Source } from "@/lib/import/source";
import type { Actor } from "./audit";
import { writeInChunksYielding } from "./transaction";
import {
  commitAttendanceImport,
  commitSuspensionImport,
  importAttendanceUnderLock,
  importSuspensionsUnderLock,
  previewAttendanceImport,
  previewSuspensionImport,
  prepareAttendanceImport,
  prepareSuspensionImport,
  type AttendanceImportWrite,
  type SuspensionImportWrite,
} from "./attendance";
import {
  assessmentImportChunks,
  commitCtfImport,
  pupilImportChunks,
  importAssessmentsUnderLock,
  importPupilsUnderLock,
  prepareAssessmentImport,
  prepareCtfImport,
  preparePupilImport,
  previewAssessmentImport,
  previewCtfImport,
  previewPupilImport,
  type AssessmentImportWrite,
  type CtfImportWrite,
  type ImportKind,
  type ImportOutcome,
  type PupilImportWrite,
} from "./pupils";

/** An import as the browser sends it: the file's bytes (base64) or CSV text, and what it is for. */
export type ImportRequest = {
  kind: ImportKind;
  /** The file's bytes, base64 (read as they come: any encoding, delimiter, workbook or XML). */
  data?: string;
  /** Or the file as CSV text. */
  csv?: string;
  /** A workbook's sheet to read. */
  sheet?: string | null;
  mapping?: ImportMapping;
  academicYear?: string;
  term?: TermName;
  /** Only say what the import would change. */
  preview: boolean;
};

export type ImportWrite = PupilImportWrite | AssessmentImportWrite | CtfImportWrite | AttendanceImportWrite | SuspensionImportWrite;

/** Either the outcome (a preview, a refused file, a file that changes nothing) or the changes to write. */
export type PreparedImport = { done: ImportOutcome } | { write: ImportWrite };

function sourceOf(req: ImportRequest): Promise<Source> | Source {
  if (req.data) return readSource(Buffer.from(req.data, "base64"), { sheet: req.sheet || null });
  return sourceFromText(req.csv ?? "");
}

/** Reads, checks and plans an import (or previews it) against a snapshot. Writes nothing. */
export async function prepareImport(req: ImportRequest, db: DbOrTx): Promise<PreparedImport> {
  const source = await sourceOf(req);
  const academicYear = req.academicYear ?? "";
  switch (req.kind) {
    case "pupils": {
      const args = { source, academicYear, mapping: req.mapping };
      return req.preview ? { done: previewPupilImport(args, db) } : preparePupilImport(args, db);
    }
    case "attendance":
      return req.preview ? { done: previewAttendanceImport({ source }, db) } : prepareAttendanceImport({ source }, db);
    case "suspensions":
      return req.preview ? { done: previewSuspensionImport({ source }, db) } : prepareSuspensionImport({ source }, db);
    case "ctf": {
      const args = { source, academicYear };
      return req.preview ? { done: previewCtfImport(args, db) } : prepareCtfImport(args, db);
    }
    case "assessments": {
      const args = { source, mapping: req.mapping, academicYear: req.academicYear || undefined, term: req.term || undefined };
      return req.preview ? { done: previewAssessmentImport(args, db) } : prepareAssessmentImport(args, db);
    }
  }
}

/**
 * Writes a prepared import on the caller's connection; null (nothing written) if the data it was
 * planned on has changed since. A large pupils or results import is written in chunks with the event
 * loop running between them, so the server answers others while it writes.
 */
export async function commitImport(write: ImportWrite, actor: Actor, db: DbOrTx): Promise<ImportOutcome | null> {
  switch (write.kind) {
    case "pupils":
      return (await writeInChunksYielding(db, pupilImportChunks(write, actor))) ? { ok: true, summary: write.plan.summary } : null;
    case "assessments":
      return (await writeInChunksYielding(db, assessmentImportChunks(write, actor))) ? { ok: true, summary: write.plan.summary } : null;
    case "ctf":
      return commitCtfImport(write, actor, db);
    case "attendance":
      return commitAttendanceImport(write, actor, db);
    case "suspensions":
      return commitSuspensionImport(write, actor, db);
  }
}

/** The last resort when the data keeps changing under the plan: plan and write under the write lock. */
export async function importUnderLock(req: ImportRequest, actor: Actor, db: DbOrTx): Promise<ImportOutcome> {
  const source = await sourceOf(req);
  const academicYear = req.academicYear ?? "";
  switch (req.kind) {
    case "pupils":
      return importPupilsUnderLock({ source, academicYear, mapping: req.mapping, actor }, db);
    case "assessments":
      return importAssessmentsUnderLock({ source, mapping: req.mapping, academicYear: req.academicYear || undefined, term: req.term || undefined, actor }, db);
    case "ctf": {
      const prepared = prepareCtfImport({ source, academicYear }, db);
      return "done" in prepared ? prepared.done : commitCtfImport(prepared.write, actor, db);
    }
    case "attendance":
      return importAttendanceUnderLock({ source, actor }, db);
    case "suspensions":
      return importSuspensionsUnderLock({ source, actor }, db);
  }
}
