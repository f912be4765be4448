/**
 * The bench's HTTP side: starts the production server (scripts/server.ts) on a database, signs in
 * through Auth.js's real credentials sign-in (the same authorize as the sign-in form: password check,
 * throttling, server-side session), times requests as a browser's navigation would make them, and runs
 * concurrent signed-in clients while sampling the server's resident memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { serverCommand, serverProcessEnv } from "../lib/server/runtime";

/** `rssMb`: the server process (the largest in the tree); `treeRssMb`: with its child processes (the report's chart drawing). */
export type Server = { port: number; child: ChildProcess; stop: () => Promise<void>; rssMb: () => number; treeRssMb: () => number; cpuMs: () => number };

/** Resident memory (kB) of a process and each of its descendants (the report's chart drawing runs in a child process). */
function treeRssKb(pid: number): number[] {
  const out: number[] = [];
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    out.push(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) out.push(...treeRssKb(Number(c)));
    }
  } catch {
    // The process ended between reads.
  }
  return out;
}

/** CPU time (ms, user + system) used so far by a process and its descendants, from /proc (100 ticks a second). */
function treeCpuMs(pid: number): number {
  let ms = 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ms += (Number(fields[11]) + Number(fields[12])) * 10;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) ms += treeCpuMs(Number(c));
    }
  } catch {
    // The process ended between reads.
  }
  return ms;
}

export async function startServer({ root, dbPath, port, dir }: { root: string; dbPath: string; port: number; dir: string }): Promise<Server> {
  const server = serverCommand(root);
  const child = spawn(server.command, server.args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    // As `npm start` runs it (lib/server/runtime: heap and allocator settings).
    env: serverProcessEnv({
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_PATH: dbPath,
      BACKUP_DIR: path.join(dir, "backups"),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    }),
  });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 120_000;
  while (!log.includes("Listening on")) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log}`);
    if (Date.now() > deadline) throw new Error(`The server did not start in 2 minutes:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    child,
    rssMb: () => Math.max(0, ...treeRssKb(child.pid!)) / 1024,
    treeRssMb: () => treeRssKb(child.pid!).reduce((a, b) => a + b, 0) / 1024,
    cpuMs: () => treeCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number };

/** One request; the body is read to its end, so the time is what a browser waits for the whole page. */
export function request(
  port: number,
  urlPath: string,
  {
    method = "GET",
    cookie,
    body,
    headers = {},
    fresh = false,
  }: { method?: string; cookie?: string; body?: string; headers?: Record<string, string>; /** On a new connection, not a kept-alive one. */ fresh?: boolean } = {},
): Promise<Reply> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: urlPath,
        method,
        agent: fresh ? false : agent,
        headers: { ...(cookie ? { cookie } : {}), ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - start }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`timeout on ${urlPath}`)));
    if (body) req.write(body);
    req.end();
  });
}

function cookiesOf(headers: http.IncomingHttpHeaders): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of headers["set-cookie"] ?? []) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    m.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return m;
}

/**
 * Signs in through Auth.js's credentials callback (CSRF token first, as the sign-in form's server action
 * does internally) and returns the session cookie header.
 */
export async function signIn(port: number, email: string, password: string): Promise<string> {
  const csrf = await request(port, "/api/auth/csrf");
  const jar = cookiesOf(csrf.headers);
  const token = (JSON.parse(csrf.body.toString()) as { csrfToken: string }).csrfToken;
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const form = new URLSearchParams({ csrfToken: token, email, password, code: "", callbackUrl: "/" }).toString();
  const res = await request(port, "/api/auth/callback/credentials", { method: "POST", cookie, body: form });
  for (const [k, v] of cookiesOf(res.headers)) jar.set(k, v);
  const session = [...jar].find(([k]) => k.includes("session-token"));
  if (!session || !session[1]) throw new Error(`Sign-in as ${email} failed (${res.status} ${res.headers.location ?? ""})`);
  return `${session[0]}=${session[1]}`;
}

/** `cpu`: the server's CPU time per request (ms), which the machine's other work does not inflate. */
export type Timed = { label: string; path: string; p50: number; p95: number; cpu: number; status: number; kb: number; runs: number; note?: string };

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** `runs` sequential requests after `warmup`; p50 and p95 of the wall-clock time to the last byte. */
export async function timePath(server: Server, cookie: string, label: string, urlPath: string | readonly string[], { runs = 30, warmup = 3 }: { runs?: number; warmup?: number } = {}): Promise<Timed> {
  const port = server.port;
  // Several paths are asked for in turn, the first after the last.
  const paths = typeof urlPath === "string" ? [urlPath] : urlPath;
  let n = 0;
  const next = () => paths[n++ % paths.length]!;
  let last: Reply | null = null;
  for (let i = 0; i < warmup; i++) last = await request(port, next(), { cookie });
  const cpuBefore = server.cpuMs();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    last = await request(port, next(), { cookie });
    xs.push(last.ms);
    if (last.status !== 200) break;
  }
  const cpu = (server.cpuMs() - cpuBefore) / xs.length;
  xs.sort((a, b) => a - b);
  return {
    label,
    path: paths.length === 1 ? paths[0]! : `${paths[0]} and ${paths.length - 1} more in turn`,
    p50: quantile(xs, 0.5),
    p95: quantile(xs, 0.95),
    cpu,
    status: last!.status,
    kb: last!.body.length / 1000,
    runs: xs.length,
  };
}

export type LoadResult = {
  label: string;
  path: string;
  users: number;
  seconds: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  rssPeakMb: number;
  rssAfterMb: number;
  treePeakMb: number;
  treeAfterMb: number;
};

/**
 * `users` clients, each with its own signed-in session, requesting `urlPath` back to back for `seconds`.
 * The server's RSS is sampled every 250 ms during the run; "after" is read 5 s after it, once idle.
 */
export async function loadPhase(server: Server, sessions: string[], label: string, urlPath: string, users: number, seconds: number): Promise<LoadResult> {
  const end = performance.now() + seconds * 1000;
  const xs: number[] = [];
  let errors = 0;
  let peak = server.rssMb();
  let treePeak = server.treeRssMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, server.rssMb());
    treePeak = Math.max(treePeak, server.treeRssMb());
  }, 250);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, i) => {
      const cookie = sessions[i % sessions.length]!;
      while (performance.now() < end) {
        try {
          const r = await request(server.port, urlPath, { cookie });
          if (r.status === 200) xs.push(r.ms);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, server.rssMb());
  treePeak = Math.max(treePeak, server.treeRssMb());
  await new Promise((r) => setTimeout(r, 5000));
  xs.sort((a, b) => a - b);
  return {
    label,
    path: urlPath,
    users,
    seconds: elapsed,
    requests: xs.length,
    errors,
    rps: xs.length / elapsed,
    p50: xs.length ? quantile(xs, 0.5) : NaN,
    p95: xs.length ? quantile(xs, 0.95) : NaN,
    rssPeakMb: peak,
    rssAfterMb: server.rssMb(),
    treePeakMb: treePeak,
    treeAfterMb: server.treeRssMb(),
  };
}
