import { randomUUID } from "node:crypto";
import { runNotificationPass } from "./run";

let started = false;

/**
 * Sends what is due every few minutes from inside the app (NOTIFY_INTERVAL_MINUTES, default 5; 0 turns
 * it off, e.g. when cron runs `notify run` instead). The database lease means that two app processes
 * on the same database never both send.
 */
export function startNotificationScheduler() {
  if (started) return;
  started = true;
  const minutes = Number(process.env.NOTIFY_INTERVAL_MINUTES ?? "5");
  if (!Number.isFinite(minutes) || minutes <= 0) return;
  const holder = randomUUID();
  let running = false;
  const tick = () => {
    // A slow pass (an SMTP server timing out) must not overlap the next tick: this process holds the
    // lease, so the lease alone would not stop it.
    if (running) return;
    running = true;
    runNotificationPass({ holder })
      .then(
        (r) => {
          if (r.created || r.sent || r.outbox || r.failed) console.log(`[notify] ${r.created} new, ${r.sent + r.outbox} sent, ${r.retrying} to retry, ${r.failed} failed`);
        },
        (error: unknown) => console.error("[notify] pass failed", error),
      )
      .finally(() => {
        running = false;
      });
  };
  setTimeout(tick, 60_000).unref();
  setInterval(tick, minutes * 60_000).unref();
}
