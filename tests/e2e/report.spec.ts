import fs from "node:fs";
import { expect, expectAccessible, signInAs, test, visitOk, visitRefused } from "./fixtures";
import { CUR, CURRENT_TERM, PREV, label } from "./demo-dates";

/**
 * The termly report from drafting to governors' challenge: the head drafts and publishes, the published
 * report stays frozen while the data changes, it compares with the previous report and downloads as Word;
 * a governor asks about its attainment section, the head answers, and the question reaches the next draft.
 * One test, because each step depends on the one before (the demo database is shared).
 */
test.describe.configure({ mode: "serial" });

const QUESTION = "Why is Year 6 maths lower this term than in the summer, and what is being done about it?";

test("the head drafts and publishes; governors read and challenge it; the challenge reaches the next draft", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, "head");
  await visitOk(page, "/reports");
  await visitOk(page, `/reports/${CUR}-autumn`);
  await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();

  // Two narratives, autosaved after a pause in typing.
  const quality = page.getByLabel("Headteacher's commentary: Quality of education", { exact: true });
  await quality.fill("Monitoring this term focused on writing. Feedback has been developmental.");
  await expect(page.locator("#f-narrative-quality-status")).toHaveText(/Saved at \d\d:\d\d/, { timeout: 15_000 });
  const priorities = page.getByLabel("Priorities for next term", { exact: true });
  await priorities.fill("Secure the gains in writing; extend reading support for disadvantaged pupils.");
  await expect(page.locator("#f-narrative-priorities-status")).toHaveText(/Saved at \d\d:\d\d/, { timeout: 15_000 });
  // A suggestion can be copied in with one click.
  await page.locator("#section-progress_meetings details summary").click();
  await page.getByRole("button", { name: /Use the suggestion for Headteacher's commentary: Pupil progress meetings/ }).click();
  await expect(page.getByLabel("Headteacher's commentary: Pupil progress meetings", { exact: true })).toHaveValue(/progress meetings? (was|were) held/);
  await expect(page.locator("#f-narrative-progress_meetings-status")).toHaveText(/Saved at/, { timeout: 15_000 });
  await expectAccessible(page);

  // The narrative survives a reload.
  await page.reload();
  await expect(page.getByLabel("Priorities for next term", { exact: true })).toHaveValue(/Secure the gains in writing/);

  // Publishing needs confirmation.
  await page.getByRole("button", { name: "Publish the report" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("The report is ready to send to governors", { exact: true }).check();
  await page.getByRole("button", { name: "Publish the report" }).click();
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Secure the gains in writing")).toBeVisible();
  await expectAccessible(page);

  // Change the data after publishing: answer the question the report shows as open.
  const openItem = page.locator(".challenge-list li", { has: page.getByText("Open", { exact: true }) }).first();
  const openQuestion = (await openItem.locator("strong").first().textContent())!.trim();
  await visitOk(page, "/governance?status=open");
  await page.getByRole("link", { name: openQuestion.slice(0, 60) }).first().click();
  await expect(page.getByRole("heading", { name: "Answer this question" })).toBeVisible();
  await page.getByLabel("Answer", { exact: true }).fill("The attendance panel now meets fortnightly with the education welfare officer.");
  await page.getByRole("button", { name: "Save the answer" }).click();
  await expect(page.getByText("Answered by Helen Marsh")).toBeVisible();
  await expectAccessible(page);
  // The published report is unchanged: the question still shows as open there, without the answer.
  await visitOk(page, `/reports/${CUR}-autumn`);
  const frozen = page.locator(".challenge-list li", { hasText: openQuestion });
  await expect(frozen.getByText("Open", { exact: true })).toBeVisible();
  await expect(frozen.getByText("education welfare officer")).toHaveCount(0);

  // What changed since the last report.
  await page.getByRole("link", { name: "What changed since the last report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "What changed since the last report" })).toBeVisible();
  await expect(page.getByText("compared with the")).toBeVisible();
  await expectAccessible(page);

  // The Word document and the print view.
  await visitOk(page, `/reports/${CUR}-autumn`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Word document" }).click()]);
  expect(download.suggestedFilename()).toBe(`report-to-governors-${CUR}-autumn.docx`);
  const file = await download.path();
  expect(fs.readFileSync(file!).subarray(0, 2).toString()).toBe("PK");
  await visitOk(page, `/reports/${CUR}-autumn/print`);
  await expect(page.locator(".static-chart svg").first()).toBeVisible();

  // A governor reads the published report and asks about its attainment section.
  await signInAs(page, "chair");
  await visitOk(page, "/reports");
  await visitRefused(page, `/reports/${CUR}-spring`);
  await visitOk(page, `/reports/${CUR}-autumn`);
  await page.getByRole("link", { name: /Ask a question about this section\s*:\s*Pupil progress and attainment/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask a question" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ask the question" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await page.getByLabel("Your question", { exact: true }).fill(QUESTION);
  await page.getByRole("button", { name: "Ask the question" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Challenge question" })).toBeVisible();
  await expect(page.getByText(QUESTION)).toBeVisible();
  await expect(page.getByText(`${label(CUR, "autumn")} report: Pupil progress and attainment`)).toBeVisible();
  await expectAccessible(page);
  await visitOk(page, "/me");
  await expect(page.getByRole("link", { name: QUESTION.slice(0, 60) })).toBeVisible();

  // The head answers it.
  await signInAs(page, "head");
  await visitOk(page, "/governance");
  await page.getByRole("link", { name: QUESTION.slice(0, 60) }).first().click();
  await page.getByLabel("Answer", { exact: true }).fill("Maths is the focus of the spring progress meetings; Year 6 has daily arithmetic practice.");
  await page.getByRole("button", { name: "Save the answer" }).click();
  await expect(page.getByText("Answered by Helen Marsh")).toBeVisible();

  // It appears in the next draft (today's term's, once the autumn term is over), with its answer.
  await visitOk(page, `/reports/${CUR}-${CURRENT_TERM === "autumn" ? "spring" : CURRENT_TERM}`);
  const carried = page.locator(".challenge-list li", { hasText: QUESTION });
  await expect(carried).toBeVisible();
  await expect(carried.getByText("daily arithmetic practice")).toBeVisible();
  await expect(carried.getByText(`${label(CUR, "autumn")} report: Pupil progress and attainment`)).toBeVisible();
});

test("staff read published reports only; governors cannot answer or see drafts", async ({ page }) => {
  await signInAs(page, "y3");
  await visitOk(page, `/reports/${PREV}-summer`);
  // Summer is statutory for Year 6: the attainment section sets the school beside national figures.
  const national = page.getByRole("table", { name: /Key stage 2 \(end of Year 6\): % at the expected standard, school and national/ });
  await expect(national).toBeVisible();
  await expect(national).toContainText("62% (2025)");
  await visitRefused(page, "/governance");
  await visitRefused(page, `/reports/${CUR}-spring/print`);
  await signInAs(page, "adviser");
  await visitOk(page, "/governance");
  await visitRefused(page, "/governance/challenges/new");
  await visitOk(page, `/reports/${PREV}-spring/compare`);
});
