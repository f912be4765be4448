import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { bookkeepingWrite, memoised, memoSize } from "@/lib/data/memo";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-memo-"));
const file = path.join(dir, "memo.db");
const a = openDatabase(file);
const b = openDatabase(file);
a.sqlite.exec("CREATE TABLE t (v INTEGER)");
afterAll(() => {
  a.sqlite.close();
  b.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function total(db: typeof a.db, counter: { n: number }) {
  return memoised(db, "total", () => {
    counter.n++;
    return { sum: (a.sqlite.prepare("SELECT coalesce(sum(v), 0) AS s FROM t").get() as { s: number }).s, rows: [1, 2, 3] };
  });
}

describe("the shared memo of aggregate computations (lib/data/memo)", () => {
  it("computes once while the data is unchanged, and gives each caller its own copy", () => {
    const counter = { n: 0 };
    const first = total(a.db, counter);
    first.rows.push(99);
    const second = total(a.db, counter);
    expect(counter.n).toBe(1);
    expect(second).toEqual({ sum: 0, rows: [1, 2, 3] });
    expect(memoSize(a.db)).toBe(1);
  });

  it("recomputes after a write on the same connection", () => {
    const counter = { n: 0 };
    total(a.db, counter);
    a.sqlite.prepare("INSERT INTO t (v) VALUES (5)").run();
    expect(total(a.db, counter).sum).toBe(5);
    expect(counter.n).toBe(1);
  });

  it("recomputes after another connection commits (the CLI importing while the app serves)", () => {
    const counter = { n: 0 };
    expect(total(a.db, counter).sum).toBe(5);
    expect(counter.n).toBe(0);
    b.sqlite.prepare("INSERT INTO t (v) VALUES (7)").run();
    expect(total(a.db, counter).sum).toBe(12);
    expect(counter.n).toBe(1);
  });

  it("keeps its entries across a bookkeeping write (an audit row, a session's last-seen time), but not across any other", () => {
    a.sqlite.exec("CREATE TABLE IF NOT EXISTS log (x TEXT)");
    const counter = { n: 0 };
    a.sqlite.prepare("INSERT INTO t (v) VALUES (1)").run();
    total(a.db, counter);
    expect(counter.n).toBe(1);
    bookkeepingWrite(a.db, () => a.sqlite.prepare("INSERT INTO log (x) VALUES ('downloaded')").run());
    expect(total(a.db, counter).sum).toBe(13);
    expect(counter.n).toBe(1);
    a.sqlite.prepare("INSERT INTO log (x) VALUES ('not bookkeeping')").run();
    total(a.db, counter);
    expect(counter.n).toBe(2);
  });

  it("does not memoise inside a transaction, which may see its own uncommitted rows", () => {
    const counter = { n: 0 };
    a.db.transaction((tx) => {
      memoised(tx, "in-tx", () => ++counter.n);
      memoised(tx, "in-tx", () => ++counter.n);
    });
    expect(counter.n).toBe(2);
  });

  it("holds a bounded number of entries", () => {
    for (let i = 0; i < 200; i++) memoised(a.db, `key-${i}`, () => i);
    expect(memoSize(a.db)).toBeLessThanOrEqual(48);
    expect(memoSize(a.db)).toBeGreaterThan(0);
  });
});
