import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { maxConcurrentRequests, requestQueue } from "@/lib/server/request-queue";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverCommand, serverProcessEnv } from "@/lib/server/runtime";

const req = (url = "/") => Object.assign(new EventEmitter(), { url });

describe("the server's request queue (lib/server/request-queue)", () => {
  it("works on at most the limit at once and starts the next when one finishes, first come first served", () => {
    const queue = requestQueue(2);
    const started: number[] = [];
    const responses = [0, 1, 2, 3].map(() => new EventEmitter());
    responses.forEach((res, i) => queue.run(req(), res, () => started.push(i)));
    expect(started).toEqual([0, 1]);
    expect(queue.stats()).toEqual({ active: 2, waiting: 2 });
    responses[1]!.emit("finish");
    responses[1]!.emit("close");
    expect(started).toEqual([0, 1, 2]);
    responses[0]!.emit("close");
    expect(started).toEqual([0, 1, 2, 3]);
    expect(queue.stats()).toEqual({ active: 2, waiting: 0 });
  });

  it("starts a waiting request in the context it arrived in, never inside the request that made room for it", () => {
    // Next keeps a store per request in AsyncLocalStorage; a request started inside another's would
    // keep that one's store alive, and so on back through every request served under load.
    const store = new AsyncLocalStorage<string>();
    const queue = requestQueue(1);
    const first = new EventEmitter();
    const seen: (string | undefined)[] = [];
    store.run("first request", () => queue.run(req("/a"), first, () => seen.push(store.getStore())));
    store.run("second request", () => queue.run(req("/b"), new EventEmitter(), () => seen.push(store.getStore())));
    queue.run(req("/c"), new EventEmitter(), () => seen.push(store.getStore()));
    expect(seen).toEqual(["first request"]);
    // The first finishes inside its own context, as Node emits its response's events.
    store.run("first request", () => first.emit("close"));
    expect(seen).toEqual(["first request", "second request"]);
  });

  it("never serves a client that left while waiting, and never makes static files wait", () => {
    const queue = requestQueue(1);
    const started: string[] = [];
    const first = new EventEmitter();
    const gone = new EventEmitter();
    queue.run(req("/a"), first, () => started.push("a"));
    queue.run(req("/b"), gone, () => started.push("b"));
    queue.run(req("/_next/static/chunks/x.js"), new EventEmitter(), () => started.push("static"));
    queue.run(req("/c"), new EventEmitter(), () => started.push("c"));
    gone.emit("close");
    first.emit("close");
    expect(started).toEqual(["a", "static", "c"]);
  });

  it("says when it starts work after having none, and when the last request finishes with none waiting", () => {
    const events: string[] = [];
    const queue = requestQueue(1, { onBusy: () => events.push("busy"), onQuiet: () => events.push("quiet") });
    const [a, b] = [new EventEmitter(), new EventEmitter()];
    queue.run(req("/a"), a, () => events.push("a"));
    queue.run(req("/b"), b, () => events.push("b"));
    queue.run(req("/_next/static/x.js"), new EventEmitter(), () => events.push("static"));
    a.emit("finish");
    expect(events).toEqual(["busy", "a", "static", "b"]);
    b.emit("close");
    expect(events).toEqual(["busy", "a", "static", "b", "quiet"]);
    queue.run(req("/c"), new EventEmitter(), () => events.push("c"));
    expect(events.slice(-2)).toEqual(["busy", "c"]);
  });

  it("reads its limit from WAYMARK_MAX_CONCURRENT and refuses nonsense", () => {
    expect(maxConcurrentRequests(undefined)).toBe(6);
    expect(maxConcurrentRequests("12")).toBe(12);
    expect(() => maxConcurrentRequests("0")).toThrow(/WAYMARK_MAX_CONCURRENT/);
    expect(() => maxConcurrentRequests("lots")).toThrow(/WAYMARK_MAX_CONCURRENT/);
  });
});

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("the server's memory settings (lib/server/runtime)", () => {
  it("caps the heap and the allocator's arenas, keeping what the environment already says", () => {
    const out = serverProcessEnv(env({ NODE_OPTIONS: "--enable-source-maps" }));
    expect(out.NODE_OPTIONS).toBe("--enable-source-maps --max-old-space-size=256 --max-semi-space-size=2 --expose-gc");
    expect(out.MALLOC_ARENA_MAX).toBe("1");
    expect(serverProcessEnv(env({ WAYMARK_HEAP_MB: "512", MALLOC_ARENA_MAX: "4" }))).toMatchObject({
      NODE_OPTIONS: "--max-old-space-size=512 --max-semi-space-size=2 --expose-gc",
      MALLOC_ARENA_MAX: "4",
    });
    expect(serverProcessEnv(env({ NODE_OPTIONS: "--max-old-space-size=1024" })).NODE_OPTIONS).toBe("--max-old-space-size=1024 --max-semi-space-size=2 --expose-gc");
  });

  it("starts the server with Node itself and tsx's loader: no launcher process in between", () => {
    const root = process.cwd();
    const { command, args } = serverCommand(root, ["--dev"]);
    expect(command).toBe(process.execPath);
    expect(args.slice(-2)).toEqual([path.join(root, "scripts", "server.ts"), "--dev"]);
    expect(args).toContain("--heap-growing-percent=50");
    const loader = args[args.indexOf("--import") + 1]!;
    expect(fs.existsSync(fileURLToPath(loader))).toBe(true);
    expect(args.some((a) => a.endsWith("cli.mjs"))).toBe(false);
  });
});
