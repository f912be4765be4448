import { nowIso, pinClock } from "@/lib/clock";
import { runNotificationPass } from "@/lib/notify/run";
import { mailSettings } from "@/lib/notify/mailer";
import type { Command } from "./commands";

export const NOTIFY_COMMANDS: Command[] = [
  {
    name: "notify run",
    usage: "notify run [--now ISO-DATETIME]",
    summary: "One pass of due notifications and reminders; prints how many messages were sent",
    run: async (args, { db, io }) => {
      const now = typeof args.now === "string" ? args.now : undefined;
      if (args.now === true || (now && Number.isNaN(Date.parse(now)))) {
        io.err("Usage: notify run [--now 2026-11-30T08:00:00Z]");
        return 2;
      }
      if (now) pinClock(now);
      const settings = mailSettings();
      const r = await runNotificationPass({ at: nowIso(), settings }, db);
      if (r.skipped) {
        io.out("Another process is sending notifications now; nothing done. Sent 0 messages.");
        return 0;
      }
      const where = settings.smtpUrl ? "" : " (kept in the outbox at /admin/outbox: SMTP_URL is not set)";
      io.out(`${r.created} new notifications. Sent ${r.sent + r.outbox} messages${where}.`);
      if (r.retrying || r.failed) io.out(`${r.retrying} to retry later, ${r.failed} given up on: see /admin/outbox.`);
      return r.failed ? 1 : 0;
    },
  },
];
