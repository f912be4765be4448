import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../client";
import { assessmentResults, progressMeetingAttendees, progressMeetingItems, progressMeetings, pupils, type PpmOutcomeKind, type YearGroup } from "../../schema";
import { DEMO_CLASSES, type DemoContext, type DemoTerm, type DemoYear } from "./foundation";
import { addDays } from "@/lib/analytics/plan";
import { PRIMARY_SCHEME } from "@/lib/analytics/schemes";
import { dy, yn, yt } from "./dates";

/**
 * Pupil progress meetings for the demo school: every class every term of 2025-26 and most classes in
 * autumn 2026-27 (Chestnut and Rowan have not met yet, so their open actions are waiting). Pupils are
 * chosen because their results that term are below the expected standard; each meeting reviews the open
 * actions of the pupils now in the class (followed by UPN across the change of year) and records their
 * outcomes, closing some and continuing others. Runs after the pupils seeder and copes without pupils.
 */

const SUBJECTS = PRIMARY_SCHEME.subjects;
const EXPECTED = new Set(PRIMARY_SCHEME.expected);
/** Classes whose autumn 2026 meeting has not happened yet. */
const NOT_YET_HELD = new Set<YearGroup>(["Y2", "Y5"]);
/** The Monday of each term's meeting fortnight; classes meet on consecutive school days. */
const FIRST_MEETING: Record<string, string> = {
  [`${yn("2025-26")}:autumn`]: dy("2025-11-10"),
  [`${yn("2025-26")}:spring`]: dy("2026-03-09"),
  [`${yn("2025-26")}:summer`]: dy("2026-06-22"),
  [`${yn("2026-27")}:autumn`]: dy("2026-11-09"),
};
const DAY_OFFSETS = [0, 1, 2, 3, 4, 7, 8];

/** Concerns with the actions a meeting would agree for them, by subject; `wellBelow` for PKS pupils. */
type Concern = { concern: string; actions: string[]; wellBelow?: boolean };
const CONCERNS: Record<string, Concern[]> = {
  reading: [
    {
      concern: "Working towards in reading: decodes accurately but reads slowly and without expression, so comprehension suffers.",
      actions: ["Reading fluency group: paired and echo reading 3× a week", "Daily 1:1 reading with TA"],
    },
    { concern: "Working towards in reading: retrieval is secure but inference questions are rarely answered.", actions: ["Inference group with the class teacher twice a week"] },
    {
      concern: "Not on track in reading: avoids reading at home and the reading record is rarely signed.",
      actions: ["Daily 1:1 reading with TA", "Reading buddy 3× a week; reading meeting with parents"],
    },
    { concern: "Working well below in reading: still securing phase 3 and 4 phonics.", actions: ["Phonics keep-up group, 4×15 min a week"], wellBelow: true },
    { concern: "Working well below in reading: very limited sight vocabulary; relies on picture cues.", actions: ["Precision teaching of high-frequency words, 3×10 min a week"], wellBelow: true },
  ],
  writing: [
    {
      concern: "Working towards in writing: sentence punctuation (capital letters and full stops) not used consistently.",
      actions: ["Guided writing group with the class teacher weekly", "Pre-teach vocabulary and sentence stems before writing lessons"],
    },
    {
      concern: "Working towards in writing: limited stamina; pieces stop after a few sentences.",
      actions: ["Guided writing group with the class teacher weekly", "Short daily writing task with TA feedback"],
    },
    { concern: "Not on track in writing: spelling of common exception words well below age-related expectations.", actions: ["Spelling intervention, 3×10 min a week"] },
    { concern: "Working towards in writing: handwriting not yet joined and letter formation inconsistent.", actions: ["Fine-motor and handwriting group, 3×15 min a week"] },
    { concern: "Working well below in writing: can write simple captions only with adult support.", actions: ["Daily supported sentence-building with TA using word cards"], wellBelow: true },
    { concern: "Working well below in writing: letter formation and spacing make writing hard to read.", actions: ["Fine-motor and handwriting group, 3×15 min a week"], wellBelow: true },
  ],
  maths: [
    { concern: "Working towards in maths: number bonds to 10 and 20 not yet fluent, slowing calculation.", actions: ["Precision teaching for number bonds, 3×10 min a week"] },
    { concern: "Working towards in maths: place value beyond 100 insecure.", actions: ["Small-group place value intervention with concrete resources, twice a week"] },
    { concern: "Not on track in maths: multiplication table recall well behind the class.", actions: ["Times tables practice 10 min daily with a weekly 1:1 check"] },
    {
      concern: "Working towards in maths: struggles to choose the operation in word problems.",
      actions: ["Same-day maths catch-up after the lesson", "Bar-modelling group with the class teacher weekly"],
    },
    { concern: "Working well below in maths: counting and one-to-one correspondence within 20 not secure.", actions: ["Daily number sense group with TA using concrete resources"], wellBelow: true },
    { concern: "Working well below in maths: relies on counting in ones for all calculation.", actions: ["Precision teaching for number bonds, 3×10 min a week"], wellBelow: true },
  ],
  science: [
    { concern: "Working towards in science: finds it hard to record and explain the results of investigations.", actions: ["Pre-teach investigation vocabulary; writing frame for recording results"] },
    { concern: "Working towards in science: scientific vocabulary not retained between units.", actions: ["Knowledge organiser and vocabulary pre-teaching before each unit"] },
    {
      concern: "Working well below in science: needs adult support to take part in practical work and record it.",
      actions: ["Adult-supported practical work with a visual recording sheet"],
      wellBelow: true,
    },
  ],
  attendance: [
    { concern: "Attendance below 90% this term (persistent absence); gaps in maths and phonics teaching.", actions: ["Attendance meeting with parents; weekly monitoring by the office"] },
    { concern: "Frequent late arrival is causing missed phonics and reading sessions.", actions: ["Breakfast club place offered to support punctual arrival"] },
  ],
  wellbeing: [
    { concern: "Low confidence and anxiety in lessons are affecting participation.", actions: ["Weekly ELSA session with TA"] },
    { concern: "Friendship difficulties at playtimes are unsettling the pupil in afternoon lessons.", actions: ["Lunchtime social skills group with TA; morning check-in with a trusted adult"] },
  ],
  general: [
    { concern: "Communication and language: speaking in short phrases, below age-related expectations.", actions: ["Speech and language group (NELI), 3× a week"] },
    { concern: "Physical development: fine-motor skills (pencil grip, scissor control) below expectations.", actions: ["Daily fine-motor group (funky fingers)"] },
    { concern: "Personal, social and emotional development: finding it hard to settle and take turns.", actions: ["Nurture group for settling and turn-taking"] },
    { concern: "Literacy: not yet recognising initial sounds or writing own name.", actions: ["Daily phonics keep-up with TA"] },
  ],
};

function pickConcern(rnd: DemoContext["rnd"], subject: string, wellBelow: boolean) {
  const all = CONCERNS[subject]!;
  const pool = all.filter((c) => !!c.wellBelow === wellBelow);
  const c = rnd.pick(pool.length ? pool : all);
  return { concern: c.concern, action: rnd.pick(c.actions) };
}

/** What a meeting agrees when an action made no progress; `senco` says whether the SENCO takes it on. */
const ESCALATIONS: Record<string, { action: string; senco: boolean }[]> = {
  attendance: [{ action: "Attendance support plan agreed with parents; refer to the local authority attendance service if there is no improvement in four weeks", senco: false }],
  wellbeing: [{ action: "Early help assessment with the family; referral to the school nurse for emotional wellbeing support", senco: true }],
  default: [
    { action: "Refer to SENCO for assessment of needs; consider adding to the SEN support register", senco: true },
    { action: "SENCO to observe in class and advise; consider speech and language therapy referral", senco: true },
    { action: "Increase to daily sessions; SENCO to review the plan in four weeks", senco: false },
  ],
};

type OpenAction = { id: string; upn: string; subject: string; concern: string; action: string; ownerId: string; depth: number };
type ClassPupil = { id: string; upn: string; sen: "N" | "K" | "E"; disadvantaged: boolean };

/** Review dates fall in term time: one landing in the Christmas holiday moves three weeks on (same weekday). */
function inTermTime(iso: string) {
  const md = iso.slice(5);
  return md >= "12-19" || md <= "01-05" ? addDays(iso, 21) : iso;
}

export function seedDemoPpm(ctx: DemoContext, db: DbOrTx) {
  const { rnd, people } = ctx;
  const open: OpenAction[] = [];
  const plan: { year: DemoYear; term: DemoTerm }[] = [...ctx.pastTerms.map((term) => ({ year: ctx.previous, term })), { year: ctx.current, term: ctx.currentTerm }];

  for (const { year, term } of plan) {
    const isCurrent = term.id === ctx.currentTerm.id;
    const results = new Map<string, Map<string, string>>();
    for (const r of db
      .select({ pupilId: assessmentResults.pupilId, subject: assessmentResults.subject, result: assessmentResults.result })
      .from(assessmentResults)
      .where(eq(assessmentResults.termId, term.id))
      .all()) {
      const m = results.get(r.pupilId) ?? new Map<string, string>();
      m.set(r.subject, r.result);
      results.set(r.pupilId, m);
    }

    DEMO_CLASSES.forEach((cls, classIdx) => {
      if (isCurrent && NOT_YET_HELD.has(cls.yearGroup)) return;
      const classId = year.classes[cls.yearGroup];
      if (!classId) return;
      const classPupils: ClassPupil[] = db
        .select({ id: pupils.id, upn: pupils.upn, sen: pupils.sen, disadvantaged: pupils.disadvantaged })
        .from(pupils)
        .where(and(eq(pupils.academicYearId, year.id), eq(pupils.classId, classId)))
        .all();
      if (classPupils.length === 0) return;
      const byUpn = new Map(classPupils.map((p) => [p.upn, p]));
      const teacherId = people[cls.teacherKey]!;
      const ta = people[["R", "Y1", "Y2"].includes(cls.yearGroup) ? "ta2" : "ta1"]!;
      const leaving = cls.yearGroup === "Y6" && term.name === "summer";
      const date = addDays(FIRST_MEETING[term.key]!, DAY_OFFSETS[classIdx]!);
      const reviewDate = () => inTermTime(term.name === "summer" ? addDays(date, rnd.int(12, 16) * 7) : addDays(date, rnd.int(isCurrent ? 7 : 6, isCurrent ? 10 : 9) * 7));
      const below = (p: ClassPupil) =>
        SUBJECTS.filter((s) => {
          const r = results.get(p.id)?.get(s);
          return r !== undefined && !EXPECTED.has(r);
        });

      const counts = SUBJECTS.map((s) => [s, classPupils.filter((p) => below(p).includes(s)).length] as const);
      const weakest = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      const notes =
        cls.yearGroup === "R"
          ? `Reviewed ${term.name === "autumn" ? "baseline and on-entry" : "termly"} observations against the early learning goals. Priorities: communication and language, and fine-motor skills.`
          : `Reviewed this term's assessments. Below the expected standard: ${counts.map(([s, n]) => `${s} ${n}`).join(", ")}. ` +
            `${weakest[0] === "writing" ? "Writing remains the class priority" : `${weakest[0]} is the weakest subject this term`}; ` +
            `focus on pupils working towards in two or more subjects.${leaving ? " Transition information for secondary schools agreed." : ""}`;

      const meetingId = rnd.uuid();
      db.insert(progressMeetings)
        .values({ id: meetingId, termId: term.id, classId, date, teacherId, notes, createdById: people.senco, createdAt: `${date}T16:30:00.000Z`, updatedAt: `${date}T16:30:00.000Z` })
        .run();
      const attendees = new Set([people.senco!, cls.teacherKey === "deputy" ? people.head! : people.deputy!]);
      if (["R", "Y1", "Y2"].includes(cls.yearGroup) && cls.teacherKey !== "eyfs") attendees.add(people.eyfs!);
      attendees.delete(teacherId);
      for (const userId of attendees) db.insert(progressMeetingAttendees).values({ meetingId, userId }).run();

      const discussed = new Set<string>();
      const insertItem = (item: { pupil: ClassPupil; subject: string; concern: string; action: string; ownerId: string; carriedFromId?: string; depth: number }) => {
        const id = rnd.uuid();
        db.insert(progressMeetingItems)
          .values({
            id,
            meetingId,
            pupilId: item.pupil.id,
            subject: item.subject,
            concern: item.concern,
            action: item.action,
            ownerId: item.ownerId,
            reviewDate: reviewDate(),
            carriedFromId: item.carriedFromId ?? null,
          })
          .run();
        discussed.add(item.pupil.id);
        return { id, upn: item.pupil.upn, subject: item.subject, concern: item.concern, action: item.action, ownerId: item.ownerId, depth: item.depth };
      };
      const close = (id: string, kind: PpmOutcomeKind, outcome: string) =>
        db.update(progressMeetingItems).set({ status: "closed", outcomeKind: kind, outcome, outcomeMeetingId: meetingId }).where(eq(progressMeetingItems.id, id)).run();

      // 1. Outcomes of the open actions of pupils now in this class, recorded at this meeting.
      const due = open.filter((o) => byUpn.has(o.upn));
      const continued: OpenAction[] = [];
      for (const o of due) {
        open.splice(open.indexOf(o), 1);
        const pupil = byUpn.get(o.upn)!;
        const result = results.get(pupil.id)?.get(o.subject);
        const assessed = result !== undefined;
        const onTrack = assessed ? EXPECTED.has(result) : rnd.chance(0.5);
        const subjectName = o.subject;
        if (onTrack) {
          close(
            o.id,
            "on_track",
            assessed
              ? `Now on track: assessed at the expected standard in ${subjectName} this term. Intervention ended.`
              : o.subject === "attendance"
                ? "Now on track: attendance up to 96% this term. Monitoring ended."
                : "Now on track: the concern has resolved. Intervention ended.",
          );
          continue;
        }
        const noProgress = rnd.chance(o.depth >= 2 ? 0.5 : 0.3);
        if (leaving) {
          close(
            o.id,
            "other",
            `${noProgress ? "Still below the expected standard" : "Progress made but not yet at the expected standard"}. Closed as the pupil leaves for secondary school; the plan was passed on at transition.`,
          );
          continue;
        }
        close(
          o.id,
          noProgress ? "no_progress" : "progress",
          noProgress
            ? assessed
              ? `No progress: still ${result === "PKS" ? "working well below" : "working towards"} in ${subjectName}. Escalate.`
              : o.subject === "attendance"
                ? "No progress: attendance still below 90%. Escalate."
                : "No progress: the concern remains. Escalate."
            : assessed
              ? `Progress made: gaps narrowing in ${subjectName}, but not yet at the expected standard. Continue.`
              : o.subject === "attendance"
                ? "Progress made: attendance improving but still below 95%. Continue."
                : "Progress made: some improvement seen, but the concern remains. Continue.",
        );
        const escalation = rnd.pick(ESCALATIONS[o.subject] ?? ESCALATIONS.default!);
        const next = insertItem({
          pupil,
          subject: o.subject,
          concern: o.concern,
          action: noProgress ? escalation.action : o.action,
          ownerId: noProgress ? (escalation.senco ? people.senco! : o.subject === "attendance" ? people.head! : o.ownerId) : o.ownerId,
          carriedFromId: o.id,
          depth: o.depth + 1,
        });
        continued.push(next);
      }

      // 2. New pupils: those below the expected standard in the most subjects this term.
      const target = rnd.int(4, 8);
      const want = Math.max(1, target - discussed.size);
      const newItems: OpenAction[] = [];
      if (cls.yearGroup === "R") {
        const candidates = rnd
          .shuffle(classPupils.filter((p) => !discussed.has(p.id)))
          .sort((a, b) => Number(b.sen !== "N") - Number(a.sen !== "N") || Number(b.disadvantaged) - Number(a.disadvantaged));
        for (const pupil of candidates.slice(0, want)) {
          const { concern, action } = pickConcern(rnd, "general", false);
          newItems.push(insertItem({ pupil, subject: "general", concern, action, ownerId: pupil.sen !== "N" && rnd.chance(0.5) ? people.senco! : rnd.chance(0.5) ? ta : teacherId, depth: 0 }));
        }
      } else {
        const candidates = rnd
          .shuffle(classPupils.filter((p) => !discussed.has(p.id) && below(p).length > 0))
          .sort((a, b) => below(b).length - below(a).length)
          .slice(0, want + 3);
        for (const pupil of rnd.shuffle(candidates).slice(0, want)) {
          const subjects = below(pupil);
          const roll = rnd.next();
          const subject =
            pupil.disadvantaged && roll < 0.12
              ? "attendance"
              : roll > 0.93
                ? "wellbeing"
                : rnd.pick(subjects.filter((s) => s !== "science").length ? subjects.filter((s) => s !== "science") : subjects);
          const wellBelow = results.get(pupil.id)?.get(subject) === "PKS";
          const { concern, action } = pickConcern(rnd, subject, wellBelow);
          const ownerId = subject === "attendance" ? people.head! : pupil.sen !== "N" && rnd.chance(0.5) ? people.senco! : rnd.chance(0.55) ? ta : teacherId;
          newItems.push(insertItem({ pupil, subject, concern, action, ownerId, depth: 0 }));
        }
      }

      // 3. Year 6 in the summer leave in July: their actions are closed at this meeting once they have gone.
      if (leaving) {
        for (const n of [...continued, ...newItems]) {
          close(n.id, "other", yt("Pupil left for secondary school in July 2026; this action and the pupil's progress information were passed to the receiving school at transition."));
        }
      } else {
        open.push(...continued, ...newItems);
      }
    });
  }
}
