import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../client";
import { evidenceLinks, plans, reviews, sefAreas, sefDevelopmentPoints, sefs, sefVersions, strandSefLinks, strands, terms } from "../../schema";
import { computeSchoolContext, getSefDraft, snapshotOfDraft } from "@/lib/data/sef";
import type { DemoContext, DemoYear } from "./foundation";
import { dy, yt, ytDeep } from "./dates";

/**
 * The demo school's self-evaluation: one SEF per year under the renewed framework, for a good
 * one-form-entry primary whose priorities are KS2 writing, the disadvantaged gap, attendance, the
 * foundation-subject curriculum and governors' monitoring. Each year has publications and a later
 * draft with changes, so versions can be compared. Deterministic: ids from ctx.rnd, fixed dates.
 */

type AreaKey = "safeguarding" | "inclusion" | "curriculum_teaching" | "achievement" | "attendance_behaviour" | "personal_development_wellbeing" | "early_years" | "leadership_governance";

type AreaSeed = { grade: string; strengths: string; points: string[] };
type SefSeed = { overallSummary: string; contextNotes: string; areas: Record<AreaKey, AreaSeed> };
/** Changes applied on top of the previous state: areas replaced field by field; points replaced whole. */
type Change = { overallSummary?: string; contextNotes?: string; areas?: Partial<Record<AreaKey, Partial<AreaSeed>>> };

const AREA_ORDER: AreaKey[] = ["safeguarding", "inclusion", "curriculum_teaching", "achievement", "attendance_behaviour", "personal_development_wellbeing", "early_years", "leadership_governance"];

/** Words that tie a plan strand to an area, for evidence and the golden thread. */
const STRAND_MATCH: Record<AreaKey, RegExp> = {
  safeguarding: /safeguard/i,
  inclusion: /disadvantag|pupil premium|\bsend\b|inclusion|gap/i,
  curriculum_teaching: /curriculum|foundation|subject|history|geography|science/i,
  achievement: /writing|attainment|outcomes/i,
  attendance_behaviour: /attendance|absence|behaviour/i,
  personal_development_wellbeing: /personal development|well-?being|pshe|enrichment/i,
  early_years: /early years|eyfs|reception/i,
  leadership_governance: /governance|governor|leadership|monitoring/i,
};

const DOCS: Record<AreaKey, { label: string; path: string }> = {
  safeguarding: { label: "Annual safeguarding audit for the governing board", path: "safeguarding/annual-audit" },
  inclusion: { label: "Pupil premium strategy statement", path: "inclusion/pupil-premium-strategy" },
  curriculum_teaching: { label: "Curriculum overview: foundation subjects", path: "curriculum/foundation-subjects-overview" },
  achievement: { label: "End of key stage results and internal data summary", path: "achievement/results-summary" },
  attendance_behaviour: { label: "Attendance analysis for governors", path: "attendance/analysis" },
  personal_development_wellbeing: { label: "Personal development and enrichment map", path: "personal-development/enrichment-map" },
  early_years: { label: "EYFS profile outcomes and baseline analysis", path: "early-years/outcomes" },
  leadership_governance: { label: "Governors' monitoring schedule and visit reports", path: "governance/monitoring-schedule" },
};

const SEF_2025_26: SefSeed = {
  contextNotes:
    "Oakfield is a one-form-entry community primary school on the edge of Northshire's largest town, with a Reception class and no nursery. Most pupils live within a mile of the school. The proportion of disadvantaged pupils is above the national average and has risen for three years; mobility in Key Stage 2 is higher than typical, with several pupils joining in Years 5 and 6.\n\nThe school was judged good at its last inspection (March 2023, under the 2019 framework). Two teachers joined in September 2025, including a newly qualified teacher in Year 1.",
  overallSummary:
    "Oakfield is a good school with a calm, caring culture in which pupils feel safe and enjoy learning. Reading and phonics are strengths: the phonics programme is taught consistently and pupils read widely and often. Personal development and the early years are strong.\n\nOur main priority is writing in Key Stage 2, where attainment at the expected standard has been below national for two years, and it is lower still for disadvantaged pupils. Attendance, and persistent absence among disadvantaged pupils in particular, is our second priority. We are also completing the sequencing of the foundation-subject curriculum and strengthening how governors monitor the improvement plan.",
  areas: {
    safeguarding: {
      grade: "met",
      strengths:
        "Safeguarding is effective. The designated safeguarding lead and two deputies are trained and meet weekly. Staff training is up to date, including the annual update on Keeping children safe in education, and staff know how to record and escalate concerns. The single central record is complete and checked termly by the safeguarding link governor.",
      points: ["Complete the move of safeguarding records from paper files to the electronic recording system, with all staff trained in its use."],
    },
    inclusion: {
      grade: "expected_standard",
      strengths:
        "Pupils with SEND are identified early and their needs are well understood. Support plans follow a clear assess–plan–do–review cycle, and the SENCO works closely with parents and external specialists. The pupil premium strategy is evidence-informed, with a focus on reading and language.",
      points: [
        "Narrow the gap in writing at the expected standard between disadvantaged pupils and others in Key Stage 2.",
        "Make sure adaptations for pupils with SEND in foundation subjects are as precise as those in English and maths.",
      ],
    },
    curriculum_teaching: {
      grade: "expected_standard",
      strengths:
        "The curriculum for English, maths and science is well planned and sequenced. Phonics is taught consistently from Reception, and staff have strong subject knowledge in early reading. Teachers check pupils' understanding well in lessons and address misconceptions quickly.",
      points: [
        "Complete the sequencing of the foundation-subject curriculum so that the knowledge pupils learn builds from year to year, starting with history and geography.",
        "Develop subject leaders' monitoring of the foundation subjects so they know how well their subject is taught.",
      ],
    },
    achievement: {
      grade: "needs_attention",
      strengths:
        "Pupils achieve well in reading and maths by the end of Key Stage 2, and phonics screening check results have been above national for three years. Pupils with SEND make good progress from their starting points.",
      points: [
        "Raise attainment in writing at the end of Key Stage 2, so that the proportion at the expected standard is at least in line with national.",
        "Increase the proportion of pupils writing at greater depth in Key Stage 2.",
      ],
    },
    attendance_behaviour: {
      grade: "needs_attention",
      strengths:
        "Behaviour is good. Pupils are polite and considerate, and low-level disruption is rare. Suspensions are very low. Routines are consistent across the school and understood by pupils.",
      points: [
        "Improve attendance, which is below national, and reduce persistent absence, particularly among disadvantaged pupils.",
        "Work earlier with families whose children's attendance begins to fall.",
      ],
    },
    personal_development_wellbeing: {
      grade: "strong_standard",
      strengths:
        "The personal development programme is a strength. The PSHE and RSHE curriculum is well sequenced, pupils learn about fundamental British values through the curriculum and assemblies, and every pupil takes part in clubs, trips and performances. Pupil leadership roles, including the school council and eco-team, are valued and well used.",
      points: ["Track disadvantaged pupils' take-up of clubs and enrichment, and remove barriers to their taking part."],
    },
    early_years: {
      grade: "strong_standard",
      strengths:
        "Children get off to a strong start in Reception. The curriculum prioritises communication, language and early reading, and the environment is well organised. Relationships with families are excellent, and transition into Year 1 is carefully planned.",
      points: ["Strengthen early writing, particularly letter formation and composition, so more children reach the expected level in writing."],
    },
    leadership_governance: {
      grade: "expected_standard",
      strengths:
        "Leaders know the school well and have an accurate view of its strengths and weaknesses. Staff are positive about the school's leadership and say their workload is considered. The governing board is committed and well organised, and link governors are in place for each priority.",
      points: [
        "Make governors' monitoring visits more focused on the improvement plan's success criteria, so the board can judge impact rather than activity.",
        "Develop middle leaders so that subject and phase leaders lead improvement in their areas.",
      ],
    },
  },
};

/** July 2026: the summer update (version 2 of 2025-26). */
const SEF_2025_26_SUMMER: Change = {
  overallSummary:
    "Oakfield is a good school with a calm, caring culture in which pupils feel safe and enjoy learning. Reading and phonics are strengths: the phonics programme is taught consistently and pupils read widely and often. Personal development and the early years are strong.\n\nWriting in Key Stage 2 remains our main priority. Work on sentence construction and extended writing has improved the quality of writing in books across Years 3 to 6, and more pupils reached the expected standard this summer, but attainment is still below national and the disadvantaged gap has narrowed only slightly. Attendance has improved this year and persistent absence has fallen. Sequencing of history and geography is complete.",
  areas: {
    curriculum_teaching: {
      strengths:
        "The curriculum for English, maths and science is well planned and sequenced. Phonics is taught consistently from Reception, and staff have strong subject knowledge in early reading. Teachers check pupils' understanding well in lessons and address misconceptions quickly. History and geography are now sequenced from Reception to Year 6, and learning walks in the summer term found pupils recalling prior knowledge confidently.",
      points: [
        "Complete the sequencing of the remaining foundation subjects (art and design, design and technology, and music).",
        "Develop subject leaders' monitoring of the foundation subjects so they know how well their subject is taught.",
      ],
    },
    achievement: {
      strengths:
        "Pupils achieve well in reading and maths by the end of Key Stage 2, and phonics screening check results have been above national for three years. Pupils with SEND make good progress from their starting points. Writing at the expected standard at the end of Key Stage 2 improved this summer, and work scrutiny shows stronger sentence construction in Years 3 to 6.",
    },
    attendance_behaviour: {
      grade: "expected_standard",
      strengths:
        "Behaviour is good. Pupils are polite and considerate, and low-level disruption is rare. Suspensions are very low. Routines are consistent across the school and understood by pupils. Attendance has risen this year and persistent absence has fallen, after first-day calling, weekly attendance meetings and earlier work with families.",
      points: ["Reduce persistent absence among disadvantaged pupils further: it is still higher than for other pupils."],
    },
  },
};

/** Autumn 2026, after version 2: a draft revision never published (the 2026-27 SEF took over). */
const SEF_2025_26_DRAFT: Change = {
  areas: {
    leadership_governance: {
      strengths:
        "Leaders know the school well and have an accurate view of its strengths and weaknesses. Staff are positive about the school's leadership and say their workload is considered. The governing board is committed and well organised, and link governors are in place for each priority. Governors' visit reports now refer to the plan's success criteria.",
    },
  },
};

const SEF_2026_27: SefSeed = {
  contextNotes:
    "Oakfield is a one-form-entry community primary school with a Reception class and no nursery. The proportion of disadvantaged pupils remains above the national average. Mobility in Key Stage 2 is higher than typical.\n\nStaffing is stable this year: no teachers left in the summer, and the Year 1 teacher has completed his early career training. The deputy headteacher teaches Year 6.",
  overallSummary:
    "Oakfield is a good school. Pupils are safe, behave well and enjoy a broad curriculum; reading, personal development and the early years are strengths.\n\nWriting at the end of Key Stage 2 improved last year but is not yet where we want it to be, particularly for disadvantaged pupils, so it remains our first priority. We will also narrow the disadvantaged gap across reading, writing and maths, keep attendance improving, complete the foundation-subject curriculum and make governors' monitoring sharper.",
  areas: {
    safeguarding: {
      grade: "met",
      strengths:
        "Safeguarding is effective. The designated safeguarding lead and two deputies are trained and meet weekly. All staff completed the September update on Keeping children safe in education. Safeguarding records are now held electronically, and concerns are logged and followed up promptly. The single central record is complete and checked termly by the safeguarding link governor.",
      points: ["Check, through pupil voice, that pupils in every year group know who to talk to if they are worried, including about online safety."],
    },
    inclusion: {
      grade: "expected_standard",
      strengths:
        "Pupils with SEND are identified early and their needs are well understood. Support plans follow a clear assess–plan–do–review cycle, and the SENCO works closely with parents and external specialists. The pupil premium strategy focuses on reading, language and writing, and disadvantaged pupils' reading has improved.",
      points: [
        "Narrow the gap between disadvantaged pupils and others in writing and maths at the end of Key Stage 2.",
        "Make sure adaptations for pupils with SEND in foundation subjects are as precise as those in English and maths.",
      ],
    },
    curriculum_teaching: {
      grade: "expected_standard",
      strengths:
        "The curriculum is ambitious and well sequenced in English, maths, science, history and geography. Phonics is taught consistently from Reception. Teachers check pupils' understanding well in lessons and address misconceptions quickly.",
      points: [
        "Complete the sequencing of art and design, design and technology, and music, and check that pupils remember what they have learned.",
        "Develop subject leaders' monitoring of the foundation subjects so they know how well their subject is taught.",
      ],
    },
    achievement: {
      grade: "expected_standard",
      strengths:
        "Pupils achieve well in reading and maths by the end of Key Stage 2, and phonics screening check results are above national. Writing at the expected standard improved markedly in 2026 after a year's focus on sentence construction and extended writing.",
      points: [
        "Sustain the improvement in Key Stage 2 writing so that the proportion at the expected standard is at least in line with national.",
        "Increase the proportion of pupils writing at greater depth in Key Stage 2.",
      ],
    },
    attendance_behaviour: {
      grade: "expected_standard",
      strengths:
        "Behaviour is good and pupils are polite and considerate. Attendance improved last year and persistent absence fell, following first-day calling, weekly attendance meetings and earlier work with families.",
      points: ["Reduce persistent absence among disadvantaged pupils, which is still higher than for other pupils."],
    },
    personal_development_wellbeing: {
      grade: "strong_standard",
      strengths:
        "The personal development programme is a strength. The PSHE and RSHE curriculum is well sequenced, pupils learn about fundamental British values through the curriculum and assemblies, and every pupil takes part in clubs, trips and performances. Disadvantaged pupils' take-up of clubs rose last year after the school funded places and moved two clubs to lunchtime.",
      points: ["Extend pupil leadership roles so that more pupils in Key Stage 1 take part."],
    },
    early_years: {
      grade: "strong_standard",
      strengths:
        "Children get off to a strong start in Reception. The curriculum prioritises communication, language and early reading, and the environment is well organised. More children reached the expected level in writing last year after daily letter-formation practice.",
      points: ["Build children's vocabulary through story time and continuous provision, especially for children who speak English as an additional language."],
    },
    leadership_governance: {
      grade: "expected_standard",
      strengths:
        "Leaders know the school well and have an accurate view of its strengths and weaknesses. Staff say their workload is considered. Governors visit the school regularly, and link governors' visit reports now refer to the improvement plan's success criteria.",
      points: [
        "Make sure the governing board challenges leaders on the impact of each strand, using the termly reviews and measurable success criteria.",
        "Develop middle leaders so that subject and phase leaders lead improvement in their areas.",
      ],
    },
  },
};

/** November 2026: the draft after the autumn learning walks and the adviser's visit. */
const SEF_2026_27_DRAFT: Change = {
  areas: {
    curriculum_teaching: {
      strengths:
        "The curriculum is ambitious and well sequenced in English, maths, science, history and geography. Phonics is taught consistently from Reception. Teachers check pupils' understanding well in lessons and address misconceptions quickly. Autumn learning walks in history found pupils in Years 3 to 6 using subject vocabulary accurately and linking new learning to earlier topics.",
    },
    inclusion: {
      points: [
        "Narrow the gap between disadvantaged pupils and others in writing and maths at the end of Key Stage 2.",
        "Make sure adaptations for pupils with SEND in foundation subjects are as precise as those in English and maths.",
        "Improve the attendance of disadvantaged pupils with SEND, working with families and the local authority's attendance team.",
      ],
    },
    leadership_governance: {
      grade: "strong_standard",
      strengths:
        "Leaders know the school well and have an accurate view of its strengths and weaknesses. Staff say their workload is considered. Governors visit the school regularly, and link governors' visit reports now refer to the improvement plan's success criteria. The adviser's autumn visit confirmed that leaders' evaluation is accurate and that governors ask searching questions about impact.",
    },
  },
};

type AreaRows = Record<AreaKey, { id: string; pointIds: { id: string; text: string }[] }>;

function at(date: string, time = "16:30:00") {
  return `${dy(date)}T${time}.000Z`;
}

function writeSef(ctx: DemoContext, db: DbOrTx, year: DemoYear, authored: SefSeed, when: string): { sefId: string; areas: AreaRows } {
  const seed = ytDeep(authored);
  const head = ctx.people.head!;
  const sefId = ctx.rnd.uuid();
  db.insert(sefs)
    .values({
      id: sefId,
      academicYearId: year.id,
      frameworkId: "ofsted_renewed_2025",
      overallSummary: seed.overallSummary,
      contextNotes: seed.contextNotes,
      updatedById: head,
      createdAt: when,
      updatedAt: when,
    })
    .run();
  const areas = {} as AreaRows;
  const editors = [head, ctx.people.deputy!, ctx.people.senco!, ctx.people.eyfs!];
  for (const key of AREA_ORDER) {
    const s = seed.areas[key];
    const id = ctx.rnd.uuid();
    const editor = key === "early_years" ? ctx.people.eyfs! : key === "inclusion" ? ctx.people.senco! : ctx.rnd.pick(editors);
    db.insert(sefAreas).values({ id, sefId, areaKey: key, grade: s.grade, strengths: s.strengths, updatedById: editor, updatedAt: when }).run();
    areas[key] = { id, pointIds: [] };
    s.points.forEach((text, position) => {
      const pid = ctx.rnd.uuid();
      db.insert(sefDevelopmentPoints).values({ id: pid, sefAreaId: id, text, position }).run();
      areas[key].pointIds.push({ id: pid, text });
    });
  }
  return { sefId, areas };
}

/** Applies a set of changes to the draft rows, as leaders editing would. */
function applyChange(ctx: DemoContext, db: DbOrTx, sefId: string, areas: AreaRows, authored: Change, when: string) {
  const change = ytDeep(authored);
  if (change.overallSummary !== undefined || change.contextNotes !== undefined) {
    const current = db.select().from(sefs).where(eq(sefs.id, sefId)).get()!;
    db.update(sefs)
      .set({ overallSummary: change.overallSummary ?? current.overallSummary, contextNotes: change.contextNotes ?? current.contextNotes, version: current.version + 1, updatedAt: when })
      .where(eq(sefs.id, sefId))
      .run();
  }
  for (const [key, c] of Object.entries(change.areas ?? {}) as [AreaKey, Partial<AreaSeed>][]) {
    const row = db.select().from(sefAreas).where(eq(sefAreas.id, areas[key].id)).get()!;
    db.update(sefAreas)
      .set({ grade: c.grade ?? row.grade, strengths: c.strengths ?? row.strengths, version: row.version + 1, updatedAt: when, updatedById: ctx.people.head! })
      .where(eq(sefAreas.id, row.id))
      .run();
    if (c.points) {
      // Keep points whose text is unchanged (their ids, and so their strand links, survive); reword
      // points in the same position; add or remove the rest.
      const existing = areas[key].pointIds;
      const next: { id: string; text: string }[] = [];
      c.points.forEach((text, position) => {
        const same = existing.find((p) => p.text === text);
        const reuse = same ?? existing[position];
        if (reuse && !next.some((n) => n.id === reuse.id)) {
          if (reuse.text !== text) db.update(sefDevelopmentPoints).set({ text, version: 2 }).where(eq(sefDevelopmentPoints.id, reuse.id)).run();
          db.update(sefDevelopmentPoints).set({ position }).where(eq(sefDevelopmentPoints.id, reuse.id)).run();
          next.push({ id: reuse.id, text });
        } else {
          const id = ctx.rnd.uuid();
          db.insert(sefDevelopmentPoints).values({ id, sefAreaId: areas[key].id, text, position }).run();
          next.push({ id, text });
        }
      });
      const gone = existing.filter((p) => !next.some((n) => n.id === p.id)).map((p) => p.id);
      if (gone.length) db.delete(sefDevelopmentPoints).where(inArray(sefDevelopmentPoints.id, gone)).run();
      areas[key].pointIds = next;
    }
  }
}

function publish(ctx: DemoContext, db: DbOrTx, year: DemoYear, sefId: string, number: number, publishedAt: string, authoredNote: string) {
  const note = yt(authoredNote);
  const draft = getSefDraft({ academicYearId: year.id }, db)!;
  const snapshot = snapshotOfDraft(draft, computeSchoolContext({ academicYearId: year.id }, db));
  db.insert(sefVersions).values({ id: ctx.rnd.uuid(), sefId, number, publishedAt, publishedById: ctx.people.head!, note, snapshot }).run();
}

/**
 * Evidence for each area: the plan's strands and their latest reviews where the plan seeder has made
 * them (matched by subject), and a school document for every area. Links development points to the
 * strands that answer them (the golden thread), filling in links the plan seeder made by area only.
 */
function linkEvidence(ctx: DemoContext, db: DbOrTx, year: DemoYear, areas: AreaRows, when: string) {
  const plan = db.select().from(plans).where(eq(plans.academicYearId, year.id)).get();
  const yearStrands = plan ? db.select().from(strands).where(eq(strands.planId, plan.id)).orderBy(asc(strands.position)).all() : [];
  const termIds = Object.values(year.terms).map((t) => t.id);
  for (const key of AREA_ORDER) {
    const ownerId = areas[key].id;
    const cite = (values: Omit<typeof evidenceLinks.$inferInsert, "ownerType" | "ownerId">) =>
      db
        .insert(evidenceLinks)
        .values({ id: ctx.rnd.uuid(), ownerType: "sef_area", ownerId, createdById: ctx.people.head!, createdAt: when, ...values })
        .run();
    const matching = yearStrands.filter((s) => STRAND_MATCH[key].test(`${s.title} ${s.rationale}`));
    for (const strand of matching.slice(0, 2)) {
      cite({ targetType: "strand", targetId: strand.id, label: `Plan strand: ${strand.title}` });
      const review = db
        .select({ id: reviews.id, rag: reviews.rag, termName: terms.name })
        .from(reviews)
        .innerJoin(terms, eq(reviews.termId, terms.id))
        .where(and(eq(reviews.strandId, strand.id), inArray(reviews.termId, termIds)))
        .orderBy(desc(terms.startDate))
        .get();
      if (review) {
        const termLabel = { autumn: "Autumn", spring: "Spring", summer: "Summer" }[review.termName];
        const calYear = Number(year.name.slice(0, 4)) + (review.termName === "autumn" ? 0 : 1);
        const rag = { red: "red", amber: "amber", green: "green", blue: "achieved" }[review.rag];
        cite({ targetType: "review", targetId: review.id, label: `Review: ${strand.title}, ${termLabel} ${calYear} (${rag})` });
      }
      // The golden thread: the area's first unanswered point is answered by this strand.
      const point = areas[key].pointIds.find((p) => !db.select().from(strandSefLinks).where(eq(strandSefLinks.developmentPointId, p.id)).get());
      if (point) {
        const areaOnly = db
          .select()
          .from(strandSefLinks)
          .where(and(eq(strandSefLinks.strandId, strand.id), eq(strandSefLinks.areaKey, key), isNull(strandSefLinks.developmentPointId)))
          .get();
        if (areaOnly) db.update(strandSefLinks).set({ developmentPointId: point.id }).where(eq(strandSefLinks.id, areaOnly.id)).run();
        else db.insert(strandSefLinks).values({ id: ctx.rnd.uuid(), strandId: strand.id, areaKey: key, developmentPointId: point.id }).run();
      }
    }
    const doc = DOCS[key];
    cite({ targetType: "document", targetId: null, label: `${doc.label} (${year.name})`, url: `https://docs.oakfield.sch.uk/leadership/${doc.path}-${year.name}.pdf` });
  }
}

export function seedDemoSef(ctx: DemoContext, db: DbOrTx) {
  // 2025-26: published in October, updated and republished in July, one later unpublished edit.
  const prev = writeSef(ctx, db, ctx.previous, SEF_2025_26, at("2025-10-06"));
  linkEvidence(ctx, db, ctx.previous, prev.areas, at("2025-10-06"));
  publish(ctx, db, ctx.previous, prev.sefId, 1, at("2025-10-10", "15:05:00"), "Autumn 2025: agreed with governors");
  applyChange(ctx, db, prev.sefId, prev.areas, SEF_2025_26_SUMMER, at("2026-07-13"));
  publish(ctx, db, ctx.previous, prev.sefId, 2, at("2026-07-15", "14:20:00"), "Summer 2026 update after end of key stage results");
  applyChange(ctx, db, prev.sefId, prev.areas, SEF_2025_26_DRAFT, at("2026-09-02"));

  // 2026-27: published in October; the draft has moved on since (grade, strengths, a new point).
  const cur = writeSef(ctx, db, ctx.current, SEF_2026_27, at("2026-10-05"));
  linkEvidence(ctx, db, ctx.current, cur.areas, at("2026-10-05"));
  publish(ctx, db, ctx.current, cur.sefId, 1, at("2026-10-09", "15:30:00"), "Autumn 2026: shared with governors at the full board meeting");
  applyChange(ctx, db, cur.sefId, cur.areas, SEF_2026_27_DRAFT, at("2026-11-18"));
}

/**
 * Runs after the pupils seeder: the publications above were "made" when the year's pupil data existed,
 * so their computed context is filled in from the pupils now seeded. Does nothing if there are none.
 */
export function refreshDemoSefContext(ctx: DemoContext, db: DbOrTx) {
  for (const year of [ctx.previous, ctx.current]) {
    const context = computeSchoolContext({ academicYearId: year.id }, db);
    if (!context) continue;
    const sef = db.select().from(sefs).where(eq(sefs.academicYearId, year.id)).get();
    if (!sef) continue;
    for (const v of db.select().from(sefVersions).where(eq(sefVersions.sefId, sef.id)).all()) {
      db.update(sefVersions)
        .set({ snapshot: { ...(v.snapshot as object), context } })
        .where(eq(sefVersions.id, v.id))
        .run();
    }
  }
}
