import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expectAccessible, expect, signInAs, test, visitOk, visitRefused } from "./fixtures";
import { CUR, PREV, date, label } from "./demo-dates";

/*
 * The improvement plan in the browser, in order: the head builds a strand, a teacher updates the action
 * they own, a governor reads the plan and comments on a review.
 */

const TITLE = "Reading for pleasure across the school";
const TOM_ACTION = "Set up a class reading corner and a weekly book-talk session in Year 1";
let strandPath = "";

test.describe.configure({ mode: "serial" });

test("the head builds a strand with criteria, actions and an autumn review, then prints and exports the plan", async ({ page }) => {
  // A long journey with an accessibility check on every page: room for a busy machine.
  test.setTimeout(150_000);
  await signInAs(page, "head");
  await visitOk(page, "/plan");
  await expect(page.getByRole("table", { name: "Strands" })).toBeVisible();
  await page.getByRole("link", { name: "Add a strand" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a strand" })).toBeVisible();
  await expectAccessible(page);

  // Nothing filled in: field-linked errors, and the page title says so.
  await page.getByRole("button", { name: "Add strand" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enter a title for the strand" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Select at least one SEF area this strand answers" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);

  await page.getByLabel("Title", { exact: true }).fill(TITLE);
  await page.getByLabel("Rationale", { exact: true }).fill("Pupils read well but few choose to read at home; the reading survey shows enjoyment falling from Year 3.");
  await page.getByLabel("Achievement", { exact: true }).check();
  await page.getByLabel("Curriculum and teaching", { exact: true }).check();
  await page.getByLabel("Lead", { exact: true }).selectOption({ label: "Rachel Green (EYFS and KS1 phase leader, Reception teacher)" });
  await page.getByLabel("Link governor", { exact: true }).selectOption({ label: "Amelia Foster (Co-opted governor; link for early years)" });
  await page.getByRole("button", { name: "Add strand" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  strandPath = new URL(page.url()).pathname;
  expect(strandPath).toMatch(/^\/plan\/strands\/[0-9a-f-]+$/);
  await expectAccessible(page);

  // Two measurable criteria.
  await page.getByRole("link", { name: "Add a success criterion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a success criterion" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("What success looks like", { exact: true }).fill("At least 80% of Year 2 reach the expected standard in reading");
  await page.getByLabel("What it measures", { exact: true }).selectOption("attainment_expected");
  await page.getByLabel("Year group", { exact: true }).selectOption({ label: "Year 2" });
  await page.getByLabel("Subject", { exact: true }).selectOption({ label: "Reading" });
  await page.getByLabel("Pupil group", { exact: true }).selectOption({ label: "All pupils" });
  await page.getByLabel("Baseline", { exact: true }).fill("72");
  await page.getByLabel("Target", { exact: true }).fill("eighty");
  await page.getByLabel("Due by the end of", { exact: true }).selectOption({ label: `${label(CUR, "summer")}` });
  await page.getByLabel("Headline criterion", { exact: true }).check();
  await page.getByRole("button", { name: "Add criterion" }).click();
  await expect(page.getByRole("link", { name: "Enter the target as a number, like 71.5" })).toBeVisible();
  await expect(page.getByLabel("Baseline", { exact: true })).toHaveValue("72");
  await page.getByLabel("Target", { exact: true }).fill("80");
  await page.getByRole("button", { name: "Add criterion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^At least 80% of Year 2 reach the expected standard in reading Headline/ })).toBeVisible();

  await page.getByRole("link", { name: "Add a success criterion" }).click();
  await page.getByLabel("What success looks like", { exact: true }).fill("Pupils who read at home most days rise to 70% in the reading survey");
  await page.getByLabel("What it measures", { exact: true }).selectOption("manual");
  await page.getByLabel("Unit", { exact: true }).fill("%");
  await page.getByLabel("Baseline", { exact: true }).fill("54");
  await page.getByLabel("Target", { exact: true }).fill("70");
  await page.getByLabel("Due by the end of", { exact: true }).selectOption({ label: `${label(CUR, "summer")}` });
  await page.getByRole("button", { name: "Add criterion" }).click();
  await expect(page.getByRole("cell", { name: /^Pupils who read at home most days rise to 70%/ })).toBeVisible();
  await expect(page.getByRole("table").filter({ hasText: "Baseline" }).first().getByRole("row")).toHaveCount(3);

  // Three actions; the first owned by Tom Bennett (Year 1).
  const actions = [
    { d: TOM_ACTION, owner: "Tom Bennett (Year 1 teacher)", due: date("2026-12-04"), cost: "350" },
    { d: "Reading survey for every KS2 pupil, repeated each term", owner: "Aisha Khan (Year 2 teacher and English lead)", due: date("2027-03-26"), cost: "" },
    { d: "Author visit and a book fair in World Book Day week", owner: "Sarah Patel (PPA cover teacher and music lead)", due: date("2027-03-05"), cost: "1,200" },
  ];
  for (const a of actions) {
    await page.getByRole("link", { name: "Add an action" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add an action" })).toBeVisible();
    await page.getByLabel("What will be done", { exact: true }).fill(a.d);
    await page.getByLabel("Owner", { exact: true }).selectOption({ label: a.owner });
    await page.getByLabel("Start date", { exact: true }).fill(date("2026-11-23"));
    await page.getByLabel("Due date", { exact: true }).fill(a.due);
    await page.getByLabel("Cost (£)", { exact: true }).fill(a.cost);
    await page.getByLabel("How it will be monitored", { exact: true }).fill("Pupil voice each term");
    await page.getByRole("button", { name: "Add action" }).click();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByRole("cell", { name: new RegExp(a.d.slice(0, 30)) }).first()).toBeVisible();
  }
  await expect(page.getByRole("row", { name: /Total \(excluding dropped actions\) £1,550/ })).toBeVisible();
  await expectAccessible(page);

  // The autumn review.
  await page.getByRole("link", { name: `Write the ${label(CUR, "autumn")} review` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Write the ${label(CUR, "autumn")} review` })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Green: On track", { exact: true }).check();
  await page.getByLabel("Progress this term", { exact: true }).fill("Reading corners are being set up in KS1; the first reading survey is planned.");
  await page.getByLabel("Impact", { exact: true }).fill("Too early to see impact on attainment; pupils in Year 1 talk enthusiastically about their class books.");
  await page.getByLabel("Next steps", { exact: true }).fill("Run the reading survey in January.");
  await page.getByRole("button", { name: "Save review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const autumn = page.getByRole("article", { name: new RegExp(`${label(CUR, "autumn")}`) });
  await expect(autumn.getByText("Green: on track")).toBeVisible();
  await expect(autumn.getByText("Reading corners are being set up in KS1")).toBeVisible();

  await visitOk(page, `${strandPath}/impact`);
  await page.getByLabel("Term", { exact: true }).selectOption({ label: label(CUR, "autumn") });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: `Monitoring that tested this strand in ${label(CUR, "autumn")}` })).toBeVisible();
  await visitOk(page, `${strandPath}/edit`);

  // The plan on a page and the printable plan.
  await visitOk(page, "/plan/on-a-page");
  const row = page.getByRole("row", { name: new RegExp(TITLE) });
  await expect(row).toContainText("Rachel Green");
  await expect(row).toContainText("Green");
  await expect(row).toContainText("At least 80% of Year 2 reach the expected standard in reading");
  await visitOk(page, "/plan/print");
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(TITLE) })).toBeVisible();

  // The Word document.
  await visitOk(page, "/plan");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as Word" }).click()]);
  expect(download.suggestedFilename()).toBe(`improvement-plan-${CUR}.docx`);
  const file = await download.path();
  const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))["word/document.xml"]!);
  expect(xml).toContain(TITLE);
  expect(xml).toContain(TOM_ACTION);
  expect(xml).toContain("Reading corners are being set up in KS1");
});

test("a teacher sees and updates the action they own, and cannot edit the plan", async ({ page }) => {
  expect(strandPath).not.toBe("");
  await signInAs(page, "y1");
  await visitOk(page, "/me");
  const item = page.getByRole("listitem").filter({ hasText: TOM_ACTION });
  await expect(item).toBeVisible();
  await expect(item.locator("strong.tag", { hasText: "Not started" })).toBeVisible();
  await item.getByText("Update progress").click();
  const form = item.getByRole("form", { name: /Progress on:/ });
  await form.getByLabel("Status", { exact: true }).selectOption({ label: "In progress" });
  await form.getByLabel("Notes", { exact: true }).fill("Reading corner set up; book talk starts next week.");
  await form.getByRole("button", { name: "Save progress" }).click();
  await expect(form.getByText("Progress saved")).toBeVisible();
  await page.reload();
  const updated = page.getByRole("listitem").filter({ hasText: TOM_ACTION });
  await expect(updated.locator("strong.tag", { hasText: "In progress" })).toBeVisible();
  await expect(updated.getByText("Reading corner set up; book talk starts next week.")).toBeVisible();
  await expectAccessible(page);

  // The strand page: progress for their own action only, and no edit controls.
  await visitOk(page, strandPath);
  await expect(page.getByText("Update progress")).toHaveCount(1);
  for (const name of ["Edit strand", "Add a success criterion", "Add an action", `Write the ${label(CUR, "autumn")} review`]) {
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: "Delete strand" })).toHaveCount(0);

  // Another strand (from the demo plan): readable, but not editable.
  await visitOk(page, "/plan");
  await page.getByRole("link", { name: "Early reading and phonics in Reception and Key Stage 1", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Early reading and phonics in Reception and Key Stage 1" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit strand" })).toHaveCount(0);
  const other = new URL(page.url()).pathname;
  await visitRefused(page, `${other}/edit`);
  await visitRefused(page, `${other}/actions/new`);
  await visitRefused(page, "/plan/strands/new");
});

test("a governor reads the plan and its reviews, comments on a review, and has no edit controls", async ({ page }) => {
  await signInAs(page, "vicechair");
  await visitOk(page, "/plan");
  await expect(page.getByRole("link", { name: "Add a strand" })).toHaveCount(0);
  await visitOk(page, `/plan?year=${PREV}`);
  await expect(page.getByRole("heading", { level: 1, name: `Improvement plan ${PREV}` })).toBeVisible();
  await page.getByRole("link", { name: "Raise standards in writing across Key Stage 2", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Raise standards in writing across Key Stage 2" })).toBeVisible();
  await expectAccessible(page);
  const summer = page.getByRole("article", { name: new RegExp(`${label(PREV, "summer")}`) });
  await expect(summer.getByText("Amber: at risk")).toBeVisible();
  await expect(summer.getByText("The board agrees this should continue next year.", { exact: false })).toBeVisible();
  for (const name of ["Edit strand", "Add an action", "Add a success criterion"]) await expect(page.getByRole("link", { name })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Edit.* review/ })).toHaveCount(0);

  // Comment on this year's autumn review of the writing strand.
  await visitOk(page, "/plan");
  await page.getByRole("link", { name: "Raise standards in writing across Key Stage 2", exact: true }).click();
  const autumn = page.getByRole("article", { name: new RegExp(`${label(CUR, "autumn")}`) });
  const form = autumn.getByRole("form", { name: `Comment on the ${label(CUR, "autumn")} review` });
  await form.getByRole("button", { name: "Add comment" }).click();
  await expect(form.getByRole("link", { name: "Enter your comment" })).toBeVisible();
  await form.getByLabel("Your comment", { exact: true }).fill("What did the Year 4 book look show about editing?");
  await form.getByRole("button", { name: "Add comment" }).click();
  await expect(autumn.getByText("What did the Year 4 book look show about editing?")).toBeVisible();
  await expect(autumn.getByText(/Robert Hale \(Governor\)/).last()).toBeVisible();
  await expectAccessible(page);

  await visitOk(page, "/plan/on-a-page");
  await visitRefused(page, "/plan/strands/new");
  await visitRefused(page, `${strandPath}/edit`);
});
