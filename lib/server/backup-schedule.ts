import path from "node:path";
import { DEFAULT_DATABASE_PATH } from "@/lib/data/connection";
import { backupDir, backupDue, makeDailyBackup } from "./backups";

/**
 * The running app's daily backup: checked at start and every hour, a backup is made when the newest is
 * a day old (so a server restarted often still makes one a day, and one that was off catches up).
 */
export function startBackupSchedule({ dbPath = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH, log = (s: string) => process.stdout.write(`[waymark] ${s}\n`) } = {}) {
  const resolved = path.resolve(dbPath);
  const dir = backupDir(resolved);
  const tick = () => {
    try {
      if (!backupDue(dir)) return;
      const b = makeDailyBackup({ dbPath: resolved, dir });
      log(`Backed up the database to ${b.file} (${b.bytes} bytes)`);
    } catch (e) {
      log(`Backup failed: ${(e as Error).message}`);
    }
  };
  setTimeout(tick, 10_000).unref();
  setInterval(tick, 60 * 60 * 1000).unref();
}
