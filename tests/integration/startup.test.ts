import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { checkOpened, codeSchema, DatabaseCheckError, openCheckedDatabase } from "@/db/check";
import { openDatabase, type DB } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import * as schema from "@/db/schema";
import { nextRestartDelay } from "@/scripts/restart";
import { EXIT_CANNOT_START, listenProblem } from "@/lib/server/runtime";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-start-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(tsx, ["lib/cli/index.ts", ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function migrated(name: string) {
  const file = path.join(dir, name);
  const { sqlite, db } = openDatabase(file);
  migrateDatabase(db);
  return { file, sqlite, db };
}

/** A stack trace's frames look like "    at fn (file:line)". */
const STACK = /^\s+at /m;

describe("the database is checked before anything is served", () => {
  it("refuses a database from a newer Waymark, naming both schema versions, and changes nothing", () => {
    const { file, sqlite } = migrated("newer.db");
    const code = codeSchema();
    sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', ?)").run(code.newestWhen + 60_000);
    sqlite.close();
    const r = cli({ DATABASE_PATH: file }, "migrate");
    expect(r.code).toBe(1);
    expect(r.err).toContain(`has schema version ${code.version + 1}, newer than this copy of Waymark understands (schema version ${code.version}, ${code.newestTag})`);
    expect(r.out).not.toContain("up to date");
    expect(r.err).not.toMatch(STACK);
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get()).toEqual({ n: code.version + 1 });
    after.close();
  });

  it("refuses a database it cannot write, with a plain sentence", () => {
    const { file, sqlite } = migrated("readonly.db");
    sqlite.close();
    // Opened read-only, as a file without write permission is: the committed test write fails.
    const ro = new Database(file, { readonly: true });
    let error: unknown;
    try {
      checkOpened(ro, drizzle(ro, { schema }) as unknown as DB, file);
    } catch (e) {
      error = e;
    }
    ro.close();
    expect(error).toBeInstanceOf(DatabaseCheckError);
    expect((error as Error).message).toBe(`Cannot write to the database ${file}: the file (or its folder) is read-only. Waymark needs to save to it; fix this, then start again.`);
  });

  it("refuses a database whose folder cannot be created, without a stack trace", () => {
    const blocker = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocker, "");
    const r = cli({ DATABASE_PATH: path.join(blocker, "school.db") }, "migrate");
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`Cannot open the database ${path.join(blocker, "school.db")}: its folder cannot be created, because a file of that name is in the way.`);
  });

  it("refuses to start on a disk that is (nearly) full", () => {
    const { file, sqlite } = migrated("full.db");
    sqlite.close();
    expect(() => openCheckedDatabase(file, { freeBytes: () => 3 * 1024 * 1024 })).toThrow(
      `The disk holding ${file} has only 3 MB free; Waymark needs at least 50 MB so that saves cannot fill it. Free some space, then start again.`,
    );
    const r = cli({ DATABASE_PATH: file, WAYMARK_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER) }, "report", "--term", "2025-26:autumn");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^The disk holding .* free; Waymark needs at least/);
    expect(r.err).not.toMatch(STACK);
    const roomy = openCheckedDatabase(file, { freeBytes: () => 500 * 1024 * 1024 });
    expect(roomy.sqlite.open).toBe(true);
    roomy.sqlite.close();
  });
});

describe("the CLI waits for a busy database", () => {
  it("waits while another connection holds the write lock, then succeeds", async () => {
    const { file, sqlite } = migrated("busy.db");
    spawnSync(tsx, ["lib/cli/index.ts", "init", "--school", "Busy Primary", "--phase", "primary", "--year", "2025-26"], { cwd: root, env: { ...process.env, DATABASE_PATH: file } });
    sqlite.exec("BEGIN IMMEDIATE");
    const child = spawn(tsx, ["lib/cli/index.ts", "user", "add", "--email", "wait@busy.test", "--name", "Wait Ing", "--role", "staff"], { cwd: root, env: { ...process.env, DATABASE_PATH: file } });
    let err = "";
    let out = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    // Hold the lock until the CLI has waited out the busy timeout and said it will try again.
    for (let i = 0; i < 400 && !err.includes("waiting to try again"); i++) await new Promise((r) => setTimeout(r, 100));
    sqlite.exec("COMMIT");
    const code = await exited;
    sqlite.close();
    expect(err).toContain("The database is busy with another change; waiting to try again (1 of 11)");
    expect(code).toBe(0);
    expect(out).toContain("Created Wait Ing <wait@busy.test> as staff.");
  }, 60_000);
});

describe("npm start restarts a server that dies", () => {
  it("backs off 1 s, 2 s, 4 s … up to 30 s for repeated crashes, and 1 s after a long run", () => {
    const t0 = 1_000_000;
    expect(nextRestartDelay([t0], t0 - 500, t0)).toBe(1000);
    expect(nextRestartDelay([t0 - 2000, t0], t0 - 500, t0)).toBe(2000);
    expect(nextRestartDelay([t0 - 4000, t0 - 2000, t0], t0 - 500, t0)).toBe(4000);
    expect(
      nextRestartDelay(
        Array.from({ length: 9 }, (_, i) => t0 - i * 1000),
        t0 - 500,
        t0,
      ),
    ).toBe(30_000);
    expect(
      nextRestartDelay(
        Array.from({ length: 9 }, (_, i) => t0 - i * 1000),
        t0 - 11 * 60_000,
        t0,
      ),
    ).toBe(1000);
  });

  it("starts the server again when it dies, and logs it", async () => {
    const marker = path.join(dir, "runs");
    const server = `const fs=require("fs");const n=fs.existsSync(${JSON.stringify(marker)})?Number(fs.readFileSync(${JSON.stringify(marker)},"utf8")):0;fs.writeFileSync(${JSON.stringify(marker)},String(n+1));if(n<2)process.exit(3);setInterval(()=>{},1000);`;
    const sup = spawn(tsx, ["scripts/restart.ts", "--", process.execPath, "-e", server], { cwd: root, env: { ...process.env, WAYMARK_RESTART_SCALE: "0.05" } });
    let out = "";
    sup.stdout.on("data", (d) => (out += d));
    for (let i = 0; i < 200 && !(fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === "3"); i++) await new Promise((r) => setTimeout(r, 100));
    sup.kill("SIGTERM");
    await new Promise((r) => sup.on("exit", r));
    expect(fs.readFileSync(marker, "utf8")).toBe("3");
    expect(out).toContain("[waymark] The server stopped (exit code 3); starting it again in 0.05 s.");
    expect(out).toContain("[waymark] The server stopped (exit code 3); starting it again in 0.1 s.");
  }, 60_000);

  it("does not start again a server that cannot start (its port is taken), and exits 1", async () => {
    const marker = path.join(dir, "cannot-start-runs");
    const server = `const fs=require("fs");fs.appendFileSync(${JSON.stringify(marker)},"x");process.exit(${EXIT_CANNOT_START});`;
    const sup = spawn(tsx, ["scripts/restart.ts", "--", process.execPath, "-e", server], { cwd: root, env: { ...process.env, WAYMARK_RESTART_SCALE: "0.05" } });
    let out = "";
    sup.stdout.on("data", (d) => (out += d));
    const code = await new Promise((r) => sup.on("exit", r));
    await new Promise((r) => setTimeout(r, 300));
    expect(code).toBe(1);
    expect(fs.readFileSync(marker, "utf8")).toBe("x");
    expect(out).toContain("[waymark] The server cannot start (the reason is above); it is not started again.");
  }, 60_000);

  it("says in a sentence why it cannot listen on a taken or forbidden port", () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(listenProblem(error("EADDRINUSE"), 3000)).toBe(
      "Cannot start: port 3000 is already in use, perhaps by another Waymark. Stop that server, or start this one on another port, e.g. PORT=3001 npm start.",
    );
    expect(listenProblem(error("EACCES"), 80)).toContain("may not listen on port 80");
    expect(listenProblem(error("ECONNRESET"), 3000)).toBeNull();
  });
});
