import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_PEOPLE, demoEmail } from "@/db/seed/demo/foundation";

export { expect };

/** A demo person's sign-in details by their DEMO_PEOPLE key ("head", "deputy", "y5", "chair", "adviser"…). */
export function demoLogin(key: string) {
  const person = DEMO_PEOPLE.find((p) => p.key === key);
  if (!person) throw new Error(`No demo person ${key}`);
  return { email: demoEmail(person.name), password: DEMO_PASSWORD, name: person.name, role: person.role };
}

export async function signInAs(page: Page, key: string) {
  const login = demoLogin(key);
  // Leave the page first: a request still in flight from it (a prefetch) would otherwise come back
  // with a refreshed session cookie after the cookies are cleared.
  // A response already on its way can still land after the clear (its Set-Cookie refreshes the old
  // session, and /sign-in then redirects a signed-in user away), so clear again until the form shows.
  for (let attempt = 1; ; attempt++) {
    await page.goto("about:blank");
    await page.context().clearCookies();
    await page.goto("/sign-in");
    if (new URL(page.url()).pathname === "/sign-in") break;
    if (attempt === 3) throw new Error(`/sign-in went to ${page.url()} three times after the cookies were cleared`);
  }
  await page.getByLabel("Email address", { exact: true }).fill(login.email);
  await page.getByLabel("Password", { exact: true }).fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  return login;
}

/** Runs axe-core (WCAG 2.2 AA rules) on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page) {
  // After a form's action the page re-renders, and its <title> (streamed metadata) can be replaced a
  // moment later than the content: wait for the page to have one, then let axe check everything.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
  await expectReflows(page);
}

/** Visits a path, checks it rendered (not 403/404/500) and is accessible. */
export async function visitOk(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(200);
  await expect(page.locator("h1").first()).toBeVisible();
  await expectAccessible(page);
}

/** Visits a path the signed-in role must not see and checks the server refused it. */
export async function visitRefused(page: Page, path: string) {
  const response = await page.goto(path);
  expect([403, 404], `status of ${path}`).toContain(response?.status());
}

/**
 * Every browser test fails on any Content Security Policy violation: each page reports its
 * `securitypolicyviolation` events to the console, and Chromium logs refused scripts and styles there too.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      page.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy|CSP violation/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
      });
      await use();
      expect(violations, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Calls a server action by hand, as a forged request would: looks up its id in the production build's
 * manifest and POSTs the arguments to a page that registers it, with the current session's cookies.
 * Returns the raw response text (the RSC payload carrying the action's result).
 */
export async function forgeServerAction(page: Page, file: string, exportedName: string, args: unknown[], postTo: string) {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`No server action ${file}#${exportedName} in the build`);
  const response = await page.request.post(postTo, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
  });
  return { status: response.status(), body: await response.text() };
}

/**
 * WCAG 2.2 reflow (1.4.10): at 320 × 800 CSS pixels the page must not scroll sideways. Wide tables
 * scroll inside their own region (components/ui/table-wrap), never the page. Resizes the viewport,
 * waits for the layout (charts re-measure themselves) and restores the size the test had.
 */
export async function expectReflows(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const doc = document.documentElement;
            if (doc.scrollWidth <= doc.clientWidth) return "";
            // Name the outermost elements that stick out, to say what to fix.
            const wide = [...document.body.querySelectorAll("*")]
              .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > doc.clientWidth + 0.5))
              .slice(0, 5)
              .map(
                (el) =>
                  `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} (${Math.round(el.getBoundingClientRect().right)} px)`,
              );
            return `${doc.scrollWidth} px wide: ${wide.join(", ")}`;
          }),
        { message: `${page.url()} scrolls sideways at 320 px`, timeout: 3_000 },
      )
      .toBe("");
  } finally {
    if (size) await page.setViewportSize(size);
  }
}
