import type { DB } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";
import { CLI_ACTOR } from "@/lib/data/audit";
import { createUser } from "@/lib/data/users";
import { createSchoolWithYear, findSchool } from "@/lib/data/school";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import { ROLES, PHASES, type Role, type Phase } from "@/db/schema";
import { backupDatabase } from "./backup";
import { DEFAULT_DATABASE_PATH, getConnection, openDatabase } from "@/db/client";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { checkBackup, restoreDatabase } from "@/lib/server/backups";
import path from "node:path";
import { PUPILS_COMMANDS } from "./pupils";
import { REPORT_COMMANDS } from "./report";
import { NOTIFY_COMMANDS } from "./notify";

export type CliIO = { out: (s: string) => void; err: (s: string) => void };
export type Args = { _: string[] } & Record<string, string | boolean | string[]>;
export type Command = {
  /** One or two words: "migrate", "user add". */
  name: string;
  usage: string;
  summary: string;
  /** Returns the exit code. */
  run: (args: Args, ctx: { db: DB; io: CliIO }) => Promise<number> | number;
};

function str(args: Args, key: string): string | undefined {
  const v = args[key];
  return typeof v === "string" ? v : undefined;
}

/** Commands registered by the areas (imports, reports, large seed) are appended to this list. */
export const COMMANDS: Command[] = [
  {
    name: "migrate",
    usage: "migrate",
    summary: "Bring the database schema up to date (creating the file if needed)",
    run: (_args, { db, io }) => {
      migrateDatabase(db);
      io.out("Database is up to date.");
      return 0;
    },
  },
  {
    name: "init",
    usage: "init --school NAME --phase primary --year 2025-26",
    summary: "Create the school on an empty database with that year as current",
    run: (args, { db, io }) => {
      const name = str(args, "school");
      const phase = (str(args, "phase") ?? "primary") as Phase;
      const year = str(args, "year");
      if (!name || !year || !PHASES.includes(phase)) {
        io.err(`Usage: init --school NAME --phase ${PHASES.join("|")} --year 2025-26`);
        return 2;
      }
      if (findSchool(db)) {
        io.err("This database already has a school.");
        return 1;
      }
      createSchoolWithYear({ name, phase, academicYear: year, actor: CLI_ACTOR }, db);
      io.out(`Created ${name} with ${year} as the current year.`);
      return 0;
    },
  },
  {
    name: "seed demo",
    usage: "seed demo",
    summary: "Load the demo school into an empty database",
    run: async (_args, { db, io }) => {
      await seedDemo(db);
      io.out("Loaded the demo school. Demo logins are listed in README.md.");
      return 0;
    },
  },
  {
    name: "user add",
    usage: "user add --email E --name N --role R",
    summary: "Create a user; prints a one-time password",
    run: async (args, { db, io }) => {
      const email = str(args, "email");
      const name = str(args, "name");
      const role = str(args, "role") as Role | undefined;
      if (!email || !name || !role || !ROLES.includes(role)) {
        io.err(`Usage: user add --email E --name N --role ${ROLES.join("|")}`);
        return 2;
      }
      const password = generateOneTimePassword();
      const user = createUser({ user: { email, name, role, passwordHash: await hashPassword(password), mustChangePassword: true }, actor: CLI_ACTOR }, db);
      io.out(`Created ${user.name} <${user.email}> as ${user.role}.`);
      io.out(`One-time password: ${password}`);
      io.out("They will be asked to choose a new password when they first sign in.");
      return 0;
    },
  },
  {
    name: "backup",
    usage: "backup FILE",
    summary: "Consistent online copy of the database while the app runs",
    run: async (args, { io }) => {
      const file = args._[0];
      if (!file) {
        io.err("Usage: backup FILE");
        return 2;
      }
      const pages = await backupDatabase(getConnection().sqlite, file, (done, total) => io.err(`Copied ${done} of ${total} pages`));
      io.out(`Backed up ${pages} pages to ${file}.`);
      return 0;
    },
  },
  {
    name: "restore",
    usage: "restore FILE",
    summary: "Replace the database with a backup (checked first; the current file is kept aside). Stop the app first",
    run: (args, { io }) => {
      const file = args._[0];
      if (!file) {
        io.err("Usage: restore FILE");
        return 2;
      }
      const dbPath = path.resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
      try {
        const { schemaVersion } = checkBackup(file, MIGRATIONS_FOLDER);
        io.out(`${file} passed its integrity check (schema of ${new Date(schemaVersion).toISOString().slice(0, 10)}).`);
        const { keptAs } = restoreDatabase({ backupFile: file, dbPath, migrationsFolder: MIGRATIONS_FOLDER });
        const { sqlite, db } = openDatabase(dbPath);
        try {
          migrateDatabase(db);
        } finally {
          sqlite.close();
        }
        io.out(`Restored ${file} to ${dbPath}.`);
        if (keptAs) io.out(`The database it replaced is kept as ${keptAs}.`);
        io.out("Start the app again.");
        return 0;
      } catch (e) {
        io.err(`Not restored: ${(e as Error).message}`);
        return 1;
      }
    },
  },
  ...PUPILS_COMMANDS,
  ...REPORT_COMMANDS,
  ...NOTIFY_COMMANDS,
];
