import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { totpAt } from "@/lib/auth/totp";
import { nowMs } from "@/lib/clock";
import { demoLogin, expect, expectAccessible, signInAs, test } from "./fixtures";

/** A page request with the given context's cookies, never following a redirect: what a kept cookie gets. */
async function rawGet(request: APIRequestContext, url: string, headers: Record<string, string> = {}) {
  const r = await request.get(url, { maxRedirects: 0, headers });
  return { status: r.status(), location: r.headers()["location"] ?? "", body: await r.text() };
}

async function signedInContext(browser: Browser, key: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, key);
  return { context, page };
}

/** The session cookie of a context, to replay later from a clean context as someone who copied it would. */
async function sessionCookie(context: BrowserContext) {
  const cookies = await context.cookies();
  const session = cookies.filter((c) => c.name.includes("authjs.session-token"));
  expect(session.length).toBeGreaterThan(0);
  return session;
}

async function replay(browser: Browser, cookies: Awaited<ReturnType<typeof sessionCookie>>, url: string, headers: Record<string, string> = {}) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const result = await rawGet(context.request, url, headers);
  await context.close();
  return result;
}

test("signing out ends the session on the server: a kept copy of the cookie opens nothing", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, "ta1");
  const kept = await sessionCookie(context);
  expect((await replay(browser, kept, "/me")).status).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  const after = await replay(browser, kept, "/me");
  expect(after.status).toBe(307);
  expect(after.location).toContain("/sign-in");
  expect(after.body).not.toContain("Lucy Adams");
  await context.close();
});

test("signing out through Auth.js's own endpoint ends the session too", async ({ browser }) => {
  const { context } = await signedInContext(browser, "ta1");
  const kept = await sessionCookie(context);
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const out = await context.request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
  expect([200, 302]).toContain(out.status());
  const after = await replay(browser, kept, "/me");
  expect(after.status).toBe(307);
  expect(after.location).toContain("/sign-in");
  await context.close();
});

test("sign out everywhere ends every session of the user; the head can do it for anyone", async ({ browser, page }) => {
  const first = await signedInContext(browser, "office");
  const second = await signedInContext(browser, "office");
  const keptFirst = await sessionCookie(first.context);
  const keptSecond = await sessionCookie(second.context);
  await first.page.goto("/account");
  await expect(first.page.getByText("(this browser)")).toBeVisible();
  await first.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await first.page.waitForURL(/\/sign-in/);
  expect((await replay(browser, keptFirst, "/me")).status).toBe(307);
  expect((await replay(browser, keptSecond, "/me")).status).toBe(307);

  // The head ends another user's sessions from their user page.
  const third = await signedInContext(browser, "office");
  const keptThird = await sessionCookie(third.context);
  expect((await replay(browser, keptThird, "/me")).status).toBe(200);
  await signInAs(page, "head");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Claire Hughes" }).click();
  await expect(page.getByText(/Open sessions: since/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByText("Signed Claire Hughes out everywhere (1 session ended).")).toBeVisible();
  expect((await replay(browser, keptThird, "/me")).status).toBe(307);
  for (const c of [first, second, third]) await c.context.close();
});

test("a changed role or a disabled account refuses the old cookie at once, without following redirects", async ({ browser, page }) => {
  const pe = await signedInContext(browser, "pe");
  const keptPe = await sessionCookie(pe.context);
  const ta = await signedInContext(browser, "y2");
  const keptTa = await sessionCookie(ta.context);
  expect((await replay(browser, keptPe, "/me")).status).toBe(200);
  expect((await replay(browser, keptTa, "/me")).status).toBe(200);

  await signInAs(page, "head");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Ben Carter" }).click();
  await page.getByLabel("Role", { exact: true }).selectOption("slt");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Aisha Khan" }).click();
  await page.getByLabel("Disable this account").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  for (const kept of [keptPe, keptTa]) {
    const r = await replay(browser, kept, "/me");
    expect(r.status).toBe(307);
    expect(r.location).toContain("/sign-in");
    // As a client navigation too.
    const rsc = await replay(browser, kept, "/pupils?_rsc=check", { RSC: "1" });
    expect(rsc.body).not.toContain("UPN");
    expect(rsc.status).not.toBe(200);
  }
  await pe.context.close();
  await ta.context.close();
});

/** Every page the build serves, with a stand-in for each dynamic segment. */
function everyPage(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return [
    ...new Set(
      Object.entries(manifest)
        .filter(([file]) => file.endsWith("/page"))
        .map(([, route]) => route),
    ),
  ]
    .filter((route) => !["/sign-in", "/setup", "/account/setup", "/_not-found", "/_global-error"].includes(route))
    .map((route) => route.replace(/\[[^\]]+\]/g, "x"))
    .sort();
}

test("a user with set-up to finish is refused every page, as a page and as a client navigation, and weak passwords are refused with the reason", async ({ page, browser }) => {
  await signInAs(page, "head");
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name", { exact: true }).fill("Owen Pending");
  await page.getByLabel("Email address", { exact: true }).fill("owen.pending@oakfield.sch.uk");
  await page.getByLabel("Role", { exact: true }).selectOption("staff");
  await page.getByRole("button", { name: "Add user" }).click();
  const otp = (await page.locator(".success-banner code").textContent())!.trim();

  const pending = await browser.newContext();
  const pendingPage = await pending.newPage();
  await pendingPage.goto("/sign-in");
  await pendingPage.getByLabel("Email address", { exact: true }).fill("owen.pending@oakfield.sch.uk");
  await pendingPage.getByLabel("Password", { exact: true }).fill(otp);
  await pendingPage.getByRole("button", { name: "Sign in" }).click();
  await pendingPage.waitForURL(/\/account\/setup/);

  const pages = everyPage();
  expect(pages.length).toBeGreaterThan(30);
  expect(pages).toContain("/pupils");
  const leaked: string[] = [];
  for (const url of pages) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      let r = await rawGet(pending.request, url, headers);
      // Next answers an RSC request first with a redirect to its cache-keyed URL (?_rsc=…): follow that one.
      if ("RSC" in headers && r.status === 307 && r.location.includes("_rsc")) r = await rawGet(pending.request, r.location, headers);
      // A page answers with a 307; a client navigation with an RSC payload that carries the redirect and
      // no page: no <main>, and no heading but the root layout's not-found and forbidden fallbacks.
      const headings = r.body
        .replace(/\["\$","h1",null,\{"children":"(Page not found|You do not have permission to see this page)"\}\]/g, "")
        .replace(/\["\$","h1",null,\{"className":"next-error-h1"/g, "");
      const refused =
        (r.status === 307 && r.location.includes("/account/setup")) ||
        ("RSC" in headers && r.status === 200 && /NEXT_REDIRECT;[a-z]+;\/account\/setup;/.test(r.body) && !headings.includes('"h1"') && !r.body.includes('["$","main"'));
      if (!refused || r.body.includes("UPN")) leaked.push(`${url} ${"RSC" in headers ? "(RSC)" : ""} ${r.status} ${r.location} ${r.body.slice(0, 200)}`);
    }
  }
  expect(leaked).toEqual([]);

  // Weak passwords are refused, each with its reason on the field.
  await pendingPage.goto("/account/setup");
  const tryPassword = async (password: string) => {
    await pendingPage.getByLabel("Current password", { exact: true }).fill(otp);
    await pendingPage.getByLabel("New password", { exact: true }).fill(password);
    await pendingPage.getByLabel("Confirm new password", { exact: true }).fill(password);
    await pendingPage.getByRole("button", { name: "Change password" }).click();
  };
  await tryPassword("password1234");
  await expect(pendingPage.locator(".error-summary")).toContainText("less common password");
  await tryPassword("oakfield2026!");
  await expect(pendingPage.locator(".error-summary")).toContainText("the school's name");
  await tryPassword("owen pending forever");
  await expect(pendingPage.locator(".error-summary")).toContainText("your name");
  await expectAccessible(pendingPage);
  await pending.close();
});

test("a TOTP code is accepted once; a recovery code signs in once", async ({ page, browser }) => {
  const login = demoLogin("gov_coopt");
  await signInAs(page, "gov_coopt");
  await page.goto("/account");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const key = (await page.locator("code").first().textContent())!.replace(/\s+/g, "");
  const step = Math.floor(nowMs() / 30000);
  await page.getByLabel("Code from your app", { exact: true }).fill(totpAt(key, step));
  await page.getByRole("button", { name: "Turn on two-step verification" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).locator("code")).toHaveCount(10);
  const codes = await page.getByRole("list", { name: "Recovery codes" }).locator("code").allTextContents();
  expect(codes).toHaveLength(10);
  await expectAccessible(page);
  await page.getByRole("button", { name: "I have kept my recovery codes" }).click();

  const signIn = async (code: string) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto("/sign-in");
    await p.getByLabel("Email address", { exact: true }).fill(login.email);
    await p.getByLabel("Password", { exact: true }).fill(login.password);
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.getByLabel("Code from your authenticator app", { exact: true }).fill(code);
    await p.getByRole("button", { name: "Sign in" }).click();
    const ok = await Promise.race([
      p.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 15_000 }).then(() => true),
      p
        .locator(".error-summary", { hasText: "code" })
        .waitFor({ timeout: 15_000 })
        .then(() => false),
    ]);
    await context.close();
    return ok;
  };
  // The setting-up code used step `step`; the next step's code works once, then never again, nor the earlier one.
  expect(await signIn(totpAt(key, step + 1))).toBe(true);
  expect(await signIn(totpAt(key, step + 1))).toBe(false);
  expect(await signIn(totpAt(key, step))).toBe(false);
  expect(await signIn(codes[0]!)).toBe(true);
  expect(await signIn(codes[0]!)).toBe(false);
});

test("pages carry a per-request nonce and no 'unsafe-inline' script policy; every inline script has the nonce", async ({ page }) => {
  await signInAs(page, "head");
  const a = await page.request.get("/plan");
  const b = await page.request.get("/plan");
  const csp = a.headers()["content-security-policy"]!;
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
  expect(/'nonce-([^']+)'/.exec(b.headers()["content-security-policy"]!)![1]).not.toBe(nonce);
  const html = await a.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((attrs) => !attrs.includes(`nonce="${nonce}"`))).toEqual([]);
});

test("the head sees the last backup's time and size", async ({ page }) => {
  await signInAs(page, "head");
  await expect(async () => {
    await page.goto("/admin/school");
    await expect(page.getByText(/^Last backup: .*(KB|MB)\./)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
});

test("sign-in throttling ignores a forged X-Forwarded-For", async ({ page }) => {
  const login = demoLogin("gov_parent2");
  for (let i = 0; i < 4; i++) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${i + 1}` });
    await page.goto("/sign-in");
    await page.getByLabel("Email address", { exact: true }).fill(login.email);
    await page.getByLabel("Password", { exact: true }).fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".error-summary")).toBeVisible();
  }
  await expect(page.locator(".error-summary")).toContainText(/Too many attempts to sign in\. Wait \d+ seconds?/);
});
