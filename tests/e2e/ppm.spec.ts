import { expectAccessible, expect, signInAs, test, visitOk, visitRefused } from "./fixtures";
import { CUR, CURRENT_TERM, label, PREV, TODAY, TODAY_SHOWN } from "./demo-dates";

/**
 * Pupil progress meetings end to end, on the demo school (autumn 2026: Rowan, Year 5, has not met yet).
 * A senior leader records the meeting, reviews last term's open actions and adds a pupil; the class
 * teacher reads it; another teacher is refused; a governor sees counts only; an adviser nothing.
 */
test.describe.serial("pupil progress meetings", () => {
  let meetingPath = "";
  let pupilName = "";
  const action = "Precision teaching for number bonds, 3×10 min a week (e2e)";

  test("the deputy records Rowan's meeting, an outcome and a pupil discussed", async ({ page }) => {
    await signInAs(page, "deputy");
    await visitOk(page, `/ppm?term=${CUR}:autumn`);
    await expect(page.getByText(`5 of 7 classes have had their meeting in ${label(CUR, "autumn")}`)).toBeVisible();
    // Rowan's meeting is recorded in today's term (the demo's autumn term on the default pin).
    await visitOk(page, "/ppm");
    await page.getByRole("link", { name: "Record meeting for Rowan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record a progress meeting" })).toBeVisible();
    await expectAccessible(page);

    // The class and its teacher are filled in; a missing date is refused with a linked error.
    await expect(page.getByLabel("Class", { exact: true })).toHaveValue(/.+/);
    await expect(page.getByLabel("Class teacher", { exact: true }).locator("option:checked")).toHaveText(/Emma Clarke/);
    await page.getByLabel("Date of the meeting", { exact: true }).fill("");
    await page.getByLabel("Notes", { exact: true }).fill("Writing and reading fluency remain the class priorities.");
    await page.getByRole("button", { name: "Save and add pupils" }).click();
    await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Enter the date of the meeting" })).toBeVisible();
    await expect(page.getByLabel("Notes", { exact: true })).toHaveValue("Writing and reading fluency remain the class priorities.");
    await expectAccessible(page);

    await page.getByLabel("Date of the meeting", { exact: true }).fill(TODAY);
    await page.getByLabel("Priya Shah (Assistant headteacher and SENCO)", { exact: true }).check();
    await page.getByRole("button", { name: "Save and add pupils" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Rowan progress meeting" })).toBeVisible();
    meetingPath = new URL(page.url()).pathname;
    expect(meetingPath).toMatch(/^\/ppm\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    // Last term's open actions for these pupils (then in Maple) are waiting for their outcome.
    const review = page.getByRole("region", { name: "Actions from earlier meetings to review", exact: true });
    await review
      .getByRole("link", { name: /^Record outcome for / })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /^Record the outcome for / })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Progress made", { exact: true }).check();
    await page.getByLabel("What happened", { exact: true }).fill("Closer to the expected standard in this term's assessment.");
    await page.getByLabel("Continue it into this meeting", { exact: true }).check();
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(page.getByRole("heading", { name: "Outcomes recorded at this meeting" })).toBeVisible();
    await expect(page.getByText("Closer to the expected standard in this term's assessment.")).toBeVisible();

    // Add a pupil discussed.
    const pupil = page.getByLabel("Pupil", { exact: true });
    await pupil.selectOption({ index: 1 });
    pupilName = ((await pupil.locator("option:checked").textContent()) ?? "").replace(/\s*\(.*$/, "").trim();
    expect(pupilName).not.toBe("");
    await page.getByLabel("What the concern is about", { exact: true }).selectOption({ label: "Maths" });
    await page.getByLabel("Concern", { exact: true }).fill("Working towards in maths: number bonds to 20 not yet fluent.");
    await page.getByLabel("Action or intervention agreed", { exact: true }).fill(action);
    await page.getByRole("button", { name: "Add pupil" }).click();
    await expect(page.getByText(`${pupilName} was added to the pupils discussed`)).toBeVisible();
    await expect(page.getByRole("region", { name: "Pupils discussed", exact: true }).getByText(action)).toBeVisible();
    await expectAccessible(page);
  });

  test("the class teacher sees the meeting on My responsibilities and opens it, read-only", async ({ page }) => {
    await signInAs(page, "y5");
    await visitOk(page, "/me");
    const section = page.getByRole("region", { name: "Pupil progress meetings", exact: true });
    await expect(section.getByText(`held ${TODAY_SHOWN}`)).toBeVisible();
    await section.getByRole("link", { name: "Rowan", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${meetingPath}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Rowan progress meeting" })).toBeVisible();
    await expect(page.getByText(action)).toBeVisible();
    await expect(page.getByText(pupilName).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit meeting details" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Add a pupil discussed" })).toHaveCount(0);
    await expectAccessible(page);
    await visitOk(page, "/ppm");
    await expect(page.getByRole("heading", { name: "Your classes" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Maple/ })).toHaveCount(0);
    await visitRefused(page, "/ppm/new");
  });

  test("another teacher is refused the meeting", async ({ page }) => {
    await signInAs(page, "y4");
    await visitRefused(page, meetingPath);
    await expect(page.getByText(pupilName)).toHaveCount(0);
  });

  test("a governor sees counts only, never a pupil's name", async ({ page }) => {
    await signInAs(page, "chair");
    await visitOk(page, "/ppm");
    // Today's term: the demo's five autumn meetings and Rowan's on the default pin; Rowan's alone in a later term.
    await expect(page.locator(".card", { hasText: "Meetings held" })).toContainText(CURRENT_TERM === "autumn" ? "6" : "1");
    await expect(page.getByRole("heading", { name: `In numbers: ${label(CUR, CURRENT_TERM)}` })).toBeVisible();
    await expect(page.getByRole("table", { name: "Outcomes recorded at this term's meetings" })).toBeVisible();
    await expect(page.locator("main")).not.toContainText(pupilName);
    await expect(page.locator("main")).not.toContainText("Rowan");
    await expect(page.locator(`a[href^="/ppm/"]`)).toHaveCount(0);
    await visitOk(page, `/ppm?term=${PREV}:summer`);
    await expect(page.getByRole("heading", { name: `In numbers: ${label(PREV, "summer")}` })).toBeVisible();
    await visitRefused(page, meetingPath);
  });

  test("an adviser is refused progress meetings altogether", async ({ page }) => {
    await signInAs(page, "adviser");
    await visitRefused(page, "/ppm");
    await visitRefused(page, meetingPath);
    await expect(page.getByRole("link", { name: "Progress meetings" })).toHaveCount(0);
  });
});
