import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../client";
import { attendanceRecords, evidenceLinks, pupils, sefAreas, sefs, suspensions, type TermName } from "../../schema";
import { createRandom } from "../random";
import type { DemoContext, DemoTerm, DemoYear } from "./foundation";

/** Its own random stream, so attendance does not shift when another seeder changes. */
const DEMO_ATTENDANCE_SEED = 4117;

/** Possible sessions (two a day) in a full term at Oakfield. */
const SESSIONS: Record<TermName, number> = { autumn: 140, spring: 118, summer: 128 };

/**
 * Absence in each term relative to a pupil's usual rate: winter illness in the autumn, and the attendance
 * strand's work taking hold through 2025-26 and into 2026-27.
 */
const TERM_FACTOR: Record<string, number> = { "0:autumn": 1.1, "0:spring": 1, "0:summer": 0.9, "1:autumn": 0.85 };

/**
 * Attendance for every pupil and term with results (the same terms as the assessment data), and a few
 * suspensions. Each child has a usual absence rate that follows them across the years (by UPN): most
 * miss 2–5% of sessions, a few far more; disadvantaged pupils and pupils with SEN miss more, as
 * nationally, so persistent absence is higher in those groups. Whole-school attendance comes out at
 * about 95%.
 */
export function seedDemoAttendance(shared: DemoContext, db: DbOrTx, seed = DEMO_ATTENDANCE_SEED) {
  const rnd = createRandom(seed);
  const normal = () => {
    const u = Math.max(rnd.next(), 1e-9);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.next());
  };
  const usualRate = new Map<string, number>();
  const rateOf = (p: { upn: string; disadvantaged: boolean; sen: "N" | "K" | "E" }) => {
    let r = usualRate.get(p.upn);
    if (r === undefined) {
      r = Math.exp(normal() * 0.7 + Math.log(0.028)) * (p.disadvantaged ? 1.6 : 1) * (p.sen === "K" ? 1.5 : p.sen === "E" ? 2 : 1);
      usualRate.set(p.upn, Math.min(r, 0.6));
      r = Math.min(r, 0.6);
    }
    return r;
  };
  const seedYear = (year: DemoYear, yearIdx: number, termsWithData: DemoTerm[]) => {
    const roll = db
      .select({ id: pupils.id, upn: pupils.upn, disadvantaged: pupils.disadvantaged, sen: pupils.sen, yearGroup: pupils.yearGroup })
      .from(pupils)
      .where(eq(pupils.academicYearId, year.id))
      .orderBy(asc(pupils.upn))
      .all();
    for (const term of termsWithData) {
      const factor = TERM_FACTOR[`${yearIdx}:${term.name}`] ?? 1;
      for (const p of roll) {
        // A few children join part way through a term.
        const possible = rnd.chance(0.02) ? SESSIONS[term.name] - 2 * rnd.int(5, 30) : SESSIONS[term.name];
        const rate = Math.min(0.95, rateOf(p) * factor * Math.exp(normal() * 0.35));
        const missed = Math.max(0, Math.min(possible, Math.round(possible * rate + normal())));
        // Unauthorised absence is a larger share for families the school is working with.
        const unauthShare = (p.disadvantaged ? 0.38 : 0.2) + (rate > 0.1 ? 0.15 : 0);
        const unauthorised = Math.round(missed * Math.min(0.9, unauthShare * (0.6 + 0.8 * rnd.next())));
        db.insert(attendanceRecords)
          .values({
            id: rnd.uuid(),
            pupilId: p.id,
            termId: term.id,
            possibleSessions: possible,
            attendedSessions: possible - missed,
            authorisedAbsence: missed - unauthorised,
            unauthorisedAbsence: unauthorised,
          })
          .run();
      }
    }
    return roll;
  };
  const prevTerms = [shared.previous.terms.autumn, shared.previous.terms.spring, shared.previous.terms.summer];
  const prevRoll = seedYear(shared.previous, 0, prevTerms);
  const curRoll = seedYear(shared.current, 1, [shared.current.terms.autumn]);

  // A few suspensions: a Year 5 pupil twice in 2025-26 and once this autumn (by then in Year 6), and
  // two others once each; no permanent exclusions.
  const day = (term: DemoTerm, offset: number) => {
    const d = new Date(`${term.startDate}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    // Weekdays only: a Saturday or Sunday moves to the Monday after.
    while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const pick = (roll: typeof prevRoll, yearGroup: string, want: (p: (typeof prevRoll)[number]) => boolean) =>
    roll.find((p) => p.yearGroup === yearGroup && want(p)) ?? roll.find((p) => p.yearGroup === yearGroup)!;
  const repeat = pick(prevRoll, "Y5", (p) => p.disadvantaged && p.sen === "K");
  const other = pick(prevRoll, "Y6", (p) => p.sen === "K" && p.id !== repeat.id);
  const third = pick(prevRoll, "Y4", (p) => p.disadvantaged);
  const repeatNow = curRoll.find((p) => p.upn === repeat.upn);
  const rows: { pupilId: string; term: DemoTerm; offset: number; days: number }[] = [
    { pupilId: repeat.id, term: shared.previous.terms.autumn, offset: 45, days: 1 },
    { pupilId: other.id, term: shared.previous.terms.spring, offset: 30, days: 2 },
    { pupilId: repeat.id, term: shared.previous.terms.spring, offset: 60, days: 1.5 },
    { pupilId: third.id, term: shared.previous.terms.summer, offset: 50, days: 1 },
    ...(repeatNow ? [{ pupilId: repeatNow.id, term: shared.current.terms.autumn, offset: 38, days: 1 }] : []),
  ];
  for (const r of rows)
    db.insert(suspensions)
      .values({ id: rnd.uuid(), pupilId: r.pupilId, termId: r.term.id, startDate: day(r.term, r.offset), days: r.days, type: "suspension" })
      .run();

  // Last year's SEF cites the year's attendance summary in its attendance and behaviour area (its draft,
  // after the July publication). This year's published SEF and its draft are left as the SEF seeder
  // made them; the area page shows this year's figures as context.
  for (const [year, term] of [[shared.previous, shared.previous.terms.summer]] as const) {
    const area = db
      .select({ id: sefAreas.id })
      .from(sefAreas)
      .innerJoin(sefs, eq(sefAreas.sefId, sefs.id))
      .where(and(eq(sefs.academicYearId, year.id), eq(sefAreas.areaKey, "attendance_behaviour")))
      .get();
    if (!area) continue;
    const label = `Attendance and behaviour summary: ${term.name[0]!.toUpperCase()}${term.name.slice(1)} ${term.name === "autumn" ? term.startDate.slice(0, 4) : term.endDate.slice(0, 4)}`;
    db.insert(evidenceLinks)
      .values({
        id: rnd.uuid(),
        ownerType: "sef_area",
        ownerId: area.id,
        targetType: "attendance_summary",
        targetId: term.id,
        label,
        createdById: shared.people.head!,
        createdAt: `${day(term, 60)}T16:00:00.000Z`,
      })
      .run();
  }
}
