import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ctfXml, delimited, marksheetRows, misPupilRows, type MisPupil } from "@/db/seed/mis-files";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function cli(dbPath: string, ...args: string[]) {
  const r = spawnSync(tsx, ["lib/cli/index.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath }, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const upn = (i: number) => `C${String(300000000000 + i).slice(-11)}${i % 10}`;
const pupils: MisPupil[] = [
  { upn: upn(1), forename: "Zoë", surname: "Brontë", ncYear: "6", regGroup: "6H", gender: "F", fsm: true, pupilPremium: true, sen: "N", eal: false, lookedAfter: false },
  { upn: upn(2), forename: "Søren", surname: "Ødegård", ncYear: "6", regGroup: "6H", gender: "M", fsm: false, pupilPremium: false, sen: "K", eal: true, lookedAfter: false },
];

describe("command-line imports of MIS files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-cli-import-"));
  const dbPath = path.join(dir, "school.db");
  const file = (name: string, data: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };

  it("imports an MIS export in Windows-1252, a marksheet with a mapping file, and a CTF; an unknown mapping name is refused", () => {
    expect(cli(dbPath, "init", "--school", "Riverside Primary", "--phase", "primary", "--year", "2025-26").code).toBe(0);

    const csv = file("pupils.csv", iconv.encode(delimited(misPupilRows(pupils)), "windows-1252"));
    const p = cli(dbPath, "import", "pupils", csv, "--year", "2025-26");
    expect(p.err).toBe("");
    expect(p.out).toContain("Read as Windows-1252 text, comma-separated.");
    expect(p.out).toContain("Imported 2 pupils for 2025-26: 2 new");

    const sheet = file(
      "marksheet.txt",
      delimited(
        marksheetRows(pupils, ["Reading", "Writing (TA)", "Maths"], (i) => (i ? "Expected" : "B")),
        "\t",
      ),
    );
    const noMap = cli(dbPath, "import", "assessments", sheet, "--year", "2025-26", "--term", "summer");
    expect(noMap.code).toBe(1);
    expect(noMap.err).toContain('Line 2: Reading "B" is not a result');
    expect(noMap.err).toContain("--mapping NAME");
    const mapping = file("marksheet-mapping.json", JSON.stringify({ columns: { writing: "Writing (TA)" }, values: { reading: { B: "WTS" }, writing: { B: "WTS" }, maths: { B: "WTS" } } }));
    const r = cli(dbPath, "import", "assessments", sheet, "--year", "2025-26", "--term", "summer", "--mapping", mapping);
    expect(r.err).toBe("");
    expect(r.out).toContain("Imported 6 assessment results: 6 new");

    const unknown = cli(dbPath, "import", "pupils", csv, "--year", "2025-26", "--mapping", "Nope");
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('There is no saved mapping called "Nope"') });

    const ctf = file(
      "999LLLL_CTF_9992002_001.xml",
      ctfXml([{ ...pupils[1]!, upn: upn(3), forename: "Siân", dob: "2014-10-02", language: "WEL", fsmSpells: [], senSpells: [{ start: "2024-01-10", provision: "K" }], assessments: [] }], {
        sourceSchool: "Hillside Primary",
        dateTime: "2026-07-18T10:00:00",
        academicYear: "2025-26",
      }),
    );
    const c = cli(dbPath, "import", "ctf", ctf, "--year", "2025-26");
    expect(c.err).toBe("");
    expect(c.out).toContain("Imported 1 pupil for 2025-26 from a Common Transfer File: 1 new");

    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("select first_name as f, last_name as l, sen, eal from pupils order by upn").all()).toEqual([
      { f: "Zoë", l: "Brontë", sen: "N", eal: 0 },
      { f: "Søren", l: "Ødegård", sen: "K", eal: 1 },
      { f: "Siân", l: "Ødegård", sen: "K", eal: 1 },
    ]);
    expect(db.prepare("select count(*) as n from assessment_results").get()).toEqual({ n: 6 });
    db.close();
  }, 60_000);
});
