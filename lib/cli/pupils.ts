import fs from "node:fs";
import type { Command } from "./commands";
import { CLI_ACTOR } from "@/lib/data/audit";
import { importAttendance, importSuspensions } from "@/lib/data/attendance";
import { describeImport, formatImportErrors, importAssessments, importPupils, type ImportOutcome } from "@/lib/data/pupils";
import { findCurrentYear, findSchool } from "@/lib/data/school";
import { seedLarge } from "@/db/seed/large";

function readFile(file: string | undefined, io: { err: (s: string) => void }): string | null {
  if (!file) return null;
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    io.err(`Cannot read ${file}: ${(e as Error).message}`);
    return null;
  }
}

/** Prints an import's outcome: the summary, or every bad line and why (exit 1, nothing written). */
function report(outcome: ImportOutcome, io: { out: (s: string) => void; err: (s: string) => void }): number {
  if (!outcome.ok) {
    io.err(`Nothing was imported: ${outcome.errors.length === 1 ? "1 line has a problem" : `${outcome.errors.length} lines have problems`}.`);
    for (const line of formatImportErrors(outcome.errors)) io.err(`  ${line}`);
    return 1;
  }
  const s = outcome.summary;
  io.out(s.changed ? `${describeImport(s)}.` : `No changes: all ${s.rows.toLocaleString("en-GB")} rows are already up to date.`);
  return 0;
}

/** The pupils area's commands (SPEC §4.1): imports and the large school. */
export const PUPILS_COMMANDS: Command[] = [
  {
    name: "import pupils",
    usage: "import pupils FILE --year 2025-26",
    summary: "Import pupils (CSV, SPEC §4.2); creates the academic year if it does not exist",
    run: (args, { db, io }) => {
      const file = args._[0];
      const year = typeof args.year === "string" ? args.year : findCurrentYear(db)?.name;
      if (!file || !year) {
        io.err("Usage: import pupils FILE --year 2025-26");
        return 2;
      }
      if (!findSchool(db)) {
        io.err("Set up the school first (npm run cli -- init …).");
        return 1;
      }
      const csv = readFile(file, io);
      if (csv === null) return 1;
      return report(importPupils({ csv, academicYear: year, actor: CLI_ACTOR }, db), io);
    },
  },
  {
    name: "import assessments",
    usage: "import assessments FILE",
    summary: "Import assessment results (CSV, SPEC §4.3)",
    run: (args, { db, io }) => {
      const file = args._[0];
      if (!file) {
        io.err("Usage: import assessments FILE");
        return 2;
      }
      if (!findSchool(db)) {
        io.err("Set up the school first (npm run cli -- init …).");
        return 1;
      }
      const csv = readFile(file, io);
      if (csv === null) return 1;
      return report(importAssessments({ csv, actor: CLI_ACTOR }, db), io);
    },
  },
  ...(["attendance", "suspensions"] as const).map(
    (kind): Command => ({
      name: `import ${kind}`,
      usage: `import ${kind} FILE`,
      summary: kind === "attendance" ? "Import attendance per pupil and term (CSV, SPEC §4.5; MIS column names accepted)" : "Import suspensions and permanent exclusions (CSV, SPEC §4.5)",
      run: (args, { db, io }) => {
        const file = args._[0];
        if (!file) {
          io.err(`Usage: import ${kind} FILE`);
          return 2;
        }
        if (!findSchool(db)) {
          io.err("Set up the school first (npm run cli -- init …).");
          return 1;
        }
        const csv = readFile(file, io);
        if (csv === null) return 1;
        return report(kind === "attendance" ? importAttendance({ csv, actor: CLI_ACTOR }, db) : importSuspensions({ csv, actor: CLI_ACTOR }, db), io);
      },
    }),
  ),
  {
    name: "seed large",
    usage: "seed large",
    summary: "Load a generated large school (2,000 pupils, 150 staff, ten years) into an empty database",
    run: async (_args, { db, io }) => {
      const started = Date.now();
      const counts = await seedLarge(db, { onProgress: (s) => io.err(s) });
      io.out(`Loaded the large school in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString("en-GB")} ${k}`).join(", ")}.`);
      return 0;
    },
  },
];
