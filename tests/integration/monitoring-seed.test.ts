import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createRandom } from "@/db/seed/random";
import { DEMO_PEOPLE, seedDemoFoundation, type DemoContext } from "@/db/seed/demo/foundation";
import { seedDemoMonitoring } from "@/db/seed/demo/monitoring";
import { monitoringActivities, monitoringFoci, observations, plannedMonitoring, plans, strands, visits } from "@/db/schema";
import { findStaffNamesIn } from "@/lib/analytics/monitoring";
import {
  getCoverage,
  getMonitoringSummary,
  listActivities,
  listObservations,
  listObservationsAwaitingResponse,
  listPlanned,
  listStrandsWithoutEvidence,
  listTemplates,
  listVisits,
} from "@/lib/data/monitoring";
import { TEST_PASSWORD_HASH } from "../factories";
import { dy, yn } from "@/db/seed/demo/dates";

let ctx: DemoContext;
const strandIds: Record<string, string[]> = {};

beforeAll(() => {
  db.transaction((tx) => {
    ctx = seedDemoFoundation(tx, createRandom(20260901), TEST_PASSWORD_HASH);
    // The plan seeder runs first in the real demo: five strands a year, the SEND strand link-governed.
    for (const year of [ctx.previous, ctx.current]) {
      const plan = tx
        .insert(plans)
        .values({ academicYearId: year.id, title: `Plan ${year.name}` })
        .returning()
        .get();
      strandIds[year.name] = ["Early reading and phonics", "Writing in KS2", "Adaptive teaching for pupils with SEND", "Attendance", "Maths fluency"].map(
        (title, position) =>
          tx
            .insert(strands)
            .values({ planId: plan.id, title, position, linkGovernorId: title.includes("SEND") ? ctx.people.gov_send! : null })
            .returning()
            .get().id,
      );
    }
    seedDemoMonitoring(ctx, tx);
  });
});

describe("the demo school's monitoring", () => {
  it("has the default template, a phonics template and an archived one", () => {
    const t = listTemplates();
    expect(t.find((x) => x.isDefault)).toMatchObject({ name: "Curriculum and teaching", criteriaCount: 15 });
    expect(t.filter((x) => x.archived)).toHaveLength(1);
  });

  it("saw every teacher in every past term, at least three times last year", () => {
    for (const term of ctx.pastTerms) {
      const c = getCoverage({ termId: term.id });
      expect(c.total, term.key).toBe(9);
      expect(c.notSeen, term.key).toEqual([]);
    }
    expect(getCoverage({ termId: ctx.previous.terms.summer.id }).fewerThanMinimum).toEqual([]);
  });

  it("leaves three teachers not yet seen this term", () => {
    const c = getCoverage({ termId: ctx.currentTerm.id });
    expect(c.notSeen.map((r) => r.name).sort()).toEqual(["Ben Carter", "Sarah Patel", "Sophie Turner"]);
    expect(c.pct).toBe(66.7);
    const dates = db.select({ date: observations.date }).from(observations).where(eq(observations.termId, ctx.currentTerm.id)).all();
    expect(dates.every((d) => d.date <= dy("2026-11-23"))).toBe(true);
  });

  it("has observations this term the Year 5 teacher has not yet acknowledged", () => {
    expect(listObservationsAwaitingResponse({ viewer: { id: ctx.people.y5!, role: "staff" } }).length).toBeGreaterThan(0);
  });

  it("leaves one strand of this year's plan without monitoring evidence this term, and none last year", () => {
    expect(listStrandsWithoutEvidence({ termId: ctx.currentTerm.id }).map((s) => s.title)).toEqual(["Maths fluency"]);
    for (const term of ctx.pastTerms) expect(listStrandsWithoutEvidence({ termId: term.id }), term.key).toEqual([]);
  });

  it("has walks, scrutinies, pupil voice, drop-ins, governor and adviser visits each term, and recurring themes", () => {
    for (const term of [...ctx.pastTerms, ctx.currentTerm]) {
      const s = getMonitoringSummary({ termId: term.id });
      expect(s.countsByType.learning_walk, term.key).toBeGreaterThan(0);
      expect(s.countsByType.pupil_voice, term.key).toBeGreaterThan(0);
      expect(s.countsByType.drop_in, term.key).toBeGreaterThan(0);
      expect(s.countsByType.governor_visit, term.key).toBeGreaterThan(0);
      expect(s.countsByType.adviser_visit, term.key).toBeGreaterThan(0);
      expect(s.recurringStrengths.length, term.key).toBeGreaterThan(0);
      expect(s.recurringDevelopment.length, term.key).toBeGreaterThan(0);
    }
    const jar = db.select().from(visits).where(eq(visits.visitType, "Joint Annual Review")).all();
    expect(jar.map((v) => v.date).sort()).toEqual([dy("2025-10-14"), dy("2026-10-06")]);
  });

  it("link governors visit about three times a year, against their strands", () => {
    const send = db.select().from(visits).where(eq(visits.visitorId, ctx.people.gov_send!)).all();
    expect(send.filter((v) => v.termId !== ctx.currentTerm.id)).toHaveLength(3);
    expect(listVisits({ visitorId: ctx.people.gov_send!, academicYearId: ctx.previous.id })).toHaveLength(3);
    expect(listVisits({ visitorId: ctx.people.gov_send!, academicYearId: ctx.current.id })).toHaveLength(1);
    expect(listActivities({ academicYearId: ctx.current.id }).every((a) => a.termId === ctx.currentTerm.id)).toBe(true);
    expect(listObservations({ viewer: { id: ctx.people.head!, role: "headteacher" }, academicYearId: ctx.previous.id }).length).toBeGreaterThanOrEqual(27);
    const sendStrand = strandIds[yn("2025-26")]![2]!;
    expect(
      send.every((v) =>
        db
          .select()
          .from(monitoringFoci)
          .where(eq(monitoringFoci.recordId, v.id))
          .all()
          .some((f) => f.strandId === sendStrand || f.strandId === strandIds[yn("2026-27")]![2]),
      ),
    ).toBe(true);
  });

  it("has a calendar each term with done and not done; this term's later plans are not done", () => {
    for (const term of [...ctx.pastTerms, ctx.currentTerm]) {
      const planned = listPlanned({ termId: term.id });
      expect(planned.length, term.key).toBeGreaterThan(5);
    }
    const current = listPlanned({ termId: ctx.currentTerm.id });
    expect(current.some((p) => p.done)).toBe(true);
    expect(current.some((p) => !p.done)).toBe(true);
    expect(current.filter((p) => p.done && p.recordHref).length).toBeGreaterThan(0);
    expect(
      db
        .select()
        .from(plannedMonitoring)
        .all()
        .every((p) => !p.recordId || p.done),
    ).toBe(true);
  });

  it("names no member of staff in anything governors and advisers read", () => {
    const names = DEMO_PEOPLE.filter((p) => p.role !== "governor" && p.role !== "adviser").map((p) => p.name);
    const texts = [
      ...db
        .select()
        .from(monitoringActivities)
        .all()
        .flatMap((a) => [a.subject ?? "", a.classesVisited, a.strengths, a.areasToDevelop, a.actions]),
      ...db
        .select()
        .from(visits)
        .all()
        .flatMap((v) => [v.purpose, v.seen, v.questions, v.followUp]),
    ];
    expect(texts.flatMap((t) => findStaffNamesIn(t, names))).toEqual([]);
  });
});
