import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The production server's memory settings, applied where it is started (scripts/start.ts, the browser
 * tests' server and the bench), so a school's server stays small under a crowd of users:
 *  - V8's old space is capped (WAYMARK_HEAP_MB, default 256 MB; a 2,000-pupil CTF or marksheet import
 *    needs well under half of it) and its young generation kept small (two 2 MB semi-spaces), so short-
 *    lived garbage is collected before it is promoted. The heap held after a minute of 50 users is about
 *    90 MB (docs/performance.md); the cap is for the largest imports;
 *  - the garbage collector can be called (`--expose-gc`), which the server does once when it falls idle
 *    (lib/server/idle), so its memory falls back after a busy spell;
 *  - glibc keeps one malloc arena rather than one per thread, which otherwise hold freed native memory
 *    (SQLite, password hashing, compression) as resident. With the smaller young generation this held
 *    the server 14–21 MB lower under load in the bench, at no cost in throughput.
 * Settings already in the environment win.
 */
export function serverProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const heap = Number(env.WAYMARK_HEAP_MB) || 256;
  const flags = [env.NODE_OPTIONS ?? ""];
  if (!flags[0]!.includes("--max-old-space-size")) flags.push(`--max-old-space-size=${heap}`);
  if (!flags[0]!.includes("--max-semi-space-size")) flags.push("--max-semi-space-size=2");
  if (!flags[0]!.includes("--expose-gc")) flags.push("--expose-gc");
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "1", NODE_OPTIONS: flags.filter(Boolean).join(" ") };
}

/**
 * V8 flags for the server that NODE_OPTIONS may not carry, given on its command line (serverCommand):
 * the old space grows by half again over what a collection leaves, not by V8's own factor of up to
 * four, so garbage is collected before the heap doubles. `--optimize-for-size` would hold the server
 * about 50 MB lower still, but cost a third of its throughput under load, so it is not used.
 */
const SERVER_NODE_FLAGS: readonly string[] = ["--heap-growing-percent=50"];

/**
 * How the production server (scripts/server.ts) is started, by `npm start`, the browser tests and the
 * bench: Node itself with tsx's loader, rather than tsx's command line, which starts a second Node
 * process (about 50 MB) only to pass signals on to the server; and the flags of SERVER_NODE_FLAGS.
 */
export function serverCommand(root: string, args: readonly string[] = []): { command: string; args: string[] } {
  const loader = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;
  return { command: process.execPath, args: [...SERVER_NODE_FLAGS, "--import", loader, path.join(root, "scripts", "server.ts"), ...args] };
}

/**
 * The exit code of a server that cannot start for a reason starting it again would not mend (its port
 * is taken, or not its to use): the supervisor (scripts/restart.ts) stops rather than trying again.
 */
export const EXIT_CANNOT_START = 78;

/** What the server says, in a sentence, when it cannot listen on its port; null for other errors. */
export function listenProblem(error: NodeJS.ErrnoException, port: number): string | null {
  if (error.code === "EADDRINUSE")
    return `Cannot start: port ${port} is already in use, perhaps by another Waymark. Stop that server, or start this one on another port, e.g. PORT=${port + 1} npm start.`;
  if (error.code === "EACCES") return `Cannot start: this user may not listen on port ${port}. Choose a port above 1023, e.g. PORT=3000 npm start.`;
  return null;
}
