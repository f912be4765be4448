/**
 * `npm run load:saves -- [--savers 20] [--rows 100000] [--pause 100] [--json]`: what saves do while an
 * import writes. Loads the demo school into a temporary database, starts `--savers` processes (each its
 * own connection, like the app and the CLI sharing the file) that save areas for development in the
 * self-evaluation (a read, then writes) every `--pause` ms, then runs a `--rows`-row pupils import
 * through the CLI. Prints how many saves were made while the import ran, how many failed and why, and
 * the slowest save. It reports; `--json` prints the figures for a test to judge.
 */
import "@/lib/outside-next"; // first: lets modules marked "server-only" load outside Next
import { fork, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

type Args = { savers: number; rows: number; pause: number; json: boolean };
type SaverReport = { saves: number; duringImport: number; failures: Record<string, number>; messages: string[]; slowestMs: number; latencies: number[] };

const root = path.resolve(__dirname, "..");
const role = process.argv[2];

function parse(argv: string[]): Args {
  const get = (k: string, d: number) => {
    const i = argv.indexOf(`--${k}`);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  return { savers: get("savers", 20), rows: get("rows", 100_000), pause: get("pause", 100), json: argv.includes("--json") };
}

function pupilsCsv(rows: number): string {
  const lines = ["upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after"];
  for (let i = 0; i < rows; i++) {
    const upn = `Z${String(i).padStart(11, "0")}9`;
    lines.push(`${upn},First${i},Last${i},${(i % 6) + 1},Load ${(i % 6) + 1}${"ABCD"[i % 4]},${"FM"[i % 2]},N,N,N,N,N`);
  }
  return `${lines.join("\n")}\n`;
}

/** Sets up the database, runs the savers and the import, prints the figures. */
async function main() {
  const args = parse(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-load-"));
  const dbFile = path.join(dir, "load.db");
  const csvFile = path.join(dir, "pupils.csv");
  fs.writeFileSync(csvFile, pupilsCsv(args.rows));
  const env = { ...process.env, DATABASE_PATH: dbFile, NEXT_TELEMETRY_DISABLED: "1" };
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const cli = (argv: string[]) =>
    new Promise<{ code: number; out: string; ms: number }>((resolve) => {
      const started = performance.now();
      const child = spawn(tsx, [path.join(root, "lib/cli/index.ts"), ...argv], { cwd: root, env });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("exit", (code) => resolve({ code: code ?? 1, out, ms: performance.now() - started }));
    });
  const seeded = await cli(["seed", "demo"]);
  if (seeded.code !== 0) throw new Error(`Could not load the demo school: ${seeded.out}`);

  const savers = Array.from({ length: args.savers }, (_, i) =>
    fork(__filename, ["saver", String(i), String(args.pause)], { cwd: root, env, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] }),
  );
  await Promise.all(savers.map((s) => new Promise<void>((resolve) => s.once("message", () => resolve()))));
  const reports = savers.map((s) => new Promise<SaverReport>((resolve) => s.on("message", (m) => typeof m === "object" && resolve(m as SaverReport))));
  for (const s of savers) s.send("go");
  await new Promise((r) => setTimeout(r, 500));
  for (const s of savers) s.send("import");
  const { todayIso } = await import("@/lib/clock");
  const year = Number(todayIso().slice(0, 4)) + 5;
  const imported = await cli(["import", "pupils", csvFile, "--year", `${year}-${String((year + 1) % 100).padStart(2, "0")}`]);
  for (const s of savers) s.send("stop");
  const all = await Promise.all(reports);
  fs.rmSync(dir, { recursive: true, force: true });

  const failures: Record<string, number> = {};
  for (const r of all) for (const [k, n] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + n;
  const latencies = all.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const figures = {
    savers: args.savers,
    rows: args.rows,
    importOk: imported.code === 0,
    importMs: Math.round(imported.ms),
    importOutput: imported.out.trim().split("\n").slice(0, 3).join(" "),
    saves: all.reduce((n, r) => n + r.saves, 0),
    savesDuringImport: all.reduce((n, r) => n + r.duringImport, 0),
    failed: Object.values(failures).reduce((a, b) => a + b, 0),
    failures,
    messages: [...new Set(all.flatMap((r) => r.messages))].slice(0, 5),
    p95Ms: latencies.length ? Math.round(latencies[Math.floor(latencies.length * 0.95)]!) : 0,
    slowestMs: Math.round(Math.max(0, ...all.map((r) => r.slowestMs))),
  };
  if (args.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else {
    process.stdout.write(
      [
        `Import of ${args.rows.toLocaleString("en-GB")} pupils: ${figures.importOk ? "done" : "FAILED"} in ${(figures.importMs / 1000).toFixed(1)} s (${figures.importOutput.slice(0, 120)})`,
        `${args.savers} savers made ${figures.saves} saves, ${figures.savesDuringImport} of them while the import ran.`,
        `Failed: ${figures.failed}${
          figures.failed
            ? ` (${Object.entries(failures)
                .map(([k, n]) => `${n} ${k}`)
                .join(", ")})`
            : ""
        }`,
        ...figures.messages.map((m) => `  e.g. ${m}`),
        `Save time: 95th percentile ${figures.p95Ms} ms, slowest ${figures.slowestMs} ms.`,
      ].join("\n") + "\n",
    );
  }
}

/** One connection saving areas for development in the current SEF until told to stop. */
async function saver(index: number, pause: number) {
  const { getConnection } = await import("@/db/client");
  const { findCurrentYear } = await import("@/lib/data/school");
  const { findSef, addDevelopmentPoint, updateDevelopmentPoint } = await import("@/lib/data/sef");
  const { sefAreas } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { db } = getConnection();
  const year = findCurrentYear(db)!;
  const sef = findSef({ academicYearId: year.id }, db)!;
  const areas = db.select({ id: sefAreas.id }).from(sefAreas).where(eq(sefAreas.sefId, sef.id)).all();
  const areaId = areas[index % areas.length]!.id;
  const actor = { id: null, name: `Load ${index}` };
  const report: SaverReport = { saves: 0, duringImport: 0, failures: {}, messages: [], slowestMs: 0, latencies: [] };
  let state: "ready" | "go" | "import" | "stop" = "ready";
  process.on("message", (m) => (state = m as typeof state));
  process.send!("ready");
  while (state === "ready") await new Promise((r) => setTimeout(r, 10));
  let point: { id: string; version: number } | null = null;
  while (state !== "stop") {
    const during = state === "import";
    const started = performance.now();
    try {
      point = point
        ? updateDevelopmentPoint({ id: point.id, version: point.version, text: `Edited by saver ${index} at save ${report.saves}`, actor }, db)
        : addDevelopmentPoint({ areaId, text: `Added by saver ${index}`, actor }, db);
    } catch (error) {
      const e = error as { code?: string; name?: string; message?: string };
      const kind = e.code ?? e.name ?? "Error";
      report.failures[kind] = (report.failures[kind] ?? 0) + 1;
      if (report.messages.length < 3) report.messages.push(`${kind}: ${e.message}`);
    }
    const ms = performance.now() - started;
    report.saves++;
    if (during) report.duringImport++;
    report.latencies.push(ms);
    report.slowestMs = Math.max(report.slowestMs, ms);
    await new Promise((r) => setTimeout(r, pause * (0.5 + Math.random())));
  }
  process.send!(report);
  process.disconnect();
}

if (role === "saver") void saver(Number(process.argv[3]), Number(process.argv[4]));
else
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
