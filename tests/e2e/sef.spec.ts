import { expectAccessible, expect, signInAs, test, visitOk, visitRefused } from "./fixtures";
import { CUR, PREV } from "./demo-dates";

/** Text that is only in the demo's current-year draft, not in its published version 1. */
const DRAFT_ONLY = "Autumn learning walks in history";

test("a governor reads the published SEF only, and forged requests for the draft are refused", async ({ page }) => {
  await signInAs(page, "chair");
  await visitOk(page, "/sef");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Self-evaluation ${CUR}`);
  await expect(page.getByText(/This is the published self-evaluation: version 1/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Curriculum and teaching", level: 3 })).toBeVisible();
  await expect(page.getByText(DRAFT_ONLY)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Publish/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Self-evaluation" })).toHaveAttribute("aria-current", "page");

  await visitRefused(page, "/sef/areas/curriculum_teaching");
  await visitRefused(page, "/sef/compare?a=1&b=draft");
  await visitRefused(page, "/sef/print?version=draft");
  const docx = await page.request.get("/sef/export/docx?version=draft");
  expect(docx.status()).toBe(403);
  const published = await page.request.get("/sef/export/docx");
  expect(published.status()).toBe(200);
  expect(published.headers()["content-type"]).toContain("wordprocessingml");

  await visitOk(page, `/sef/versions?year=${PREV}`);
  await page.getByRole("link", { name: "What changed from version 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version 1 compared with version 2");
  await expectAccessible(page);
  await visitOk(page, "/sef/print");
});

test("the head changes a grade and a strength, publishes, and the comparison shows exactly what changed", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, "/sef");
  await expect(page.getByText("The draft has 3 changes since version 1.")).toBeVisible();

  await page.getByRole("link", { name: "Achievement", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Achievement");
  await expectAccessible(page);

  // The grade: expected standard → strong standard.
  await page.getByLabel("Strong standard", { exact: true }).check();
  await page.getByRole("button", { name: "Save grade" }).click();
  await expect(page.getByText(/^Grade saved at \d\d:\d\d$/)).toBeVisible();

  // A strength, autosaved when typing pauses.
  const strengths = page.getByLabel("Strengths in achievement", { exact: true });
  await strengths.click();
  await strengths.press("End");
  await strengths.pressSequentially(" Greater depth writing rose this autumn.");
  await expect(page.getByText(/^Saved at \d\d:\d\d$/)).toBeVisible({ timeout: 10_000 });
  await expectAccessible(page);

  // Publish version 2.
  await page.goto("/sef");
  await expect(page.getByText("The draft has 4 changes since version 1.")).toBeVisible();
  await page.getByLabel("Note for this version (optional)", { exact: true }).fill("After the autumn writing moderation");
  await page.getByRole("button", { name: "Publish as version 2" }).click();
  await expect(page.getByText("Version 2 published. Staff, governors and advisers now see it.")).toBeVisible();
  await expect(page.getByText(/Version 2 was published on/)).toBeVisible();
  await expectAccessible(page);

  // Compare it with version 1.
  await page.getByRole("link", { name: "Versions", exact: true }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "What changed from version 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version 1 compared with version 2");
  await expect(page.getByText(/4 changes from version 1 to version 2: Inclusion, Curriculum and teaching, Achievement, Leadership and governance\./)).toBeVisible();

  const achievement = page.locator("#cmp-area-achievement");
  await expect(achievement.locator(".grade-change")).toContainText("Grade changed from Expected standard to Strong standard (improved)");
  await expect(achievement.locator("ins.diff-add")).toHaveText(["[added: Greater depth writing rose this autumn.]"]);
  await expect(achievement.locator("del.diff-del")).toHaveCount(0);
  await expect(achievement.getByText("Unchanged.")).toHaveCount(1); // areas for development
  await expect(page.locator("#cmp-area-leadership_governance .grade-change")).toContainText("from Expected standard to Strong standard");
  await expect(page.locator("#cmp-area-inclusion ins.diff-add")).toContainText("Improve the attendance of disadvantaged pupils with SEND");
  await expect(page.getByText("4 areas unchanged")).toBeVisible();
  await expectAccessible(page);
});

test("autosave keeps the text when someone else saved first", async ({ browser, baseURL }) => {
  const a = await (await browser.newContext({ baseURL })).newPage();
  const b = await (await browser.newContext({ baseURL })).newPage();
  await signInAs(a, "head");
  await signInAs(b, "deputy");
  await a.goto("/sef/areas/early_years");
  await b.goto("/sef/areas/early_years");
  const fieldA = a.getByLabel("Strengths in early years in schools", { exact: true });
  const fieldB = b.getByLabel("Strengths in early years in schools", { exact: true });
  await fieldA.fill("Head's version of the early years strengths.");
  await fieldA.blur();
  await expect(a.getByText(/^Saved at \d\d:\d\d$/)).toBeVisible();
  await fieldB.fill("Deputy's version, typed at the same time.");
  await fieldB.blur();
  await expect(b.getByRole("alert").filter({ hasText: "changed by someone else" })).toBeVisible();
  await expect(fieldB).toHaveValue("Deputy's version, typed at the same time.");
  await expectAccessible(b);
  await a.context().close();
  await b.context().close();
});

test("the head adds an area for development, edits and removes it, and cites and removes a document; errors name the field", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, "/sef/areas/early_years");
  const points = page.locator("ul.point-list > li");
  const before = await points.count();

  // The add-a-point form: empty is refused at the field, then the point is added.
  await page.getByRole("button", { name: "Add area for development" }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  const add = page.getByLabel("Add an area for development", { exact: true });
  await expect(add).toHaveAttribute("aria-invalid", "true");
  await add.fill("Sharpen the two-year-olds' language checks so that gaps are caught by the spring term.");
  await page.getByRole("button", { name: "Add area for development" }).click();
  await expect(points).toHaveCount(before + 1);
  const point = points.last();
  await expect(point).toContainText("Sharpen the two-year-olds' language checks");
  await expect(add).toHaveValue("");

  // Edit it in place (the editor loads when asked for).
  const index = before + 1;
  await point.getByRole("button", { name: `Edit area for development ${index}` }).click();
  const text = point.getByRole("textbox", { name: `Area for development ${index}`, exact: true });
  await text.fill("Sharpen the language checks for two-year-olds, so that gaps are caught by spring.");
  await expectAccessible(page);
  await point.getByRole("button", { name: "Save" }).click();
  await expect(point.locator(".point-text")).toHaveText("Sharpen the language checks for two-year-olds, so that gaps are caught by spring.");

  // Cite a document: a bad address is refused at its field, keeping the label typed.
  await page.getByLabel("Label", { exact: true }).fill("Early years language screening, autumn");
  await page.getByLabel("Web address", { exact: true }).fill("not an address");
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByLabel("Web address", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Label", { exact: true })).toHaveValue("Early years language screening, autumn");
  await page.getByLabel("Web address", { exact: true }).fill("https://example.org/early-years-screening");
  await page.getByRole("button", { name: "Add link" }).click();
  const cited = page.getByRole("link", { name: /Early years language screening, autumn/ });
  await expect(cited).toBeVisible();
  await expectAccessible(page);

  // Take both back out, leaving the draft as the other tests expect it.
  await page.getByRole("button", { name: "Remove Early years language screening, autumn" }).click();
  await expect(cited).toHaveCount(0);
  await point.getByRole("button", { name: `Remove area for development ${index}` }).click();
  await point.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(points).toHaveCount(before);
});
