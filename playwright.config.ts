import "./lib/outside-next"; // first: the tests load data modules marked "server-only" outside Next
import { defineConfig } from "@playwright/test";
import { pinTestClock } from "./tests/clock-pin";

// The browser tests and their server share one pinned clock (WAYMARK_NOW, default the demo's day),
// so the suite passes on any real date.
const today = pinTestClock();

const port = Number(process.env.E2E_PORT || 3200);
const baseURL = `http://localhost:${port}`;

/**
 * Browser tests run against `next build && next start` on a temporary database loaded with the demo
 * school, in Debian's Chromium (Playwright's own browser download cannot be reached here).
 */
export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  // In CI a failed test is run once more and reported as flaky if it then passes (a shared two-core
  // machine can stall a page past a timeout); locally every failure counts.
  retries: process.env.CI ? 1 : 0,
  // Each page visit runs axe and the 320 px reflow check: allow for a busy machine.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: `npx tsx scripts/e2e-server.ts`,
    url: `${baseURL}/sign-in`,
    env: { E2E_PORT: String(port), WAYMARK_NOW: today },
    // A stale server on the port must fail loudly, not be reused with an unknown database.
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
