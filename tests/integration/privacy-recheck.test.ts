import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { assessmentResults, auditLog, evidenceLinks, observations, pupils, reports, reviews, terms } from "@/db/schema";
import { getTeacherPools } from "@/lib/data/evidence";
import { computeAttainmentBeforeSuppression } from "@/lib/analytics/attainment";
import { PRIMARY_SCHEME } from "@/lib/analytics/schemes";
import { findTermByKey } from "@/lib/data/school";
import { seedDemo } from "@/db/seed/demo";
import type { AttainmentRow } from "@/lib/analytics/attainment";
import type { ReportData } from "@/lib/report/types";

beforeAll(async () => {
  await seedDemo(db);
});

/**
 * A snapshot as it was stored before secondary suppression and the all-or-none rule: only cohorts below
 * five hidden, every other figure shown, and no reasons.
 */
function asPublishedBefore(d: ReportData): ReportData {
  const term = findTermByKey({ key: d.term })!;
  const yearPupils = db.select().from(pupils).where(eq(pupils.academicYearId, term.academicYearId)).all();
  const results = db.select().from(assessmentResults).where(eq(assessmentResults.termId, term.id)).all();
  const attainment = computeAttainmentBeforeSuppression(yearPupils, results, PRIMARY_SCHEME).map((r): AttainmentRow =>
    r.cohort < 5 ? { ...r, atExpectedPct: null, greaterDepthPct: null, suppressed: true } : r,
  );
  expect(attainment.map((r) => `${r.yearGroup} ${r.subject} ${r.group}`)).toEqual(d.attainment.map((r) => `${r.yearGroup} ${r.subject} ${r.group}`));
  const groups = Object.fromEntries(Object.entries(d.context.groups).map(([k, g]) => [k, g.suppressed && g.suppressionReason === "secondary" ? { count: 100, pct: 47.6, suppressed: false } : g]));
  return { ...d, attainment, context: { ...d.context, groups: groups as ReportData["context"]["groups"] } };
}

const snapshotOf = (id: string) => db.select({ snapshot: reports.snapshot }).from(reports).where(eq(reports.id, id)).get()!.snapshot as ReportData;
const rechecks = (id: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, id), eq(auditLog.verb, "resuppress")))
    .all();

describe("published snapshots are re-checked at migrate (every start)", () => {
  it("hides again what the current rule hides, records it in the audit log, and changes nothing the second time", () => {
    const published = db.select({ id: reports.id, snapshot: reports.snapshot }).from(reports).where(eq(reports.status, "published")).all();
    expect(published.length).toBeGreaterThan(2);
    // Published with today's rule: some rows are withheld beyond small cohorts.
    const target = published.find((p) => (p.snapshot as ReportData).attainment.some((r) => r.suppressionReason === "secondary"))!;
    const fresh = target.snapshot as ReportData;
    const old = asPublishedBefore(fresh);
    expect(old.attainment.filter((r) => r.suppressed).length).toBeLessThan(fresh.attainment.filter((r) => r.suppressed).length);
    db.update(reports).set({ snapshot: old }).where(eq(reports.id, target.id)).run();

    migrateDatabase(db);

    const after = snapshotOf(target.id);
    // Every figure withheld under today's rule is withheld in the re-checked snapshot.
    expect(after.attainment).toEqual(fresh.attainment);
    const withheld = Object.entries(fresh.context.groups).filter(([, g]) => g.suppressed);
    expect(withheld.length).toBeGreaterThan(0);
    for (const [k] of withheld) expect(after.context.groups[k as keyof typeof fresh.context.groups].suppressed, k).toBe(true);
    expect(after.gaps).toEqual(fresh.gaps);
    // Untouched: everything else the governors received.
    expect(after.plan).toEqual(old.plan);
    expect(after.narrative).toEqual(old.narrative);
    expect(after.publishedAt).toBe(old.publishedAt);

    const audit = rechecks(target.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.userName).toBe("Privacy check (on start-up)");
    expect(audit[0]!.summary).toMatch(/^Withheld \d+ more attainment rows? or figures? .* in the published \S+ report/);

    // A second start finds nothing to change.
    migrateDatabase(db);
    expect(rechecks(target.id)).toHaveLength(1);
    expect(snapshotOf(target.id)).toEqual(after);
    // Reports already compliant were never rewritten.
    for (const p of published.filter((p) => p.id !== target.id)) expect(rechecks(p.id)).toHaveLength(0);
  });
});

describe("cited lesson observations are relabelled at migrate", () => {
  it("drops a year group that names the teacher from stored labels, once, with an audit row", () => {
    // An observation in a year group with one teacher (the demo school is one form entry).
    const shared = db.select({ o: observations, yearId: terms.academicYearId }).from(observations).innerJoin(terms, eq(observations.termId, terms.id)).where(eq(observations.status, "shared")).all();
    const o = shared.find((x) => x.o.yearGroup && getTeacherPools({ academicYearId: x.yearId }).byYearGroup[x.o.yearGroup] === 1)!.o;
    const review = db.select({ id: reviews.id }).from(reviews).get()!;
    // Cited under an older rule, with the year group that names the teacher in a one-form-entry school.
    const [link] = db
      .insert(evidenceLinks)
      .values({ ownerType: "review", ownerId: review.id, targetType: "observation", targetId: o.id, label: `Lesson observation: ${o.yearGroup ?? "Y5"} ${o.subject}, 1 Jan 2000` })
      .returning()
      .all();
    const before = db.select().from(auditLog).where(eq(auditLog.verb, "relabel")).all().length;
    migrateDatabase(db);
    const relabelled = db.select().from(evidenceLinks).where(eq(evidenceLinks.id, link!.id)).get()!.label;
    expect(relabelled).toMatch(/^Lesson observation(: [A-Za-z ]+)?, \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(relabelled).not.toContain(o.yearGroup!);
    expect(db.select().from(auditLog).where(eq(auditLog.verb, "relabel")).all()).toHaveLength(before + 1);
    migrateDatabase(db);
    expect(db.select().from(auditLog).where(eq(auditLog.verb, "relabel")).all()).toHaveLength(before + 1);
  });
});
