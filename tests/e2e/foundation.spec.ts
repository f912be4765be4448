import { DEMO_PEOPLE } from "@/db/seed/demo/foundation";
import { demoLogin, expect, expectAccessible, forgeServerAction, signInAs, test, visitOk, visitRefused } from "./fixtures";
import { CUR, CURRENT_TERM, label } from "./demo-dates";

test("sign-in page is accessible and refuses a wrong password without saying whether the account exists", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await page.getByLabel("Email address", { exact: true }).fill("nobody@oakfield.sch.uk");
  await page.getByLabel("Password", { exact: true }).fill("wrong password here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.locator(".error-summary")).toContainText("Enter a correct email address and password.");
  await expect(page).toHaveTitle(/^Error: /);
  // What was typed is kept.
  await expect(page.getByLabel("Email address", { exact: true })).toHaveValue("nobody@oakfield.sch.uk");
  await expectAccessible(page);
  // The summary links to the field.
  await page.locator(".error-summary a").first().click();
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
});

test("every response carries the security headers", async ({ page }) => {
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the set-up page is closed once a school exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in/);
});

// Every demo role signs in and lands on its dashboard.
for (const key of ["head", "deputy", "y1", "chair", "adviser"]) {
  test(`${key} signs in to the dashboard and sees their own responsibilities`, async ({ page }) => {
    const login = await signInAs(page, key);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(login.name.split(" ")[0]!);
    await expect(page.locator(".masthead")).toContainText(login.name);
    await expectAccessible(page);
    await visitOk(page, "/me");
    await visitOk(page, "/account");
  });
}

test("the leaders' dashboard shows the plan, observation coverage and attainment; a governor's does not", async ({ page }) => {
  await signInAs(page, "deputy");
  await expect(page.getByRole("heading", { name: new RegExp(`Observation coverage, ${label(CUR, CURRENT_TERM)}`) })).toBeVisible();
  await expect(page.locator("section", { has: page.getByRole("heading", { name: /Observation coverage/ }) })).toContainText("Not yet seen:");
  await expect(page.getByRole("heading", { name: /Year 6 attainment/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Percentage at the expected standard/ })).toContainText("Reading, writing and maths");
  await expectAccessible(page);
  await signInAs(page, "chair");
  await expect(page.getByRole("heading", { name: /Observation coverage/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /attainment/ })).toHaveCount(0);
});

test("headteacher administers the school", async ({ page }) => {
  await signInAs(page, "head");
  for (const path of ["/admin/school", "/admin/years", "/admin/users", "/admin/users/new", "/admin/audit"]) await visitOk(page, path);

  // Add a user and see the one-time password.
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name", { exact: true }).fill("Nadia Rahman");
  await page.getByLabel("Email address", { exact: true }).fill("nadia.rahman@oakfield.sch.uk");
  await page.getByLabel("Role", { exact: true }).selectOption("staff");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("One-time password for Nadia Rahman")).toBeVisible();

  // A field error is linked and nothing typed is lost.
  await page.getByLabel("Full name", { exact: true }).fill("Second Person");
  await page.getByLabel("Email address", { exact: true }).fill("not-an-email");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator(".error-summary")).toContainText("Enter an email address in the correct format");
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("Second Person");
  await expectAccessible(page);

  // The audit log shows the change, filterable by area.
  await page.goto("/admin/audit?area=admin");
  await expect(page.getByText("Added Nadia Rahman (staff)")).toBeVisible();
});

test("senior leaders read settings but cannot manage users", async ({ page }) => {
  await signInAs(page, "deputy");
  await visitOk(page, "/admin/school");
  await expect(page.getByRole("button", { name: "Save school details" })).toHaveCount(0);
  await visitRefused(page, "/admin/users");
  await visitRefused(page, "/admin/audit");
});

for (const key of ["y1", "chair", "adviser"]) {
  test(`${key} is refused every administration page`, async ({ page }) => {
    await signInAs(page, key);
    for (const path of ["/admin/school", "/admin/years", "/admin/users", "/admin/users/new", "/admin/audit"]) await visitRefused(page, path);
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  });
}

test("a governor forging a headteacher-only server action is refused", async ({ page }) => {
  await signInAs(page, "chair");
  const forged = await forgeServerAction(
    page,
    "app/(app)/admin/actions.ts",
    "createUserAction",
    [{ name: "Intruder", email: "intruder@oakfield.sch.uk", role: "headteacher", jobTitle: "", isTeaching: false }],
    "/admin/users/new",
  );
  expect(forged.body).toContain("You do not have permission to do that.");
  expect(forged.body).not.toContain("oneTimePassword");
  // And nothing was created.
  await signInAs(page, "head");
  await page.goto("/admin/users");
  await expect(page.getByText("intruder@oakfield.sch.uk")).toHaveCount(0);
});

test("disabling a user ends their open session on the next request", async ({ browser }) => {
  const teacher = await browser.newContext();
  const teacherPage = await teacher.newPage();
  await signInAs(teacherPage, "ta2");
  await visitOk(teacherPage, "/me");

  const head = await browser.newContext();
  const headPage = await head.newPage();
  await signInAs(headPage, "head");
  await headPage.goto("/admin/users");
  await headPage.getByRole("link", { name: demoLogin("ta2").name }).click();
  await headPage.getByLabel("Disable this account").check();
  await headPage.getByRole("button", { name: "Save changes" }).click();
  await expect(headPage.getByText("Saved.")).toBeVisible();

  await teacherPage.goto("/me");
  await expect(teacherPage).toHaveURL(/\/sign-in/);
  await teacher.close();
  await head.close();
});

test("ten wrong passwords for one account are throttled", async ({ page }) => {
  const login = demoLogin("ppa");
  for (let i = 0; i < 10; i++) {
    await page.goto("/sign-in");
    await page.getByLabel("Email address", { exact: true }).fill(login.email);
    await page.getByLabel("Password", { exact: true }).fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".error-summary")).toBeVisible();
  }
  await page.getByLabel("Password", { exact: true }).fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator(".error-summary")).toContainText("Too many attempts");
  expect(DEMO_PEOPLE.length).toBe(24);
});
