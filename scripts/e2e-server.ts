/**
 * The server the browser tests run against: a fresh temporary database with the demo school, and
 * the production build (`next start`). Started and stopped by Playwright.
 */
import "../lib/outside-next"; // first: lets modules marked "server-only" load outside Next
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { serverCommand, serverProcessEnv } from "../lib/server/runtime";

async function main() {
  const root = path.resolve(__dirname, "..");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-e2e-"));
  const dbPath = path.join(dir, "waymark.db");
  const { sqlite, db } = openDatabase(dbPath);
  migrateDatabase(db);
  await seedDemo(db);
  sqlite.close();
  const port = process.env.E2E_PORT || "3200";
  // The reliability tests hold the database's write lock from outside to see a busy save: they find it here.
  const pointer = path.join(os.tmpdir(), `waymark-e2e-${port}.dbpath`);
  fs.writeFileSync(pointer, dbPath);
  const server = serverCommand(root);
  const child = spawn(server.command, server.args, {
    cwd: root,
    stdio: "inherit",
    env: serverProcessEnv({
      ...process.env,
      PORT: port,
      BACKUP_DIR: path.join(dir, "backups"),
      DATABASE_PATH: dbPath,
      WAYMARK_WRITE_ATTEMPTS: "1",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      WAYMARK_CLOCK_PINNED: process.env.WAYMARK_NOW ? "1" : "",
    }),
  });
  const stop = () => {
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(pointer, { force: true });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  child.on("exit", (code) => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
