/**
 * Work the server does when it has nothing else to do: when no request has been worked on for a
 * second, it runs what pages asked to have ready (the report's Word file, so the first download of a
 * report is served at once) one piece at a time, then collects its garbage once (`global.gc`, with
 * `--expose-gc`), so its memory falls back after a busy spell instead of staying at its peak.
 *
 * A page (inside Next's bundle) and the server (scripts/server.ts, outside it) load this module
 * separately, so the work waits in one list kept on the global object. Without a server to run it (the
 * tests, `next dev`) nothing is kept: `whenIdle` says so and the work is simply done when it is asked for.
 */

type Task = () => unknown;
type Shared = { tasks: Map<string, Task>; running: boolean };

const KEY = Symbol.for("waymark.idle-work");
/** At most this many pieces of work wait; the oldest is dropped for a new one. */
const MAX_WAITING = 8;

function shared(): Shared {
  const g = globalThis as { [KEY]?: Shared };
  return (g[KEY] ??= { tasks: new Map(), running: false });
}

/**
 * Asks for `task` to be run the next time the server is idle, in place of any waiting under the same
 * key. False (and nothing kept) when no server runs idle work in this process.
 */
export function whenIdle(key: string, task: Task): boolean {
  const s = shared();
  if (!s.running) return false;
  s.tasks.delete(key);
  s.tasks.set(key, task);
  while (s.tasks.size > MAX_WAITING) s.tasks.delete(s.tasks.keys().next().value!);
  return true;
}

/** The work waiting, by key, oldest first (for tests). */
export function waitingWork(): string[] {
  return [...shared().tasks.keys()];
}

/** The garbage collector, when the process was started with --expose-gc. */
function exposedGc(): (() => void) | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === "function" ? gc : null;
}

/**
 * Runs the idle work for a server: `quiet()` when the last request in progress has finished, `busy()`
 * when one starts. After `quietMs` without a request it runs the waiting work, oldest first, checking
 * between pieces that no request has arrived, and then, if any request was served since the last time,
 * collects garbage once.
 */
export function idleWorker({
  isIdle,
  quietMs = 1000,
  collect = exposedGc(),
  log = (s: string) => process.stderr.write(`${s}\n`),
}: {
  isIdle: () => boolean;
  quietMs?: number;
  collect?: (() => void) | null;
  log?: (s: string) => void;
}) {
  const s = shared();
  s.running = true;
  let timer: NodeJS.Timeout | undefined;
  let served = false;
  let working = false;

  const work = async () => {
    timer = undefined;
    if (working) return;
    working = true;
    try {
      while (isIdle()) {
        const next = s.tasks.entries().next().value;
        if (!next) break;
        s.tasks.delete(next[0]);
        served = true;
        try {
          await next[1]();
        } catch (e) {
          log(`[waymark] Idle work ${next[0]} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        // Let a request that arrived meanwhile in first.
        await new Promise((r) => setImmediate(r));
      }
      if (isIdle() && served && collect) {
        served = false;
        collect();
      }
    } finally {
      working = false;
    }
  };

  return {
    quiet() {
      served = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void work(), quietMs);
      timer.unref();
    },
    busy() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    /** Stops (for tests): waiting work is dropped and no more is kept. */
    stop() {
      if (timer) clearTimeout(timer);
      s.running = false;
      s.tasks.clear();
    },
  };
}
