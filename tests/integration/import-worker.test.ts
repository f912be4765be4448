import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { CLI_ACTOR } from "@/lib/data/audit";
import { planImport, plansOffThread, runImport, stopImportPlanner, type ImportRequest } from "@/lib/data/import-run";
import { commitImport } from "@/lib/data/import-plan";
import { nowMs } from "@/lib/clock";

/**
 * Browser imports are read, checked and planned in a worker thread (lib/data/import-worker.mjs), so the
 * server's event loop keeps turning: a timer firing every 10 ms stands for the other requests. The
 * same import planned in this thread (WAYMARK_IMPORT_WORKER=0, as before) stops it for the whole plan.
 */
const ROWS = 100_000;
const WRITTEN = 20_000;

function pupilsCsv(rows: number, firstName = "First"): string {
  const lines = ["upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after"];
  for (let i = 0; i < rows; i++) lines.push(`Z${String(i).padStart(11, "0")}9,${firstName}${i},Last${i},${(i % 6) + 1},Load ${(i % 6) + 1}${"ABCD"[i % 4]},${"FM"[i % 2]},N,N,N,N,N`);
  return `${lines.join("\n")}\n`;
}

/** Runs `work` with a 10 ms timer going; the longest the timer waited between two firings, and how long the work took. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; ticks: number; ms: number }> {
  const started = nowMs();
  let last = started;
  let stallMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const t = nowMs();
    stallMs = Math.max(stallMs, t - last);
    last = t;
    ticks++;
  }, 10);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, nowMs() - last);
    return { result, stallMs, ticks, ms: nowMs() - started };
  } finally {
    clearInterval(timer);
  }
}

let dir: string;
let db: DB;
let sqlite: ReturnType<typeof openDatabase>["sqlite"];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-import-worker-"));
  const opened = openDatabase(path.join(dir, "worker.db"));
  migrateDatabase(opened.db);
  db = opened.db;
  sqlite = opened.sqlite;
});

afterAll(async () => {
  await stopImportPlanner();
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a large browser import", () => {
  const request: ImportRequest = { kind: "pupils", csv: pupilsCsv(ROWS), academicYear: "2030-31", preview: true };

  it("is planned off the main thread for a database file", () => {
    expect(plansOffThread(db)).toBe(true);
  });

  it("keeps the event loop turning while the file is read, checked and planned", async () => {
    // The first import starts the worker (it loads its code once).
    const warm = await runImport({ ...request, csv: pupilsCsv(3) }, null, db);
    expect(warm.ok).toBe(true);

    process.env.WAYMARK_IMPORT_WORKER = "0";
    const inThread = await longestStall(() => runImport(request, null, db)).finally(() => delete process.env.WAYMARK_IMPORT_WORKER);
    const offThread = await longestStall(() => runImport(request, null, db));

    for (const r of [inThread, offThread]) {
      expect(r.result).toMatchObject({ ok: true, summary: { rows: ROWS, inserts: ROWS, updates: 0 } });
    }
    // Planned here, the timer waits for the whole plan: most of the import's time, however quick the machine
    // (about 300 ms on this file here)...
    expect(inThread.stallMs).toBeGreaterThan(inThread.ms / 2);
    // ...planned in the worker, it keeps firing.
    expect(offThread.stallMs).toBeLessThan(250);
    expect(offThread.stallMs * 3).toBeLessThan(inThread.stallMs);
    expect(offThread.ticks).toBeGreaterThan(20);
  }, 120_000);

  it("writes what the worker planned, in chunks with the event loop turning between them, with one audit row", async () => {
    // 20 chunks of 1,000 rows.
    const prepared = await planImport({ ...request, csv: pupilsCsv(WRITTEN), preview: false }, db);
    if (!("write" in prepared)) throw new Error("expected changes to write");
    const applied = await longestStall(() => commitImport(prepared.write, CLI_ACTOR, db));
    expect(applied.result).toMatchObject({ ok: true, summary: { rows: WRITTEN, inserts: WRITTEN } });
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM pupils")).toBe(WRITTEN);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE area = 'pupils' AND verb = 'import'")).toBe(1);
    // Between the chunks the timer fires (written in one go, it could not).
    expect(applied.ticks).toBeGreaterThan(10);

    // Planned again against what is now there: an edit of every tenth pupil is an update, the rest unchanged.
    const edited = pupilsCsv(WRITTEN).replace(/First(\d*0),/g, "Edited$1,");
    const again = await runImport({ ...request, csv: edited }, CLI_ACTOR, db);
    expect(again).toMatchObject({ ok: true, summary: { inserts: 0, updates: WRITTEN / 10, unchanged: WRITTEN - WRITTEN / 10 } });
  }, 120_000);

  it("answers a refused file with its errors, found in the worker", async () => {
    const bad = await runImport({ ...request, csv: "upn,first_name\nX,Y\n" }, null, db);
    expect(bad.ok).toBe(false);
  }, 60_000);
});
