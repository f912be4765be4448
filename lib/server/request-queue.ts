import { AsyncResource } from "node:async_hooks";
import type { EventEmitter } from "node:events";

/**
 * How many page and API requests the server works on at once (WAYMARK_MAX_CONCURRENT, default 6); the
 * rest wait their turn, first come first served. Each request's work is mostly synchronous (SQLite,
 * rendering), so on a small server more at once adds no throughput: it only holds every waiting
 * request's half-built page in memory and makes all of them late together. Static files (hashed
 * scripts and styles) never wait.
 */
export function maxConcurrentRequests(value = process.env.WAYMARK_MAX_CONCURRENT): number {
  if (!value) return 6;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`WAYMARK_MAX_CONCURRENT must be a whole number from 1 to 1000, not "${value}".`);
  return n;
}

type Req = EventEmitter & { url?: string };
type Res = EventEmitter;

/**
 * `onBusy` is called when the server starts work after having none, `onQuiet` when the last request in
 * progress finishes with none waiting (lib/server/idle).
 */
export function requestQueue(limit: number, hooks: { onBusy?: () => void; onQuiet?: () => void } = {}) {
  let active = 0;
  const waiting: { start: () => void; gone: () => boolean }[] = [];
  const next = () => {
    while (active < limit && waiting.length) {
      const w = waiting.shift()!;
      // A client that left while waiting is not served.
      if (!w.gone()) w.start();
    }
  };
  const run = (req: Req, res: Res, handle: () => void) => {
    if (req.url?.startsWith("/_next/static/")) return handle();
    let left = false;
    // A waiting request starts when another finishes, inside that one's event: bound here, it runs in
    // the async context it arrived in instead. Otherwise each request's AsyncLocalStorage stores (Next
    // keeps one per request, with a snapshot of the context it began in) would hold the previous
    // request's, and under a crowd every request served since would stay in memory as one long chain.
    const start = AsyncResource.bind(() => {
      active++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        active--;
        next();
        if (active === 0 && waiting.length === 0) hooks.onQuiet?.();
      };
      res.once("close", release);
      res.once("finish", release);
      handle();
    });
    if (active === 0) hooks.onBusy?.();
    if (active < limit) return start();
    res.once("close", () => (left = true));
    waiting.push({ start, gone: () => left });
  };
  return { run, stats: () => ({ active, waiting: waiting.length }) };
}
