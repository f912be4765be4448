import "@/lib/outside-next"; // first: lets modules marked "server-only" load outside Next
import { DEFAULT_DATABASE_PATH, getConnection } from "@/db/client";
import { DatabaseCheckError, openCheckedDatabase } from "@/db/check";
import { BusyError, databaseFault, isBusy } from "@/lib/errors";
import { setWriteRetryPolicy } from "@/lib/data/transaction";
import { COMMANDS, type CliIO } from "./commands";

/**
 * `npm run cli -- <command> [args]`: administers Waymark without the browser, on the same database as
 * the app (DATABASE_PATH, default data/waymark.db).
 */
async function main(argv: string[]) {
  const io: CliIO = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };
  const [name, ...rest] = argv;
  const words = [name, rest[0]].filter(Boolean).join(" ");
  const command = COMMANDS.find((c) => c.name === words) ?? COMMANDS.find((c) => c.name === name);
  if (!name || name === "help" || name === "--help" || !command) {
    if (name && name !== "help" && name !== "--help") io.err(`Unknown command: ${argv.join(" ")}\n`);
    io.out("Usage: npm run cli -- <command>\n\nCommands:");
    for (const c of COMMANDS) io.out(`  ${c.usage.padEnd(62)} ${c.summary}`);
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  const args = command.name.includes(" ") ? rest.slice(1) : rest;
  // The CLI is not a person waiting on a page: while the app (or a backup) holds the database, it
  // waits and tries again for about a minute and a half before giving up.
  setWriteRetryPolicy({
    attempts: CLI_WRITE_ATTEMPTS,
    baseDelayMs: 250,
    onRetry: (attempt) => io.err(`The database is busy with another change; waiting to try again (${attempt} of ${CLI_WRITE_ATTEMPTS - 1})…`),
  });
  // restore replaces the file: it must not open (or migrate) the database it is about to set aside.
  if (command.name === "restore") return command.run(parseArgs(args), { db: undefined as never, io });
  // Check the database (writable, not from a newer Waymark, room on the disk) and migrate it, then use it.
  openCheckedDatabase(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH).sqlite.close();
  const { db } = getConnection();
  return command.run(parseArgs(args), { db, io });
}

/** Each attempt waits up to the 5 s busy timeout, then a pause of a quarter-second or more times the attempt. */
export const CLI_WRITE_ATTEMPTS = 12;

/** `--year 2025-26 file.csv --force` → { _: ["file.csv"], year: "2025-26", force: true } */
export function parseArgs(args: string[]): { _: string[] } & Record<string, string | boolean | string[]> {
  const out: { _: string[] } & Record<string, string | boolean | string[]> = { _: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith("--")) {
      const key = a.slice(2);
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        out[key] = next;
        i++;
      } else out[key] = true;
    } else out._.push(a);
  }
  return out;
}

/**
 * Leaves once everything written has been handed on: process.exit() straight away would cut short
 * output still queued for a pipe (a whole report's JSON piped into another program).
 */
function exit(code: number) {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

main(process.argv.slice(2)).then(exit, (raw: unknown) => {
  // Plain sentences, never a stack trace: a database that cannot be used, or a write that kept failing.
  const error = databaseFault(raw) ?? (isBusy(raw) ? new BusyError() : raw);
  process.stderr.write(`${error instanceof DatabaseCheckError ? "" : "Error: "}${error instanceof Error ? error.message : String(error)}\n`);
  exit(1);
});
