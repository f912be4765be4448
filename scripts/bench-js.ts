/**
 * First-load JavaScript per route, from the production build's manifests (Next 16's build output no
 * longer prints sizes). A route's first load is what its HTML makes the browser fetch before it is
 * interactive: the root main files (the framework and runtime) plus the entry chunks of every layout,
 * boundary and page in its segment tree, as listed in the route's client reference manifest. Each file
 * is gzipped (level 9, as a server would) and the total reported in kB (1,000 bytes).
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export type RouteJs = { route: string; files: number; gzipKb: number };

type RscManifest = { entryJSFiles?: Record<string, string[]> };

export function firstLoadJs(root: string): { routes: RouteJs[]; sharedKb: number } {
  const next = path.join(root, ".next");
  const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const gz = new Map<string, number>();
  const size = (file: string) => {
    const rel = file.replace(/^\/?_next\//, "").replace(/^\//, "");
    let n = gz.get(rel);
    if (n === undefined) {
      const p = path.join(next, rel);
      n = fs.existsSync(p) ? gzipSync(fs.readFileSync(p), { level: 9 }).length : 0;
      gz.set(rel, n);
    }
    return n;
  };
  const shared = build.rootMainFiles;
  const routes: RouteJs[] = [];
  const appDir = path.join(next, "server", "app");
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === "page_client-reference-manifest.js") {
        const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, RscManifest> } = {};
        sandbox.globalThis = sandbox;
        vm.runInNewContext(fs.readFileSync(p, "utf8"), sandbox);
        const [key, manifest] = Object.entries(sandbox.__RSC_MANIFEST ?? {})[0] ?? [];
        if (!key || !manifest) continue;
        const files = new Set<string>(shared);
        for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
        const bytes = [...files].reduce((sum, f) => sum + size(f), 0);
        const route = key.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
        if (route.startsWith("/_")) continue;
        routes.push({ route, files: files.size, gzipKb: bytes / 1000 });
      }
    }
  };
  walk(appDir);
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return { routes, sharedKb: shared.reduce((s, f) => s + size(f), 0) / 1000 };
}

/** Routes whose pages draw a chart: their budget is 200 kB, every other route's 150 kB (issue #18). */
export const CHART_ROUTES = ["/reports/[termKey]", "/reports/[termKey]/compare", "/reports/[termKey]/print", "/pupils/analysis", "/pupils/attendance", "/plan/strands/[id]/impact"];

export function jsBudgetKb(route: string): number {
  return CHART_ROUTES.includes(route) ? 200 : 150;
}

if (require.main === module) {
  const { routes, sharedKb } = firstLoadJs(path.resolve(__dirname, ".."));
  for (const r of routes) process.stdout.write(`${r.route.padEnd(50)} ${r.gzipKb.toFixed(1).padStart(7)} kB\n`);
  process.stdout.write(`shared by all ${sharedKb.toFixed(1)} kB\n`);
}
