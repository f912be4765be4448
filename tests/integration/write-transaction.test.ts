import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import * as schema from "@/db/schema";
import { errorResult } from "@/lib/actions/define-action";
import { CLI_ACTOR } from "@/lib/data/audit";
import { importPupils } from "@/lib/data/pupils";
import { createSchoolWithYear } from "@/lib/data/school";
import { resetWriteRetryPolicy, setWriteRetryPolicy, writeInChunks, writeTransaction } from "@/lib/data/transaction";
import { BusyError, DatabaseFaultError } from "@/lib/errors";

const root = path.resolve(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-tx-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => resetWriteRetryPolicy());

/** Two connections to one file: `holder` takes the write lock, `writer` (short busy timeout) tries to write. */
function pair(name: string) {
  const file = path.join(dir, name);
  const { sqlite, db } = openDatabase(file);
  migrateDatabase(db);
  createSchoolWithYear({ name: "Lock Primary", phase: "primary", academicYear: "2025-26", actor: CLI_ACTOR }, db);
  const raw = new Database(file);
  raw.pragma("busy_timeout = 20");
  const writer = drizzle(raw, { schema }) as unknown as DB;
  return { holder: sqlite, db, writer, raw };
}

function schoolName(db: DB) {
  return db.select({ name: schema.schools.name }).from(schema.schools).get()!.name;
}

describe("writeTransaction", () => {
  it("takes the write lock at BEGIN, so a read-then-write waits for another writer instead of failing on the upgrade", () => {
    const { holder, writer } = pair("immediate.db");
    holder.exec("BEGIN IMMEDIATE");
    // While another connection holds the lock, BEGIN IMMEDIATE waits (then is refused) before anything is read.
    setWriteRetryPolicy({ attempts: 1 });
    let reads = 0;
    expect(() =>
      writeTransaction(writer, (tx) => {
        reads++;
        tx.update(schema.schools)
          .set({ name: "Changed" })
          .where(eq(schema.schools.name, schoolName(tx as unknown as DB)))
          .run();
      }),
    ).toThrow(BusyError);
    expect(reads).toBe(0);
    holder.exec("COMMIT");
    writeTransaction(writer, (tx) => {
      const name = schoolName(tx as unknown as DB);
      tx.update(schema.schools)
        .set({ name: `${name} (renamed)` })
        .where(eq(schema.schools.name, name))
        .run();
    });
    expect(schoolName(writer)).toBe("Lock Primary (renamed)");
  });

  it("retries with a pause while the database stays locked, then gives up with a message that says the changes are kept", () => {
    const { holder, writer } = pair("busy.db");
    holder.exec("BEGIN IMMEDIATE");
    const waits: number[] = [];
    setWriteRetryPolicy({ attempts: 3, baseDelayMs: 5, onRetry: (_n, ms) => waits.push(ms) });
    let error: unknown;
    try {
      writeTransaction(writer, (tx) => tx.update(schema.schools).set({ name: "Never" }).where(eq(schema.schools.phase, "primary")).run());
    } catch (e) {
      error = e;
    }
    holder.exec("ROLLBACK");
    expect(error).toBeInstanceOf(BusyError);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(5);
    expect(waits[1]).toBeGreaterThanOrEqual(10);
    expect(errorResult(error)).toEqual({ ok: false, formError: expect.stringMatching(/busy.*What you entered is kept: try again/) });
    expect(schoolName(writer)).toBe("Lock Primary");
  });

  it("succeeds on a later attempt once the other writer has finished", () => {
    const { holder, writer } = pair("retry.db");
    holder.exec("BEGIN IMMEDIATE");
    setWriteRetryPolicy({ attempts: 4, baseDelayMs: 1, onRetry: (n) => n === 2 && holder.exec("COMMIT") });
    let runs = 0;
    writeTransaction(writer, (tx) => {
      runs++;
      tx.update(schema.schools).set({ name: "After the wait" }).where(eq(schema.schools.phase, "primary")).run();
    });
    expect(runs).toBe(1);
    expect(schoolName(writer)).toBe("After the wait");
  });

  it("nests inside another transaction as a savepoint and leaves retrying to the outer one", () => {
    const { db } = pair("nested.db");
    expect(() =>
      writeTransaction(db, (tx) => {
        tx.update(schema.schools).set({ name: "Outer" }).where(eq(schema.schools.phase, "primary")).run();
        try {
          writeTransaction(tx, (inner) => {
            inner.update(schema.schools).set({ name: "Inner" }).where(eq(schema.schools.phase, "primary")).run();
            throw new Error("inner fails");
          });
        } catch {
          // the savepoint is rolled back, the outer transaction carries on
        }
        expect(schoolName(tx as unknown as DB)).toBe("Outer");
        throw new Error("outer fails");
      }),
    ).toThrow("outer fails");
    expect(schoolName(db)).toBe("Lock Primary");
  });

  it("turns a full disk into a plain message", () => {
    const { db, holder } = pair("full.db");
    const pages = holder.pragma("page_count", { simple: true }) as number;
    holder.pragma(`max_page_count = ${pages}`);
    let error: unknown;
    try {
      writeTransaction(db, (tx) => {
        for (let i = 0; i < 200; i++)
          tx.insert(schema.signInAttempts)
            .values({ key: `k${i}${"x".repeat(2000)}`, attemptedAt: i })
            .run();
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseFaultError);
    expect((error as DatabaseFaultError).kind).toBe("full");
    expect(errorResult(error)).toEqual({ ok: false, formError: expect.stringMatching(/^The server's disk is full/) });
  });

  it("turns a read-only database into a plain message", () => {
    const { holder, raw } = pair("readonly.db");
    const file = path.join(dir, "readonly.db");
    holder.close();
    raw.close();
    const ro = drizzle(new Database(file, { readonly: true }), { schema }) as unknown as DB;
    let error: unknown;
    try {
      writeTransaction(ro, (tx) => tx.update(schema.schools).set({ name: "No" }).where(eq(schema.schools.phase, "primary")).run());
    } catch (e) {
      error = e;
    }
    expect((error as DatabaseFaultError).kind).toBe("readonly");
    expect(errorResult(error)).toEqual({ ok: false, formError: expect.stringMatching(/cannot be written to/) });
  });
});

describe("writeInChunks", () => {
  it("undoes the chunks already written when a later one fails", () => {
    const { db } = pair("chunks.db");
    const step = (key: string, fail = false) => ({
      write: (tx: Parameters<Parameters<typeof writeTransaction>[1]>[0]) => {
        tx.insert(schema.signInAttempts).values({ key, attemptedAt: 1 }).run();
        if (fail) throw new Error("disk trouble");
      },
      undo: (tx: Parameters<Parameters<typeof writeTransaction>[1]>[0]) => tx.delete(schema.signInAttempts).where(eq(schema.signInAttempts.key, key)).run(),
    });
    expect(() => writeInChunks(db, [step("a"), step("b"), step("c", true)])).toThrow("disk trouble");
    expect(db.select().from(schema.signInAttempts).all()).toEqual([]);
    expect(writeInChunks(db, [step("a"), step("b")], () => false)).toBe(false);
    expect(db.select().from(schema.signInAttempts).all()).toEqual([]);
    expect(writeInChunks(db, [step("a"), step("b")])).toBe(true);
    expect(db.select({ key: schema.signInAttempts.key }).from(schema.signInAttempts).all()).toEqual([{ key: "a" }, { key: "b" }]);
  });
});

describe("a large import", () => {
  const csv = (n: number) =>
    [
      "upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after",
      ...Array.from({ length: n }, (_, i) => `Z${String(i).padStart(11, "0")}9,Ann${i},Lee${i},3,3A,F,N,N,N,N,N`),
    ].join("\n");

  it("is written in chunks, and a failure part-way takes back what was written", () => {
    const { db, holder } = pair("import.db");
    const year = "2025-26";
    // The 2,500th pupil cannot be written (as a full disk would refuse it): the third chunk fails.
    holder.exec(`CREATE TEMP TRIGGER refuse AFTER INSERT ON pupils WHEN NEW.upn = 'Z000000024999' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    // When the third chunk starts (pupil 2,000), another connection already sees the first two committed.
    const raw = new Database(path.join(dir, "import.db"), { readonly: true });
    let seenByOthers = -1;
    holder.function("third_chunk", () => (seenByOthers = (raw.prepare("SELECT count(*) AS n FROM pupils").get() as { n: number }).n));
    holder.exec("CREATE TEMP TRIGGER watch AFTER INSERT ON pupils WHEN NEW.upn = 'Z000000020009' BEGIN SELECT third_chunk(); END");
    expect(() => importPupils({ csv: csv(2600), academicYear: year, actor: CLI_ACTOR }, db)).toThrow("disk trouble");
    expect(seenByOthers).toBe(2000);
    expect(holder.prepare("SELECT count(*) AS n FROM pupils").get()).toEqual({ n: 0 });
    expect(holder.prepare("SELECT count(*) AS n FROM classes").get()).toEqual({ n: 0 });
    expect(holder.prepare("SELECT count(*) AS n FROM audit_log WHERE area = 'pupils'").get()).toEqual({ n: 0 });

    holder.exec("DROP TRIGGER temp.refuse");
    const ok = importPupils({ csv: csv(2600), academicYear: year, actor: CLI_ACTOR }, db);
    expect(ok).toMatchObject({ ok: true, summary: { inserts: 2600 } });
    expect(holder.prepare("SELECT count(*) AS n FROM pupils").get()).toEqual({ n: 2600 });
    expect(holder.prepare("SELECT count(*) AS n FROM audit_log WHERE area = 'pupils'").get()).toEqual({ n: 1 });
  });
});

describe("every write goes through writeTransaction", () => {
  it("has no transaction opened anywhere else (the lint rule fails the build on one)", () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
        const rel = path.join(d, e.name);
        if (e.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(e.name) && rel !== path.join("lib", "data", "transaction.ts")) {
          const text = fs.readFileSync(path.join(root, rel), "utf8");
          if (/\.transaction\s*\(/.test(text)) offenders.push(rel);
        }
      }
    };
    for (const d of ["lib", "app", "db", "scripts"]) walk(d);
    expect(offenders).toEqual([]);
  });

  it("lints a direct db.transaction in lib/data as an error", () => {
    const probe = path.join(root, "lib", "data", `__probe-${process.pid}.ts`);
    fs.writeFileSync(probe, 'import { db } from "@/db/client";\nexport const x = () => db.transaction(() => 1);\n');
    try {
      const r = spawnSync(path.join(root, "node_modules/.bin/eslint"), [probe], { cwd: root, encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("Write through writeTransaction");
    } finally {
      fs.rmSync(probe);
    }
  });
});
