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
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Email address", { exact: true }).fill(login.email);
  await page.getByLabel("Password", { exact: true }).fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  return login;
}

/** Runs axe-core (WCAG 2.2 AA rules) on the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
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

export const test = base;
