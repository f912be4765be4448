import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { academicYears, evidenceLinks, pupils, sefs, sefVersions } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { refreshDemoSefContext } from "@/db/seed/demo/sef";
import { diffSnapshots } from "@/lib/analytics/sef-diff";
import { sefSnapshotSchema } from "@/lib/analytics/sef-snapshot";
import { buildSefSnapshot, computeSchoolContext, getSefDraft } from "@/lib/data/sef";
import { nowIso } from "@/lib/clock";

async function seeded(): Promise<DB> {
  const { db } = openDatabase(":memory:");
  migrateDatabase(db);
  await seedDemo(db);
  return db;
}

let db: DB;
beforeAll(async () => {
  db = await seeded();
}, 30_000);

const years = () => db.select().from(academicYears).orderBy(asc(academicYears.name)).all();

describe("the demo school's self-evaluation", () => {
  it("has a SEF for each year under the renewed framework, with early years and no sixth form", () => {
    for (const year of years()) {
      const draft = getSefDraft({ academicYearId: year.id }, db)!;
      expect(draft.framework.id).toBe("ofsted_renewed_2025");
      const keys = draft.areas.map((a) => a.areaKey);
      expect(keys).toContain("early_years");
      expect(keys).not.toContain("sixth_form");
      expect(keys).toHaveLength(8);
      for (const a of draft.areas) {
        expect(a.grade, a.areaKey).not.toBeNull();
        expect(a.strengths.length, a.areaKey).toBeGreaterThan(100);
        expect(a.developmentPoints.length, a.areaKey).toBeGreaterThanOrEqual(1);
        expect(a.developmentPoints.length, a.areaKey).toBeLessThanOrEqual(3);
        expect(a.evidence.length, a.areaKey).toBeGreaterThanOrEqual(1);
      }
      expect(draft.areas.find((a) => a.areaKey === "safeguarding")!.grade).toBe("met");
    }
  });

  it("has a published version and a later draft that differs from it, for each year", () => {
    for (const year of years()) {
      const sef = db.select().from(sefs).where(eq(sefs.academicYearId, year.id)).get()!;
      const versions = db.select().from(sefVersions).where(eq(sefVersions.sefId, sef.id)).orderBy(asc(sefVersions.number)).all();
      expect(versions.length).toBeGreaterThanOrEqual(1);
      const latest = sefSnapshotSchema.parse(versions.at(-1)!.snapshot);
      const diff = diffSnapshots(latest, buildSefSnapshot({ academicYearId: year.id }, db)!);
      expect(diff.changeCount, year.name).toBeGreaterThan(0);
      for (const v of versions) expect(v.publishedAt < nowIso()).toBe(true);
    }
  });

  it("2025-26 has two publications whose comparison shows a grade improving", () => {
    const prev = years()[0]!;
    const sef = db.select().from(sefs).where(eq(sefs.academicYearId, prev.id)).get()!;
    const [v1, v2] = db.select().from(sefVersions).where(eq(sefVersions.sefId, sef.id)).orderBy(asc(sefVersions.number)).all();
    const diff = diffSnapshots(sefSnapshotSchema.parse(v1!.snapshot), sefSnapshotSchema.parse(v2!.snapshot));
    expect(diff.areas.find((a) => a.key === "attendance_behaviour")!.grade).toMatchObject({ changed: true, direction: "up" });
  });

  it("cites documents by URL when there is no plan to cite", () => {
    const links = db.select().from(evidenceLinks).where(eq(evidenceLinks.ownerType, "sef_area")).all();
    expect(links.some((l) => l.targetType === "document" && l.url?.startsWith("https://"))).toBe(true);
  });

  it("is deterministic: a second seed makes the same SEF ids and snapshots", async () => {
    const other = await seeded();
    const pick = (d: DB) =>
      d.select({ id: sefVersions.id, number: sefVersions.number, snapshot: sefVersions.snapshot, at: sefVersions.publishedAt }).from(sefVersions).orderBy(asc(sefVersions.id)).all();
    expect(pick(other)).toEqual(pick(db));
  }, 30_000);

  it("fills the published context from the pupil data once pupils are seeded", () => {
    const current = years()[1]!;
    const sef = db.select().from(sefs).where(eq(sefs.academicYearId, current.id)).get()!;
    const before = sefSnapshotSchema.parse(db.select().from(sefVersions).where(eq(sefVersions.sefId, sef.id)).get()!.snapshot);
    // Whatever the pupils seeder made (if it ran), ten more pupils must show in the refreshed context.
    const already = db.select().from(pupils).where(eq(pupils.academicYearId, current.id)).all().length;
    for (let i = 0; i < 10; i++) {
      db.insert(pupils)
        .values({ academicYearId: current.id, upn: `A10000000000${i}`, firstName: "P", lastName: String(i), yearGroup: "Y3", gender: i % 2 ? "M" : "F", disadvantaged: i < 3 })
        .run();
    }
    refreshDemoSefContext({ previous: { id: years()[0]!.id }, current: { id: current.id } } as Parameters<typeof refreshDemoSefContext>[0], db);
    const after = sefSnapshotSchema.parse(db.select().from(sefVersions).where(eq(sefVersions.sefId, sef.id)).get()!.snapshot);
    expect(after.context).toMatchObject({ onRoll: already + 10 });
    expect(after.context).toEqual(computeSchoolContext({ academicYearId: current.id }, db));
    expect(after.areas).toEqual(before.areas);
  });
});
