import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/**
 * scripts/load-saves.ts: several processes (each its own connection, as the app and the CLI are) save
 * areas for development in the SEF while a CLI pupils import writes 20,000 rows. Before writes took
 * the lock at BEGIN, most of these saves failed at once with "database is locked".
 */
describe("saves while an import writes", () => {
  it("loses none, and none waits long", () => {
    const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/load-saves.ts", "--savers", "4", "--rows", "20000", "--pause", "60", "--json"], {
      cwd: root,
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const figures = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { importOk: boolean; savesDuringImport: number; failed: number; failures: Record<string, number>; slowestMs: number };
    expect(figures.importOk).toBe(true);
    expect(figures.savesDuringImport).toBeGreaterThanOrEqual(20);
    expect(figures.failures).toEqual({});
    expect(figures.failed).toBe(0);
    // Each import chunk holds the lock for a fraction of a second: no save comes near the 5 s busy
    // timeout (a save behind the whole import would; the margin is for a loaded machine).
    expect(figures.slowestMs).toBeLessThan(5000);
  }, 300_000);
});
