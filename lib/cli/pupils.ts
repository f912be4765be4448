import fs from "node:fs";
import type { Args, CliIO, Command } from "./commands";
import type { DB } from "@/db/client";
import { TERM_NAMES, type ImportMappingKind, type TermName } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { importAttendance, importSuspensions } from "@/lib/data/attendance";
import { findImportMapping, listImportMappings } from "@/lib/data/import-mappings";
import { describeImport, formatImportErrors, importAssessments, importCtf, importPupils, type ImportOutcome } from "@/lib/data/pupils";
import { importMappingSchema, type ImportMapping } from "@/lib/import/mapping";
import { readSource, type Source } from "@/lib/import/source";
import { findCurrentYear, findSchool } from "@/lib/data/school";
import { seedLarge } from "@/db/seed/large";

async function readInput(file: string | undefined, args: Args, io: CliIO): Promise<Source | null> {
  if (!file) return null;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    io.err(`Cannot read ${file}: ${(e as Error).message}`);
    return null;
  }
  return readSource(bytes, { sheet: typeof args.sheet === "string" ? args.sheet : null });
}

/** `--mapping NAME` (a mapping saved in the browser) or `--mapping FILE.json`; undefined when none is given, null when it cannot be found. */
function readMapping(args: Args, kind: ImportMappingKind | ImportMappingKind[], db: DB, io: CliIO): ImportMapping | undefined | null {
  const name = args.mapping;
  if (typeof name !== "string") return undefined;
  if (/\.json$/i.test(name) && fs.existsSync(name)) {
    try {
      const parsed = importMappingSchema.safeParse(JSON.parse(fs.readFileSync(name, "utf8")));
      if (parsed.success) return parsed.data;
      io.err(`${name} is not a mapping: it needs { "columns": { "field": "Header" }, "values": { "field": { "value": "code" } } }.`);
    } catch (e) {
      io.err(`Cannot read ${name}: ${(e as Error).message}`);
    }
    return null;
  }
  for (const k of Array.isArray(kind) ? kind : [kind]) {
    const saved = findImportMapping({ name, kind: k }, db);
    if (saved) return saved.mapping;
  }
  const names = listImportMappings({}, db).map((m) => `${m.name} (${m.kind})`);
  io.err(`There is no saved mapping called "${name}".${names.length ? ` Saved mappings: ${names.join(", ")}.` : ""}`);
  return null;
}

/** Prints an import's outcome: the summary, or the first 200 bad lines and why and how many more (exit 1, nothing written). */
function report(outcome: ImportOutcome, io: CliIO): number {
  if (!outcome.ok) {
    io.err(
      `Nothing was imported: ${outcome.errors.length === 1 ? "1 line has a problem" : `${outcome.errors.length.toLocaleString("en-GB")} lines have problems`}.${outcome.source ? ` (Read as ${outcome.source}.)` : ""}`,
    );
    for (const line of formatImportErrors(outcome.errors)) io.err(`  ${line}`);
    if (outcome.mapping) io.err("Name a saved mapping with --mapping NAME, or a JSON file with --mapping FILE.json, to say which column is which and how values translate.");
    return 1;
  }
  const s = outcome.summary;
  // SPEC §4.2/§4.3's UTF-8 comma-separated files print as they always have; anything else says how it was read.
  if (s.source && s.source !== "UTF-8 text, comma-separated") io.out(`Read as ${s.source}.`);
  io.out(s.changed ? `${describeImport(s)}.` : `No changes: all ${s.rows.toLocaleString("en-GB")} rows are already up to date.`);
  return 0;
}

function needsSchool(db: DB, io: CliIO): boolean {
  if (findSchool(db)) return true;
  io.err("Set up the school first (npm run cli -- init …).");
  return false;
}

/** The pupils area's commands (SPEC §4.1): imports and the large school. */
export const PUPILS_COMMANDS: Command[] = [
  {
    name: "import pupils",
    usage: "import pupils FILE --year 2025-26 [--mapping NAME|FILE.json] [--sheet NAME]",
    summary: "Import pupils (CSV in any encoding, tab- or semicolon-separated text, or .xlsx; SPEC §4.2 or an MIS export's own headers); creates the academic year if it does not exist",
    run: async (args, { db, io }) => {
      const file = args._[0];
      const year = typeof args.year === "string" ? args.year : findCurrentYear(db)?.name;
      if (!file || !year) {
        io.err("Usage: import pupils FILE --year 2025-26 [--mapping NAME|FILE.json] [--sheet NAME]");
        return 2;
      }
      if (!needsSchool(db, io)) return 1;
      const mapping = readMapping(args, "pupils", db, io);
      if (mapping === null) return 1;
      const source = await readInput(file, args, io);
      if (source === null) return 1;
      return report(importPupils({ source, academicYear: year, mapping, actor: CLI_ACTOR }, db), io);
    },
  },
  {
    name: "import assessments",
    usage: "import assessments FILE [--year 2025-26 --term summer] [--mapping NAME|FILE.json] [--sheet NAME]",
    summary: "Import assessment results (SPEC §4.3, or a marksheet with a column per subject for --year and --term)",
    run: async (args, { db, io }) => {
      const file = args._[0];
      const term = typeof args.term === "string" ? args.term.trim().toLowerCase() : undefined;
      if (!file || (term !== undefined && !(TERM_NAMES as readonly string[]).includes(term))) {
        io.err("Usage: import assessments FILE [--year 2025-26 --term autumn|spring|summer] [--mapping NAME|FILE.json] [--sheet NAME]");
        return 2;
      }
      if (!needsSchool(db, io)) return 1;
      const mapping = readMapping(args, ["marksheet", "assessments"], db, io);
      if (mapping === null) return 1;
      const source = await readInput(file, args, io);
      if (source === null) return 1;
      const academicYear = typeof args.year === "string" ? args.year : undefined;
      return report(importAssessments({ source, mapping, academicYear, term: term as TermName | undefined, actor: CLI_ACTOR }, db), io);
    },
  },
  {
    name: "import ctf",
    usage: "import ctf FILE --year 2025-26",
    summary: "Import a DfE Common Transfer File (XML): its pupils, and the results it carries for that year",
    run: async (args, { db, io }) => {
      const file = args._[0];
      const year = typeof args.year === "string" ? args.year : findCurrentYear(db)?.name;
      if (!file || !year) {
        io.err("Usage: import ctf FILE --year 2025-26");
        return 2;
      }
      if (!needsSchool(db, io)) return 1;
      const source = await readInput(file, args, io);
      if (source === null) return 1;
      return report(importCtf({ source, academicYear: year, actor: CLI_ACTOR }, db), io);
    },
  },
  ...(["attendance", "suspensions"] as const).map((kind): Command => ({
    name: `import ${kind}`,
    usage: `import ${kind} FILE [--sheet NAME]`,
    summary:
      kind === "attendance"
        ? "Import attendance per pupil and term (SPEC §4.5, CSV in any usual encoding or .xlsx; MIS column names accepted)"
        : "Import suspensions and permanent exclusions (SPEC §4.5, CSV in any usual encoding or .xlsx)",
    run: async (args, { db, io }) => {
      const file = args._[0];
      if (!file) {
        io.err(`Usage: import ${kind} FILE [--sheet NAME]`);
        return 2;
      }
      if (!needsSchool(db, io)) return 1;
      const source = await readInput(file, args, io);
      if (source === null) return 1;
      return report(kind === "attendance" ? importAttendance({ source, actor: CLI_ACTOR }, db) : importSuspensions({ source, actor: CLI_ACTOR }, db), io);
    },
  })),
  {
    name: "seed large",
    usage: "seed large",
    summary: "Load a generated large school (2,000 pupils, 150 staff, ten years) into an empty database",
    run: async (_args, { db, io }) => {
      const started = Date.now();
      const counts = await seedLarge(db, { onProgress: (s) => io.err(s) });
      io.out(
        `Loaded the large school in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts)
          .map(([k, v]) => `${v.toLocaleString("en-GB")} ${k}`)
          .join(", ")}.`,
      );
      return 0;
    },
  },
];
