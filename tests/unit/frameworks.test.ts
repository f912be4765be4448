import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applicableAreas, frameworkSchema, scaleFor, type Framework } from "@/db/frameworks";
import { FRAMEWORKS_DIR, loadFrameworkFiles } from "@/db/frameworks/load";

const all = loadFrameworkFiles();
const byId = (id: string) => {
  const fw = all.find((f) => f.id === id);
  if (!fw) throw new Error(`framework ${id} not shipped`);
  return fw;
};
const gradeIds = (fw: Framework, areaId: string) => {
  const area = fw.areas.find((a) => a.id === areaId)!;
  return scaleFor(fw, area).grades.map((g) => g.id);
};

describe("shipped framework files", () => {
  it("ships at least the renewed framework and the 2019 EIF, one file each", () => {
    const files = fs.readdirSync(FRAMEWORKS_DIR).filter((f) => f.endsWith(".json"));
    expect(files.length).toBe(all.length);
    expect(all.map((f) => f.id)).toEqual(expect.arrayContaining(["ofsted_renewed_2025", "ofsted_eif_2019"]));
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
  });

  for (const fw of all) {
    describe(fw.id, () => {
      it("is valid against the schema", () => {
        expect(frameworkSchema.safeParse(fw).success).toBe(true);
      });

      it("gives every area a scale that exists, and every area a unique id", () => {
        const scaleIds = new Set(fw.scales.map((s) => s.id));
        for (const area of fw.areas) expect(scaleIds.has(area.scaleId), `${area.id} → ${area.scaleId}`).toBe(true);
        expect(new Set(fw.areas.map((a) => a.id)).size).toBe(fw.areas.length);
      });

      it("ranks each scale's grades 1..n with unique ids (1 = best)", () => {
        for (const scale of fw.scales) {
          expect(scale.grades.map((g) => g.rank).sort((a, b) => a - b)).toEqual(scale.grades.map((_, i) => i + 1));
          expect(new Set(scale.grades.map((g) => g.id)).size).toBe(scale.grades.length);
        }
        // A binary scale (safeguarding: met / not met) has exactly two grades.
        const binary = fw.scales.filter((s) => s.type === "binary");
        expect(binary.length).toBeGreaterThan(0);
        for (const scale of binary) expect(scale.grades, scale.id).toHaveLength(2);
      });

      it("has exactly one safeguarding area, on a binary scale", () => {
        const safeguarding = fw.areas.filter((a) => a.id === "safeguarding");
        expect(safeguarding).toHaveLength(1);
        expect(scaleFor(fw, safeguarding[0]!).type).toBe("binary");
      });
    });
  }
});

describe("Ofsted renewed framework (from November 2025)", () => {
  const fw = byId("ofsted_renewed_2025");

  it("has the nine evaluation areas, early years and sixth form only where applicable", () => {
    expect(fw.areas.map((a) => a.id)).toEqual([
      "safeguarding",
      "inclusion",
      "curriculum_teaching",
      "achievement",
      "attendance_behaviour",
      "personal_development_wellbeing",
      "early_years",
      "sixth_form",
      "leadership_governance",
    ]);
    expect(fw.areas.find((a) => a.id === "early_years")!.appliesTo).toBe("early_years");
    expect(fw.areas.find((a) => a.id === "sixth_form")!.appliesTo).toBe("sixth_form");
    expect(fw.areas.filter((a) => a.appliesTo === "always")).toHaveLength(7);
  });

  it("records safeguarding as met / not met", () => {
    expect(gradeIds(fw, "safeguarding")).toEqual(["met", "not_met"]);
  });

  it("grades every other area on the five-point scale, best first", () => {
    const five = ["exceptional", "strong_standard", "expected_standard", "needs_attention", "urgent_improvement"];
    for (const area of fw.areas.filter((a) => a.id !== "safeguarding")) expect(gradeIds(fw, area.id), area.id).toEqual(five);
    const scale = fw.scales.find((s) => s.id === "ofsted_report_card_5pt")!;
    expect(scale.grades.map((g) => g.label)).toEqual(["Exceptional", "Strong standard", "Expected standard", "Needs attention", "Urgent improvement"]);
  });

  it("has no overall grade", () => {
    expect(fw.overallGrade).toBe(false);
  });
});

describe("Ofsted Education Inspection Framework (2019–2025)", () => {
  const fw = byId("ofsted_eif_2019");

  it("grades the key judgements 1–4: outstanding, good, requires improvement, inadequate", () => {
    for (const id of ["quality_of_education", "behaviour_attitudes", "personal_development", "leadership_management"]) {
      expect(gradeIds(fw, id)).toEqual(["outstanding", "good", "requires_improvement", "inadequate"]);
    }
    const scale = fw.scales.find((s) => s.id === "ofsted_eif_4pt")!;
    expect(scale.grades.map((g) => [g.rank, g.label])).toEqual([
      [1, "Outstanding"],
      [2, "Good"],
      [3, "Requires improvement"],
      [4, "Inadequate"],
    ]);
  });

  it("records safeguarding as effective / ineffective and has an overall grade", () => {
    expect(gradeIds(fw, "safeguarding")).toEqual(["effective", "ineffective"]);
    expect(fw.overallGrade).toBe(true);
  });
});

describe("applicableAreas: areas that do not apply to the school are left out", () => {
  const renewed = byId("ofsted_renewed_2025");
  const eif = byId("ofsted_eif_2019");
  const ids = (fw: Framework, school: { hasEarlyYears: boolean; hasSixthForm: boolean }) => applicableAreas(fw, school).map((a) => a.id);

  it("a primary with Reception gets early years and no sixth form", () => {
    const got = ids(renewed, { hasEarlyYears: true, hasSixthForm: false });
    expect(got).toContain("early_years");
    expect(got).not.toContain("sixth_form");
    expect(got).toHaveLength(8);
  });

  it("a secondary with a sixth form gets sixth form and no early years", () => {
    const got = ids(renewed, { hasEarlyYears: false, hasSixthForm: true });
    expect(got).toContain("sixth_form");
    expect(got).not.toContain("early_years");
  });

  it("an all-through school with both gets all nine; one with neither gets the seven core areas", () => {
    expect(ids(renewed, { hasEarlyYears: true, hasSixthForm: true })).toHaveLength(9);
    expect(ids(renewed, { hasEarlyYears: false, hasSixthForm: false })).toEqual([
      "safeguarding",
      "inclusion",
      "curriculum_teaching",
      "achievement",
      "attendance_behaviour",
      "personal_development_wellbeing",
      "leadership_governance",
    ]);
  });

  it("works the same way for the 2019 framework's provision judgements", () => {
    const neither = ids(eif, { hasEarlyYears: false, hasSixthForm: false });
    expect(neither).not.toContain("early_years_provision");
    expect(neither).not.toContain("sixth_form_provision");
    expect(ids(eif, { hasEarlyYears: true, hasSixthForm: false })).toContain("early_years_provision");
    expect(ids(eif, { hasEarlyYears: false, hasSixthForm: true })).toContain("sixth_form_provision");
  });
});

describe("loadFrameworkFiles refuses a bad file, naming it", () => {
  const write = (name: string, data: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fw-"));
    fs.writeFileSync(path.join(dir, name), JSON.stringify(data));
    return dir;
  };

  it("an area pointing at a scale that does not exist", () => {
    const fw = structuredClone(byId("ofsted_renewed_2025"));
    fw.areas[1]!.scaleId = "no_such_scale";
    expect(() => loadFrameworkFiles(write("broken.json", fw))).toThrow(/broken\.json.*no_such_scale/);
  });

  it("a file missing its grade scales", () => {
    const { scales: _scales, ...rest } = byId("ofsted_eif_2019");
    expect(() => loadFrameworkFiles(write("noscales.json", rest))).toThrow(/noscales\.json/);
  });

  it("a new framework is a new file: a valid extra file loads with no code change", () => {
    const fw = { ...structuredClone(byId("ofsted_eif_2019")), id: "local_framework", name: "A local framework" };
    expect(loadFrameworkFiles(write("local.json", fw)).map((f) => f.id)).toEqual(["local_framework"]);
  });
});
