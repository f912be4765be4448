import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { academicYears, evidenceLinks, plans, sefAreas, sefDevelopmentPoints, sefs, strands, terms, users } from "../schema";
import { buildSefSnapshot, publishSef, snapshotStamp } from "@/lib/data/sef";
import { ensureReport, publishReport } from "@/lib/data/report";
import { assembleReport } from "@/lib/report/assemble";
import type { Random } from "./random";
import { publishDay } from "./demo/report";

/**
 * The large school's history beyond its data: a self-evaluation for every year (published each
 * autumn and, for past years, again each summer after a change of grade, with a later unpublished
 * draft in the current year), and a published report to governors for every past term, frozen as
 * publishing freezes it. Runs after the pupils, results and plans exist, since both snapshots are
 * computed from them. So the bench measures the SEF, its Word file and published reports on a real
 * history, not on empty pages.
 */

const AREAS = ["safeguarding", "inclusion", "curriculum_teaching", "achievement", "attendance_behaviour", "personal_development_wellbeing", "early_years", "leadership_governance"] as const;
type Area = (typeof AREAS)[number];

const STRENGTHS: Record<Area, string> = {
  safeguarding:
    "Safeguarding is effective. The designated safeguarding lead and four deputies meet weekly; staff training is up to date and staff know how to record and escalate a concern. The single central record is checked termly by the safeguarding link governor.",
  inclusion:
    "Pupils with special educational needs have plans that teachers know and use. Disadvantaged pupils' attendance and attainment are tracked each term and discussed at every pupil progress meeting.",
  curriculum_teaching:
    "The curriculum is sequenced from Reception to Year 6 in every subject. Teachers explain new content clearly and check pupils' understanding before moving on; lesson observations show consistent routines across the school.",
  achievement: "Attainment in reading and maths at the end of Key Stage 2 is in line with national. Phonics outcomes are above national, and pupils who fall behind in Year 1 catch up quickly.",
  attendance_behaviour:
    "Pupils behave well in lessons and around the school. Attendance is close to national, and the attendance lead meets the families of persistently absent pupils each half-term.",
  personal_development_wellbeing:
    "Pupils take part in a wide range of clubs and trips, and every Year 6 pupil holds a responsibility. The personal, social and health education programme is planned across all year groups.",
  early_years: "Children in Reception settle quickly and learn routines well. Early reading is taught from the first weeks, and the proportion reaching a good level of development is above national.",
  leadership_governance:
    "Leaders know the school's strengths and weaknesses and plan from them. Governors visit the school each term against the improvement plan and ask leaders searching questions about impact.",
};

const POINTS: Record<Area, string[]> = {
  safeguarding: ["Move the remaining paper safeguarding records to the electronic recording system.", "Refresh online safety teaching in Years 5 and 6 with parents' workshops."],
  inclusion: ["Narrow the gap in writing between disadvantaged pupils and their peers.", "Make sure plans for pupils with SEND set targets that teachers review each term."],
  curriculum_teaching: ["Complete the sequencing of the foundation subjects, with end points for each year.", "Make adaptive teaching consistent in every class."],
  achievement: ["Raise attainment in writing at the end of Key Stage 2 to national or above.", "Increase the proportion of pupils working at greater depth in maths."],
  attendance_behaviour: ["Reduce persistent absence among disadvantaged pupils.", "Cut lateness at the start of the school day."],
  personal_development_wellbeing: ["Widen take-up of clubs by disadvantaged pupils.", "Give pupils more opportunities to lead across the school."],
  early_years: ["Strengthen children's communication and language in the first term of Reception."],
  leadership_governance: ["Make sure governors' visits test the improvement plan's success criteria.", "Develop middle leaders' monitoring of their subjects."],
};

const GRADES = ["strong_standard", "expected_standard", "expected_standard", "needs_attention"] as const;

export function seedLargeHistory(db: DbOrTx, rnd: Random): { sefVersions: number; publishedReports: number } {
  const head = db.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, "headteacher")).get()!;
  const years = db.select().from(academicYears).orderBy(asc(academicYears.startDate)).all();
  let versions = 0;
  let published = 0;
  for (const year of years) {
    const start = Number(year.name.slice(0, 4));
    const current = year.isCurrent;
    const plan = db.select({ id: plans.id }).from(plans).where(eq(plans.academicYearId, year.id)).get();
    const yearStrands = plan ? db.select({ id: strands.id, title: strands.title }).from(strands).where(eq(strands.planId, plan.id)).orderBy(asc(strands.position)).all() : [];

    // The self-evaluation, written in the autumn.
    const written = `${start}-10-01T16:30:00.000Z`;
    const sefId = rnd.uuid();
    db.insert(sefs)
      .values({
        id: sefId,
        academicYearId: year.id,
        frameworkId: "ofsted_renewed_2025",
        overallSummary: `Northgate Park is a good school in which pupils feel safe and learn well. In ${year.name} our priorities are writing in Key Stage 2, the attainment and attendance of disadvantaged pupils, and the foundation-subject curriculum.`,
        contextNotes: "A ten-form-entry primary school with Reception, serving a mixed urban area. The proportion of disadvantaged pupils is above national.",
        updatedById: head.id,
        createdAt: written,
        updatedAt: written,
      })
      .run();
    const areaIds = {} as Record<Area, string>;
    AREAS.forEach((area, a) => {
      const id = rnd.uuid();
      areaIds[area] = id;
      db.insert(sefAreas)
        .values({ id, sefId, areaKey: area, grade: area === "safeguarding" ? "met" : rnd.pick(GRADES), strengths: STRENGTHS[area], updatedById: head.id, updatedAt: written })
        .run();
      POINTS[area].forEach((text, position) => db.insert(sefDevelopmentPoints).values({ id: rnd.uuid(), sefAreaId: id, text, position }).run());
      const strand = yearStrands[a % Math.max(1, yearStrands.length)];
      if (strand)
        db.insert(evidenceLinks)
          .values({ id: rnd.uuid(), ownerType: "sef_area", ownerId: id, targetType: "strand", targetId: strand.id, label: `Plan strand: ${strand.title}`, createdById: head.id, createdAt: written })
          .run();
    });
    // Published as the head publishes: the draft as it stands, numbered, with its audit row.
    const publish = (publishedAt: string, note: string) => {
      const draftStamp = snapshotStamp(buildSefSnapshot({ academicYearId: year.id }, db)!);
      publishSef({ sefId, draftStamp, note, actor: head, publishedAt }, db);
      versions++;
    };
    publish(`${start}-10-10T15:00:00.000Z`, `Autumn ${start}: agreed with governors`);
    // Later in the year achievement is judged again, from the year's results; the current year's new
    // judgement, in November, is still a draft.
    const before = db.select({ grade: sefAreas.grade }).from(sefAreas).where(eq(sefAreas.id, areaIds.achievement)).get()!.grade;
    db.update(sefAreas)
      .set({ grade: rnd.pick(GRADES.filter((g) => g !== before)), version: 2, updatedAt: current ? `${start}-11-18T16:30:00.000Z` : `${start + 1}-07-10T16:30:00.000Z` })
      .where(eq(sefAreas.id, areaIds.achievement))
      .run();
    if (!current) publish(`${start + 1}-07-15T14:00:00.000Z`, `Summer ${start + 1} update after the end of key stage results`);

    // A published report for every past term (the current term's stays a draft).
    if (current) continue;
    for (const term of db.select().from(terms).where(eq(terms.academicYearId, year.id)).orderBy(asc(terms.startDate)).all()) {
      const day = publishDay(term);
      const report = ensureReport({ termId: term.id, actor: head }, db);
      publishReport(
        {
          termId: term.id,
          version: report.version,
          actor: head,
          at: `${day}T16:30:00.000Z`,
          build: (tx, at) => assembleReport({ termId: term.id, today: day, now: at, status: "published", publishedAt: at }, tx),
        },
        db,
      );
      published++;
    }
  }
  return { sefVersions: versions, publishedReports: published };
}
