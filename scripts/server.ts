/**
 * Waymark's production server: Next's request handler behind a plain Node HTTP server, so the client
 * address used for throttling and the audit log comes from the socket (or from as many proxies as
 * TRUST_PROXY trusts) and never from a header a client can forge. `npm start` and the browser tests
 * run this; `next start` on its own would believe any X-Forwarded-For. It also works on only a few
 * requests at once (lib/server/request-queue), so a crowd of users queues instead of filling memory.
 */
import "../lib/outside-next"; // first: lets modules marked "server-only" load outside Next
import "../lib/server/source-maps"; // next: no source maps kept for every module loaded (a production server)
import { createServer } from "node:http";
import next from "next";
import path from "node:path";
import { rewriteForwardedHeaders, trustedProxyHops } from "../lib/server/client-address";
import { startBackupSchedule } from "../lib/server/backup-schedule";
import { maxConcurrentRequests, requestQueue } from "../lib/server/request-queue";
import { idleWorker } from "../lib/server/idle";
import { EXIT_CANNOT_START, listenProblem } from "../lib/server/runtime";

async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOSTNAME || "0.0.0.0";
  const hops = trustedProxyHops();
  const app = next({ dev, dir: path.resolve(__dirname, ".."), port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  // At most a few requests are worked on at once; the rest queue (lib/server/request-queue).
  // When it has had nothing to do for a second: the work pages asked to have ready, then a garbage
  // collection, so memory falls back after a busy spell (lib/server/idle).
  const idle = idleWorker({
    isIdle: () => {
      const { active, waiting } = queue.stats();
      return active === 0 && waiting === 0;
    },
  });
  const queue = requestQueue(maxConcurrentRequests(), { onBusy: idle.busy, onQuiet: idle.quiet });
  await app.prepare();
  const server = createServer((req, res) => {
    rewriteForwardedHeaders(req, hops);
    queue.run(req, res, () => void handle(req, res));
  });
  // A port already taken is one plain sentence, and not tried again by the supervisor.
  server.on("error", (error: NodeJS.ErrnoException) => {
    const problem = listenProblem(error, port);
    if (!problem) throw error;
    process.stderr.write(`[waymark] ${problem}\n`);
    process.exit(EXIT_CANNOT_START);
  });
  server.listen(port, hostname, () => {
    process.stdout.write(`[waymark] Listening on http://localhost:${port}${hops ? ` behind ${hops} trusted proxy hop(s)` : ""}\n`);
  });
  if (!dev) startBackupSchedule();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
