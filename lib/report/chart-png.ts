import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";

export type ChartJob = { svg: string; width: number };

/**
 * Draws the charts of a Word file as PNGs in a short-lived child process (chart-png-child.mjs), all at
 * once. resvg-js 2.6.2 never frees a rendered image's pixels (thx/resvg-js#216): drawn in the server's
 * own process, every chart of every report stayed in its memory (about 3.5 MB a chart); the child's
 * memory is given back when it exits. Starting it costs about 60 ms, once per file built.
 */
export function drawCharts(jobs: ChartJob[]): Promise<Buffer[]> {
  if (!jobs.length) return Promise.resolve([]);
  const script = path.join(process.cwd(), "lib", "report", "chart-png-child.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: process.cwd(), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`Drawing the charts failed (exit ${code}): ${err.trim().split("\n").slice(-3).join(" ")}`));
      try {
        const pngs = (JSON.parse(Buffer.concat(out).toString("utf8")) as string[]).map((b) => Buffer.from(b, "base64"));
        if (pngs.length !== jobs.length) throw new Error(`Drawing the charts gave ${pngs.length} images for ${jobs.length} charts`);
        resolve(pngs);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.stdin.end(JSON.stringify(jobs));
  });
}
