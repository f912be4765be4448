import type Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

/**
 * SQLite's online backup API: a consistent copy while the app keeps reading and writing. Written to a
 * temporary file and renamed, so a failed backup never leaves a half-written file under the name asked for.
 */
export async function backupDatabase(sqlite: Database.Database, file: string, progress?: (done: number, total: number) => void): Promise<number> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  fs.rmSync(tmp, { force: true });
  let total = 0;
  await sqlite.backup(tmp, {
    progress: ({ totalPages, remainingPages }) => {
      total = totalPages;
      progress?.(totalPages - remainingPages, totalPages);
      return 200;
    },
  });
  fs.renameSync(tmp, target);
  return total;
}
