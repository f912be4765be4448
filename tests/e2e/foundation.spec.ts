import { expectAccessible, signInAs, test, expect, visitOk, visitRefused } from "./fixtures";

test("sign-in page is accessible and refuses a wrong password without saying whether the account exists", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await page.getByLabel("Email address", { exact: true }).fill("nobody@oakfield.sch.uk");
  await page.getByLabel("Password", { exact: true }).fill("wrong password here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByText("Enter a correct email address and password.").first()).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  // What was typed is kept.
  await expect(page.getByLabel("Email address", { exact: true })).toHaveValue("nobody@oakfield.sch.uk");
  await expectAccessible(page);
});

test("headteacher signs in to the dashboard", async ({ page }) => {
  await signInAs(page, "head");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Helen");
  await expect(page.getByText("Autumn 2026").first()).toBeVisible();
  await expectAccessible(page);
});

test("governor is refused headteacher-only pages", async ({ page }) => {
  await signInAs(page, "chair");
  await visitOk(page, "/");
  await visitRefused(page, "/admin/users");
  await visitRefused(page, "/admin/audit");
});
