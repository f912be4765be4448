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
  test.setTimeout(240_000);
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
  await page
    .getByRole("link", { name: openQuestion.slice(0, 60) })
    .first()
    .click();
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
  await page
    .getByRole("link", { name: QUESTION.slice(0, 60) })
    .first()
    .click();
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

test("the summary opens the report: headline criteria now and last term, points for the board, what changed", async ({ page }) => {
  await signInAs(page, "chair");
  await visitOk(page, `/reports/${PREV}-summer`);
  const sections = page.locator(".report > section > h2");
  await expect(sections.first()).toHaveText("Summary for the board");
  const summary = page.locator("#section-summary");
  // The head's opening words, then three to five points, at least one for the board to decide.
  await expect(summary.locator(".narrative")).toContainText("The points below are where I need the board's view");
  const points = summary.locator(".summary-points > li");
  expect(await points.count()).toBeGreaterThanOrEqual(3);
  expect(await points.count()).toBeLessThanOrEqual(5);
  await expect(points.filter({ hasText: /^To decide:/ }).first()).toBeVisible();
  await expect(points.filter({ hasText: "success criteria are behind or not met" })).toBeVisible();
  await expect(
    summary
      .locator(".summary-changes > li")
      .filter({ hasText: /moved from \w+ to \w+/ })
      .first(),
  ).toBeVisible();
  // The heat map is a table: each strand's headline criterion, last term and now, in words as well as colour.
  const heat = summary.getByRole("table", { name: "The plan's headline success criteria, last report and now" });
  await expect(heat.getByRole("columnheader")).toHaveText(["Strand and headline criterion", label(PREV, "spring"), label(PREV, "summer")]);
  await expect(heat.locator("tbody tr")).toHaveCount(5);
  await expect(heat.locator("tbody tr").first()).toContainText("At least 70% of Year 6 reach the expected standard in writing");
  await expect(heat.locator("tbody tr").first().locator("td.heat-red")).toHaveText("Not met");
  // Every other section says how it is put to the board.
  await expect(page.locator("#section-self_evaluation .section-mark")).toHaveText("For decision");
  await expect(page.locator("#section-quality .section-mark")).toHaveText("For information");
  // The print view opens with the cover: the board meeting the report is the papers for, and the contents.
  await visitOk(page, `/reports/${PREV}-summer/print`);
  await expect(page.getByText(/Papers for the meeting of the Full governing board on \d{1,2} Jul \d{4}/)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Contents" }).getByRole("listitem")).toHaveCount(10);
  await visitRefused(page, "/reports/format");
});

test("the head sets the board's format: sections, order, marks and length; drafts follow it, published reports keep theirs", async ({ page }) => {
  test.setTimeout(150_000);
  await signInAs(page, "head");
  await visitOk(page, "/reports");
  await page.getByRole("link", { name: "The board's report format" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The board's report format" })).toBeVisible();
  await expectAccessible(page);
  const rows = page.locator(".format-row");
  await expect(rows).toHaveCount(10);
  // The demo board's order: the summary, the plan first, the school's context last.
  await expect(rows.first()).toHaveAttribute("data-section", "summary");
  await expect(rows.nth(1)).toHaveAttribute("data-section", "plan");
  await expect(rows.last()).toHaveAttribute("data-section", "context");

  // Leave out the progress meetings, put self-evaluation to the board for discussion, move the context up, 8 pages.
  await page.getByLabel("Include “Pupil progress meetings”", { exact: true }).uncheck();
  await page.getByLabel("How “Self-evaluation” is put to the board", { exact: true }).selectOption("discussion");
  await page.getByRole("button", { name: "Move up: School context" }).click();
  await expect(rows.nth(8)).toHaveAttribute("data-section", "context");
  await expect(rows.last()).toHaveAttribute("data-section", "priorities");
  // A length out of range is refused, with what was chosen kept.
  await page.getByLabel("Target length (A4 pages)", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Save the format" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The target length must be at least 2 pages" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByLabel("Include “Pupil progress meetings”", { exact: true })).not.toBeChecked();
  await page.getByLabel("Target length (A4 pages)", { exact: true }).fill("8");
  await page.getByRole("button", { name: "Save the format" }).click();
  await expect(page.getByText(/Saved at \d\d:\d\d/)).toBeVisible({ timeout: 15_000 });

  // The next term's draft follows it.
  await visitOk(page, `/reports/${CUR}-spring`);
  await expect(page.getByText("It follows the board's format: 9 sections, a target of 8 A4 pages.")).toBeVisible();
  await expect(page.locator("#section-progress_meetings")).toHaveCount(0);
  await expect(page.locator("#section-self_evaluation .section-mark")).toHaveText("For discussion");
  const headings = await page.locator(".report > section > h2").allTextContents();
  expect(headings.slice(-2)).toEqual(["7. School context", "8. Priorities for next term"]);
  // The published summer report keeps the format it was published with.
  await visitOk(page, `/reports/${PREV}-summer`);
  await expect(page.locator("#section-progress_meetings h2")).toHaveText("6. Pupil progress meetings");
  await expect(page.locator("#section-self_evaluation .section-mark")).toHaveText("For decision");
  await expect(page.locator(".report > section > h2").last()).toHaveText("9. School context");

  // Put the board's format back as it was, for the tests that follow.
  await visitOk(page, "/reports/format");
  await page.getByLabel("Include “Pupil progress meetings”", { exact: true }).check();
  await page.getByLabel("How “Self-evaluation” is put to the board", { exact: true }).selectOption("decision");
  await page.getByRole("button", { name: "Move down: School context" }).click();
  await page.getByLabel("Target length (A4 pages)", { exact: true }).fill("10");
  await page.getByRole("button", { name: "Save the format" }).click();
  await expect(page.getByText(/Saved at \d\d:\d\d/)).toBeVisible({ timeout: 15_000 });
  await visitOk(page, `/reports/${CUR}-spring`);
  await expect(page.locator("#section-progress_meetings")).toHaveCount(1);
});
