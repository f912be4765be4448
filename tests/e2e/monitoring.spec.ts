import { expect, expectAccessible, signInAs, test, visitOk, visitRefused } from "./fixtures";
import { CUR, PREV, label } from "./demo-dates";

/**
 * Monitoring end to end on the demo school: a senior leader records an observation, the teacher
 * responds, nobody else can open it, governors see only the themes, and leaders see coverage and the
 * calendar's gaps. Every page visited is checked with axe.
 */

let observationPath = "";
const SUBJECT = "Geography";

test("a senior leader records an observation from the default template", async ({ page }) => {
  await signInAs(page, "deputy");
  await visitOk(page, "/monitoring");
  await page.getByRole("link", { name: "Record a lesson observation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record an observation" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Teacher observed", { exact: true }).selectOption({ label: "Emma Clarke (Year 5 teacher and science lead)" });
  await page.getByLabel("Strengths", { exact: true }).fill("Clear explanation of how rivers shape the land, with a well-chosen diagram.");
  // Save without a subject: the error summary links to the field and nothing typed is lost.
  await page.getByRole("button", { name: "Save observation" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Enter the subject" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Strengths", { exact: true })).toHaveValue(/rivers shape the land/);
  await expectAccessible(page);

  await page.getByLabel("Subject", { exact: true }).fill(SUBJECT);
  await page.getByLabel("Curriculum and teaching", { exact: true }).check();
  const judge = (criterion: string, judgement: string) => page.getByRole("group", { name: criterion }).getByLabel(judgement, { exact: true }).check();
  await judge("Explanations are clear, accurate and broken into manageable steps", "Strength");
  await judge("The teacher models and uses worked examples before pupils practise independently", "Secure");
  await judge("Questioning checks the understanding of all pupils, not only volunteers", "Developing");
  await judge("Routines are secure and lesson time is used well", "Strength");
  await page.getByLabel("Areas for development", { exact: true }).fill("Questions went to the same few volunteers.");
  await page.getByLabel("Agreed next steps", { exact: true }).fill("Use mini-whiteboards at each hinge point.");
  await page.getByRole("button", { name: "Save observation" }).click();

  await page.waitForURL(/\/monitoring\/observations\/[0-9a-f-]+\?saved=1$/);
  observationPath = new URL(page.url()).pathname;
  await expect(page.getByText("The observation has been saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Emma Clarke: ${SUBJECT}`);
  await expect(page.getByRole("row", { name: /Questioning checks the understanding of all pupils.*Developing/ })).toBeVisible();
  await expect(page.getByText("Not yet acknowledged.")).toBeVisible();
  await expectAccessible(page);
});

test("the observed teacher sees it on My responsibilities, responds and acknowledges it", async ({ page }) => {
  expect(observationPath, "the observation was recorded").not.toBe("");
  await signInAs(page, "y5");
  await visitOk(page, "/me");
  const section = page.getByRole("region", { name: "Monitoring", exact: true });
  await expect(section.getByRole("heading", { name: "Observations of you awaiting your response" })).toBeVisible();
  await section.getByRole("link", { name: new RegExp(`^${SUBJECT},`) }).click();
  await page.waitForURL((u) => u.pathname === observationPath);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Your lesson: ${SUBJECT}`);
  await expectAccessible(page);

  await page.getByLabel("Response", { exact: true }).fill("Thank you. I will try mini-whiteboards in my next geography lesson.");
  await page.getByLabel("I have read this observation and acknowledge it", { exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/You acknowledged this observation on/)).toBeVisible();

  await visitOk(page, "/me");
  await expect(page.getByRole("region", { name: "Monitoring", exact: true }).getByRole("link", { name: new RegExp(`^${SUBJECT},`) })).toHaveCount(0);
  // Her own list shows it acknowledged; nobody else's observations are there.
  await visitOk(page, `/monitoring/observations?term=${CUR}:autumn`);
  await expect(page.getByRole("row", { name: new RegExp(`${SUBJECT}.*Acknowledged`) })).toBeVisible();
  await visitRefused(page, "/monitoring/coverage");
  await visitRefused(page, "/monitoring/calendar");
  await visitRefused(page, `${observationPath}/edit`);
});

for (const key of ["y4", "chair", "adviser"]) {
  test(`${key} is refused the observation, its edit page and the export`, async ({ page }) => {
    expect(observationPath).not.toBe("");
    await signInAs(page, key);
    await visitRefused(page, observationPath);
    await visitRefused(page, `${observationPath}/edit`);
    await visitRefused(page, "/monitoring/observations/new");
    const exported = await page.request.get("/monitoring/observations/export");
    if (key === "y4") {
      // A teacher's export holds only their own observations.
      expect(exported.status()).toBe(200);
      const csv = await exported.text();
      expect(csv).not.toContain("Emma Clarke");
      expect(csv).not.toContain(SUBJECT);
    } else {
      expect(exported.status()).toBe(403);
    }
  });
}

test("a governor sees the aggregate themes and no teacher's name", async ({ page }) => {
  await signInAs(page, "chair");
  await visitOk(page, "/monitoring");
  await expect(page.getByRole("link", { name: "Themes", exact: true })).toBeVisible();
  // The demo's monitoring is recorded in its autumn term, whatever term today falls in.
  await visitOk(page, `/monitoring/themes?term=${CUR}:autumn`);
  await expect(page.getByRole("heading", { level: 1, name: "Monitoring themes" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole("table", { name: "Recurring strengths" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Recurring areas for development" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Monitoring and observation coverage by term" })).toBeVisible();
  const text = await page.locator("main").innerText();
  for (const name of ["Emma Clarke", "Tom Bennett", "David Okafor", "Sophie Turner"]) expect(text).not.toContain(name);
  await visitOk(page, `/monitoring/activities?term=${CUR}:autumn`);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Strengths" })).toBeVisible();
  await expect(page.getByText("Led by")).toHaveCount(0);
  await expectAccessible(page);
  await visitOk(page, "/monitoring/visits");
  await visitRefused(page, "/monitoring/coverage");
  await visitRefused(page, "/monitoring/calendar");
  await visitRefused(page, "/monitoring/templates");
  await visitRefused(page, "/monitoring/observations");
});

test("a link governor records their visit; naming a teacher is refused", async ({ page }) => {
  await signInAs(page, "gov_coopt");
  await visitOk(page, "/me");
  await expect(page.getByRole("region", { name: "Monitoring", exact: true }).getByText("Link governor visit: early years")).toBeVisible();
  await visitOk(page, "/monitoring/visits/new");
  await page.getByLabel("Purpose", { exact: true }).fill("To see how the new outdoor area supports early writing.");
  await page.getByLabel("Early years in schools", { exact: true }).check();
  await page.getByLabel("What was seen", { exact: true }).fill("Spent the morning in Reception with Rachel Green.");
  await page.getByRole("button", { name: "Save visit" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Do not name staff here/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("What was seen", { exact: true }).fill("Spent the morning in Reception with the early years leader. Children were mark-making outdoors.");
  await page.getByRole("button", { name: "Save visit" }).click();
  await page.waitForURL(/\/monitoring\/visits\/[0-9a-f-]+\?saved=1$/);
  await expect(page.getByText("The visit has been saved.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();
  await expectAccessible(page);
});

test("coverage names the teachers not yet seen this term", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, `/monitoring/coverage?term=${CUR}:autumn`);
  const notSeen = page.getByRole("heading", { name: `Not yet seen in ${label(CUR, "autumn")}` }).locator("xpath=following-sibling::ul[1]");
  for (const name of ["Ben Carter", "Sarah Patel", "Sophie Turner"]) await expect(notSeen).toContainText(name);
  await expect(notSeen).not.toContainText("Emma Clarke");
  await expect(page.getByRole("row", { name: /Sophie Turner.*Not yet seen/ })).toBeVisible();
  // Past terms were fully covered.
  await page.getByLabel("Term", { exact: true }).selectOption({ label: `${label(PREV, "summer")}` });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("Every teaching member of staff has been observed this term.")).toBeVisible();
  await expectAccessible(page);
});

test("the calendar shows what is planned, marks it done, and names strands without evidence", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, `/monitoring/calendar?term=${CUR}:autumn`);
  await expect(page.getByRole("heading", { name: `Strands with no monitoring evidence in ${label(CUR, "autumn")}` })).toBeVisible();
  const evidence = page.getByRole("table", { name: `Monitoring evidence for each strand in ${label(CUR, "autumn")}` });
  // The demo has a plan this year, so every strand is listed with its evidence.
  await expect(evidence.getByText("None this term").first()).toBeVisible();
  await expect(page.locator(".warning li").first()).toBeVisible();
  const row = page.getByRole("row", { name: /Pupil progress meetings, every class/ });
  await expect(row.getByText("Not done")).toBeVisible();
  await row.getByRole("button", { name: /Mark done/ }).click();
  await expect(row.getByText("Done", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("What is planned", { exact: true }).fill("Learning walk: outdoor learning in EYFS");
  await page.getByRole("button", { name: "Add to the calendar" }).click();
  await expect(page.getByRole("row", { name: /Learning walk: outdoor learning in EYFS/ })).toBeVisible();
});

test("leaders edit observation templates; every monitoring page is accessible", async ({ page }) => {
  // A long journey with an accessibility check on every page: room for a busy machine.
  test.setTimeout(150_000);
  await signInAs(page, "head");
  await visitOk(page, "/monitoring/templates");
  await page.getByLabel("Name", { exact: true }).fill("Science enquiry");
  await page.getByLabel("Start from", { exact: true }).selectOption({ label: "A blank template" });
  await page.getByRole("button", { name: "Create template" }).click();
  await page.waitForURL(/\/monitoring\/templates\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Science enquiry" })).toBeVisible();
  await page.getByRole("button", { name: "Add a criterion" }).click();
  await page.getByLabel("Heading of criterion 1", { exact: true }).fill("Working scientifically");
  await page.getByLabel("Criterion 1", { exact: true }).fill("Pupils plan a fair test");
  await page.getByRole("button", { name: "Add a criterion" }).click();
  await page.getByLabel("Criterion 2", { exact: true }).fill("Pupils record results in a table");
  await page.getByRole("button", { name: /move criterion 2 up/ }).click();
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("The template has been saved.")).toBeVisible();
  await expect(page.getByLabel("Criterion 1", { exact: true })).toHaveValue("Pupils record results in a table");
  await expectAccessible(page);

  for (const path of [
    "/monitoring",
    "/monitoring/observations",
    "/monitoring/activities",
    "/monitoring/activities/new",
    "/monitoring/visits",
    "/monitoring/visits/new",
    "/monitoring/themes",
    "/monitoring/templates",
  ]) {
    await visitOk(page, path);
  }
  await visitOk(page, `/monitoring/observations?term=${CUR}:autumn`);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "What was seen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit observation" })).toBeVisible();
  await expectAccessible(page);
  await visitOk(page, `/monitoring/visits?term=${CUR}:autumn`);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "What was seen" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit visit" })).toBeVisible();
  await expectAccessible(page);
});
