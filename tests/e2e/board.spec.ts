import { TODAY } from "./demo-dates";
import { expect, expectAccessible, signInAs, test, visitOk, visitRefused } from "./fixtures";

/**
 * The governing board's cycle in the browser: the head schedules a meeting with the report as its
 * paper; a governor reads the papers, records a question at the meeting and is notified of the answer;
 * a teacher receives the weekly digest of their actions. Serial: each step builds on the one before.
 */
test.describe.configure({ mode: "serial" });

const QUESTION = "How will the committee know whether the new reading scheme is closing the gap for disadvantaged pupils?";

/** The date `days` after the app's (pinned) today. */
function isoInDays(days: number) {
  const d = new Date(`${TODAY}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test("the head schedules a board meeting and attaches the report to governors", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, "/governance/meetings");
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule a meeting" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Board or committee", { exact: true }).selectOption({ label: "Full governing board" });
  await page.getByLabel("Date", { exact: true }).fill(isoInDays(12));
  await page.getByLabel("Start time", { exact: true }).fill("18:30");
  await page.getByLabel("Place or video-call link", { exact: true }).fill("School hall");
  const report = page.getByLabel("Report to governors (the meeting's paper)", { exact: true });
  const published = (await report.locator("option").allTextContents()).find((t) => t && !t.includes("draft") && t !== "No report")!;
  await report.selectOption({ label: published });
  await page.getByRole("button", { name: "Schedule the meeting" }).click();
  await page.waitForURL(/\/governance\/meetings\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Full governing board");
  await expect(page.getByRole("link", { name: new RegExp(`Report to governors, ${published}`) }).first()).toBeVisible();
  await expect(page.getByText("Headteacher's report to governors")).toBeVisible();
  await expectAccessible(page);
  await visitOk(page, `${new URL(page.url()).pathname}/print`);
  await expect(page.getByRole("heading", { name: "Agenda" })).toBeVisible();
});

let challengeUrl = "";

test("a governor reads the papers of their next meeting and records a question there", async ({ page }) => {
  await signInAs(page, "gov_pp");
  await visitOk(page, "/");
  const next = page.getByRole("region", { name: "Next meeting" });
  await expect(next).toContainText("Standards and curriculum committee");
  await expect(next).toContainText("Papers out");
  await next.getByRole("link", { name: /Standards and curriculum committee/ }).click();
  await page.waitForURL(/\/governance\/meetings\//);
  await expectAccessible(page);
  await page.getByRole("button", { name: "I have read the papers" }).click();
  await expect(page.getByText(/You marked the papers read on/)).toBeVisible();
  await page.getByRole("link", { name: "Record a question at this meeting" }).click();
  await expect(page.getByText(/Asked at the meeting of the Standards and curriculum committee/)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Your question", { exact: true }).fill(QUESTION);
  await page.getByRole("button", { name: "Ask the question" }).click();
  await page.waitForURL(/\/governance\/challenges\/[0-9a-f-]{36}$/);
  challengeUrl = new URL(page.url()).pathname;
  await expect(page.getByText(QUESTION)).toBeVisible();
  // Staff never see the meetings.
  await signInAs(page, "y1");
  await visitRefused(page, "/governance/meetings");
});

test("the head answers; the governor is notified in the app and follows it to the answer", async ({ page }) => {
  expect(challengeUrl).not.toBe("");
  await signInAs(page, "head");
  await visitOk(page, challengeUrl);
  await page.getByLabel("Answer", { exact: true }).fill("Reading ages are tracked each term for every disadvantaged pupil; the committee will see the gap figure at each meeting.");
  await page.getByRole("button", { name: "Save the answer" }).click();
  await expect(page.getByText(/Answered by Helen Marsh/)).toBeVisible();

  await signInAs(page, "gov_pp");
  await expect(page.getByRole("link", { name: /Notifications \d+ unread/ })).toBeVisible();
  await visitOk(page, "/notifications");
  await page
    .getByRole("button", { name: /Your question has been answered/ })
    .first()
    .click();
  await page.waitForURL((u) => u.pathname === challengeUrl);
  await expect(page.getByText(/Answered by Helen Marsh/)).toBeVisible();
  await visitOk(page, "/account/notifications");
});

test("a teacher receives the weekly digest of actions due and overdue, in the app and in the outbox", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, "/admin/outbox");
  await page.getByRole("button", { name: "Send due notifications now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /new notifications|another process/ })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: "tom.bennett@oakfield.sch.uk" }).filter({ hasText: "Your actions this week" });
  await expect(row.first()).toBeVisible();
  await expectAccessible(page);

  await signInAs(page, "y1");
  await visitOk(page, "/notifications");
  await expect(page.getByRole("button", { name: /Your actions this week: \d+ due within 7 days, \d+ overdue/ })).toBeVisible();
  await visitRefused(page, "/admin/outbox");
});
