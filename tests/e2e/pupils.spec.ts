import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test, visitOk, visitRefused } from "./fixtures";
import { CUR, PREV, label } from "./demo-dates";

// Several sign-ins and axe scans per test: allow for a busy machine.
test.describe.configure({ timeout: 120_000 });

/** The first `n` pupils of a list page as { id, name, upn }, read as the head sees them. */
async function pupilsOn(page: Page, path: string, n: number) {
  await page.goto(path);
  const rows = page.locator("table.table tbody tr");
  const out: { id: string; name: string; upn: string }[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const link = row.locator("th a");
    const href = (await link.getAttribute("href"))!;
    const [last, first] = (await link.innerText()).split(", ");
    out.push({ id: href.split("/").pop()!, name: `${first} ${last}`, upn: (await row.locator("td").first().innerText()).trim() });
  }
  return out;
}

async function chooseCsv(page: Page, csv: string) {
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "assessments.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
}

test("head imports assessments: a bad file is refused with the line named, then a good one is previewed and imported", async ({ page }) => {
  await signInAs(page, "head");
  const y6 = await pupilsOn(page, `/pupils?year=${CUR}&yg=Y6`, 6);
  await visitOk(page, `/pupils/analysis?term=${CUR}:spring&yg=Y6`);
  await expect(page.getByText(`No assessment results have been recorded for ${label(CUR, "spring")}.`)).toBeVisible();

  await visitOk(page, "/pupils/import");
  const header = "upn,academic_year,term,subject,result";
  const good = [header, ...y6.map((p, i) => `${p.upn},${CUR},spring,reading,${i < 4 ? "EXS" : "WTS"}`)];
  const bad = [...good.slice(0, 3), `${y6[2]!.upn},${CUR},spring,reading,EX`, ...good.slice(4)];

  await chooseCsv(page, bad.join("\n"));
  await page.getByRole("button", { name: "Check the file" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary).toContainText('Line 4: result "EX" is not a result of the school\'s scheme (PKS, WTS, EXS, GDS)');
  await expect(page.getByRole("heading", { name: "Nothing was imported" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);
  await expectAccessible(page);

  // Nothing changed.
  await page.goto(`/pupils/analysis?term=${CUR}:spring&yg=Y6`);
  await expect(page.getByText(`No assessment results have been recorded for ${label(CUR, "spring")}.`)).toBeVisible();

  await page.goto("/pupils/import");
  await chooseCsv(page, good.join("\n"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "Check what will change" })).toBeVisible();
  await expect(page.getByText("The file has 6 results and no problems: 6 new, 0 updated, 0 unchanged.")).toBeVisible();
  await expect(page.getByRole("table", { name: "The first rows that change" })).toContainText(y6[0]!.upn);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Import 6 results" }).click();
  await expect(page.locator(".success-banner")).toContainText("6 results: 6 new, 0 updated, 0 unchanged.");
  await expectAccessible(page);

  // Re-importing the same file changes nothing.
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("Everything in this file is already up to date")).toBeVisible();

  await visitOk(page, `/pupils/analysis?term=${CUR}:spring&yg=Y6`);
  const table = page.getByRole("table", { name: new RegExp(`Year 6, ${label(CUR, "spring")}: cohort`) });
  await expect(table.getByRole("row", { name: /Reading: All pupils/ })).toContainText("66.7%");
});

test("head sees a pupil's record, and the pupil list filters", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, "/pupils");
  await page.getByLabel("Year group", { exact: true }).selectOption("Y3");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("table")).toContainText("Year 3");
  await expect(page.getByRole("table")).not.toContainText("Year 4");
  const [p] = await pupilsOn(page, `/pupils?year=${CUR}&yg=Y4`, 1);
  await visitOk(page, `/pupils/${p!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(p!.name);
  await expect(page.getByRole("table", { name: /results by term and subject/ })).toContainText(`${label(CUR, "autumn")}`);
  await visitOk(page, "/me");
});

test("a teacher sees only their own class's pupils and is refused another class's pupil", async ({ page }) => {
  await signInAs(page, "head");
  const [other] = await pupilsOn(page, `/pupils?year=${CUR}&yg=Y6`, 1);
  const [own] = await pupilsOn(page, `/pupils?year=${CUR}&yg=Y5`, 1);

  await signInAs(page, "y5");
  await visitOk(page, "/me");
  await page.getByRole("link", { name: "Pupils in Rowan (Year 5)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pupils");
  await expectAccessible(page);
  await expect(page.getByRole("table")).toContainText("of 30");
  const classes = await page.locator("table.table tbody tr td:nth-child(4)").allInnerTexts();
  expect(new Set(classes)).toEqual(new Set(["Rowan"]));
  // Asking for another class in the query string still shows only their own pupils.
  await page.goto(`/pupils?year=${CUR}&yg=Y6`);
  await expect(page.getByRole("table")).not.toContainText(other!.name.split(" ")[1]! + ", " + other!.name.split(" ")[0]!);
  await visitOk(page, `/pupils/${own!.id}`);
  await visitRefused(page, `/pupils/${other!.id}`);
  await visitRefused(page, "/pupils/import");
  await visitOk(page, "/pupils/analysis");
});

test("a governor sees the attainment analysis with no pupil named and is refused pupil pages", async ({ page }) => {
  await signInAs(page, "head");
  const named = await pupilsOn(page, `/pupils?year=${CUR}&yg=Y6`, 10);

  await signInAs(page, "chair");
  await expect(page.getByRole("link", { name: "Attainment" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pupils" })).toHaveCount(0);
  for (const path of [`/pupils/analysis?term=${CUR}:autumn`, `/pupils/analysis?term=${PREV}:summer&yg=Y6`]) {
    await visitOk(page, path);
    await expect(page.getByRole("heading", { name: "Disadvantaged gap", exact: true })).toBeVisible();
    const text = await page.locator("main").innerText();
    for (const p of named) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.upn);
    }
  }
  await expect(page.getByText(/62% \(2025\)/).first()).toBeVisible();
  // Figures that would reveal a small group by subtraction, or all or none of one, are withheld (and say so).
  // The demo's latest results are its current year's autumn term's (the term the page opens on only
  // while the clock is in that term).
  await visitOk(page, `/pupils/analysis?term=${CUR}:autumn`);
  await expect(page.getByText("withheld (protects a smaller group)").first()).toBeVisible();
  await expect(page.getByText("withheld (all or none)").first()).toBeVisible();
  await visitRefused(page, "/pupils");
  await visitRefused(page, `/pupils/${named[0]!.id}`);
  await visitRefused(page, "/pupils/import");
});

test("an adviser sees the attainment analysis and is refused pupil pages", async ({ page }) => {
  await signInAs(page, "adviser");
  await visitOk(page, "/pupils/analysis");
  await visitRefused(page, "/pupils");
});
