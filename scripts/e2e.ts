/** `npm run test:e2e`: build the production app, then run the browser tests against it. */
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", CI: process.env.CI ?? "1" };
const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" }).status ?? 1;

if (!process.argv.includes("--no-build")) {
  const code = run([path.join(root, "node_modules/next/dist/bin/next"), "build"]);
  if (code !== 0) process.exit(code);
}
const extra = process.argv.slice(2).filter((a) => a !== "--no-build");
process.exit(run([path.join(root, "node_modules/@playwright/test/cli.js"), "test", ...extra]));
