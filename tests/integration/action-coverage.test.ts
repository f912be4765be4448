import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFINED_ACTION, PUBLIC_ACTION } from "@/lib/actions/define-action";
import { DEFINED_ROUTE } from "@/lib/actions/define-route";
import { actAs, createTestUser, ensureTestSchool } from "../factories";
import { testSession } from "../setup";

/**
 * Every server action is a public POST endpoint and every route handler a public GET/POST. This test
 * lists them all from the app folder and fails if one
 *  - was not made with defineAction (session + zod + required authorize) or, for the few signed-out
 *    actions, definePublicAction; for routes, defineRoute (session + policy verb + error mapping) or
 *    definePublicRoute; or
 *  - has no refusal test: its name must be passed to expectRefused (actions) or expectRouteRefused
 *    (routes) in some integration test; or
 *  - (routes) answers a user whose account set-up is pending, as actions and pages never do.
 */
const root = path.resolve(__dirname, "../..");

function walk(dir: string, match: (f: string) => boolean, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, match, out);
    else if (match(e.name)) out.push(p);
  }
  return out;
}

const actionFiles = walk(path.join(root, "app"), (f) => f === "actions.ts");
const routeFiles = walk(path.join(root, "app"), (f) => f === "route.ts").filter((f) => !f.includes(`${path.sep}api${path.sep}auth${path.sep}`));
const testSources = walk(path.join(root, "tests/integration"), (f) => f.endsWith(".test.ts"))
  .map((f) => fs.readFileSync(f, "utf8"))
  .join("\n");

/** "app/(app)/plan/export/docx/route.ts" → "/plan/export/docx" */
function routePath(file: string) {
  return (
    "/" +
    path
      .relative(path.join(root, "app"), path.dirname(file))
      .split(path.sep)
      .filter((s) => !/^\(.*\)$/.test(s))
      .join("/")
  );
}

describe("every server action and route handler is guarded and has a refusal test", () => {
  it("finds the app's actions", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
  });

  const seen = new Map<string, string>();
  for (const file of actionFiles) {
    const rel = path.relative(root, file);
    it(`${rel}: every export is a defined action with a refusal test`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        expect(typeof value, `${rel} exports ${name}`).toBe("function");
        const fn = value as Record<symbol, unknown>;
        const isDefined = fn[DEFINED_ACTION] === true;
        const isPublic = fn[PUBLIC_ACTION] === true;
        expect(isDefined || isPublic, `${rel}#${name} must be made with defineAction`).toBe(true);
        expect(seen.get(name), `action name ${name} is exported twice (${seen.get(name)} and ${rel}); names must be unique`).toBeUndefined();
        seen.set(name, rel);
        if (isDefined) {
          expect(new RegExp(`expectRefused\\(\\s*(?:\\w+\\.)?${name}\\b`).test(testSources), `${rel}#${name} has no expectRefused(${name}, …) test`).toBe(true);
        }
      }
    });
  }

  for (const file of routeFiles) {
    const route = routePath(file);
    it(`route ${route} is made with defineRoute`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      expect(Object.keys(mod).length, `${route} exports a handler`).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(mod)) {
        expect((value as Record<symbol, unknown>)[DEFINED_ROUTE], `${route}#${name} must be made with defineRoute or definePublicRoute`).toBe(true);
      }
    });

    it(`route ${route} has a refusal test`, () => {
      expect(testSources.includes(`expectRouteRefused("${route}"`), `no expectRouteRefused("${route}", …) test`).toBe(true);
    });

    // The calendar feed has no session: calendar apps cannot sign in, and its secret token is the credential.
    if (route.startsWith("/api/calendar/")) continue;
    it(`route ${route} refuses even the head until they finish setting up their account`, async () => {
      ensureTestSchool();
      const head = createTestUser({ role: "headteacher" });
      for (const pending of [{ mustChangePassword: true }, { needsTotpSetup: true }]) {
        actAs(head);
        Object.assign(testSession.user!, pending);
        const mod = (await import(file)) as { GET: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> };
        const res = await mod.GET(new Request(`http://localhost${route}`), { params: Promise.resolve({ termKey: "2025-26-autumn" }) });
        expect(res.status, `${route} with ${JSON.stringify(pending)}`).toBe(403);
        expect(await res.text()).toBe("Finish setting up your account first.");
      }
    });
  }
});
