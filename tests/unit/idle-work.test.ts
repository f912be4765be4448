import { afterEach, describe, expect, it, vi } from "vitest";
import { idleWorker, waitingWork, whenIdle } from "@/lib/server/idle";
import { sourceMapsWanted } from "@/lib/server/source-maps";

/** The server's idle work (lib/server/idle): pages ask for work to be ready; the server does it when quiet. */
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

function worker(opts: { idle?: () => boolean; collect?: () => void } = {}) {
  const w = idleWorker({ isIdle: opts.idle ?? (() => true), quietMs: 1000, collect: opts.collect ?? null, log: () => {} });
  stop = w.stop;
  return w;
}

describe("work done when the server is idle", () => {
  it("is not kept where no server runs it", () => {
    expect(whenIdle("a", () => {})).toBe(false);
    expect(waitingWork()).toEqual([]);
  });

  it("runs what was asked for, oldest first and once per key, after a quiet spell, then collects garbage once", async () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const w = worker({ collect });
    const done: string[] = [];
    expect(whenIdle("report:a", () => done.push("a first"))).toBe(true);
    whenIdle("report:b", () => done.push("b"));
    whenIdle("report:a", () => done.push("a again"));
    expect(waitingWork()).toEqual(["report:b", "report:a"]);
    w.quiet();
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.runAllTimersAsync();
    expect(done).toEqual(["b", "a again"]);
    expect(collect).toHaveBeenCalledTimes(1);
    // Quiet again with nothing served and nothing to do: no second collection.
    await vi.runAllTimersAsync();
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("waits while requests come in, and stops between pieces of work when one arrives", async () => {
    vi.useFakeTimers();
    let idle = true;
    const collect = vi.fn();
    const w = worker({ idle: () => idle, collect });
    const done: string[] = [];
    whenIdle("one", () => {
      done.push("one");
      idle = false;
    });
    whenIdle("two", () => done.push("two"));
    w.quiet();
    await vi.advanceTimersByTimeAsync(500);
    w.busy();
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).toEqual([]);
    w.quiet();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.runAllTimersAsync();
    expect(done).toEqual(["one"]);
    expect(collect).not.toHaveBeenCalled();
    idle = true;
    w.quiet();
    await vi.runAllTimersAsync();
    expect(done).toEqual(["one", "two"]);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("keeps at most eight pieces of work, dropping the oldest, and survives a piece that fails", async () => {
    vi.useFakeTimers();
    const w = worker();
    for (let i = 0; i < 10; i++) whenIdle(`k${i}`, () => {});
    expect(waitingWork()).toEqual(["k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"]);
    const done: string[] = [];
    for (const k of waitingWork()) whenIdle(k, () => done.push(k));
    whenIdle("k5", () => {
      throw new Error("broken");
    });
    w.quiet();
    await vi.runAllTimersAsync();
    expect(done).toEqual(["k2", "k3", "k4", "k6", "k7", "k8", "k9"]);
    expect(waitingWork()).toEqual([]);
  });
});

describe("source maps in the production server (lib/server/source-maps)", () => {
  it("are off unless asked for with WAYMARK_SOURCE_MAPS=1, or the server runs for development", () => {
    expect(sourceMapsWanted({}, ["node", "server.ts"])).toBe(false);
    expect(sourceMapsWanted({ WAYMARK_SOURCE_MAPS: "1" }, ["node", "server.ts"])).toBe(true);
    expect(sourceMapsWanted({}, ["node", "server.ts", "--dev"])).toBe(true);
  });
});
