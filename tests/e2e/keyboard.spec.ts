import type { Locator, Page } from "@playwright/test";
import { demoLogin, expect, expectAccessible, expectReflows, signInAs, test } from "./fixtures";

/*
 * The core journeys without a mouse: every step is a key press. Focus must move in a sensible order,
 * always be visible, and an error summary's links must take focus to the field at fault. Then the
 * navigation on a phone: a Menu button with aria-expanded, and a plain list without scripting.
 * Each journey leaves the demo data as other specs expect it (the import puts back what it changed).
 */

// Each journey stands alone (signs in itself), so a retry reruns only the test that failed.
test.describe.configure({ timeout: 120_000 });

/** Fails unless the focused element shows a focus indicator (an outline or a box shadow). */
async function expectFocusVisible(page: Page) {
  const problem = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing has focus";
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== "none" && s.boxShadow !== "";
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}" has focus but is not shown`;
    return outline || shadow ? "" : `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}" shows no focus indicator`;
  });
  expect(problem, "focus is visible").toBe("");
}

/** A short name for the focused element, to show the order focus took. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "none";
    const label = el.getAttribute("aria-label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ?? el.textContent ?? "";
    return `${el.tagName.toLowerCase()}:${label.trim().replace(/\s+/g, " ").slice(0, 40)}`;
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has focus, checking every stop on the way shows
 * its focus. Fails if it takes more than `max` presses; returns the stops passed through.
 */
async function tabTo(page: Page, target: Locator, { max = 40, back = false }: { max?: number; back?: boolean } = {}) {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    stops.push(await focused(page));
    await expectFocusVisible(page);
    if (await target.evaluate((el) => el === document.activeElement)) return stops;
  }
  throw new Error(`${max} presses of Tab did not reach ${target}; focus went ${stops.join(" → ")}`);
}

/** Follows the error summary's first link with the keyboard and checks focus lands on `field`. */
async function followFirstError(page: Page, message: string, field: Locator) {
  const summary = page.locator(".error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary, "the error summary takes focus").toBeFocused();
  await page.keyboard.press("Tab");
  await expect(summary.getByRole("link", { name: message })).toBeFocused();
  await expectFocusVisible(page);
  await page.keyboard.press("Enter");
  await expect(field).toBeFocused();
}

test("signing in, then skipping to the content, with the keyboard", async ({ page }) => {
  const login = demoLogin("head");
  await page.goto("/sign-in");
  const stops = await tabTo(page, page.getByLabel("Email address", { exact: true }), { max: 3 });
  expect(stops).toHaveLength(1);
  await page.keyboard.type(login.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(login.password);
  await tabTo(page, page.getByRole("button", { name: "Sign in" }), { max: 3 });
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // On every signed-in page the first stop is the skip link, and it takes focus past the navigation.
  await page.goto("/plan");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await expectFocusVisible(page);
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement)), "Tab after the skip link stays in the content").toBe(true);
  await expectFocusVisible(page);
});

test("the head records a termly review with a RAG rating, finding the error from the summary", async ({ page }) => {
  await signInAs(page, "head");
  await page.goto("/plan");
  const strand = page.getByRole("table", { name: "Strands" }).locator("tbody th a").first();
  const title = (await strand.innerText()).trim();
  await tabTo(page, strand, { max: 60 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The demo's strands are reviewed for the current term: the head revises that review and, being a
  // shared demo, ends with the rating and text it had.
  const edit = page.getByRole("link", { name: /^Edit the .+ review$/ }).first();
  const termLabel = ((await edit.innerText()).replace(/\s+/g, " ").match(/^Edit the (.+) review$/) ?? [])[1]!;
  expect(termLabel, "a term of this strand has a review").toBeTruthy();
  await tabTo(page, edit, { max: 120 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(termLabel) })).toBeVisible();
  await expectAccessible(page);

  const progress = page.getByLabel("Progress this term", { exact: true });
  const before = await progress.inputValue();
  const rated = page.locator('input[name="rag"]:checked');
  const rating = await rated.getAttribute("id");
  expect(rating, "the review has a rating").toBeTruthy();

  // Tab enters the rating group at the chosen option; the arrow keys move the choice along it.
  await tabTo(page, page.locator(`[id="${rating}"]`), { max: 20 });
  await page.keyboard.press("ArrowDown");
  await expect(page.locator(`[id="${rating}"]`)).not.toBeChecked();
  await expectFocusVisible(page);
  await page.keyboard.press("ArrowUp");
  await expect(page.locator(`[id="${rating}"]`)).toBeChecked();

  // Empty the progress and save: the summary takes focus and its link goes back to the field.
  await page.keyboard.press("Tab");
  await expect(progress).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await expect(progress).toHaveValue("");
  await tabTo(page, page.getByRole("button", { name: "Save review" }), { max: 40 });
  await page.keyboard.press("Enter");
  await followFirstError(page, "Enter the progress made this term", progress);
  await page.keyboard.insertText(before);
  await tabTo(page, page.getByRole("button", { name: "Save review" }), { max: 40 });
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const review = page.getByRole("article", { name: new RegExp(termLabel) });
  await expect(review.getByText(before.slice(0, 60))).toBeVisible();
  await expect(review).toContainText(/(Red: off track|Amber: at risk|Green: on track|Blue: achieved)/);
});

test("a teacher responds to an observation of their lesson", async ({ page }) => {
  await signInAs(page, "y1");
  await page.goto("/me");
  const section = page.getByRole("region", { name: "Monitoring", exact: true });
  await expect(section.getByRole("heading", { name: "Observations of you awaiting your response" })).toBeVisible();
  const link = section.getByRole("link", { name: /^Phonics,/ });
  await tabTo(page, link, { max: 60 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your lesson: Phonics");

  // Saving nothing: the error names the response, and its link lands there.
  const response = page.getByLabel("Response", { exact: true });
  await tabTo(page, page.getByRole("button", { name: "Save" }), { max: 60 });
  await page.keyboard.press("Enter");
  await followFirstError(page, "Write a response, or tick the box to acknowledge the observation", response);
  await page.keyboard.type("Thank you. I will model blending with the whole class before the groups start.");
  await page.keyboard.press("Tab");
  const acknowledge = page.getByLabel("I have read this observation and acknowledge it", { exact: true });
  await expect(acknowledge).toBeFocused();
  await expectFocusVisible(page);
  await page.keyboard.press("Space");
  await expect(acknowledge).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/You acknowledged this observation on/)).toBeVisible();
  await expect(response).toHaveValue(/model blending/);
});

test("a governor raises a challenge question", async ({ page }) => {
  await signInAs(page, "chair");
  await page.goto("/governance");
  await tabTo(page, page.getByRole("link", { name: "Ask a question" }), { max: 40 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Ask a question" })).toBeVisible();

  const question = page.getByLabel("Your question", { exact: true });
  await tabTo(page, page.getByRole("button", { name: "Ask the question" }), { max: 40 });
  await page.keyboard.press("Enter");
  const firstError = page.locator(".error-summary a").first();
  await expect(firstError).toBeVisible();
  await followFirstError(page, (await firstError.innerText()).trim(), question);
  await page.keyboard.type("How do leaders know the new phonics groups are closing the gap for disadvantaged pupils?");
  // The first plan strand, chosen with the arrow key on the closed list.
  const strand = page.getByLabel("Plan strand", { exact: true });
  await tabTo(page, strand, { max: 10 });
  await page.keyboard.press("ArrowDown");
  await expect(strand).not.toHaveValue("");
  await tabTo(page, page.getByRole("button", { name: "Ask the question" }), { max: 20 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Challenge question" })).toBeVisible();
  await expect(page.getByText("How do leaders know the new phonics groups are closing the gap")).toBeVisible();
});

test("the head imports a results file to its preview and confirms it", async ({ page }) => {
  await signInAs(page, "head");
  // One pupil's first recorded result, from their record: the import changes it, then puts it back.
  await page.goto("/pupils?yg=Y3");
  const first = page.locator("table.table tbody tr").first();
  const upn = (await first.locator("td").first().innerText()).trim();
  await page.goto((await first.locator("th a").getAttribute("href"))!);
  const results = page.getByRole("table", { name: /results by term and subject/ });
  const termLabel = (await results.locator("tbody tr").first().locator("th").innerText()).replace(/\s*\(.*$/, "").trim();
  const subject = (await results.locator("thead th").nth(1).innerText()).trim().toLowerCase();
  const original = (await results.locator("tbody tr").first().locator("td").first().innerText()).trim();
  const [season, yearText] = termLabel.split(" ");
  const year = Number(yearText);
  const academicYear = season === "Autumn" ? `${year}-${String(year + 1).slice(2)}` : `${year - 1}-${String(year).slice(2)}`;
  const changed = ["PKS", "WTS", "EXS", "GDS"].find((r) => r !== original)!;
  const csv = (result: string) => Buffer.from(`upn,academic_year,term,subject,result\n${upn},${academicYear},${season!.toLowerCase()},${subject},${result}\n`);

  await page.goto("/pupils/import");
  const fileInput = page.getByLabel("File", { exact: true });
  const check = page.getByRole("button", { name: "Check the file" });

  // Checking without a file: the summary's link goes to the file field.
  await tabTo(page, check, { max: 40 });
  await page.keyboard.press("Enter");
  const firstError = page.locator(".error-summary a").first();
  await expect(firstError).toBeVisible();
  await followFirstError(page, (await firstError.innerText()).trim(), fileInput);

  // One handler for the whole test keeps the browser's file chooser intercepted from the start, so a
  // key press can never open it before Playwright is listening; it answers with the file of the moment.
  let chosen: Buffer | null = null;
  let choosers = 0;
  page.on("filechooser", (chooser) => {
    choosers++;
    void chooser.setFiles({ name: "assessments.csv", mimeType: "text/csv", buffer: chosen! });
  });
  const importWithKeys = async (result: string) => {
    // Space on the focused file field opens the file chooser.
    await expect(fileInput).toBeFocused();
    chosen = csv(result);
    const before = choosers;
    await page.keyboard.press("Space");
    await expect.poll(() => choosers, { message: "Space on the file field opens the file chooser" }).toBe(before + 1);
    // Choosing a file clears the last check's errors or result.
    await expect(page.locator(".error-summary, .success-banner")).toHaveCount(0);
    await tabTo(page, check, { max: 5 });
    await page.keyboard.press("Enter");
    // The file is checked in the import planner's thread, which loads its code on first use: allow for it.
    await expect(page.getByRole("heading", { name: "Check what will change" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("The file has 1 result and no problems: 0 new, 1 updated, 0 unchanged.")).toBeVisible();
    const confirm = page.getByRole("button", { name: "Import 1 result" });
    await tabTo(page, confirm, { max: 10 });
    await page.keyboard.press("Enter");
    await expect(page.locator(".success-banner")).toContainText("1 result: 0 new, 1 updated, 0 unchanged.");
  };
  await importWithKeys(changed);
  await expectAccessible(page);
  // Put the original result back, again without the mouse.
  await tabTo(page, fileInput, { max: 20, back: true });
  await importWithKeys(original);
});

test("on a phone the menu button opens and closes the navigation, and the content comes first", async ({ page }) => {
  await signInAs(page, "chair");
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Menu" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toHaveAttribute("aria-controls", "main-nav-list");
  await expect(nav.getByRole("link", { name: "Governance" })).toBeHidden();
  // The page's heading is on the first screen, above the fold.
  await expect(page.getByRole("heading", { level: 1 })).toBeInViewport();

  await tabTo(page, menu, { max: 8 });
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeFocused();
  await expectFocusVisible(page);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeHidden();

  // Open it with Space and follow a link: the next page starts with the menu closed.
  await page.keyboard.press("Space");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await tabTo(page, nav.getByRole("link", { name: "Governance" }), { max: 12 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Challenge log" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Governance" })).toBeHidden();
  await expectAccessible(page);

  // On a wide screen there is no menu button: the navigation is the side column.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(menu).toBeHidden();
  await expect(nav.getByRole("link", { name: "Governance" })).toBeVisible();
});

test("without scripting the navigation is a plain list of links and pages still reflow", async ({ browser, page, baseURL }) => {
  await signInAs(page, "chair");
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 320, height: 800 }, storageState: await page.context().storageState() });
  try {
    const plain = await context.newPage();
    await plain.goto("/governance");
    await expect(plain.getByRole("heading", { level: 1, name: "Challenge log" })).toBeVisible();
    await expect(plain.getByRole("button", { name: "Menu" })).toBeHidden();
    const nav = plain.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Reports to governors" })).toBeVisible();
    await expectReflows(plain);
    // A wide table is still a focusable, labelled region that scrolls inside itself.
    await plain.goto("/plan");
    const region = plain.getByRole("region", { name: "Strands", exact: true });
    await expect(region).toHaveAttribute("tabindex", "0");
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expectReflows(plain);
  } finally {
    await context.close();
  }
});
