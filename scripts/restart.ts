import { spawn, type SpawnOptions } from "node:child_process";
import { EXIT_CANNOT_START } from "../lib/server/runtime";

/** Monotonic milliseconds: back-off needs elapsed time, not the date. */
const elapsed = () => performance.now();

/** The pause before restarting a server that died: 1 s, doubling with each crash in the last ten minutes, at most 30 s. */
export function nextRestartDelay(crashTimes: number[], lastStartedAt: number, now = elapsed()): number {
  // A server that ran for ten minutes before dying starts again after 1 s: that was a blip.
  if (now - lastStartedAt > 10 * 60_000) return 1000;
  const recent = crashTimes.filter((t) => now - t < 10 * 60_000).length;
  return Math.min(30_000, 1000 * 2 ** Math.max(0, recent - 1));
}

/**
 * Runs a server process and runs it again whenever it dies, after nextRestartDelay, logging each
 * restart, unless it exits with EXIT_CANNOT_START (its port is taken: starting again would not mend
 * it), when this process exits 1. SIGINT/SIGTERM stop it for good (and this process with it).
 * `delayScale` shortens the pauses in tests.
 */
export function supervise({ command, args, options, log, delayScale = 1 }: { command: string; args: string[]; options: SpawnOptions; log: (s: string) => void; delayScale?: number }) {
  let child: ReturnType<typeof spawn> | null = null;
  let stopping = false;
  const crashes: number[] = [];
  const serve = () => {
    const started = elapsed();
    child = spawn(command, args, options);
    child.on("exit", (code, signal) => {
      child = null;
      if (stopping) process.exit(code ?? 0);
      if (code === EXIT_CANNOT_START) {
        log("The server cannot start (the reason is above); it is not started again.");
        process.exit(1);
      }
      crashes.push(elapsed());
      const delay = nextRestartDelay(crashes, started) * delayScale;
      log(`The server stopped (${signal ? `signal ${signal}` : `exit code ${code}`}); starting it again in ${(delay / 1000).toLocaleString("en-GB")} s.`);
      setTimeout(serve, delay);
    });
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      stopping = true;
      if (child) child.kill(sig);
      else process.exit(0);
    });
  }
  serve();
}

// `tsx scripts/restart.ts -- node server.js`: supervises any command (the restart test uses it).
if (process.argv[1] && /restart\.ts$/.test(process.argv[1]) && process.argv[2] === "--") {
  const [command, ...args] = process.argv.slice(3);
  supervise({ command: command!, args, options: { stdio: "inherit" }, log: (s) => process.stdout.write(`[waymark] ${s}\n`), delayScale: Number(process.env.WAYMARK_RESTART_SCALE ?? 1) });
}
