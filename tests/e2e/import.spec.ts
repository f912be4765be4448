import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { ctfXml, delimited } from "@/db/seed/mis-files";
import { expect, expectAccessible, signInAs, test, visitOk } from "./fixtures";

test.describe.configure({ timeout: 120_000 });

/** The first `n` pupils of a list page as { name, upn }. */
async function pupilsOn(page: Page, path: string, n: number) {
  await page.goto(path);
  const rows = page.locator("table.table tbody tr");
  const out: { first: string; last: string; upn: string }[] = [];
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const [last, first] = (await row.locator("th a").innerText()).split(", ");
    out.push({ first: first!, last: last!, upn: (await row.locator("td").first().innerText()).trim() });
  }
  return out;
}

async function currentYear(page: Page) {
  await visitOk(page, "/pupils/import");
  return page.getByLabel("Academic year (for a marksheet)", { exact: true }).inputValue();
}

test("head imports an Excel marksheet through the mapping step, saves the mapping, and it is offered next time", async ({ page }) => {
  await signInAs(page, "head");
  const year = await currentYear(page);
  const y2 = await pupilsOn(page, `/pupils?year=${year}&yg=Y2`, 4);

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Y2 summer");
  ws.addRow(["UPN", "Surname", "Forename", "Reading", "Writing (teacher)", "Maths"]);
  y2.forEach((p, i) => ws.addRow([p.upn, p.last, p.first, i % 2 ? "Expected" : "Working towards", i === 0 ? "Towards" : "EXS", "Greater depth"]));
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());

  await visitOk(page, "/pupils/import");
  await page.getByLabel("Term (for a marksheet)", { exact: true }).selectOption("summer");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "marksheet.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: xlsx });
  await page.getByRole("button", { name: "Check the file" }).click();
  // The writing column's header is not one Waymark knows: the preview says it was not read.
  const preview = page.getByRole("region", { name: "Check what will change" });
  await expect(preview).toContainText("Column not read: Writing (teacher)");
  await expect(preview).toContainText("The file has 8 results and no problems");
  await page.getByText("Match the columns differently").click();
  const mapping = page.getByRole("region", { name: "Match the file to Waymark" });
  await mapping.getByLabel("Writing (optional)", { exact: true }).selectOption("Writing (teacher)");
  await mapping.getByRole("button", { name: "Check again with this mapping" }).click();
  await expect(page.getByRole("heading", { name: "Nothing was imported" })).toBeVisible();
  await expect(page.locator(".error-summary")).toContainText('Line 2: Writing (teacher) "Towards" is not a result');
  await expectAccessible(page);
  await expect(mapping.getByLabel("“Towards” means", { exact: true })).toBeVisible();
  await mapping.getByLabel("“Towards” means", { exact: true }).selectOption("WTS");
  await mapping.getByRole("button", { name: "Check again with this mapping" }).click();
  await expect(preview).toContainText('Read as Excel workbook, sheet "Y2 summer".');
  await expect(preview).toContainText("The file has 12 results and no problems: 12 new, 0 updated, 0 unchanged.");
  await expectAccessible(page);

  await page.getByText("Match the columns differently").click();
  await mapping.getByLabel("Save this mapping as", { exact: true }).fill("Year 2 marksheet");
  await mapping.getByRole("button", { name: "Save mapping" }).click();
  await expect(mapping.getByRole("status")).toHaveText("Saved the mapping “Year 2 marksheet”.");

  await preview.getByRole("button", { name: "Import 12 results" }).click();
  await expect(page.locator(".success-banner")).toContainText("12 results: 12 new, 0 updated, 0 unchanged.");

  // Next time the saved mapping is offered, and with it the same file goes straight to "nothing to change".
  await visitOk(page, "/pupils/import");
  await page.getByLabel("Saved mapping", { exact: true }).selectOption("Year 2 marksheet");
  await page.getByLabel("Term (for a marksheet)", { exact: true }).selectOption("summer");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "marksheet.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: xlsx });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("Everything in this file is already up to date")).toBeVisible();
});

test("a pupil export saved as Unicode text and a Common Transfer File are read and previewed", async ({ page }) => {
  await signInAs(page, "head");
  const year = await currentYear(page);
  const y5 = await pupilsOn(page, `/pupils?year=${year}&yg=Y5`, 3);

  const rows = [["UPN", "Legal Surname", "Legal Forename", "Year", "Gender"], ...y5.map((p) => [p.upn, p.last, p.first, "Year 5", "Male"]), ["Z823611999999", "Brontë", "Zoë", "NC Year 5", "Female"]];
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(delimited(rows, "\t"), "utf16le")]);
  await visitOk(page, "/pupils/import");
  await page.getByRole("radio", { name: /^Pupils/ }).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "pupils.txt", mimeType: "text/plain", buffer: utf16 });
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByRole("region", { name: "Check what will change" });
  await expect(preview).toContainText("Read as UTF-16 LE text, tab-separated.");
  await expect(preview.getByRole("table")).toContainText("Zoë");
  await expect(preview.getByRole("table")).toContainText("Brontë");
  await expectAccessible(page);

  const ctf = ctfXml(
    [
      {
        upn: "Z823611999998",
        forename: "Siân",
        surname: "Ødegård",
        ncYear: "5",
        regGroup: "",
        gender: "F",
        fsm: true,
        pupilPremium: true,
        sen: "K",
        eal: false,
        lookedAfter: false,
        dob: "2016-03-02",
        language: "WEL",
        fsmSpells: [{ start: "2024-01-08" }],
        senSpells: [{ start: "2024-01-08", provision: "K" }],
        assessments: [],
      },
    ],
    { sourceSchool: "Hillside Primary", dateTime: "2026-07-18T10:00:00", academicYear: year },
  );
  await page.getByRole("radio", { name: /^Common Transfer File/ }).check();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "999LLLL_CTF_9992002_001.xml", mimeType: "text/xml", buffer: Buffer.from(ctf) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(preview).toContainText("Read as XML, UTF-8.");
  await expect(preview).toContainText("From Hillside Primary (CTF 25.0).");
  await expect(preview.getByRole("table")).toContainText("Siân");
  await expectAccessible(page);
});
