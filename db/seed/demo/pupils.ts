import type { DbOrTx } from "../../client";
import { assessmentResults, importMappings, pupils, type YearGroup } from "../../schema";
import { PRIMARY_SCHEME } from "@/lib/analytics/schemes";
import type { DemoContext, DemoTerm, DemoYear } from "./foundation";
import { createRandom } from "../random";

const FIRST_F = [
  "Amelia",
  "Olivia",
  "Isla",
  "Ava",
  "Freya",
  "Lily",
  "Grace",
  "Sophia",
  "Mia",
  "Evie",
  "Ella",
  "Poppy",
  "Aisha",
  "Zara",
  "Maryam",
  "Hannah",
  "Chloe",
  "Ruby",
  "Daisy",
  "Layla",
  "Erin",
  "Niamh",
  "Ivy",
  "Florence",
  "Jessica",
  "Amira",
  "Maya",
  "Priya",
  "Zofia",
  "Oliwia",
  "Esme",
  "Harper",
  "Phoebe",
  "Matilda",
  "Willow",
  "Sienna",
];
const FIRST_M = [
  "Oliver",
  "George",
  "Noah",
  "Arthur",
  "Leo",
  "Harry",
  "Oscar",
  "Jack",
  "Muhammad",
  "Theo",
  "Charlie",
  "Jacob",
  "Alfie",
  "Freddie",
  "Ibrahim",
  "Yusuf",
  "Ethan",
  "Thomas",
  "Joshua",
  "Reuben",
  "Kai",
  "Ollie",
  "Dylan",
  "Mason",
  "Rory",
  "Finley",
  "Adam",
  "Ayaan",
  "Jakub",
  "Filip",
  "Samuel",
  "Logan",
  "Max",
  "Toby",
  "Elliot",
  "Zain",
];
const LAST = [
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Patel",
  "Robinson",
  "Wright",
  "Thompson",
  "Evans",
  "Walker",
  "White",
  "Roberts",
  "Green",
  "Hall",
  "Wood",
  "Jackson",
  "Clarke",
  "Khan",
  "Ali",
  "Hussain",
  "Begum",
  "Nowak",
  "Kowalski",
  "Murphy",
  "O'Brien",
  "Hughes",
  "Edwards",
  "Turner",
  "Hill",
  "Moore",
  "Ward",
  "Morris",
  "King",
  "Baker",
  "Harris",
  "Lewis",
  "Cooper",
  "Ahmed",
  "Mensah",
  "Okoye",
  "Campbell",
  "Stewart",
  "Price",
  "Bennett",
];

type Latent = {
  upn: string;
  firstName: string;
  lastName: string;
  gender: "F" | "M" | "X";
  disadvantaged: boolean;
  fsm: boolean;
  sen: "N" | "K" | "E";
  eal: boolean;
  lookedAfter: boolean;
  ability: number;
  subj: Record<string, number>;
};

/** Chosen so the generated cohorts tell the plan's story: weak KS2 writing and a disadvantaged gap that narrows in 2026-27. */
const DEMO_PUPIL_SEED = 165;

const ORDER: YearGroup[] = ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"];

/** A normally distributed number (Box–Muller) from the seeded generator. */
function normal(ctx: DemoContext) {
  const u = Math.max(ctx.rnd.next(), 1e-9);
  const v = ctx.rnd.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * 210 pupils (30 per year group, Reception to Year 6) in each demo year; the same children move up a
 * year group from 2025-26 to 2026-27 (matched by UPN), Year 6 leave and a new Reception class joins.
 * Termly results in reading, writing, maths and science for Years 1–6, with the group differences a
 * real school sees (a disadvantaged gap, weaker writing, SEN support well below) and the improvement
 * the plan targets: writing and the disadvantaged gap improve through 2026-27.
 */
export function seedDemoPupils(shared: DemoContext, db: DbOrTx, seed = DEMO_PUPIL_SEED) {
  // Its own random stream, so the pupils and their results do not shift when another seeder changes.
  const ctx = { ...shared, rnd: createRandom(seed) };
  const cohorts: Latent[][] = [];
  let upnSeq = 0;
  // Eight cohorts: index 0 is the 2026-27 Reception class, index 7 was Year 6 in 2025-26.
  for (let c = 0; c < 8; c++) {
    const cohort: Latent[] = [];
    // Fixed group sizes per class of 30 (8 disadvantaged, 4 SEN support, 1 EHCP, 5 EAL), as in a real
    // one-form-entry school, so no cohort's groups vanish into suppression by chance.
    const order = ctx.rnd.shuffle([...Array(30).keys()]);
    const role = (i: number) => order.indexOf(i);
    for (let i = 0; i < 30; i++) {
      upnSeq += 1;
      const r = ctx.rnd;
      const gender = r.chance(0.015) ? "X" : r.chance(0.5) ? "F" : "M";
      const disadvantaged = role(i) < 8;
      const sen = role(i) === 3 ? "E" : role(i) >= 6 && role(i) < 10 ? "K" : "N";
      const eal = role(i) >= 20 && role(i) < 25;
      const ability = normal(ctx) * 0.7 + (disadvantaged ? -0.55 : 0.15) + (sen === "K" ? -1.0 : sen === "E" ? -1.9 : 0) + (eal ? -0.1 : 0);
      cohort.push({
        upn: `${String.fromCharCode(65 + (upnSeq % 26))}${String(823611000000 + upnSeq * 7919).padStart(12, "0")}`,
        firstName: r.pick(gender === "F" ? FIRST_F : gender === "M" ? FIRST_M : [...FIRST_F, ...FIRST_M]),
        lastName: r.pick(LAST),
        gender,
        disadvantaged,
        fsm: disadvantaged && r.chance(0.8),
        sen,
        eal,
        lookedAfter: disadvantaged && r.chance(0.04),
        ability,
        subj: {
          reading: normal(ctx) * 0.35 + 0.15,
          writing: normal(ctx) * 0.35 - 0.25 - (gender === "M" ? 0.15 : 0),
          maths: normal(ctx) * 0.35 + 0.05,
          science: normal(ctx) * 0.35 + 0.2,
        },
      });
    }
    cohorts.push(cohort);
  }

  const terms = ["autumn", "spring", "summer"] as const;
  const seedYear = (year: DemoYear, firstCohort: number, yearIdx: number, termsWithData: DemoTerm[]) => {
    ORDER.forEach((yg, ygIdx) => {
      const cohort = cohorts[firstCohort + ygIdx]!;
      for (const p of cohort) {
        const [row] = db
          .insert(pupils)
          .values({
            id: ctx.rnd.uuid(),
            academicYearId: year.id,
            upn: p.upn,
            firstName: p.firstName,
            lastName: p.lastName,
            yearGroup: yg,
            classId: year.classes[yg]!,
            gender: p.gender,
            disadvantaged: p.disadvantaged,
            fsm: p.fsm,
            sen: p.sen,
            eal: p.eal,
            lookedAfter: p.lookedAfter,
          })
          .returning({ id: pupils.id })
          .all();
        if (yg === "R") continue;
        for (const term of termsWithData) {
          const t = terms.indexOf(term.name);
          for (const subject of PRIMARY_SCHEME.subjects) {
            // The plan's effect in 2026-27: writing lifts and disadvantaged pupils catch up.
            const planEffect = yearIdx === 1 ? (subject === "writing" ? 0.25 + 0.1 * t : 0.05) + (p.disadvantaged ? 0.2 + 0.05 * t : 0) : 0;
            const score = p.ability + p.subj[subject]! + 0.12 * t + planEffect + normal(ctx) * 0.3;
            const result = score < -2.0 ? "PKS" : score < -0.8 ? "WTS" : score < 0.85 ? "EXS" : "GDS";
            db.insert(assessmentResults).values({ id: ctx.rnd.uuid(), pupilId: row!.id, termId: term.id, subject, result }).run();
          }
        }
      }
    });
  };
  // 2025-26: cohorts 1..7 were R..Y6; 2026-27: cohorts 0..6 are R..Y6. Results for every past term and the current one.
  seedYear(ctx.previous, 1, 0, [ctx.previous.terms.autumn, ctx.previous.terms.spring, ctx.previous.terms.summer]);
  seedYear(ctx.current, 0, 1, [ctx.current.terms.autumn]);

  // Mappings saved from earlier imports: the office's pupil export (its own headers and Boy/Girl), and
  // the termly marksheet whose writing column is headed "Writing TA" and uses B/W/S/D codes.
  const mapping = (m: { columns: Record<string, string>; values: Record<string, Record<string, string>> }) => JSON.stringify(m);
  db.insert(importMappings)
    .values([
      {
        id: ctx.rnd.uuid(),
        kind: "pupils",
        name: "Office pupil export",
        mapping: mapping({
          columns: { upn: "Pupil Ref", last_name: "Child Surname", first_name: "Child Forename", year_group: "NCY", class: "Class Name", gender: "Boy/Girl" },
          values: { gender: { Boy: "M", Girl: "F" } },
        }),
      },
      {
        id: ctx.rnd.uuid(),
        kind: "marksheet",
        name: "Termly marksheet",
        mapping: mapping({
          columns: { writing: "Writing TA" },
          values: Object.fromEntries(PRIMARY_SCHEME.subjects.map((s) => [s, { B: "PKS", W: "WTS", S: "EXS", D: "GDS" }])),
        }),
      },
    ])
    .run();
}
