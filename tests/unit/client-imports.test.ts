import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Forms are checked on the server only, by the action's zod schema (lib/validation is the one source
// of truth): no module the browser loads may reach zod or a schema module, which together weighed
// about 34 kB of every form page's JavaScript, nor react-hook-form's code (12 kB; the forms use
// components/ui/form-state, and only react-hook-form's types). This follows every value import (not
// `import type`, which vanishes at build) from each "use client" module, through the app's own modules.
const root = path.resolve(import.meta.dirname, "../..");
const NOT_IN_BROWSER = [/^zod(\/|$)/, /^@hookform\/resolvers/, /^react-hook-form(\/|$)/, /^@\/lib\/validation(\/|$)/];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/** The specifiers a module imports or re-exports as values (type-only imports are left out). */
function valueImports(code: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^"';]*?)\s*(?:from\s+)?["']([^"']+)["']/gm;
  for (const m of code.matchAll(re)) {
    const [, kind, typeOnly, clause = "", spec = ""] = m;
    if (typeOnly) continue;
    if (kind === "export" && !/^(\*|\{)/.test(clause)) continue;
    // `import { type A, type B } from "x"` loads nothing either.
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    if (named && named[1]!.split(",").every((n) => !n.trim() || n.trim().startsWith("type "))) continue;
    out.push(spec);
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.join(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    const p = path.join(root, candidate);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return candidate;
  }
  return null;
}

/** The first chain of value imports from `file` to a server-only module, or null. */
function pathToServerOnly(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const code = fs.readFileSync(path.join(root, file), "utf8");
  // A server action module is called over the network from the browser, never bundled into it.
  if (/^\s*["']use server["']/.test(code)) return null;
  for (const spec of valueImports(code)) {
    if (NOT_IN_BROWSER.some((re) => re.test(spec))) return [file, spec];
    const next = resolveLocal(file, spec);
    if (!next) continue;
    const chain = pathToServerOnly(next, seen);
    if (chain) return [file, ...chain];
  }
  return null;
}

const clientModules = [...sourceFiles("app"), ...sourceFiles("components")].filter((f) => /^\s*["']use client["']/.test(fs.readFileSync(path.join(root, f), "utf8")));

describe("what the browser loads", () => {
  it("finds the client modules", () => {
    expect(clientModules.length).toBeGreaterThan(30);
    expect(clientModules).toContain("components/ui/use-server-form.ts");
  });

  it("no client module reaches zod, a validation schema or react-hook-form", () => {
    const offenders = clientModules.map((f) => pathToServerOnly(f)).filter((chain) => chain !== null);
    expect(offenders.map((chain) => chain.join(" → "))).toEqual([]);
  });

  it("tells a value import from a type-only one", () => {
    const code = [
      `import type { z } from "zod";`,
      `import { type X, type Y } from "@/lib/validation/sip";`,
      `import { LABEL, type Z } from "@/lib/labels/monitoring";`,
      `import "@/lib/validation/zod";`,
      `import { z as zz } from "zod";`,
      `export { thing } from "./thing";`,
      `export type { Shape } from "./shape";`,
      `export const x = 1;`,
    ].join("\n");
    expect(valueImports(code)).toEqual(["@/lib/labels/monitoring", "@/lib/validation/zod", "zod", "./thing"]);
  });

  it("follows imports through the app's own modules", () => {
    const dir = path.join(root, "components", "__import_probe__");
    fs.mkdirSync(dir, { recursive: true });
    try {
      fs.writeFileSync(path.join(dir, "a.tsx"), `"use client";\nimport { b } from "./b";\nexport const a = b;\n`);
      fs.writeFileSync(path.join(dir, "b.ts"), `import { signInSchema } from "@/lib/validation/auth";\nexport const b = signInSchema;\n`);
      expect(pathToServerOnly("components/__import_probe__/a.tsx")).toEqual(["components/__import_probe__/a.tsx", "components/__import_probe__/b.ts", "@/lib/validation/auth"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
