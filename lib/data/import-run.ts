import "server-only";
/**
 * Imports from the browser: the file is read, checked and planned in a worker thread
 * (import-worker.mjs, on its own read connection), so a school's 100,000-row file does not stop the
 * server answering everyone else meanwhile; the main thread then writes the plan in short chunks
 * (writeTransaction), as every write is made. The CLI and the tests, and a database in memory, plan
 * in the calling thread (the same functions, lib/data/import-plan).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { db as defaultDb, getConnection, type DbOrTx } from "@/db/client";
import type { Actor } from "./audit";
import { commitImport, importUnderLock, prepareImport, type ImportRequest, type PreparedImport } from "./import-plan";
import type { ImportOutcome } from "./pupils";

export type { ImportRequest } from "./import-plan";

type Pending = { resolve: (p: PreparedImport) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

/**
 * The worker is loaded by Node from the source tree, not bundled by Next (it registers tsx to load the
 * TypeScript it runs, as `npm start` and the CLI do), so it is started from a line of code that imports
 * the file by its address at run time, where the bundler does not follow it.
 */
function startWorker(): Worker {
  const file = pathToFileURL(path.join(process.cwd(), "lib", "data", "import-worker.mjs")).href;
  return new Worker(`import(${JSON.stringify(file)})`, { eval: true });
}

function failAll(error: Error) {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function planner(): Worker {
  if (worker) return worker;
  const w = startWorker();
  w.on("message", (m: { id: number; result?: PreparedImport; error?: { name: string; message: string; code?: string } }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name, code: m.error.code }));
    else p.resolve(m.result!);
  });
  const gone = (error: Error) => {
    if (worker === w) worker = null;
    failAll(error);
  };
  w.on("error", gone);
  w.on("exit", (code) => gone(new Error(`The import planner stopped (exit code ${code}).`)));
  w.unref();
  worker = w;
  return w;
}

/** Stops the planner thread (tests; a new one starts on the next import). */
export async function stopImportPlanner() {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

/** The database file behind a connection, or null (in memory, or a transaction) when a worker cannot open it. */
function fileOf(db: DbOrTx): string | null {
  const client = db === defaultDb ? getConnection().sqlite : (db as { $client?: Database.Database }).$client;
  if (!client || typeof client.name !== "string" || client.memory) return null;
  return path.resolve(client.name);
}

/** Whether imports on this connection are planned in the worker thread. */
/** WAYMARK_IMPORT_WORKER=0 plans in this thread instead (to compare). */
export function plansOffThread(db: DbOrTx = defaultDb): boolean {
  return process.env.WAYMARK_IMPORT_WORKER !== "0" && fileOf(db) !== null;
}

/** Reads, checks and plans an import: in the worker thread for a database file, else here. */
export function planImport(request: ImportRequest, db: DbOrTx = defaultDb): Promise<PreparedImport> {
  const file = plansOffThread(db) ? fileOf(db) : null;
  if (!file) return prepareImport(request, db);
  const w = planner();
  const id = nextId++;
  return new Promise<PreparedImport>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, request, file });
  });
}

/**
 * Previews (actor null) or applies an import. The plan is made off the main thread; the writes are
 * made here, in chunks, each checking that the data the plan read has not changed. If it has, the
 * file is planned again; the third time it is planned and written under the write lock, so an import
 * cannot be starved by a busy school.
 */
export async function runImport(request: ImportRequest, actor: Actor | null, db: DbOrTx = defaultDb): Promise<ImportOutcome> {
  const req = { ...request, preview: actor === null };
  for (let attempt = 1; attempt < 3; attempt++) {
    const prepared = await planImport(req, db);
    if ("done" in prepared) return prepared.done;
    const written = await commitImport(prepared.write, actor!, db);
    if (written) return written;
  }
  return importUnderLock(req, actor!, db);
}
