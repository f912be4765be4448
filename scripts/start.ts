/**
 * `npm start`: everything a fresh clone needs to serve Waymark on http://localhost:3000.
 *  1. Open (creating if needed) the SQLite database at DATABASE_PATH and apply migrations.
 *  2. Create a random AUTH_SECRET beside the database on first run and reuse it afterwards.
 *  3. Build the app if there is no production build yet (or it is older than the source).
 *  4. Start the production server (scripts/server.ts: Next's handler behind a Node server that
 *     works out the client's address itself, TRUST_PROXY, and makes the daily backup). The first
 *     visit opens the set-up page. If the server dies it is started again after a pause that grows
 *     with repeated crashes (1 s, 2 s, 4 s … at most 30 s), each logged, so a crash is a blip.
 * Before anything is served the database is checked (db/check): it can be written, its schema is not
 * newer than this code's, and the disk has room. A problem is one plain sentence and exit code 1.
 * `--dev` runs `next dev` instead of building.
 */
import "../lib/outside-next"; // first: lets modules marked "server-only" load outside Next
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_PATH } from "../db/client";
import { DatabaseCheckError, openCheckedDatabase } from "../db/check";
import { supervise } from "./restart";
import { serverCommand, serverProcessEnv } from "../lib/server/runtime";

const dev = process.argv.includes("--dev");
const root = path.resolve(__dirname, "..");
const dbPath = path.resolve(root, process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
const port = process.env.PORT || "3000";

function log(s: string) {
  process.stdout.write(`[waymark] ${s}\n`);
}

// 1. Database
try {
  openCheckedDatabase(dbPath).sqlite.close();
} catch (error) {
  process.stderr.write(`[waymark] ${error instanceof DatabaseCheckError ? error.message : `Cannot start: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(1);
}
log(`Database ready at ${path.relative(root, dbPath) || dbPath}`);

// 2. Secret
let secret = process.env.AUTH_SECRET;
if (!secret) {
  const secretFile = path.join(path.dirname(dbPath), ".auth-secret");
  if (!fs.existsSync(secretFile)) {
    fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
    log(`Created a session secret in ${path.relative(root, secretFile)}`);
  }
  secret = fs.readFileSync(secretFile, "utf8").trim();
}

const env = { ...process.env, DATABASE_PATH: dbPath, AUTH_SECRET: secret, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", PORT: port };
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

// 3. Build when needed
if (!dev) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const stale = !fs.existsSync(buildId) || newestSource(root) > fs.statSync(buildId).mtimeMs;
  if (stale) {
    log("Building the app (first run, or the source changed)…");
    const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

// 4. Serve, and serve again if the server dies.
log(`Starting on http://localhost:${port}`);
// scripts/server.ts: Next's handler behind a Node server that works out the client's address itself
// (TRUST_PROXY) and makes the daily backup; started by Node with tsx's loader (lib/server/runtime).
const server = serverCommand(root, dev ? ["--dev"] : []);
supervise({
  command: server.command,
  args: server.args,
  options: { cwd: root, env: dev ? { ...env, NODE_ENV: "development" } : serverProcessEnv({ ...env, NODE_ENV: "production" }), stdio: "inherit" },
  log,
});

function newestSource(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || ["node_modules", "data", "tests", "test-results", "scripts"].includes(entry.name)) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ["app", "components", "lib", "db", "proxy.ts", "next.config.js", "package.json"]) {
    const p = path.join(dir, d);
    if (!fs.existsSync(p)) continue;
    if (fs.statSync(p).isDirectory()) walk(p);
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}
