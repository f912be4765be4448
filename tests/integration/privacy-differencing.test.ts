import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { pupils } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { getAttainmentOverview } from "@/lib/data/attainment";
import { findCurrentTerm, listTerms } from "@/lib/data/school";
import { getReportData } from "@/lib/report/assemble";
import type { ReportData } from "@/lib/report/types";
import { yn } from "@/db/seed/demo/dates";
import { findTermByKey } from "@/lib/data/school";

/**
 * The differencing attack of issue 21, run on every output that shows governors group figures: for each
 * visible figure of a whole (all pupils, or the roll), subtract every visible part and every pair of
 * visible disjoint parts, and check that what is left never describes a group that must stay hidden:
 * 1–4 pupils, or 5–9 pupils who all or none meet the measure.
 */

type Figure = { group: string; cohort: number; value: number | null };
/** Groups a reader knows are inside "all" and which pairs of them share no pupil. */
const PARTS = ["disadvantaged", "not_disadvantaged", "sen", "eal", "girls", "boys"];
const DISJOINT = new Set(["disadvantaged|not_disadvantaged", "girls|boys"]);

/** Each disclosure found: where, and what was subtracted. */
function difference(where: string, figures: Figure[]): string[] {
  const found: string[] = [];
  const whole = figures.find((f) => f.group === "all");
  if (!whole || whole.value === null) return found;
  const shown = figures.filter((f) => PARTS.includes(f.group) && f.value !== null);
  const subsets: Figure[][] = [...shown.map((f) => [f])];
  for (const a of shown) for (const b of shown) if (DISJOINT.has(`${a.group}|${b.group}`)) subsets.push([a, b]);
  for (const parts of subsets) {
    const cohort = whole.cohort - parts.reduce((n, p) => n + p.cohort, 0);
    if (cohort <= 0) continue;
    const count = (whole.value * whole.cohort - parts.reduce((n, p) => n + p.value! * p.cohort, 0)) / 100;
    const allOrNone = Math.abs(count) < 0.5 || Math.abs(count - cohort) < 0.5;
    if (cohort < 5 || (cohort < 10 && allOrNone)) found.push(`${where}: all − ${parts.map((p) => p.group).join(" − ")} leaves ${cohort} pupils, ${Math.round(count)} meeting it`);
  }
  return found;
}

type Row = { yearGroup: string; subject: string; group: string; cohort: number } & Record<string, unknown>;
/** Every slice (year group × subject) of a table, for each of its figures. */
function differenceTable(where: string, rows: Row[], fields: string[]): string[] {
  const out: string[] = [];
  const slices = new Map<string, Row[]>();
  for (const r of rows) slices.set(`${r.yearGroup} ${r.subject}`, [...(slices.get(`${r.yearGroup} ${r.subject}`) ?? []), r]);
  for (const [slice, list] of slices) {
    for (const f of fields)
      out.push(
        ...difference(
          `${where} ${slice} ${f}`,
          list.map((r) => ({ group: r.group, cohort: r.cohort, value: (r[f] as number | null) ?? null })),
        ),
      );
  }
  return out;
}

/** The report's outputs: attainment table, national comparisons and the roll's counts. */
function differenceReport(d: ReportData): string[] {
  const out = differenceTable(`report ${d.term}`, d.attainment, ["atExpectedPct", "greaterDepthPct"]);
  // National comparisons show the school's % beside the national one: the same attack on those.
  out.push(
    ...differenceTable(
      `report ${d.term} national`,
      (d.national ?? []).map((n) => ({ ...n, cohort: d.attainment.find((r) => r.yearGroup === n.yearGroup && r.subject === n.subject && r.group === n.group)!.cohort })),
      ["schoolPct"],
    ),
  );
  // The roll: counts are the figures, so subtracting counts is the attack.
  const g = d.context.groups;
  const count = (k: keyof typeof g) => g[k].count;
  const checks: [string, number | null, (number | null)[]][] = [
    ["roll − girls − boys", d.context.pupilsOnRoll, [count("girls"), count("boys")]],
    ["SEN − SEN support − EHCP", count("sen"), [count("senSupport"), count("ehcp")]],
    ["SEN − SEN support", count("sen"), [count("senSupport")]],
    ["SEN − EHCP", count("sen"), [count("ehcp")]],
    ...(["disadvantaged", "fsm", "sen", "eal", "lookedAfter", "girls", "boys"] as const).map((k): [string, number | null, (number | null)[]] => [`roll − ${k}`, d.context.pupilsOnRoll, [count(k)]]),
  ];
  for (const [what, whole, parts] of checks) {
    if (whole === null || parts.some((p) => p === null)) continue;
    const left = whole - parts.reduce<number>((n, p) => n + p!, 0);
    if (left > 0 && left < 5) out.push(`report ${d.term} context: ${what} leaves ${left}`);
  }
  return out;
}

beforeAll(async () => {
  await seedDemo(db);
  // Small disadvantaged groups: in one class of the current year, only three pupils stay disadvantaged.
  const current = findCurrentTerm()!;
  const year3 = db
    .select({ id: pupils.id })
    .from(pupils)
    .where(and(eq(pupils.academicYearId, current.academicYearId), eq(pupils.yearGroup, "Y3"), eq(pupils.disadvantaged, true)))
    .all()
    .map((p) => p.id);
  db.update(pupils)
    .set({ disadvantaged: false, fsm: false })
    .where(inArray(pupils.id, year3.slice(3)))
    .run();
});

describe("differencing every governor-visible output finds nothing hidden", () => {
  it("the demo school has pupils recorded as X and small groups for the attack to aim at", () => {
    const x = db.select({ yearGroup: pupils.yearGroup }).from(pupils).where(eq(pupils.gender, "X")).all();
    expect(x.length).toBeGreaterThan(0);
    // The demo's autumn term of its current year holds its latest results, whatever today is.
    const current = findTermByKey({ key: `${yn("2026-27")}:autumn` })!;
    const overview = getAttainmentOverview({ termId: current.id });
    expect(overview.attainment.some((r) => r.suppressionReason === "secondary")).toBe(true);
    expect(overview.attainment.some((r) => r.group === "disadvantaged" && r.yearGroup === "Y3" && r.suppressionReason === "small_cohort")).toBe(true);
  });

  it("the attainment analysis: every term, every year group, its table, comparisons and trend", () => {
    const found: string[] = [];
    for (const term of listTerms()) {
      const first = getAttainmentOverview({ termId: term.id });
      found.push(...differenceTable(`analysis ${term.key}`, first.attainment, ["atExpectedPct", "greaterDepthPct"]));
      for (const yearGroup of first.yearGroups) {
        const o = yearGroup === first.yearGroup ? first : getAttainmentOverview({ termId: term.id, yearGroup });
        // (Its previous-term and last-year figures are those terms' tables, each differenced in its own turn.)
        found.push(...differenceTable(`analysis ${term.key} selected`, o.selected, ["atExpectedPct", "greaterDepthPct"]));
        for (const s of o.series) found.push(...differenceTable(`analysis ${term.key} trend ${s.termKey}`, s.attainment, ["atExpectedPct", "greaterDepthPct"]));
      }
    }
    expect(found).toEqual([]);
  });

  it("the termly report of every term, draft or published snapshot: attainment, national figures and the roll", () => {
    const found: string[] = [];
    const terms = listTerms();
    for (const term of terms) found.push(...differenceReport(getReportData({ termKey: term.key })));
    expect(terms.length).toBeGreaterThan(3);
    expect(found).toEqual([]);
  });
});
