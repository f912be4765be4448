import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { yn } from "@/db/seed/demo/dates";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function cli(dbPath: string, ...args: string[]) {
  const r = spawnSync(tsx, ["lib/cli/index.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath }, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("command line", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-cli-"));
  const dbPath = path.join(dir, "school.db");

  it("migrates, initialises a school, adds a user and backs up a consistent copy", () => {
    expect(cli(dbPath, "migrate")).toMatchObject({ code: 0 });
    expect(cli(dbPath, "init", "--school", "Riverside Primary", "--phase", "primary", "--year", "2025-26").code).toBe(0);
    expect(cli(dbPath, "init", "--school", "Again", "--phase", "primary", "--year", "2025-26").code).toBe(1);
    const add = cli(dbPath, "user", "add", "--email", "Head@Riverside.test", "--name", "Ann Head", "--role", "headteacher");
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/One-time password: [a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/);
    expect(cli(dbPath, "user", "add", "--email", "x@y.test", "--name", "X", "--role", "emperor").code).toBe(2);

    const backup = path.join(dir, "backup", "copy.db");
    const b = cli(dbPath, "backup", backup);
    expect(b.code).toBe(0);
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare("select email, role, must_change_password as m from users").all()).toEqual([{ email: "head@riverside.test", role: "headteacher", m: 1 }]);
    expect(copy.prepare("select name, is_current as c from academic_years").all()).toEqual([{ name: "2025-26", c: 1 }]);
    expect(copy.prepare("select count(*) as n from terms").get()).toEqual({ n: 3 });
    copy.close();
    expect(fs.existsSync(`${backup}.partial`)).toBe(false);
  });

  it("answers an unknown command with usage and a non-zero exit", () => {
    const r = cli(dbPath, "frobnicate");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown command");
    expect(r.out).toContain("seed demo");
  });

  it("refuses to load the demo school into a database that already has one", () => {
    const r = cli(dbPath, "seed", "demo");
    expect(r.code).toBe(1);
    expect(r.err).toContain("not empty");
  });

  it("prints a whole termly report as JSON through a pipe", () => {
    const demo = path.join(dir, "demo.db");
    expect(cli(demo, "seed", "demo").code).toBe(0);
    // Through npm into a shell pipe, as a user would run it (`… --format json | jq`): npm leaves the
    // pipe non-blocking, so output still queued when the process leaves would be lost.
    const run = spawnSync("sh", ["-c", `npm run -s cli -- report --term ${yn("2025-26")}:summer --format json | cat`], { cwd: root, env: { ...process.env, DATABASE_PATH: demo }, encoding: "utf8" });
    const r = { code: run.status, out: run.stdout };
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(65_536);
    const report = JSON.parse(r.out) as { term: string; status: string; attainment: unknown[]; gaps: unknown[]; national: unknown[] };
    expect(report).toMatchObject({ term: `${yn("2025-26")}:summer`, status: "published" });
    expect(report.attainment.length).toBeGreaterThan(0);
    expect(report.national.length).toBeGreaterThan(0);
  }, 60_000);

  it("keeps the schema's pragmas on a file database", () => {
    const { sqlite } = openDatabase(path.join(dir, "pragmas.db"));
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    sqlite.close();
  });
});
