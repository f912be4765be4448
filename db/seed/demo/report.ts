import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../client";
import { challenges, plans, strands, users, visits } from "../../schema";
import type { ReportSection } from "../../schema/enums";
import { applicableAreas } from "../../frameworks";
import { writeAudit, type Actor } from "@/lib/data/audit";
import { ensureReport, findReport, publishReport, saveNarrative } from "@/lib/data/report";
import { saveReportFormat } from "@/lib/data/report-format";
import { getFramework, getSchool } from "@/lib/data/school";
import { DEFAULT_MARK } from "@/lib/report/format";
import { assembleReport } from "@/lib/report/assemble";
import { suggestNarrative, suggestStrandNarrative } from "@/lib/report/suggest";
import type { DemoContext, DemoTerm } from "./foundation";

/**
 * Demo governance and reports: challenge questions with leaders' answers in every term (varied
 * statuses), a published report for every past term (frozen at seed time, with the head's narrative),
 * and a draft for the current term. Runs last: it reads every other area's demo data.
 */
export function seedDemoReport(ctx: DemoContext, db: DbOrTx) {
  const p = ctx.people;
  const head: Actor = { id: p.head!, name: nameOf(p.head!, db) };
  // The board asked for the plan first and the school's context last, for information.
  const order: ReportSection[] = ["summary", "plan", "attainment", "attendance", "quality", "self_evaluation", "progress_meetings", "governance", "priorities", "context"];
  saveReportFormat({ format: { sections: order.map((key) => ({ key, include: true, mark: DEFAULT_MARK[key] })), targetPages: 10 }, version: 0, actor: head }, db);
  for (const term of ctx.pastTerms) seedChallenges(ctx, term, db, true);
  seedChallenges(ctx, ctx.currentTerm, db, false);

  for (const term of ctx.pastTerms) {
    const publishAt = `${publishDay(term)}T16:30:00.000Z`;
    writeNarrative(ctx, term, head, db, true);
    const report = findReport({ termId: term.id }, db)!;
    publishReport(
      {
        termId: term.id,
        version: report.version,
        actor: head,
        at: publishAt,
        build: (tx, at) => assembleReport({ termId: term.id, today: publishDay(term), now: at, status: "published", publishedAt: at }, tx),
      },
      db,
    );
  }
  ensureReport({ termId: ctx.currentTerm.id, actor: head }, db);
  writeNarrative(ctx, ctx.currentTerm, head, db, false);
}

function nameOf(id: string, db: DbOrTx) {
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? "";
}

/** Reports go to the board's last meeting of the term, a week or so before it ends (the large school's too). */
export function publishDay(term: Pick<DemoTerm, "name" | "startDate" | "endDate">) {
  return { autumn: `${term.startDate.slice(0, 4)}-12-09`, spring: `${term.endDate.slice(0, 4)}-03-24`, summer: `${term.endDate.slice(0, 4)}-07-14` }[term.name];
}

const QUESTIONS: { q: string; a: string; gov: string; owner: "head" | "lead" | "deputy" | "senco"; area: string; section?: ReportSection }[] = [
  {
    q: "How do you know the new approach to teaching writing is making a difference for pupils, rather than just changing what books look like?",
    a: "We compare book looks with termly teacher assessment and moderated samples. Extended pieces are longer and better punctuated in Years 3 to 6, and the share of pupils at the expected standard in writing has risen in four of six year groups. We will check this against the external moderation in the summer.",
    gov: "vicechair",
    owner: "lead",
    area: "curriculum_teaching",
  },
  {
    q: "The disadvantaged gap in reading is wider in upper key stage 2 than lower down. What is the plan for those pupils specifically, and how will governors see whether it works?",
    a: "Disadvantaged pupils in Years 5 and 6 who are not yet at the expected standard now have three guided reading sessions a week with a trained teaching assistant. Their progress is tracked at each pupil progress meeting and reported as a gap figure in this report every term.",
    gov: "gov_pp",
    owner: "head",
    area: "achievement",
    section: "attainment",
  },
  {
    q: "Persistent absence is still above the target in the plan. Which families are we not yet reaching, and what more could the school do with the local authority?",
    a: "Most persistent absence is concentrated in a small number of families with health needs. The attendance lead meets each family half-termly, and the education welfare officer now joins the fortnightly attendance panel.",
    gov: "gov_parent1",
    owner: "head",
    area: "attendance_behaviour",
  },
  {
    q: "How are teaching assistants being trained to support pupils with SEN in class, and how is the impact of that training checked?",
    a: "All teaching assistants completed adaptive teaching training in the first half term. The SENCO's learning walks check scaffolds and pre-teaching in class; findings are fed back at the next TA meeting.",
    gov: "gov_send",
    owner: "senco",
    area: "inclusion",
  },
  {
    q: "Observation coverage was not complete this term. Which parts of the school were not seen, and will that be put right before the next report?",
    a: "Coverage missed two part-time colleagues whose observation dates fell during illness. Both are scheduled in the first three weeks of next term, and the monitoring calendar now has a reserve week.",
    gov: "chair",
    owner: "deputy",
    area: "curriculum_teaching",
    section: "quality",
  },
  {
    q: "What are the early signs that the phonics changes in Reception and Year 1 are working?",
    a: "The six-weekly phonics checks show more pupils keeping up with the programme than at the same point last year, and fewer pupils needing same-day catch-up.",
    gov: "gov_coopt",
    owner: "lead",
    area: "early_years",
  },
  {
    q: "Is the safeguarding culture as strong as the self-evaluation says? What did the last audit find?",
    a: "The annual safeguarding audit found records complete and timely. Two recommendations (refresher training for new midday staff and the visitor sign-in screen) are complete.",
    gov: "gov_safe",
    owner: "head",
    area: "safeguarding",
  },
];

function seedChallenges(ctx: DemoContext, term: DemoTerm, db: DbOrTx, past: boolean) {
  const rnd = ctx.rnd;
  const year = term.key.startsWith(ctx.current.name) ? ctx.current : ctx.previous;
  const plan = db.select({ id: plans.id }).from(plans).where(eq(plans.academicYearId, year.id)).get();
  const planStrands = plan ? db.select({ id: strands.id, leadId: strands.leadId }).from(strands).where(eq(strands.planId, plan.id)).orderBy(asc(strands.position)).all() : [];
  const fw = getFramework({}, db);
  const areas = applicableAreas(fw, getSchool(db)).map((a) => a.id);
  const termVisits = db
    .select({ id: visits.id, visitorId: visits.visitorId, date: visits.date })
    .from(visits)
    .where(and(eq(visits.termId, term.id), eq(visits.kind, "governor")))
    .all();
  const previousReport = past ? null : findReport({ termId: ctx.pastTerms[ctx.pastTerms.length - 1]!.id }, db);
  const termIndex = ["autumn", "spring", "summer"].indexOf(term.name) + (year === ctx.current ? 3 : 0);
  const picks = rnd.shuffle([...QUESTIONS]).slice(0, past ? 3 : 2);
  const raisers = db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.id, Object.values(ctx.people)))
    .all();
  picks.forEach((item, i) => {
    const govId = ctx.people[item.gov]!;
    if (!raisers.some((r) => r.id === govId)) return;
    const strand = planStrands.length ? planStrands[(termIndex + i) % planStrands.length]! : null;
    const ownerId = item.owner === "lead" ? (strand?.leadId ?? ctx.people.head!) : ctx.people[item.owner]!;
    const visit = termVisits.find((v) => v.visitorId === govId);
    const day = String(10 + i * 9 + rnd.int(0, 3)).padStart(2, "0");
    const month = term.name === "autumn" ? (i === 0 ? "10" : "11") : term.name === "spring" ? (i === 0 ? "02" : "03") : i === 0 ? "05" : "06";
    const yearNum = term.name === "autumn" ? term.startDate.slice(0, 4) : term.endDate.slice(0, 4);
    const raisedOn = visit && i === 1 ? visit.date : `${yearNum}-${month}-${day}`;
    const onReport = !past && item.section && previousReport;
    // Past terms: every question answered, most closed, one needing follow-up; this term: a mix.
    const status = past ? (i === 2 && termIndex === 2 ? "follow_up" : i === 0 ? "closed" : "answered") : i === 0 ? "answered" : "open";
    const answered = status !== "open";
    const answeredAt = answered ? `${raisedOn.slice(0, 8)}${String(Math.min(28, Number(raisedOn.slice(8)) + 7)).padStart(2, "0")}T15:00:00.000Z` : null;
    const [row] = db
      .insert(challenges)
      .values({
        termId: term.id,
        raisedById: govId,
        raisedOn,
        source: onReport ? "report" : visit && i === 1 ? "visit" : "meeting",
        // Questions about a strand's work link to the strand; the others to the SEF area they test.
        strandId: item.owner === "lead" && !onReport ? (strand?.id ?? null) : null,
        areaKey: onReport ? null : item.owner === "lead" && strand ? null : areas.includes(item.area!) ? item.area! : (areas[0] ?? null),
        reportId: onReport ? previousReport!.id : null,
        reportSection: onReport ? item.section! : null,
        visitId: visit && i === 1 ? visit.id : null,
        question: item.q,
        ownerId,
        answer: answered ? item.a : null,
        answeredById: answered ? ownerId : null,
        answeredAt,
        status,
        createdAt: `${raisedOn}T18:00:00.000Z`,
      })
      .returning()
      .all();
    writeAudit({ actor: { id: govId, name: nameOf(govId, db) }, area: "governance", verb: "create", entityType: "challenge", entityId: row!.id, summary: "Raised a challenge question" }, db);
  });
}

const COMMENTARY: Record<ReportSection, string[]> = {
  summary: [
    "The plan is broadly on course. I would like the board's time to go on the points below rather than on the detail that follows, which is there for reference.",
    "Most strands are where we expected at this point of the year. The questions below are where governors' challenge will help most.",
    "This term closes the plan's year. The points below are where I need the board's view before we write next year's plan.",
  ],
  context: [
    "Staffing has been stable this term. One teaching assistant joined the key stage 2 team, and the maths lead completed the second year of the NCETM mastery programme.",
    "We welcomed a new Year 4 teacher after the Easter break, and the SENCO returned from maternity leave part way through the term.",
    "Staffing is unchanged. Two midday supervisors have been recruited, and all staff completed safeguarding refresher training in September.",
  ],
  plan: [
    "Leaders have kept the plan to five strands so that it stays usable. Where actions have slipped, the reason is capacity rather than a change of direction, and each has a new date agreed with its owner.",
    "Reviews this term were carried out by strand leads with the link governors invited, and the next steps below feed directly into next term's monitoring calendar.",
  ],
  quality: [
    "Monitoring this term focused on the plan's priorities. Leaders are confident that the strengths seen are consistent across classes; the areas still developing are being addressed through coaching rather than further observation.",
    "Feedback to teachers is developmental and every observed teacher has responded to their record. Findings from learning walks and book looks agree with what was seen in lessons.",
  ],
  attainment: [
    "These are teacher assessments and should be read alongside the moderation that takes place at the end of each term. Small groups are not shown so that no child can be identified.",
    "The priority remains the gap for disadvantaged pupils in upper key stage 2; pupil progress meetings have identified the pupils concerned and the support each receives.",
  ],
  attendance: [
    "The attendance lead meets the education welfare officer every half term to review each persistently absent pupil. Families of disadvantaged pupils with falling attendance are contacted in the first week, before absence becomes persistent.",
    "Suspensions remain rare and are followed by a reintegration meeting with the family. The behaviour policy was reviewed with staff this term.",
  ],
  progress_meetings: [
    "Every class teacher met with a senior leader. Actions agreed are specific to each pupil and are reviewed at the next meeting, so governors can see outcomes as well as activity.",
  ],
  self_evaluation: ["The self-evaluation was reviewed with the school improvement adviser. Grades change only where the evidence in this report supports it."],
  governance: ["Thank you to governors for their visits and questions this term. Answers are recorded in the challenge log, and questions needing follow-up are carried into next term."],
  priorities: [
    "Next term we will keep the focus on writing in key stage 2, complete the phonics training for all staff in key stage 1, and tighten the follow-up of persistent absence with the local authority.",
    "Priorities for next term: secure the gains in writing through moderation with partner schools, extend the reading support for disadvantaged pupils into Year 4, and complete observation coverage early in the term.",
  ],
};

function writeNarrative(ctx: DemoContext, term: DemoTerm, head: Actor, db: DbOrTx, complete: boolean) {
  const draft = assembleReport({ termId: term.id, today: complete ? publishDay(term) : undefined }, db);
  const idx = ctx.pastTerms.findIndex((t) => t.id === term.id);
  const sections: ReportSection[] = complete
    ? ["summary", "context", "plan", "quality", "attainment", "attendance", "progress_meetings", "self_evaluation", "governance", "priorities"]
    : ["context", "plan", "attainment"];
  for (const s of sections) {
    const own = COMMENTARY[s][Math.max(0, idx) % COMMENTARY[s].length]!;
    const facts = s === "context" || s === "priorities" || s === "summary" ? "" : suggestNarrative(s, draft);
    const body = complete ? [facts, own].filter(Boolean).join("\n\n") : s === "attainment" ? facts : own;
    saveNarrative({ termId: term.id, sectionKey: s, body, version: 0, actor: head }, db);
  }
  // Strand leads' own narratives for the first two strands.
  for (const strand of draft.plan.strands.slice(0, complete ? 2 : 1)) {
    const text = suggestStrandNarrative(draft, strand.id);
    if (text) saveNarrative({ termId: term.id, sectionKey: `plan:${strand.id}`, body: text, version: 0, actor: head }, db);
  }
}
