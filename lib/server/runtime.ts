/**
 * The production server's memory settings, applied where it is started (scripts/start.ts, the browser
 * tests' server and the bench), so a school's server stays small under a crowd of users:
 *  - V8's old space is capped (WAYMARK_HEAP_MB, default 256 MB; a 2,000-pupil CTF or marksheet import
 *    needs well under half of it) and its young generation kept small, so garbage is collected before
 *    the heap grows instead of after. A 160 MB cap kept the server under 300 MB in 20-second trials, but
 *    its process died within a minute of 50 users on the large school (docs/performance.md);
 *  - the garbage collector can be called (`--expose-gc`), which the server does once when it falls idle
 *    (lib/server/idle), so its memory falls back after a busy spell;
 *  - glibc keeps two malloc arenas rather than one per thread, which otherwise hold freed native memory
 *    (SQLite, image rendering, compression) as resident.
 * Settings already in the environment win.
 */
export function serverProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const heap = Number(env.WAYMARK_HEAP_MB) || 256;
  const flags = [env.NODE_OPTIONS ?? ""];
  if (!flags[0]!.includes("--max-old-space-size")) flags.push(`--max-old-space-size=${heap}`);
  if (!flags[0]!.includes("--max-semi-space-size")) flags.push("--max-semi-space-size=8");
  if (!flags[0]!.includes("--expose-gc")) flags.push("--expose-gc");
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2", NODE_OPTIONS: flags.filter(Boolean).join(" ") };
}
