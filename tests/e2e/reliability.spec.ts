import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * Nothing typed is lost: a Save that gets no answer (the server stopped, the network dropped, a 500)
 * keeps the text with a form-level error and a draft the page offers back; the report's autosave
 * carries on after a busy database and after a network failure.
 */
test.describe.configure({ mode: "serial" });

const UNREACHABLE = "Your changes were not saved: the server could not be reached or did not answer.";

/** Makes the page's server-action POSTs fail: with no answer (as a stopped server), or with a 500. */
async function failSaves(page: Page, how: "abort" | "500", times = Infinity) {
  let left = times;
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"] && left > 0) {
      left--;
      if (how === "abort") await route.abort("connectionrefused");
      else await route.fulfill({ status: 500, body: "Internal Server Error" });
    } else await route.fallback();
  });
}

async function openFirstStrandEdit(page: Page) {
  await page.goto("/plan");
  const hrefs = await page.locator('main a[href^="/plan/strands/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const strand = hrefs.map((h) => /^\/plan\/strands\/[0-9a-f-]{36}/.exec(h)?.[0]).find(Boolean);
  await page.goto(`${strand}/edit`);
  await expect(page.getByLabel("Rationale", { exact: true })).toBeVisible();
}

test("a strand edit keeps its text when the server cannot be reached at Save, and offers it back after a reload", async ({ page }) => {
  await signInAs(page, "head");
  await openFirstStrandEdit(page);
  const rationale = page.getByLabel("Rationale", { exact: true });
  const typed = "Writing at greater depth fell two years running; the book looks show feedback is rarely acted on.";
  await rationale.fill(typed);

  await failSaves(page, "abort");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.locator(".error-summary")).toContainText(UNREACHABLE);
  await expect(rationale).toHaveValue(typed);
  await expect(page.getByRole("heading", { name: "This page couldn't load" })).toHaveCount(0);
  await expectAccessible(page);

  // A 500 is the same: the text stays.
  await page.unroute("**/*");
  await failSaves(page, "500");
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.locator(".error-summary")).toContainText(UNREACHABLE);
  await expect(rationale).toHaveValue(typed);

  // The server is back; the page is reloaded (the text on screen is gone) and the draft is offered back.
  await page.unroute("**/*");
  await page.reload();
  await expect(page.getByText("You have text on this page that was not saved")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Put it back" }).click();
  await expect(page.getByLabel("Rationale", { exact: true })).toHaveValue(typed);
  await page.getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByText(typed).first()).toBeVisible();
  await expect(page.getByLabel("Rationale", { exact: true })).toHaveCount(0);
  // Saved: no draft is offered any more.
  await openFirstStrandEdit(page);
  await expect(page.getByText("You have text on this page that was not saved")).toHaveCount(0);
});

async function openDraftReport(page: Page) {
  await page.goto("/reports");
  const row = page.locator("tbody tr").filter({ hasNotText: "Published" }).first();
  await row.getByRole("link").click();
  const field = page.getByLabel("Headteacher's commentary: Quality of education", { exact: true });
  await expect(field).toBeVisible();
  return field;
}

test("the report's autosave carries on after a network failure, and the later text is saved", async ({ page }) => {
  await signInAs(page, "head");
  const field = await openDraftReport(page);
  const status = page.locator("#f-narrative-quality-status");
  await failSaves(page, "abort", 1);
  await field.fill("First attempt, while the network is down.");
  await expect(page.locator(".narrative-editor .error-summary").first()).toContainText(
    "Not saved yet: the server could not be reached. Your text is still here and kept in this browser. Trying again in",
    { timeout: 15_000 },
  );
  await expect(status).not.toHaveText("Saving…");
  // It retries by itself and the text reaches the server.
  await expect(status).toHaveText(/Saved at \d\d:\d\d/, { timeout: 20_000 });
  await field.fill("First attempt, while the network is down. Then more, once it is back.");
  await expect(status).toHaveText("Not saved yet");
  await expect(status).toHaveText(/Saved at \d\d:\d\d/, { timeout: 20_000 });
  await page.reload();
  await expect(page.getByLabel("Headteacher's commentary: Quality of education", { exact: true })).toHaveValue("First attempt, while the network is down. Then more, once it is back.");
});

test("the report's autosave carries on after the database was busy, and the later text is saved", async ({ page }) => {
  const pointer = path.join(os.tmpdir(), `waymark-e2e-${process.env.E2E_PORT || 3200}.dbpath`);
  const holder = new Database(fs.readFileSync(pointer, "utf8"));
  await signInAs(page, "head");
  const field = await openDraftReport(page);
  const status = page.locator("#f-narrative-quality-status");
  holder.exec("BEGIN IMMEDIATE");
  try {
    await field.fill("Typed while a long import held the database.");
    await expect(page.locator(".narrative-editor .error-summary").first()).toContainText("Waymark is busy", { timeout: 20_000 });
  } finally {
    holder.exec("COMMIT");
    holder.close();
  }
  await expect(status).toHaveText(/Saved at \d\d:\d\d/, { timeout: 20_000 });
  await field.fill("Typed while a long import held the database. And this after it finished.");
  await expect(status).toHaveText("Not saved yet");
  await expect(status).toHaveText(/Saved at \d\d:\d\d/, { timeout: 20_000 });
  await page.reload();
  await expect(page.getByLabel("Headteacher's commentary: Quality of education", { exact: true })).toHaveValue("Typed while a long import held the database. And this after it finished.");
});

test("leaving unsaved text by a link in the app, or the browser's Back, asks first; staying keeps the text", async ({ page }) => {
  await signInAs(page, "head");
  await page.goto("/plan");
  const hrefs = await page.locator('main a[href^="/plan/strands/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const strand = hrefs.map((h) => /^\/plan\/strands\/[0-9a-f-]{36}/.exec(h)?.[0]).find(Boolean)!;
  await page.goto(strand);
  // Into the form by a link, as a user goes: Back is then a step within the app, not a page load.
  await page.locator(`main a[href="${strand}/edit"]`).first().click();
  const rationale = page.getByLabel("Rationale", { exact: true });
  await expect(rationale).toBeVisible();
  const editUrl = page.url();
  const typed = "Unsaved: the books show feedback is acted on in Year 6 but rarely below it.";
  await rationale.fill(typed);
  // The form counts as changed once its draft is kept (a moment after typing stops).
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("waymark.draft:") && k.includes("/edit")))).toBe(true);

  const asked: string[] = [];
  const answer = (accept: boolean) =>
    page.once("dialog", (d) => {
      asked.push(d.message());
      void (accept ? d.accept() : d.dismiss());
    });
  const stayed = async () => {
    await page.waitForTimeout(1000);
    await expect(page).toHaveURL(editUrl);
    await expect(rationale).toHaveValue(typed);
  };

  // The side navigation: asked; staying keeps the page and the text.
  answer(false);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("You have changes that are not saved");
  await stayed();

  // The breadcrumbs the same.
  answer(false);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").first().click();
  await expect.poll(() => asked.length).toBe(2);
  await stayed();

  // The browser's Back: asked; staying keeps the page.
  answer(false);
  await page.evaluate(() => history.back());
  await expect.poll(() => asked.length).toBe(3);
  await stayed();

  // Saying leave goes: the text is kept in this browser and offered back on return.
  answer(true);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect.poll(() => asked.length).toBe(4);
  await expect(page).toHaveURL(/\/$/);
  await page.goto(editUrl);
  await expect(page.getByText("You have text on this page that was not saved")).toBeVisible();
  await page.getByRole("button", { name: "Discard it" }).click();
  // Nothing unsaved: no question.
  page.on("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(asked).toHaveLength(4);
});
