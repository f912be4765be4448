import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test, visitOk } from "./fixtures";

test.describe.configure({ timeout: 180_000 });

/** The term the attendance page shows by default (the current term with attendance), as "2026-27:autumn". */
async function defaultTerm(page: Page) {
  return page.locator("select#term").inputValue();
}

test("leaders see attendance by group, trends and the persistently absent pupils; governors see the figures without a name", async ({ page }) => {
  await signInAs(page, "head");
  await visitOk(page, "/pupils/attendance");
  await expect(page.getByRole("heading", { level: 1, name: "Attendance and behaviour" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Attendance by year group \(all pupils\): this term and year to date/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Attendance by term: the figures in the chart" })).toBeVisible();
  await expect(page.getByRole("table", { name: /National figures for England/ })).toContainText("18.7%");
  const list = page.getByRole("table", { name: /Persistently absent pupils, year to date/ });
  await expect(list).toBeVisible();
  const names = (await list.locator("tbody th a").allInnerTexts()).slice(0, 5);
  expect(names.length).toBeGreaterThan(0);
  const term = (await defaultTerm(page))!;

  // The termly report's section 5 carries the same figures.
  const slug = term.replace(":", "-");
  await visitOk(page, `/reports/${slug}`);
  // Numbered where the board's format places it (third in the demo board's order).
  await expect(page.getByRole("heading", { name: "3. Attendance and behaviour" })).toBeVisible();
  await expect(page.locator("#section-attendance")).toContainText("Attendance by pupil group");

  await signInAs(page, "chair");
  for (const path of ["/pupils/attendance", `/pupils/attendance?term=${encodeURIComponent(term)}&scope=all&pupils=1`]) {
    await visitOk(page, path);
    await expect(page.getByRole("table", { name: /Attendance by year group \(all pupils\): this term and year to date/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Persistently absent pupils" })).toHaveCount(0);
    const html = await page.content();
    for (const n of names) expect(html, `the chair of governors sees ${n}`).not.toContain(n);
  }
});

test("head imports attendance with MIS headings: preview, import, and the same file again changes nothing", async ({ page }) => {
  await signInAs(page, "head");
  await page.goto("/pupils?yg=Y3");
  const upns = (await page.locator("table.table tbody tr td:first-of-type").allInnerTexts()).slice(0, 5).map((s) => s.trim());
  expect(upns).toHaveLength(5);
  const year = await page.locator("#f-year").inputValue();
  expect(year).toMatch(/^\d{4}-\d{2}$/);
  const lines = [
    "UPN,Academic Year,Term,Possible Sessions,Sessions Attended,Authorised Absences,Unauthorised Absences,Attendance %",
    ...upns.map((u, i) => `${u},${year},summer,128,${120 - i},${8 + i},0,${(((120 - i) / 128) * 100).toFixed(1)}`),
  ];
  const csv = lines.join("\r\n");
  // First as Excel's "Unicode text" (UTF-16 LE with a byte-order mark, tab-separated), then as plain CSV.
  const unicodeText = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.map((l) => l.replace(/,/g, "\t")).join("\r\n"), "utf16le")]);

  await visitOk(page, "/pupils/import");
  await page.getByLabel(/Attendance \(attendance\.csv\)/).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "attendance.txt", mimeType: "text/plain", buffer: unicodeText });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("The file has 5 attendance records and no problems: 5 new, 0 updated, 0 unchanged.")).toBeVisible();
  await expect(page.getByText("Read as UTF-16 LE text, tab-separated.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Import 5 attendance records" }).click();
  await expect(page.locator(".success-banner")).toContainText("5 attendance records: 5 new, 0 updated, 0 unchanged.");

  await page.goto("/pupils/import");
  await page.getByLabel(/Attendance \(attendance\.csv\)/).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "attendance.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("Everything in this file is already up to date, so there is nothing to import.")).toBeVisible();
});
