import type { DbOrTx } from "../../client";
import {
  activityParticipants,
  monitoringActivities,
  monitoringFoci,
  observationJudgements,
  observationObservers,
  observations,
  observationTemplateCriteria,
  observationTemplates,
  plannedMonitoring,
  visits,
  type ActivityType,
  type Judgement,
  type RecordType,
  type YearGroup,
} from "../../schema";
import { findStaffNamesIn } from "@/lib/analytics/monitoring";
import { DEFAULT_TEMPLATE_CRITERIA, DEFAULT_TEMPLATE_NAME, listFocusAreas, listStrandsForYear, type StrandOption } from "@/lib/data/monitoring";
import { createRandom, type Random } from "../random";
import { DEMO_PEOPLE, type DemoContext, type DemoTerm, type DemoYear } from "./foundation";
import { addDays } from "@/lib/analytics/plan";
import { dy, yn } from "./dates";

/**
 * The demo school's monitoring: the default observation template (and a phonics one), two years of
 * lesson observations (every teacher each past term; three not yet seen this term), learning walks,
 * book looks, pupil voice and drop-ins each term, link governor and adviser visits, and a monitoring
 * calendar per term. Strands come from the plan seeded before this (any number, or none). Nothing a
 * governor reads names a member of staff: every summary is checked as it is written.
 */
export function seedDemoMonitoring(ctx: DemoContext, db: DbOrTx) {
  // Its own seeded generator, so adding or changing monitoring data never shifts what later seeders
  // (pupils, progress meetings) draw from ctx.rnd.
  const rnd = createRandom(20261123);
  const { people } = ctx;
  const staffNames = DEMO_PEOPLE.filter((p) => p.role !== "governor" && p.role !== "adviser").map((p) => p.name);
  const clean = (text: string) => {
    const named = findStaffNamesIn(text, staffNames);
    if (named.length) throw new Error(`Demo monitoring text names staff (${named.join(", ")}): ${text}`);
    return text;
  };
  const areaKeys = new Set(listFocusAreas(db).map((a) => a.key));
  const area = (...keys: string[]) => keys.filter((k) => areaKeys.has(k));

  // ---- Templates ----
  const defaultTemplateId = rnd.uuid();
  db.insert(observationTemplates)
    .values({ id: defaultTemplateId, name: DEFAULT_TEMPLATE_NAME, isDefault: true, createdAt: dy("2025-09-01T08:00:00.000Z"), updatedAt: dy("2025-09-01T08:00:00.000Z") })
    .run();
  const defaultCriteria = DEFAULT_TEMPLATE_CRITERIA.map((c, position) => {
    const id = rnd.uuid();
    db.insert(observationTemplateCriteria).values({ id, templateId: defaultTemplateId, heading: c.heading, label: c.label, position }).run();
    return { id, ...c };
  });
  const phonicsTemplateId = rnd.uuid();
  db.insert(observationTemplates)
    .values({ id: phonicsTemplateId, name: "Early reading and phonics", createdAt: dy("2025-09-01T08:00:00.000Z"), updatedAt: dy("2025-09-01T08:00:00.000Z") })
    .run();
  const phonicsCriteria = PHONICS_CRITERIA.map((c, position) => {
    const id = rnd.uuid();
    db.insert(observationTemplateCriteria).values({ id, templateId: phonicsTemplateId, heading: c.heading, label: c.label, position }).run();
    return { id, heading: c.heading, label: c.label, bank: c };
  });
  // An archived template, as a school that tried a form and moved on would have.
  const archivedId = rnd.uuid();
  db.insert(observationTemplates)
    .values({ id: archivedId, name: "Graded lesson observation (pre-2024)", archived: true, createdAt: dy("2025-09-01T08:00:00.000Z"), updatedAt: dy("2025-09-01T08:00:00.000Z") })
    .run();
  ["Planning", "Teaching", "Learning and progress", "Behaviour"].forEach((label, position) =>
    db.insert(observationTemplateCriteria).values({ id: rnd.uuid(), templateId: archivedId, heading: "Lesson", label, position }).run(),
  );

  const focus = (recordType: RecordType, recordId: string, strandIds: string[], keys: string[]) => {
    for (const strandId of new Set(strandIds)) db.insert(monitoringFoci).values({ id: rnd.uuid(), recordType, recordId, strandId }).run();
    for (const areaKey of new Set(keys)) db.insert(monitoringFoci).values({ id: rnd.uuid(), recordType, recordId, areaKey }).run();
  };

  const terms: { term: DemoTerm; year: DemoYear; index: number; current: boolean }[] = [
    { term: ctx.previous.terms.autumn, year: ctx.previous, index: 0, current: false },
    { term: ctx.previous.terms.spring, year: ctx.previous, index: 1, current: false },
    { term: ctx.previous.terms.summer, year: ctx.previous, index: 2, current: false },
    { term: ctx.current.terms.autumn, year: ctx.current, index: 3, current: true },
  ];

  for (const { term, year, index, current } of terms) {
    const strands = listStrandsForYear({ academicYearId: year.id }, db);
    // This term one strand (the last) is left untested, so the calendar shows a gap to act on.
    const eligible = current && strands.length > 1 ? strands.slice(0, -1) : strands;
    const pickStrands = (pattern: RegExp | null, chance = 0.75): string[] => {
      if (eligible.length === 0 || !rnd.chance(chance)) return [];
      const matched = pattern ? eligible.filter((s) => pattern.test(s.title)) : [];
      return [(matched.length ? rnd.pick(matched) : rnd.pick(eligible)).id];
    };
    const window = termWindow(term, current);
    const tested = new Set<string>();
    const termActivities: string[] = [];
    const created: Record<string, { id: string; date: string; strandId: string | null }[]> = {};
    const remember = (key: string, id: string, date: string, strandIds: string[] = []) => (created[key] ??= []).push({ id, date, strandId: strandIds[0] ?? null });

    // ---- Lesson observations ----
    const notSeenThisTerm = current ? new Set(["pe", "ppa", "y3"]) : new Set<string>();
    const plan: { teacherKey: string; extra: boolean; draft?: boolean }[] = [];
    for (const t of TEACHERS) {
      if (notSeenThisTerm.has(t.key)) continue;
      plan.push({ teacherKey: t.key, extra: false });
      // The early-career teacher is seen more often; one or two others get a follow-up visit.
      if (t.key === "y1" || (t.key === "y5" && index % 2 === 1) || (t.key === "y4" && index === 2)) plan.push({ teacherKey: t.key, extra: true });
    }
    // A write-up still in draft: leaders see it, the teacher does not until it is shared.
    if (current) plan.push({ teacherKey: "y2", extra: true, draft: true });
    const obsDates = spreadDates(window, plan.length, rnd);
    plan.forEach(({ teacherKey, extra, draft = false }, i) => {
      const teacher = TEACHERS.find((t) => t.key === teacherKey)!;
      const date = obsDates[i]!;
      const phonics = (teacher.yearGroup === "R" || teacher.yearGroup === "Y1") && (extra || index % 2 === 0);
      const subject = phonics ? "Phonics" : rnd.pick(teacher.subjects);
      const observerKeys = pickObservers(teacherKey, phonics, rnd);
      const id = rnd.uuid();
      const criteria = phonics ? phonicsCriteria.map((c, k) => ({ ...c, k: 100 + k })) : defaultCriteria.map((c, k) => ({ ...c, bank: DEFAULT_BANK[k]!, k }));
      const judgements = criteria.map((c) => ({ c, j: judge(c.k, teacher, index, subject, rnd) }));
      const strengths = judgements.filter((x) => x.j === "strength").map((x) => x.c.bank.s);
      const developing = judgements.filter((x) => x.j === "developing").map((x) => x.c.bank);
      const topic = rnd.pick(TOPICS[subject] ?? ["the current unit"]);
      const strengthPoints = strengths.length ? rnd.shuffle(strengths).slice(0, 3) : ["The lesson had a clear purpose and pupils settled to work quickly."];
      const strengthsText = clean([`In this ${subject.toLowerCase()} lesson on ${topic}:`, ...strengthPoints.map((s) => `- ${s}`)].join("\n"));
      // The next steps follow from the areas for development the feedback named.
      const chosen = rnd.shuffle(developing).slice(0, 2);
      const afdText = clean(
        chosen.length ? chosen.map((d) => `- ${d.d}`).join("\n") : "- Keep building on the consistent practice seen here; stretch the most confident pupils further with a challenge task.",
      );
      const nextText = clean(chosen.length ? chosen.map((d, n) => `${n + 1}. ${d.n}`).join("\n") : "1. Share this practice with a colleague in a paired drop-in next half-term.");
      // This term a few teachers have not yet acknowledged their observation (one has written a response).
      const acknowledged = !draft && (!current || !(teacherKey === "y5" || (teacherKey === "y1" && extra) || teacherKey === "y4"));
      const respond = acknowledged ? rnd.chance(0.7) : !draft && teacherKey === "y4";
      const createdAt = `${date}T15:30:00.000Z`;
      db.insert(observations)
        .values({
          id,
          termId: term.id,
          date,
          teacherId: people[teacherKey]!,
          classId: teacher.yearGroup ? year.classes[teacher.yearGroup]! : null,
          yearGroup: teacher.yearGroup ?? rnd.pick(["Y3", "Y4", "Y5", "Y6"] as const),
          subject,
          templateId: phonics ? phonicsTemplateId : defaultTemplateId,
          strengths: strengthsText,
          areasForDevelopment: afdText,
          nextSteps: nextText,
          followUpDate: developing.length ? addDays(date, 28) : null,
          status: draft ? "draft" : "shared",
          teacherResponse: respond ? clean(rnd.pick(RESPONSES)) : null,
          acknowledgedAt: acknowledged ? `${addDays(date, rnd.int(1, 5))}T16:${String(rnd.int(10, 59))}:00.000Z` : null,
          createdById: people[observerKeys[0]!]!,
          createdAt,
          updatedAt: createdAt,
        })
        .run();
      for (const key of observerKeys) db.insert(observationObservers).values({ observationId: id, userId: people[key]! }).run();
      judgements.forEach(({ c, j }, position) =>
        db.insert(observationJudgements).values({ id: rnd.uuid(), observationId: id, criterionId: c.id, heading: c.heading, label: c.label, judgement: j, position }).run(),
      );
      const themePattern = phonics ? /read|phonic|early/i : developing.some((d) => d.theme === "send") ? /send|inclus|adapt/i : subject === "Maths" ? /math/i : /read|writ|curric|teach/i;
      const obsStrands = pickStrands(themePattern);
      obsStrands.forEach((sid) => tested.add(sid));
      focus(
        "observation",
        id,
        obsStrands,
        area(phonics ? "early_years" : "curriculum_teaching", "quality_of_education", ...(developing.some((d) => d.theme === "send") ? ["inclusion"] : [])).slice(0, 2),
      );
      remember("observation", id, date);
    });

    // ---- Learning walks, work scrutiny, pupil voice, drop-ins ----
    const themes = ACTIVITY_THEMES.filter((a) => a.terms.includes(index));
    const actDates = spreadDates(window, themes.length, rnd);
    themes.forEach((a, i) => {
      const id = rnd.uuid();
      const date = actDates[i]!;
      const createdAt = `${date}T16:00:00.000Z`;
      db.insert(monitoringActivities)
        .values({
          id,
          type: a.type,
          termId: term.id,
          date,
          leadId: people[a.lead]!,
          subject: a.subject,
          classesVisited: clean(a.classes),
          strengths: clean(a.strengths),
          areasToDevelop: clean(a.areas),
          actions: clean(a.actions),
          createdById: people[a.lead]!,
          createdAt,
          updatedAt: createdAt,
        })
        .run();
      for (const key of a.with) db.insert(activityParticipants).values({ activityId: id, userId: people[key]! }).run();
      const activityStrands = pickStrands(a.strand, 0.9);
      focus("activity", id, activityStrands, area(...a.areas_));
      activityStrands.forEach((sid) => tested.add(sid));
      termActivities.push(id);
      remember(a.type, id, date, activityStrands);
    });

    // ---- Governor visits ----
    const visiting = LINK_GOVERNORS.filter((g) => !current || g.visitedThisTerm);
    const govDates = spreadDates(window, visiting.length, rnd);
    visiting.forEach((g, i) => {
      const id = rnd.uuid();
      const date = govDates[i]!;
      const v = g.visits[index % g.visits.length]!;
      const createdAt = `${date}T18:00:00.000Z`;
      db.insert(visits)
        .values({
          id,
          kind: "governor",
          termId: term.id,
          date,
          visitorId: people[g.key]!,
          visitType: "Link governor visit",
          purpose: clean(v.purpose),
          seen: clean(v.seen),
          questions: clean(v.questions),
          followUp: clean(v.followUp),
          createdAt,
          updatedAt: createdAt,
        })
        .run();
      const linked = eligible.filter((s: StrandOption) => s.linkGovernorId === people[g.key]);
      const strandIds = linked.length ? [linked[0]!.id] : pickStrands(g.strand, 0.9);
      focus("visit", id, strandIds, area(...g.areas));
      strandIds.forEach((sid) => tested.add(sid));
      remember(`governor:${g.key}`, id, date, strandIds);
    });

    // ---- Adviser visits: the autumn Joint Annual Review and a termly monitoring visit ----
    const adviserVisits = ADVISER_VISITS.filter((a) => a.terms.includes(index));
    for (const a of adviserVisits) {
      const id = rnd.uuid();
      const date = a.date(term);
      const createdAt = `${date}T17:00:00.000Z`;
      db.insert(visits)
        .values({
          id,
          kind: "adviser",
          termId: term.id,
          date,
          visitorId: people.adviser!,
          visitType: a.visitType,
          purpose: clean(a.purpose),
          seen: clean(a.seen),
          questions: clean(a.questions),
          followUp: clean(a.followUp),
          createdAt,
          updatedAt: createdAt,
        })
        .run();
      const adviserStrands = eligible.length
        ? rnd
            .shuffle(eligible)
            .slice(0, 2)
            .map((s) => s.id)
        : [];
      focus("visit", id, adviserStrands, area("leadership_governance", "curriculum_teaching", "leadership_management"));
      adviserStrands.forEach((sid) => tested.add(sid));
      remember(`adviser:${a.visitType}`, id, date);
    }

    // Every strand the demo means to test this term gets at least one piece of monitoring: a learning
    // walk or scrutiny picks it up as a second focus.
    eligible
      .filter((st) => !tested.has(st.id))
      .forEach((st, i) => {
        const recordId = termActivities[i % Math.max(termActivities.length, 1)];
        if (recordId) db.insert(monitoringFoci).values({ id: rnd.uuid(), recordType: "activity", recordId, strandId: st.id }).run();
      });

    // ---- The calendar: what was planned, and whether it happened ----
    const today = current ? CURRENT_TODAY : "9999-12-31";
    const addPlan = (p: {
      type: (typeof plannedMonitoring.$inferInsert)["type"];
      title: string;
      plannedDate: string;
      lead: string;
      record?: { recordType: RecordType; id: string } | null;
      done?: boolean;
      strandId?: string | null;
    }) => {
      const done = p.done ?? (!!p.record || p.plannedDate < today);
      db.insert(plannedMonitoring)
        .values({
          id: rnd.uuid(),
          termId: term.id,
          type: p.type,
          title: p.title,
          plannedDate: p.plannedDate,
          leadId: people[p.lead]!,
          strandId: p.strandId ?? null,
          done,
          recordType: done && p.record ? p.record.recordType : null,
          recordId: done && p.record ? p.record.id : null,
          createdAt: `${term.startDate}T09:00:00.000Z`,
        })
        .run();
    };
    addPlan({ type: "observation", title: "Lesson observations: every teacher seen this term", plannedDate: window.end, lead: "head", done: !current });
    for (const a of themes) {
      const rec = created[a.type]?.shift();
      addPlan({ type: a.type, title: a.title, plannedDate: rec?.date ?? window.end, lead: a.lead, record: rec ? { recordType: "activity", id: rec.id } : null, strandId: rec?.strandId });
    }
    if (index === 2) {
      // Not everything planned happens: a realistic gap in last summer's calendar.
      addPlan({ type: "pupil_voice", title: "Pupil voice: science enquiry in Y5 and Y6", plannedDate: dy("2026-07-08"), lead: "senco", done: false });
    }
    if (current) {
      addPlan({ type: "work_scrutiny", title: "Book look: writing across KS2", plannedDate: dy("2026-12-01"), lead: "deputy", done: false });
      addPlan({ type: "drop_in", title: "Drop-ins: vocabulary teaching in KS2", plannedDate: dy("2026-11-26"), lead: "senco", done: false });
    }
    for (const g of LINK_GOVERNORS) {
      const rec = created[`governor:${g.key}`]?.[0];
      addPlan({
        type: "governor_visit",
        title: `Link governor visit: ${g.focus}`,
        plannedDate: rec?.date ?? g.plannedLate,
        lead: g.key,
        record: rec ? { recordType: "visit", id: rec.id } : null,
        done: !!rec,
        strandId: rec?.strandId ?? eligible.find((s) => g.strand.test(s.title))?.id ?? null,
      });
    }
    for (const a of ADVISER_VISITS.filter((x) => x.terms.includes(index))) {
      const rec = created[`adviser:${a.visitType}`]?.[0];
      addPlan({ type: "adviser_visit", title: a.visitType, plannedDate: rec?.date ?? window.end, lead: "adviser", record: rec ? { recordType: "visit", id: rec.id } : null });
    }
    if (current) addPlan({ type: "adviser_visit", title: "Termly monitoring visit", plannedDate: dy("2026-12-08"), lead: "adviser", done: false });
    addPlan({ type: "progress_meeting", title: "Pupil progress meetings, every class", plannedDate: current ? dy("2026-11-30") : addDays(window.end, -14), lead: "deputy", done: !current });
  }

  // ---- The rest of the current year: what is already in the calendar for spring and summer ----
  const currentStrands = listStrandsForYear({ academicYearId: ctx.current.id }, db);
  for (const term of [ctx.current.terms.spring, ctx.current.terms.summer]) {
    const window = termWindow(term, false);
    const plan = (type: (typeof plannedMonitoring.$inferInsert)["type"], title: string, plannedDate: string, lead: string, strandId: string | null = null) =>
      db
        .insert(plannedMonitoring)
        .values({ id: rnd.uuid(), termId: term.id, type, title, plannedDate, leadId: people[lead]!, strandId, done: false, createdAt: `${ctx.currentTerm.startDate}T09:00:00.000Z` })
        .run();
    plan("observation", "Lesson observations: every teacher seen this term", window.end, "head");
    LINK_GOVERNORS.forEach((g, i) =>
      plan("governor_visit", `Link governor visit: ${g.focus}`, addDays(window.start, 14 + 7 * i), g.key, currentStrands.find((st) => g.strand.test(st.title))?.id ?? null),
    );
    plan("progress_meeting", "Pupil progress meetings, every class", addDays(window.end, -14), "deputy");
  }
}

// ---- Dates ------------------------------------------------------------------------------------

/** "Today" in the demo: current-term records are dated before it, and later plans are not yet done. */
const CURRENT_TODAY = dy("2026-11-23");

/** The teaching weeks of a term (clear of the holidays), and for the current term only up to last week. */
function termWindow(term: DemoTerm, current: boolean): { start: string; end: string } {
  const y = Number(term.startDate.slice(0, 4));
  if (term.name === "autumn") return { start: `${y}-09-15`, end: current ? dy("2026-11-20") : `${y}-12-12` };
  if (term.name === "spring") return { start: `${y}-01-12`, end: `${y}-03-25` };
  return { start: `${y}-04-20`, end: `${y}-07-15` };
}

/** n weekdays spread through a window in order, each a little jittered. */
function spreadDates(window: { start: string; end: string }, n: number, rnd: Random): string[] {
  const start = new Date(`${window.start}T00:00:00Z`).getTime();
  const end = new Date(`${window.end}T00:00:00Z`).getTime();
  const span = Math.max(1, Math.round((end - start) / 86_400_000));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let day = Math.floor(((i + 0.5) * span) / Math.max(n, 1)) + rnd.int(-2, 2);
    day = Math.min(span, Math.max(0, day));
    let iso = addDays(window.start, day);
    // Move weekends to the Monday before the window end, or back to Friday.
    const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
    if (dow === 6) iso = addDays(iso, iso < window.end ? 2 : -1);
    if (dow === 0) iso = addDays(iso, iso < window.end ? 1 : -2);
    if (iso > window.end) iso = addDays(iso, -3);
    out.push(iso);
  }
  return out.sort();
}

// ---- Observations -----------------------------------------------------------------------------

type Teacher = { key: string; yearGroup: YearGroup | null; subjects: string[]; skill: number };

/** The teaching staff: the early-career teacher in Y1 has more to develop; the deputy and Y2's English lead are strong. */
const TEACHERS: Teacher[] = [
  { key: "deputy", yearGroup: "Y6", subjects: ["Maths", "Reading", "Writing", "Science"], skill: 0.15 },
  { key: "eyfs", yearGroup: "R", subjects: ["Maths", "Communication and language", "Understanding the world"], skill: 0.1 },
  { key: "y1", yearGroup: "Y1", subjects: ["Maths", "Writing", "Science"], skill: -0.15 },
  { key: "y2", yearGroup: "Y2", subjects: ["Reading", "Writing", "Maths"], skill: 0.12 },
  { key: "y3", yearGroup: "Y3", subjects: ["Maths", "Reading", "Geography"], skill: 0.05 },
  { key: "y4", yearGroup: "Y4", subjects: ["History", "Writing", "Maths"], skill: 0 },
  { key: "y5", yearGroup: "Y5", subjects: ["Science", "Maths", "Reading"], skill: -0.05 },
  { key: "pe", yearGroup: null, subjects: ["PE", "Computing"], skill: -0.05 },
  { key: "ppa", yearGroup: null, subjects: ["Music", "RE", "French"], skill: -0.08 },
];

function pickObservers(teacherKey: string, phonics: boolean, rnd: Random): string[] {
  if (phonics) return teacherKey === "eyfs" ? ["head", "y2"] : ["eyfs", "y2"];
  const pool = ["head", "deputy", "senco"].filter((k) => k !== teacherKey);
  const lead = rnd.pick(pool);
  return rnd.chance(0.3) ? [lead, rnd.pick(pool.filter((k) => k !== lead))] : [lead];
}

/** Each criterion's chance of being a strength and of developing, before the teacher's and the term's drift. */
const BIAS: Record<number, [number, number]> = {
  0: [0.3, 0.15],
  1: [0.3, 0.12],
  2: [0.42, 0.1],
  3: [0.35, 0.15],
  4: [0.12, 0.45],
  5: [0.25, 0.25],
  6: [0.22, 0.28],
  7: [0.12, 0.45],
  8: [0.2, 0.3],
  9: [0.25, 0.2],
  10: [0.25, 0.25],
  11: [0.18, 0.38],
  12: [0.6, 0.05],
  13: [0.42, 0.1],
  14: [0.6, 0.04],
  100: [0.4, 0.1],
  101: [0.35, 0.15],
  102: [0.3, 0.2],
  103: [0.15, 0.4],
  104: [0.2, 0.35],
  105: [0.3, 0.2],
  106: [0.55, 0.05],
  107: [0.4, 0.1],
};

function judge(k: number, teacher: Teacher, termIndex: number, subject: string, rnd: Random): Judgement {
  let notSeen = 0.06;
  if (k === 9 && teacher.yearGroup === null) notSeen = 0.5;
  if (k === 10 && (subject === "PE" || subject === "Music")) notSeen = 0.7;
  if (rnd.chance(notSeen)) return "not_seen";
  const [s, d] = BIAS[k] ?? [0.3, 0.2];
  // Teaching improves over the two years as the plan's priorities bite.
  const drift = 0.025 * termIndex;
  const pS = Math.min(0.85, Math.max(0.02, s + teacher.skill + drift));
  const pD = Math.min(0.8, Math.max(0.02, d - teacher.skill - drift));
  const r = rnd.next();
  if (r < pS) return "strength";
  if (r < pS + pD) return "developing";
  return "secure";
}

type Bank = { s: string; d: string; n: string; theme?: "send" };

/** What observers write, per criterion of the default template: a strength, a development point and a next step. */
const DEFAULT_BANK: Bank[] = [
  {
    s: "The lesson opened with a quick retrieval quiz and new learning was clearly linked to what pupils already knew.",
    d: "Some pupils were not secure with the knowledge from the previous lesson, so the new content was hard for them to access.",
    n: "Start with a short retrieval task that checks the prior knowledge the lesson depends on.",
  },
  {
    s: "The content matched the planned unit closely and pupils could explain what they had learned and why it mattered.",
    d: "The activity drifted from the unit's key knowledge: pupils were busy but could not say what they were learning.",
    n: "Check each activity against the unit's knowledge organiser when planning.",
  },
  {
    s: "Explanations were clear and precise, broken into small steps, with key points returned to.",
    d: "The explanation moved on quickly and some pupils lost the thread part way through.",
    n: "Chunk explanations into smaller steps and check understanding after each one.",
  },
  {
    s: "Strong modelling: the worked example was narrated step by step under the visualiser before pupils tried their own.",
    d: "Pupils moved to independent work before seeing a complete worked example, and several made the same early error.",
    n: "Use 'I do, we do, you do', with a full worked example before independent practice.",
  },
  {
    s: "Cold calling and mini-whiteboards meant every pupil's understanding was checked, not only volunteers'.",
    d: "Questions were mostly answered by the same few confident volunteers, so it was not clear whether everyone had understood.",
    n: "Use mini-whiteboards or cold calling at each hinge point so that every pupil answers.",
  },
  {
    s: "A common misconception was spotted early in independent work and addressed with the whole class straight away.",
    d: "A misconception spread through one group during independent work without being picked up.",
    n: "Circulate early in independent work to spot and address misconceptions.",
  },
  {
    s: "Live feedback during the task helped pupils improve their work there and then.",
    d: "Feedback came at the end of the lesson, too late for pupils to act on it.",
    n: "Give brief live feedback during the task so that pupils can act on it in the lesson.",
  },
  {
    s: "Pupils with SEND accessed the same content through well-judged scaffolds such as word banks and part-completed examples.",
    d: "Pupils with SEND were given a different, easier task rather than support to access the main learning.",
    n: "Plan scaffolds that let pupils with SEND reach the same learning as their peers, using the SENCO's adaptive teaching guidance.",
    theme: "send",
  },
  {
    s: "Pupils who are behind were picked up quickly, with pre-teaching of the key vocabulary in a small group.",
    d: "Two pupils who were stuck waited a long time for help.",
    n: "Identify before the lesson the pupils most likely to struggle, and check in with them first.",
  },
  {
    s: "The teaching assistant was well briefed and supported a focus group effectively throughout.",
    d: "The teaching assistant was not clear on the lesson's aim and was passive during the introduction.",
    n: "Share the plan and the focus pupils with the teaching assistant before the lesson.",
  },
  {
    s: "Pupils read aloud fluently from a shared text, after the teacher modelled reading with expression.",
    d: "There was little reading in the lesson, and weaker readers avoided reading the task instructions.",
    n: "Build in a short shared reading of the key text, with the teacher reading it first.",
  },
  {
    s: "Subject vocabulary was taught explicitly and pupils used it accurately in their answers.",
    d: "Key vocabulary was used but not taught, and pupils did not use it in their answers.",
    n: "Teach two or three key words explicitly and expect them in full-sentence answers.",
  },
  {
    s: "Routines were secure: transitions were swift and no learning time was lost.",
    d: "Transitions took a long time and some learning time was lost.",
    n: "Rehearse the routines for transitions so that they take less time.",
  },
  {
    s: "Pupils were attentive and keen, and showed positive attitudes throughout.",
    d: "A few pupils lost focus during the longer independent task.",
    n: "Break long independent tasks into shorter sections with clear success criteria.",
  },
  {
    s: "Warm, respectful relationships meant pupils were willing to have a go and to make mistakes.",
    d: "Some pupils were reluctant to share answers for fear of being wrong.",
    n: "Celebrate mistakes as part of learning so that more pupils are willing to have a go.",
  },
];

const PHONICS_CRITERIA: (Bank & { heading: string; label: string })[] = [
  {
    heading: "Phonics teaching",
    label: "The lesson follows the school's phonics programme with fidelity",
    s: "The lesson followed the programme's sequence exactly, with brisk pace.",
    d: "Parts of the programme's lesson sequence were skipped or reordered.",
    n: "Follow the programme's lesson sequence in full, using the lesson slides.",
  },
  {
    heading: "Phonics teaching",
    label: "New sounds are taught with clear modelling and pure sounds",
    s: "New sounds were modelled clearly with pure sounds and the mnemonic.",
    d: "Some sounds were not pronounced purely, adding 'uh' to the end.",
    n: "Practise pure sounds with the phonics lead before the next unit.",
  },
  {
    heading: "Phonics teaching",
    label: "Pupils practise blending and segmenting with plenty of reading aloud",
    s: "Every pupil blended and read words aloud many times in the lesson.",
    d: "Pupils spent too long listening and not enough time reading aloud.",
    n: "Increase the time every pupil spends reading aloud (choral and partner reading).",
  },
  {
    heading: "Assessment and keep-up",
    label: "Pupils who need to keep up are identified and given same-day support",
    s: "Pupils who found the sound tricky were noted for same-day keep-up.",
    d: "It was not clear which pupils would need keep-up support later that day.",
    n: "Note the pupils who need keep-up during the lesson and share the list with the teaching assistant.",
  },
  {
    heading: "Assessment and keep-up",
    label: "The teacher checks every child's response, not only volunteers",
    s: "The teacher watched every child's mouth and listened to individuals read.",
    d: "Responses were checked mainly through the whole group, so individual errors were missed.",
    n: "Listen to individual pupils read during partner practice.",
  },
  {
    heading: "Reading practice",
    label: "Books are matched to the sounds pupils know",
    s: "Reading books were closely matched to the sounds pupils have learned.",
    d: "Some reading books included sounds pupils have not yet been taught.",
    n: "Check every reading book against each child's latest phonics assessment.",
  },
  {
    heading: "Behaviour and attitudes to learning",
    label: "Routines are secure and lesson time is used well",
    s: "Routines were secure: transitions were swift and no learning time was lost.",
    d: "Transitions took a long time and some learning time was lost.",
    n: "Rehearse the routines for transitions so that they take less time.",
  },
  {
    heading: "Behaviour and attitudes to learning",
    label: "Pupils are attentive, engaged and show positive attitudes to learning",
    s: "Pupils were attentive and keen, and showed positive attitudes throughout.",
    d: "A few pupils lost focus during the longer practice section.",
    n: "Keep practice sections short and varied.",
  },
];

const TOPICS: Record<string, string[]> = {
  Maths: ["place value", "column addition", "fractions of amounts", "times tables", "area and perimeter", "ratio"],
  Reading: ["inference in a class novel", "retrieval from a non-fiction text", "poetry performance", "summarising"],
  Writing: ["persuasive letters", "story openings", "instructions", "balanced arguments"],
  Science: ["states of matter", "forces", "plants", "electrical circuits"],
  History: ["the Romans in Britain", "the Anglo-Saxons", "ancient Egypt"],
  Geography: ["rivers", "the local area", "climate zones"],
  PE: ["invasion games", "gymnastics sequences", "dance"],
  Computing: ["algorithms", "online safety", "spreadsheets"],
  Music: ["rhythm and pulse", "ensemble singing"],
  RE: ["places of worship", "festivals of light"],
  French: ["numbers and colours", "describing a family"],
  Phonics: ["a new digraph", "the split digraph a-e", "tricky words"],
  "Communication and language": ["story talk", "rhymes and songs"],
  "Understanding the world": ["seasonal change", "people who help us"],
};

const RESPONSES = [
  "Thank you for the helpful feedback. I agree about the next steps and have already started using mini-whiteboards at the end of each explanation.",
  "A useful conversation. I hadn't noticed how many answers came from the same pupils; I am trying cold calling this week.",
  "Thanks: I was pleased the routines are paying off. I'd welcome a drop-in after half-term to look at the scaffolds for the SEND group.",
  "I found the feedback fair. The lesson was the second of the unit, so some of the prior knowledge was from a lesson the class missed due to a trip.",
  "Thank you. I'll work with the teaching assistant on sharing the plan before lessons and would like to observe a colleague's maths lesson.",
];

// ---- Learning walks, work scrutiny, pupil voice, drop-ins --------------------------------------

type ActivityTheme = {
  type: ActivityType;
  terms: number[];
  title: string;
  lead: string;
  with: string[];
  subject: string;
  classes: string;
  strengths: string;
  areas: string;
  actions: string;
  strand: RegExp;
  areas_: string[];
};

const ACTIVITY_THEMES: ActivityTheme[] = [
  {
    type: "learning_walk",
    terms: [0, 2, 3],
    title: "Learning walk: reading across KS2",
    lead: "deputy",
    with: ["y2", "vicechair"],
    subject: "Reading",
    classes: "Y3, Y4, Y5, Y6",
    strengths: "Class novels are well chosen and read aloud daily. Pupils in every class could name the book being read and talk about it with enthusiasm. Reading areas are inviting and well used.",
    areas: "In two classes, weaker readers did little reading themselves during whole-class reading; the text was mostly read to them. Questioning on inference was strongest in upper KS2.",
    actions: "English lead to model choral and echo reading in a staff meeting. Follow-up drop-ins in Y3 and Y4 in four weeks.",
    strand: /read/i,
    areas_: ["curriculum_teaching", "quality_of_education"],
  },
  {
    type: "learning_walk",
    terms: [1, 3],
    title: "Learning walk: adaptive teaching for pupils with SEND",
    lead: "senco",
    with: ["head"],
    subject: "Adaptive teaching",
    classes: "Y1, Y2, Y3, Y5",
    strengths:
      "Pupils with SEND were working on the same learning as their peers in most classes, with visual prompts and word banks to hand. Teaching assistants knew which pupils to support and why.",
    areas: "In some lessons scaffolds were given to whole tables rather than to the pupils who needed them, and were not removed as pupils grew in confidence.",
    actions: "SENCO to run a twilight session on fading scaffolds. Revisit in the spring learning walk.",
    strand: /send|inclus|adapt/i,
    areas_: ["inclusion"],
  },
  {
    type: "learning_walk",
    terms: [0, 1, 2],
    title: "Learning walk: behaviour and routines",
    lead: "head",
    with: ["deputy"],
    subject: "Behaviour",
    classes: "All classes",
    strengths: "Calm, purposeful classrooms throughout the school. The new lining-up and transition routines are consistent from Reception to Year 6 and little learning time is lost.",
    areas: "Routines at the start of the afternoon are less secure in KS2; settling after lunch took several minutes in two classes.",
    actions: "Introduce a consistent 'first five minutes' task after lunch across KS2. Deputy to check at the next drop-ins.",
    strand: /behav|attend|routine/i,
    areas_: ["attendance_behaviour", "behaviour_attitudes"],
  },
  {
    type: "work_scrutiny",
    terms: [0, 2],
    title: "Book look: writing in KS2",
    lead: "y2",
    with: ["deputy"],
    subject: "Writing",
    classes: "Y3, Y4, Y5, Y6",
    strengths:
      "Books show a clear sequence from reading a model text to planning and extended writing. Presentation has improved since the handwriting scheme was introduced. Pupils edit their work in purple pen and the edits improve it.",
    areas: "Extended writing is less frequent in Y3 and Y4 than planned. Disadvantaged pupils' books show less editing than their peers'.",
    actions: "Year teams to plan one extended piece every fortnight. English lead to sample the books of disadvantaged pupils again next term.",
    strand: /writ/i,
    areas_: ["curriculum_teaching", "achievement"],
  },
  {
    type: "work_scrutiny",
    terms: [1, 3],
    title: "Book look: maths across the school",
    lead: "y3",
    with: ["head"],
    subject: "Maths",
    classes: "Y1 to Y6",
    strengths: "Fluency practice is regular and well matched to the unit. Reasoning questions now appear in most lessons, and pupils' explanations are getting longer and more precise.",
    areas: "In a few books, pupils who finished quickly repeated similar questions rather than being challenged with deeper problems.",
    actions: "Maths lead to share a bank of challenge tasks for each unit. Review in the next book look.",
    strand: /math/i,
    areas_: ["curriculum_teaching", "achievement"],
  },
  {
    type: "pupil_voice",
    terms: [0, 1, 2, 3],
    title: "Pupil voice: reading for pleasure",
    lead: "y2",
    with: ["gov_parent2"],
    subject: "Reading for pleasure",
    classes: "Twelve pupils from Y2 to Y6",
    strengths: "Pupils talk enthusiastically about the books read to them in class and most say they read at home. They value the new library sessions and the reading challenge.",
    areas: "Fewer boys in upper KS2 say they choose to read at home; several say they cannot find books they like in the class library.",
    actions: "Refresh KS2 class libraries with pupil-chosen titles. Ask the PTA to fund a book-swap afternoon.",
    strand: /read/i,
    areas_: ["personal_development_wellbeing", "personal_development", "curriculum_teaching"],
  },
  {
    type: "drop_in",
    terms: [0, 1, 2, 3],
    title: "Drop-ins: start of maths lessons",
    lead: "deputy",
    with: [],
    subject: "Maths",
    classes: "Y1, Y3, Y4, Y6",
    strengths: "Every lesson began with a short retrieval task, and pupils got started quickly and independently.",
    areas: "Retrieval tasks were not always checked, so gaps went unnoticed in two classes.",
    actions: "Share a quick way to check retrieval answers (show-me boards) at the next staff meeting.",
    strand: /math/i,
    areas_: ["curriculum_teaching"],
  },
  {
    type: "drop_in",
    terms: [2, 3],
    title: "Drop-ins: phonics keep-up sessions",
    lead: "eyfs",
    with: ["senco"],
    subject: "Phonics",
    classes: "Reception, Y1",
    strengths: "Keep-up sessions happen daily and the same day as the main lesson. Adults use the programme's resources faithfully.",
    areas: "Two keep-up groups were larger than the programme recommends.",
    actions: "Rearrange teaching assistant timetables so that keep-up groups stay small.",
    strand: /read|phonic|early/i,
    areas_: ["early_years", "curriculum_teaching"],
  },
];

// ---- Governor and adviser visits ---------------------------------------------------------------

type GovVisit = { purpose: string; seen: string; questions: string; followUp: string };

const LINK_GOVERNORS: { key: string; focus: string; strand: RegExp; areas: string[]; visitedThisTerm: boolean; plannedLate: string; visits: GovVisit[] }[] = [
  {
    key: "vicechair",
    focus: "curriculum and reading",
    strand: /read|curric|writ/i,
    areas: ["curriculum_teaching", "quality_of_education"],
    visitedThisTerm: true,
    plannedLate: dy("2026-12-02"),
    visits: [
      {
        purpose: "To understand how the school teaches early reading and how it checks that pupils keep up.",
        seen: "Joined the English lead for part of a learning walk. Saw whole-class reading in Y4 and a phonics lesson in Y1. Pupils read aloud confidently to me.",
        questions: "How do you know which pupils are falling behind in reading? The English lead explained the half-termly phonics assessments and how keep-up groups are chosen.",
        followUp: "Report back to the curriculum committee. Revisit in the spring to see the new KS2 class libraries.",
      },
      {
        purpose: "To see the impact of the writing priority in pupils' books.",
        seen: "Looked at writing books from Y3 and Y5 with the English lead. Clear progress from the start of the year in length and accuracy.",
        questions: "Why is there less extended writing in Y3? The answer: the new unit plans are being phased in, and Y3 start them next half-term.",
        followUp: "Ask at the next committee how many extended pieces each year group has completed.",
      },
      {
        purpose: "To review the curriculum for foundation subjects.",
        seen: "Met the history lead and looked at the new knowledge organisers for KS2. Spoke to Y4 pupils about what they remember from last term's unit.",
        questions: "How do pupils remember what they learned last year? Retrieval quizzes at the start of each unit draw on earlier years.",
        followUp: "Share the knowledge organisers with the full governing board.",
      },
    ],
  },
  {
    key: "gov_send",
    focus: "SEND and inclusion",
    strand: /send|inclus|adapt/i,
    areas: ["inclusion"],
    visitedThisTerm: true,
    plannedLate: dy("2026-12-04"),
    visits: [
      {
        purpose: "To understand how pupils with SEND are supported in class, as part of the adaptive teaching strand.",
        seen: "Met the SENCO and joined a short learning walk. Pupils with SEND were working on the same tasks as others with visual prompts.",
        questions: "How are support plans reviewed with parents? The SENCO described termly reviews and the new one-page profiles.",
        followUp: "Ask for the number of one-page profiles reviewed with parents by the end of term.",
      },
      {
        purpose: "To follow up the use of scaffolds seen in the autumn.",
        seen: "Looked at the SEND register with the SENCO and saw a maths lesson in KS2 where scaffolds were removed as pupils became more confident.",
        questions: "How do teaching assistants know when to step back? The SENCO explained the new training sessions.",
        followUp: "Report to the full governing board on progress of the adaptive teaching strand.",
      },
      {
        purpose: "To review how the school identifies needs early in Reception.",
        seen: "Spent time in Reception with the early years leader and the SENCO. Saw the speech and language screening in use.",
        questions: "How quickly does a concern lead to support? Within two weeks for most pupils this year.",
        followUp: "Ask for the screening figures at the next committee.",
      },
    ],
  },
  {
    key: "gov_pp",
    focus: "pupil premium",
    strand: /disadv|premium|pupil premium|gap/i,
    areas: ["inclusion", "achievement"],
    visitedThisTerm: true,
    plannedLate: dy("2026-12-07"),
    visits: [
      {
        purpose: "To understand how the pupil premium strategy is being carried out this year.",
        seen: "Met the headteacher to go through the strategy. Saw a pre-teaching group in Y5 working on vocabulary before a science lesson.",
        questions: "How do you know the tutoring is making a difference? The headteacher showed termly assessment for the tutored pupils.",
        followUp: "Ask for attendance of disadvantaged pupils to be reported alongside attainment.",
      },
      {
        purpose: "To look at the work of disadvantaged pupils.",
        seen: "Looked at a sample of books of disadvantaged pupils in Y4 and Y6 with the deputy headteacher.",
        questions: "Why is editing less evident in some books? Leaders had spotted the same and planned targeted feedback.",
        followUp: "Check the next book look for improvement.",
      },
      {
        purpose: "To review the impact of the strategy at the end of the year.",
        seen: "Reviewed the end-of-year outcomes for disadvantaged pupils with the headteacher.",
        questions: "Which parts of the strategy will continue next year? Tutoring and pre-teaching continue; the breakfast club is expanded.",
        followUp: "Approve the revised strategy at the autumn board meeting.",
      },
    ],
  },
  {
    key: "gov_safe",
    focus: "safeguarding",
    strand: /safe/i,
    areas: ["safeguarding"],
    visitedThisTerm: true,
    plannedLate: dy("2026-12-09"),
    visits: [
      {
        purpose: "Termly safeguarding check with the designated safeguarding lead.",
        seen: "Checked the single central record with the school business manager and talked to pupils at lunchtime about who they would speak to if worried.",
        questions: "How are staff kept up to date between annual training sessions? Weekly safeguarding briefings and a short quiz each half-term.",
        followUp: "Report to the full governing board that the single central record is complete.",
      },
    ],
  },
  {
    key: "gov_coopt",
    focus: "early years",
    strand: /early|eyfs|reception|phonic/i,
    areas: ["early_years"],
    visitedThisTerm: false,
    plannedLate: dy("2026-12-03"),
    visits: [
      {
        purpose: "To see how Reception children settle and how communication and language are developed.",
        seen: "Spent a morning in Reception with the early years leader. Children were settled and engaged, and adults modelled language constantly.",
        questions: "How are children who start with low language supported? Daily small-group sessions with a trained teaching assistant.",
        followUp: "Visit again in the spring to see the outdoor area improvements.",
      },
    ],
  },
];

const ADVISER_VISITS: { visitType: string; terms: number[]; date: (t: DemoTerm) => string; purpose: string; seen: string; questions: string; followUp: string }[] = [
  {
    visitType: "Joint Annual Review",
    terms: [0, 3],
    date: (t) => (t.yearName === yn("2026-27") ? dy("2026-10-06") : dy("2025-10-14")),
    purpose: "The autumn Joint Annual Review with the headteacher and chair of governors: the school's self-evaluation, last year's outcomes and this year's improvement priorities.",
    seen: "Reviewed the SEF and the improvement plan with the headteacher and the chair. Joined a short learning walk in KS2. Looked at end-of-key-stage outcomes against national figures.",
    questions:
      "Is the evidence for the curriculum and teaching grade strong enough in foundation subjects? How will leaders know whether adaptive teaching is improving outcomes for pupils with SEND?",
    followUp: "Priorities agreed. The adviser will return in the spring to look at adaptive teaching and writing in KS2. The school will share its monitoring calendar.",
  },
  {
    visitType: "Termly monitoring visit",
    terms: [0, 1, 2],
    date: (t) => (t.name === "autumn" ? `${t.startDate.slice(0, 4)}-12-02` : t.name === "spring" ? `${t.startDate.slice(0, 4)}-02-10` : `${t.startDate.slice(0, 4)}-05-19`),
    purpose: "Termly monitoring of progress against the improvement plan.",
    seen: "Met leaders to review the plan's termly RAG ratings. Visited lessons in Y3 and Y5 with the deputy headteacher and looked at a sample of writing books.",
    questions: "What has changed in the classroom as a result of the training this term? How is the governing board holding leaders to account for the writing priority?",
    followUp: "Leaders to tighten the success criteria for the writing strand so that impact can be measured termly.",
  },
];
