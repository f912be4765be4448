/**
 * The import planner's worker thread (lib/data/import-run starts it): reads, checks and plans imports
 * (lib/data/import-plan) on its own connection to the database file, so a large file does not hold up
 * the server's main thread. It only reads; the writes are made by the main thread.
 *
 * Plain JavaScript, loaded by Node from the source tree (Next does not bundle it): it registers tsx to
 * load the TypeScript it runs, as `npm start` and the CLI do.
 */
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { register } from "tsx/cjs/api";

register();
const require = createRequire(import.meta.url);
// First: data modules are marked "server-only", which plain Node cannot load without this stand-in.
require("../outside-next.ts");
const { openDatabase } = require("../../db/client.ts");
const { prepareImport } = require("./import-plan.ts");

// A connection of its own for each import, closed after: the file may have been replaced since (a
// restore), and an idle worker holds nothing open.
parentPort.on("message", async ({ id, request, file }) => {
  let opened = null;
  try {
    opened = openDatabase(file);
    const result = await prepareImport(request, opened.db);
    parentPort.postMessage({ id, result });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort.postMessage({ id, error: { name: e.name, message: e.message, code: e.code } });
  } finally {
    opened?.sqlite.close();
  }
});
