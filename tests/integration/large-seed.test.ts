import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { academicYears, reports, sefVersions, sefs, terms } from "@/db/schema";
import { LARGE, seedLarge } from "@/db/seed/large";
import { findPreviousPublishedReport } from "@/lib/data/report";
import { getSefDraft } from "@/lib/data/sef";
import { sefSnapshotSchema } from "@/lib/analytics/sef-snapshot";
import { diffSnapshots } from "@/lib/analytics/sef-diff";

/**
 * The large school the bench measures (db/seed/large.ts and large-history.ts) has the history a school
 * of ten years would: a self-evaluation every year, published and republished, and a published report
 * for every past term, so the bench's SEF, SEF Word file and published report rows measure real pages.
 */
let db: DB;
let counts: Record<string, number>;
beforeAll(async () => {
  ({ db } = openDatabase(":memory:"));
  migrateDatabase(db);
  counts = await seedLarge(db);
}, 120_000);

const years = () => db.select().from(academicYears).orderBy(asc(academicYears.name)).all();

describe("the large school's history", () => {
  it("has a self-evaluation for every year, with all eight areas graded", () => {
    expect(years()).toHaveLength(LARGE.years);
    for (const year of years()) {
      const draft = getSefDraft({ academicYearId: year.id }, db)!;
      expect(draft.areas.map((a) => a.areaKey)).toHaveLength(8);
      for (const a of draft.areas) {
        expect(a.grade, a.areaKey).not.toBeNull();
        expect(a.developmentPoints.length, a.areaKey).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("publishes each past year's SEF twice, the second time with achievement regraded, and the current year's once with a later draft change", () => {
    const versionsOf = (yearId: string) => {
      const sef = db.select().from(sefs).where(eq(sefs.academicYearId, yearId)).get()!;
      return db
        .select()
        .from(sefVersions)
        .where(eq(sefVersions.sefId, sef.id))
        .orderBy(asc(sefVersions.number))
        .all()
        .map((v) => sefSnapshotSchema.parse(v.snapshot));
    };
    const achievement = (areas: { key?: string; areaKey?: string; grade: string | null }[]) => areas.find((a) => (a.key ?? a.areaKey) === "achievement")!.grade;
    for (const year of years().filter((y) => !y.isCurrent)) {
      const [first, second, ...more] = versionsOf(year.id);
      expect(more, year.name).toEqual([]);
      expect(achievement(second!.areas), year.name).not.toBe(achievement(first!.areas));
      expect(diffSnapshots(first!, second!).changeCount, year.name).toBeGreaterThan(0);
    }
    const current = years().find((y) => y.isCurrent)!;
    const published = versionsOf(current.id);
    expect(published).toHaveLength(1);
    expect(achievement(getSefDraft({ academicYearId: current.id }, db)!.areas)).not.toBe(achievement(published[0]!.areas));
    expect(counts["SEF versions"]).toBe(LARGE.years * 2 - 1);
  });

  it("has a published report, with its snapshot, for every past term and a draft-free current year", () => {
    const rows = db
      .select({ status: reports.status, snapshot: reports.snapshot, current: academicYears.isCurrent })
      .from(reports)
      .innerJoin(terms, eq(reports.termId, terms.id))
      .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
      .all();
    expect(rows).toHaveLength((LARGE.years - 1) * 3);
    expect(rows.every((r) => r.status === "published" && r.snapshot && !r.current)).toBe(true);
    expect(counts["published reports"]).toBe((LARGE.years - 1) * 3);
    const current = years().find((y) => y.isCurrent)!;
    const autumn = db.select().from(terms).where(eq(terms.academicYearId, current.id)).orderBy(asc(terms.startDate)).get()!;
    // The current term's draft compares with last summer's report.
    expect(findPreviousPublishedReport({ termId: autumn.id }, db)!.termKey).toBe(`${years().at(-2)!.name}:summer`);
  });
});
