import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { CLI_ACTOR } from "@/lib/data/audit";
import { createSchoolWithYear } from "@/lib/data/school";
import { createUser } from "@/lib/data/users";
import { BACKUPS_KEPT, backupDir, backupDue, checkBackup, listBackups, makeDailyBackup, restoreDatabase } from "@/lib/server/backups";

const root = path.resolve(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-restore-"));

async function makeSchoolDb(file: string) {
  const { sqlite, db } = openDatabase(file);
  migrateDatabase(db);
  createSchoolWithYear({ name: "Riverside Primary", phase: "primary", academicYear: "2025-26", actor: CLI_ACTOR }, db);
  createUser({ user: { email: "head@riverside.test", name: "Ann Head", role: "headteacher", passwordHash: await hashPassword("a long enough password") }, actor: CLI_ACTOR }, db);
  sqlite.close();
}

describe("backups", () => {
  it("keep the newest 14 in BACKUP_DIR (default: beside the database) and are due once a day", async () => {
    const src = path.join(dir, "retention", "school.db");
    await makeSchoolDb(src);
    expect(backupDir(src, undefined)).toBe(path.join(dir, "retention", "backups"));
    expect(backupDir(src, "/srv/backups")).toBe("/srv/backups");
    const out = backupDir(src, undefined);
    expect(backupDue(out)).toBe(true);
    const t0 = Date.parse("2030-01-01T02:00:00Z");
    for (let d = 0; d < 16; d++) makeDailyBackup({ dbPath: src, dir: out, at: t0 + d * 86_400_000 });
    const kept = listBackups(out);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]!.at).toBe("2030-01-16T02:00:00Z");
    expect(kept.at(-1)!.at).toBe("2030-01-03T02:00:00Z");
    expect(kept[0]!.bytes).toBeGreaterThan(10_000);
    expect(backupDue(out, t0 + 15 * 86_400_000 + 3_600_000)).toBe(false);
    expect(backupDue(out, t0 + 16 * 86_400_000)).toBe(true);
  });

  it("are refused by restore when damaged, not Waymark's, or from a newer schema", async () => {
    const src = path.join(dir, "checks", "school.db");
    await makeSchoolDb(src);
    const good = path.join(dir, "checks", "good.db");
    makeDailyBackup({ dbPath: src, dir: path.join(dir, "checks", "b") });
    fs.copyFileSync(listBackups(path.join(dir, "checks", "b"))[0]!.file, good);
    expect(checkBackup(good, MIGRATIONS_FOLDER).schemaVersion).toBeGreaterThan(0);

    const junk = path.join(dir, "checks", "junk.db");
    fs.writeFileSync(junk, Buffer.alloc(8192, 7));
    expect(() => checkBackup(junk, MIGRATIONS_FOLDER)).toThrow(/not a SQLite database/);

    const other = path.join(dir, "checks", "other.db");
    new Database(other).exec("create table notes (x text)");
    expect(() => checkBackup(other, MIGRATIONS_FOLDER)).toThrow(/not a Waymark database/);

    const newer = path.join(dir, "checks", "newer.db");
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.parse("2099-01-01"));
    n.close();
    expect(() => checkBackup(newer, MIGRATIONS_FOLDER)).toThrow(/newer version of Waymark/);

    // The command line refuses it too, and leaves the current database where it was.
    const target = path.join(dir, "checks", "live.db");
    fs.copyFileSync(good, target);
    const before = fs.readFileSync(target);
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["lib/cli/index.ts", "restore", newer], { cwd: root, env: { ...process.env, DATABASE_PATH: target }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Not restored: .*newer version of Waymark/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);

    // A good backup is restored, the replaced file kept beside it.
    const ok = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["lib/cli/index.ts", "restore", good], { cwd: root, env: { ...process.env, DATABASE_PATH: target }, encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Restored .*good\.db/);
    expect(fs.readdirSync(path.dirname(target)).some((f) => f.startsWith("live.db.before-restore-"))).toBe(true);
  });

  it("made while the app is writing restores (current file kept aside) and the head signs in", async () => {
    const src = path.join(dir, "load", "school.db");
    await makeSchoolDb(src);
    // Another process writes to the database as fast as it can while the backup is taken.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(src)}); db.pragma("journal_mode = WAL"); db.pragma("busy_timeout = 5000");
         const ins = db.prepare("insert into audit_log (at, user_name, area, verb, entity_type, summary) values (?, 'Load', 'admin', 'load', 'load', ?)");
         const end = Date.now() + 2500; let i = 0; process.stdout.write("go\\n");
         while (Date.now() < end) { db.transaction(() => { for (let k = 0; k < 50; k++) ins.run(new Date().toISOString(), "row " + i++); })(); }
         process.stdout.write("wrote " + i + "\\n");`,
      ],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    writer.stdout.on("data", (d: Buffer) => (output += d.toString()));
    await vi.waitFor(() => expect(output).toContain("go"), { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    const backups = path.join(dir, "load", "backups");
    const made = makeDailyBackup({ dbPath: src, dir: backups });
    await new Promise<void>((resolve) => writer.on("exit", () => resolve()));
    const wrote = Number(/wrote (\d+)/.exec(output)?.[1]);
    const copy = new Database(made.file, { readonly: true });
    const copied = (copy.prepare("select count(*) as n from audit_log where verb = 'load'").get() as { n: number }).n;
    copy.close();
    // A consistent snapshot from the middle of the load: some of the writes, whole transactions only.
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(wrote);
    expect(copied % 50).toBe(0);

    const live = path.join(dir, "load", "live.db");
    const { sqlite } = openDatabase(live);
    sqlite.exec("create table scratch (x)");
    sqlite.close();
    const { keptAs } = restoreDatabase({ backupFile: made.file, dbPath: live, migrationsFolder: MIGRATIONS_FOLDER });
    expect(keptAs).toMatch(/live\.db\.before-restore-/);
    expect(fs.existsSync(keptAs!)).toBe(true);

    // A fresh module graph opens the restored file as the app would, and the head signs in.
    process.env.DATABASE_PATH = live;
    vi.resetModules();
    const { checkSignIn } = await import("@/lib/auth/sign-in");
    const outcome = await checkSignIn({ email: "head@riverside.test", password: "a long enough password", address: "10.9.9.9" });
    expect(outcome).toMatchObject({ ok: true, user: { name: "Ann Head" } });
  });
});
