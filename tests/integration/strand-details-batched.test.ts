import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { queriesWhile } from "./helpers";
import { plans, users } from "@/db/schema";
import type { ROLES } from "@/db/schema/enums";
import { seedDemo } from "@/db/seed/demo";
import { getPlanDocument, getPlanOverview, getStrandDetail, getStrandDetails, listStrands } from "@/lib/data/sip";
import { listTerms, todayIso } from "@/lib/data/school";
import type { Viewer } from "@/lib/data/sip/strand-monitoring";

/**
 * The printable plan and the plan's Word export read every strand's detail at once (getStrandDetails,
 * one query per kind of row). Each strand must be exactly what its own page shows (getStrandDetail), to
 * every kind of viewer, in every year with a plan, and the whole plan must take as many queries for a
 * plan of many strands as for one.
 */
beforeAll(async () => {
  await seedDemo(db);
});

function viewers(): Viewer[] {
  const byRole = (role: (typeof ROLES)[number]) => db.select({ id: users.id, role: users.role }).from(users).where(eq(users.role, role)).get()!;
  return [byRole("headteacher"), byRole("slt"), byRole("staff"), byRole("governor"), byRole("adviser")];
}

describe("every strand's detail, read at once", () => {
  it("gives each strand exactly as its own page does, to every viewer, in every year and term", () => {
    const planRows = db.select().from(plans).all();
    expect(planRows.length).toBeGreaterThan(1);
    let compared = 0;
    for (const plan of planRows) {
      const ids = listStrands({ planId: plan.id }).map((s) => s.id);
      expect(ids.length).toBeGreaterThan(1);
      const terms = listTerms({ academicYearId: plan.academicYearId });
      // Today, and the middle of each of the year's terms that has started.
      const days = [todayIso(), ...terms.filter((t) => t.startDate <= todayIso()).map((t) => t.startDate)];
      for (const viewer of viewers())
        for (const today of days) {
          const batched = getStrandDetails({ ids, viewer, today });
          expect(batched.map((d) => d.strand.id)).toEqual(ids);
          batched.forEach((d, i) => {
            expect(d, `${plan.id} strand ${i + 1} for ${viewer.role} on ${today}`).toEqual(getStrandDetail({ id: ids[i]!, viewer, today }));
            compared++;
          });
        }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("keeps the order asked for, and refuses a strand that does not exist", () => {
    const plan = db.select().from(plans).get()!;
    const ids = listStrands({ planId: plan.id }).map((s) => s.id);
    const [head] = viewers();
    expect(getStrandDetails({ ids: [...ids].reverse(), viewer: head! }).map((d) => d.number)).toEqual(ids.map((_, i) => i + 1).reverse());
    expect(() => getStrandDetails({ ids: [ids[0]!, "no-such-strand"], viewer: head! })).toThrow(/strand/i);
    expect(getStrandDetails({ ids: [], viewer: head! })).toEqual([]);
  });

  it("reads the whole plan's detail in as many queries as one strand's", () => {
    const plan = db.select().from(plans).get()!;
    const ids = listStrands({ planId: plan.id }).map((s) => s.id);
    expect(ids.length).toBeGreaterThan(2);
    const [head] = viewers();
    // Warm the attainment and attendance memo so only the plan's own reads are counted.
    getPlanDocument({ academicYearId: plan.academicYearId, viewer: head! });
    const one = queriesWhile(() => getStrandDetails({ ids: ids.slice(0, 1), viewer: head! })).sources.length;
    const all = queriesWhile(() => getStrandDetails({ ids, viewer: head! })).sources.length;
    expect(all).toBeLessThanOrEqual(one + 2);
    expect(getPlanDocument({ academicYearId: plan.academicYearId, viewer: head! }).strands.map((s) => s.strand.id)).toEqual(
      getPlanOverview({ academicYearId: plan.academicYearId }).strands.map((s) => s.strand.id),
    );
  });
});
