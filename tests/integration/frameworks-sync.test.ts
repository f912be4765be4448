import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { FRAMEWORKS_DIR, syncFrameworks } from "@/db/frameworks/load";
import { frameworks } from "@/db/schema";

const rows = () => db.select({ id: frameworks.id, name: frameworks.name, updatedAt: frameworks.updatedAt }).from(frameworks).orderBy(frameworks.id).all();

describe("syncing the shipped framework files (every migrate)", () => {
  it("writes nothing when the files match what is stored", async () => {
    const before = rows();
    expect(before.length).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 5));
    syncFrameworks(db);
    expect(rows()).toEqual(before);
  });

  it("updates only the framework whose file changed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-frameworks-"));
    const files = fs.readdirSync(FRAMEWORKS_DIR).filter((f) => f.endsWith(".json"));
    for (const f of files) fs.copyFileSync(path.join(FRAMEWORKS_DIR, f), path.join(dir, f));
    const first = JSON.parse(fs.readFileSync(path.join(dir, files[0]!), "utf8")) as { id: string; name: string };
    fs.writeFileSync(path.join(dir, files[0]!), JSON.stringify({ ...first, name: `${first.name} (revised)` }));
    const before = rows();
    await new Promise((r) => setTimeout(r, 5));
    syncFrameworks(db, dir);
    const after = rows();
    for (const row of after) {
      const was = before.find((b) => b.id === row.id)!;
      if (row.id === first.id) {
        expect(row.name).toBe(`${first.name} (revised)`);
        expect(row.updatedAt > was.updatedAt).toBe(true);
      } else expect(row).toEqual(was);
    }
  });
});
