import { sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DB, DbOrTx } from "../client";
import {
  academicYears,
  assessmentResults,
  attendanceRecords,
  classes,
  classTeachers,
  monitoringActivities,
  observationJudgements,
  observations,
  planActions,
  plans,
  progressMeetingItems,
  progressMeetings,
  pupils,
  reviews,
  schools,
  strands,
  successCriteria,
  suspensions,
  terms,
  users,
  visits,
  type Role,
  type TermName,
  type YearGroup,
} from "../schema";
import { PRIMARY_SCHEME } from "@/lib/analytics/schemes";
import { academicYearName } from "@/lib/format";
import { hashPassword } from "@/lib/auth/password";
import { defaultTermDates } from "@/lib/data/school";
import { isFreshInstall } from "@/lib/data/school";
import { createRandom, type Random } from "./random";
import { seedLargeHistory } from "./large-history";
import { DEMO_PASSWORD } from "./demo/foundation";
import { academicYearFor } from "@/lib/validation/admin";
import { writeTransaction } from "@/lib/data/transaction";

/** The large school SPEC §5's speed targets are measured on. */
export const LARGE = {
  schoolName: "Northgate Park Primary School",
  headEmail: "head@northgate.sch.uk",
  /** Ten academic years ending with the one containing the clock's today, its autumn term seeded. */
  get firstYear(): number {
    return Number(academicYearFor().slice(0, 4)) - (this.years - 1);
  },
  years: 10,
  yearGroups: ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"] as YearGroup[],
  pupilsPerYearGroup: 285,
  classesPerYearGroup: 10,
  staff: 150,
  governors: 12,
} as const;

const TERM_NAMES: TermName[] = ["autumn", "spring", "summer"];
const FIRST = [
  "Amelia",
  "Olivia",
  "Isla",
  "Ava",
  "Freya",
  "Lily",
  "Grace",
  "Mia",
  "Oliver",
  "George",
  "Noah",
  "Arthur",
  "Leo",
  "Harry",
  "Oscar",
  "Jack",
  "Muhammad",
  "Aisha",
  "Zara",
  "Yusuf",
  "Ethan",
  "Priya",
  "Jakub",
  "Zofia",
  "Kai",
  "Ruby",
  "Daisy",
  "Theo",
  "Max",
  "Erin",
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
  "Khan",
  "Ali",
  "Hussain",
  "Nowak",
  "Murphy",
  "Hughes",
  "Edwards",
  "Turner",
  "Hill",
  "Moore",
  "Ward",
  "Ahmed",
  "Mensah",
  "Okoye",
  "Campbell",
  "Price",
];
const CLASS_NAMES = ["Ash", "Beech", "Cedar", "Elm", "Fir", "Hazel", "Larch", "Maple", "Oak", "Pine"];
const SUBJECTS_OBSERVED = ["English", "Maths", "Science", "History", "Geography", "Art", "Music", "PE", "Computing", "RE"];
const CRITERIA = ["Clear learning intention", "Checks for understanding", "Adaptive teaching", "High expectations of behaviour", "Vocabulary taught explicitly", "Feedback moves learning on"];

/** Inserts many rows in chunks (SQLite limits the number of bound values per statement). */
function bulk<T extends SQLiteTable>(db: DbOrTx, table: T, rows: T["$inferInsert"][], chunk = 400) {
  for (let i = 0; i < rows.length; i += chunk)
    db.insert(table)
      .values(rows.slice(i, i + chunk))
      .run();
}

function normal(rnd: Random) {
  const u = Math.max(rnd.next(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.next());
}

/**
 * Generates the large school: 2,000 pupils a year (285 per year group, R–Y6, in ten classes each), 150
 * staff, twelve governors and an adviser, ten academic years with results in four subjects for Years
 * 1–6 every term, and plans, reviews, observations, monitoring, visits and progress meetings in
 * proportion. Deterministic (fixed seed) and one transaction, so it is all or nothing.
 */
export async function seedLarge(db: DB, { onProgress }: { onProgress?: (message: string) => void } = {}): Promise<Record<string, number>> {
  if (!isFreshInstall(db)) throw new Error("The database is not empty: the large school can only be loaded into an empty database.");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rnd = createRandom(20170901);
  const say = onProgress ?? (() => undefined);
  const counts: Record<string, number> = {};
  const count = (k: string, n: number) => (counts[k] = (counts[k] ?? 0) + n);

  writeTransaction(db, (tx) => {
    tx.insert(schools)
      .values({
        id: rnd.uuid(),
        name: LARGE.schoolName,
        urn: "999001",
        phase: "primary",
        ageRange: "4–11",
        localAuthority: "Northshire",
        frameworkId: "ofsted_renewed_2025",
        assessmentScheme: "primary",
        hasEarlyYears: true,
      })
      .run();

    // People: a head, nine senior leaders, 70 class teachers, ten specialist teachers, TAs and office staff.
    const staff: { id: string; role: Role; isTeaching: boolean }[] = [];
    const userRows: (typeof users.$inferInsert)[] = [];
    const person = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    for (let i = 0; i < LARGE.staff; i++) {
      const role: Role = i === 0 ? "headteacher" : i < 10 ? "slt" : "staff";
      const isTeaching = i > 0 && i < 90;
      const id = rnd.uuid();
      const email = i === 0 ? LARGE.headEmail : `staff${i}@northgate.sch.uk`;
      const jobTitle = i === 0 ? "Headteacher" : i < 10 ? "Senior leader" : i < 80 ? "Class teacher" : i < 90 ? "Specialist teacher" : i < 135 ? "Teaching assistant" : "Office staff";
      userRows.push({ id, email, name: person(i), role, jobTitle, isTeaching, passwordHash });
      staff.push({ id, role, isTeaching });
    }
    const governorIds: string[] = [];
    for (let i = 0; i < LARGE.governors; i++) {
      const id = rnd.uuid();
      governorIds.push(id);
      userRows.push({ id, email: `governor${i + 1}@northgate.sch.uk`, name: person(200 + i), role: "governor", jobTitle: "Governor", passwordHash });
    }
    const adviserId = rnd.uuid();
    userRows.push({ id: adviserId, email: "adviser@northgate.sch.uk", name: person(300), role: "adviser", jobTitle: "School improvement adviser", passwordHash });
    bulk(tx, users, userRows);
    count("users", userRows.length);
    const leaders = staff.slice(0, 10).map((s) => s.id);
    const teachers = staff.filter((s) => s.isTeaching).map((s) => s.id);
    const classTeacherIds = staff.slice(10, 80).map((s) => s.id);

    // Children, by cohort: cohort c starts Reception in year c - 6 (so sixteen cohorts span ten years).
    type Child = {
      upn: string;
      first: string;
      last: string;
      gender: "F" | "M" | "X";
      dis: boolean;
      fsm: boolean;
      sen: "N" | "K" | "E";
      eal: boolean;
      la: boolean;
      ability: number;
      subj: number[];
      cls: number;
    };
    const cohorts: Child[][] = [];
    let seq = 0;
    for (let c = 0; c < LARGE.years + LARGE.yearGroups.length - 1; c++) {
      const cohort: Child[] = [];
      for (let i = 0; i < LARGE.pupilsPerYearGroup; i++) {
        seq++;
        const gender = rnd.chance(0.015) ? "X" : rnd.chance(0.5) ? "F" : "M";
        const dis = rnd.chance(0.3);
        const senRoll = rnd.next();
        const sen = senRoll < 0.03 ? "E" : senRoll < 0.16 ? "K" : "N";
        const eal = rnd.chance(0.22);
        cohort.push({
          upn: `N${String(100000000000 + seq * 7919).slice(-11)}${seq % 10}`,
          first: rnd.pick(FIRST),
          last: rnd.pick(LAST),
          gender,
          dis,
          fsm: dis && rnd.chance(0.8),
          sen,
          eal,
          la: dis && rnd.chance(0.03),
          ability: normal(rnd) * 0.75 + (dis ? -0.7 : 0.2) + (sen === "K" ? -1 : sen === "E" ? -1.9 : 0),
          subj: [normal(rnd) * 0.35 + 0.15, normal(rnd) * 0.35 - 0.25, normal(rnd) * 0.35 + 0.05, normal(rnd) * 0.35 + 0.2],
          cls: i % LARGE.classesPerYearGroup,
        });
      }
      cohorts.push(cohort);
    }

    const insertPupil = tx
      .insert(pupils)
      .values({
        id: sql.placeholder("id"),
        academicYearId: sql.placeholder("academicYearId"),
        upn: sql.placeholder("upn"),
        firstName: sql.placeholder("firstName"),
        lastName: sql.placeholder("lastName"),
        yearGroup: sql.placeholder("yearGroup"),
        classId: sql.placeholder("classId"),
        gender: sql.placeholder("gender"),
        disadvantaged: sql.placeholder("disadvantaged"),
        fsm: sql.placeholder("fsm"),
        sen: sql.placeholder("sen"),
        eal: sql.placeholder("eal"),
        lookedAfter: sql.placeholder("lookedAfter"),
      })
      .prepare();
    // Attendance has its own random stream, so the rest of the school is the same with or without it.
    const arnd = createRandom(20170904);
    const absenceRate = new Map<string, number>();
    const rateOf = (child: { upn: string; dis: boolean; sen: "N" | "K" | "E" }) => {
      let r = absenceRate.get(child.upn);
      if (r === undefined) {
        r = Math.min(0.6, Math.exp(normal(arnd) * 0.7 + Math.log(0.03)) * (child.dis ? 1.6 : 1) * (child.sen === "K" ? 1.5 : child.sen === "E" ? 2 : 1));
        absenceRate.set(child.upn, r);
      }
      return r;
    };
    const SESSIONS = [140, 118, 128];
    const insertAttendance = tx
      .insert(attendanceRecords)
      .values({
        id: sql.placeholder("id"),
        pupilId: sql.placeholder("pupilId"),
        termId: sql.placeholder("termId"),
        possibleSessions: sql.placeholder("possible"),
        attendedSessions: sql.placeholder("attended"),
        authorisedAbsence: sql.placeholder("authorised"),
        unauthorisedAbsence: sql.placeholder("unauthorised"),
      })
      .prepare();
    const insertResult = tx
      .insert(assessmentResults)
      .values({ id: sql.placeholder("id"), pupilId: sql.placeholder("pupilId"), termId: sql.placeholder("termId"), subject: sql.placeholder("subject"), result: sql.placeholder("result") })
      .prepare();

    for (let y = 0; y < LARGE.years; y++) {
      const start = LARGE.firstYear + y;
      const name = academicYearName(start);
      const isCurrent = y === LARGE.years - 1;
      const dates = defaultTermDates(name);
      const yearId = rnd.uuid();
      tx.insert(academicYears).values({ id: yearId, name, startDate: dates.autumn.startDate, endDate: dates.summer.endDate, isCurrent }).run();
      const termIds = TERM_NAMES.map((t) => {
        const id = rnd.uuid();
        tx.insert(terms)
          .values({ id, academicYearId: yearId, name: t, ...dates[t] })
          .run();
        return id;
      });
      count("terms", 3);
      // The current year has results for its first (current) term only.
      const termsWithData = isCurrent ? 1 : 3;

      const classIds: string[][] = [];
      const classRows: (typeof classes.$inferInsert)[] = [];
      const teacherRows: (typeof classTeachers.$inferInsert)[] = [];
      LARGE.yearGroups.forEach((yg, g) => {
        classIds.push([]);
        for (let k = 0; k < LARGE.classesPerYearGroup; k++) {
          const id = rnd.uuid();
          classIds[g]!.push(id);
          classRows.push({ id, academicYearId: yearId, name: `${yg} ${CLASS_NAMES[k]}`, yearGroup: yg });
          teacherRows.push({ classId: id, userId: classTeacherIds[g * LARGE.classesPerYearGroup + k]! });
        }
      });
      bulk(tx, classes, classRows);
      bulk(tx, classTeachers, teacherRows);
      count("classes", classRows.length);

      const pupilIdsByClass = new Map<string, string[]>();
      let results = 0;
      let attendanceRows = 0;
      const suspensionRows: (typeof suspensions.$inferInsert)[] = [];
      LARGE.yearGroups.forEach((yg, g) => {
        const cohort = cohorts[y - g + LARGE.yearGroups.length - 1]!;
        for (const child of cohort) {
          const id = rnd.uuid();
          const classId = classIds[g]![child.cls]!;
          insertPupil.run({
            id,
            academicYearId: yearId,
            upn: child.upn,
            firstName: child.first,
            lastName: child.last,
            yearGroup: yg,
            classId,
            gender: child.gender,
            disadvantaged: child.dis ? 1 : 0,
            fsm: child.fsm ? 1 : 0,
            sen: child.sen,
            eal: child.eal ? 1 : 0,
            lookedAfter: child.la ? 1 : 0,
          });
          const list = pupilIdsByClass.get(classId);
          if (list) list.push(id);
          else pupilIdsByClass.set(classId, [id]);
          for (let t = 0; t < termsWithData; t++) {
            const possible = SESSIONS[t]!;
            const missed = Math.max(0, Math.min(possible, Math.round(possible * Math.min(0.95, rateOf(child) * Math.exp(normal(arnd) * 0.35)))));
            const unauthorised = Math.round(missed * (child.dis ? 0.35 : 0.2));
            insertAttendance.run({ id: arnd.uuid(), pupilId: id, termId: termIds[t]!, possible, attended: possible - missed, authorised: missed - unauthorised, unauthorised });
            attendanceRows++;
            // A few suspensions a term, more often of pupils who are often absent.
            if (yg !== "R" && arnd.chance(rateOf(child) > 0.1 ? 0.012 : 0.002)) {
              const date = new Date(`${dates[TERM_NAMES[t]!].startDate}T12:00:00Z`);
              date.setUTCDate(date.getUTCDate() + arnd.int(10, 60));
              suspensionRows.push({
                id: arnd.uuid(),
                pupilId: id,
                termId: termIds[t]!,
                startDate: date.toISOString().slice(0, 10),
                days: arnd.pick([0.5, 1, 1, 2, 3]),
                type: arnd.chance(0.03) ? "permanent_exclusion" : "suspension",
              });
            }
          }
          if (yg === "R") continue;
          for (let t = 0; t < termsWithData; t++) {
            PRIMARY_SCHEME.subjects.forEach((subject, s) => {
              // A slow improvement over the decade, so trends have a shape.
              const score = child.ability + child.subj[s]! + 0.12 * t + 0.03 * y + normal(rnd) * 0.3;
              const result = score < -2 ? "PKS" : score < -0.8 ? "WTS" : score < 0.85 ? "EXS" : "GDS";
              insertResult.run({ id: rnd.uuid(), pupilId: id, termId: termIds[t]!, subject, result });
              results++;
            });
          }
        }
      });
      count("pupils", LARGE.yearGroups.length * LARGE.pupilsPerYearGroup);
      count("assessment results", results);
      count("attendance records", attendanceRows);
      // Pupil, start date and type are unique: a second draw of the same day is dropped.
      const uniqueSuspensions = suspensionRows.filter((r, i, all) => all.findIndex((x) => x.pupilId === r.pupilId && x.startDate === r.startDate && x.type === r.type) === i);
      bulk(tx, suspensions, uniqueSuspensions);
      count("suspensions", uniqueSuspensions.length);

      // The plan: six strands, each with criteria, ten actions and a review every past term.
      const planId = rnd.uuid();
      tx.insert(plans)
        .values({ id: planId, academicYearId: yearId, title: `School improvement plan ${name}` })
        .run();
      const strandRows: (typeof strands.$inferInsert)[] = [];
      const criterionRows: (typeof successCriteria.$inferInsert)[] = [];
      const actionRows: (typeof planActions.$inferInsert)[] = [];
      const reviewRows: (typeof reviews.$inferInsert)[] = [];
      for (let s = 0; s < 6; s++) {
        const strandId = rnd.uuid();
        strandRows.push({
          id: strandId,
          planId,
          position: s,
          title: `Priority ${s + 1} for ${name}`,
          rationale: "Raised by the self-evaluation.",
          leadId: leaders[1 + (s % 9)],
          linkGovernorId: governorIds[s % governorIds.length],
        });
        criterionRows.push({
          id: rnd.uuid(),
          strandId,
          position: 0,
          kind: "measurable",
          description: "Year 6 writing at the expected standard",
          isHeadline: true,
          metric: "attainment_expected",
          yearGroup: "Y6",
          subject: "writing",
          pupilGroup: "all",
          baseline: 60,
          target: 72,
          dueTermId: termIds[2],
        });
        criterionRows.push({ id: rnd.uuid(), strandId, position: 1, kind: "narrative", description: "Pupils talk confidently about what they have learned." });
        // One strand is the attendance strand: its criteria read the attendance data.
        if (s === 5) {
          criterionRows.push({
            id: arnd.uuid(),
            strandId,
            position: 2,
            kind: "measurable",
            description: "Whole-school attendance for the year at least 96%",
            metric: "attendance_pct",
            pupilGroup: "all",
            baseline: 94.5,
            target: 96,
            dueTermId: termIds[2],
          });
          criterionRows.push({
            id: arnd.uuid(),
            strandId,
            position: 3,
            kind: "measurable",
            description: "Persistent absence among disadvantaged pupils below 20%",
            metric: "persistent_absence_pct",
            pupilGroup: "disadvantaged",
            baseline: 28,
            target: 20,
            lowerIsBetter: true,
            dueTermId: termIds[2],
          });
        }
        for (let a = 0; a < 10; a++) {
          const due = `${start + (a < 5 ? 0 : 1)}-${a < 5 ? "12" : "06"}-${String(10 + a).padStart(2, "0")}`;
          actionRows.push({
            id: rnd.uuid(),
            strandId,
            position: a,
            description: `Action ${a + 1} of priority ${s + 1}`,
            ownerId: rnd.pick(staff).id,
            startDate: dates.autumn.startDate,
            dueDate: due,
            costPence: rnd.int(0, 50) * 1000,
            status: isCurrent ? rnd.pick(["not_started", "in_progress", "done"] as const) : rnd.pick(["done", "done", "done", "dropped"] as const),
          });
        }
        for (let t = 0; t < termsWithData; t++) {
          reviewRows.push({
            id: rnd.uuid(),
            strandId,
            termId: termIds[t]!,
            rag: rnd.pick(["red", "amber", "green", "green", "blue"] as const),
            progress: "Actions on track.",
            impact: "Seen in books and lessons.",
            nextSteps: "Continue.",
            reviewerId: leaders[0],
            reviewedOn: TERM_NAMES[t] === "autumn" ? `${start}-12-10` : TERM_NAMES[t] === "spring" ? `${start + 1}-03-20` : `${start + 1}-07-10`,
          });
        }
      }
      bulk(tx, strands, strandRows);
      bulk(tx, successCriteria, criterionRows);
      bulk(tx, planActions, actionRows);
      bulk(tx, reviews, reviewRows);
      count("strands", strandRows.length);
      count("plan actions", actionRows.length);
      count("reviews", reviewRows.length);

      // Monitoring: every teacher observed each term, plus walks, scrutiny and visits; a progress meeting per class per term.
      for (let t = 0; t < termsWithData; t++) {
        const termId = termIds[t]!;
        const month = t === 0 ? `${start}-11` : t === 1 ? `${start + 1}-02` : `${start + 1}-05`;
        const obsRows: (typeof observations.$inferInsert)[] = [];
        const judgementRows: (typeof observationJudgements.$inferInsert)[] = [];
        teachers.forEach((teacherId, i) => {
          const id = rnd.uuid();
          obsRows.push({
            id,
            termId,
            date: `${month}-${String(1 + (i % 27)).padStart(2, "0")}`,
            teacherId,
            subject: rnd.pick(SUBJECTS_OBSERVED),
            strengths: "Clear explanations and well-chosen examples.",
            areasForDevelopment: "Check understanding before moving on.",
            nextSteps: "Use mini-whiteboards at each step.",
            createdById: rnd.pick(leaders),
          });
          CRITERIA.forEach((label, position) =>
            judgementRows.push({
              id: rnd.uuid(),
              observationId: id,
              heading: "Curriculum and teaching",
              label,
              judgement: rnd.pick(["strength", "secure", "secure", "developing", "not_seen"] as const),
              position,
            }),
          );
        });
        bulk(tx, observations, obsRows);
        bulk(tx, observationJudgements, judgementRows);
        count("observations", obsRows.length);
        const activityRows: (typeof monitoringActivities.$inferInsert)[] = [];
        for (let a = 0; a < 8; a++) {
          activityRows.push({
            id: rnd.uuid(),
            type: rnd.pick(["learning_walk", "work_scrutiny", "pupil_voice", "drop_in"] as const),
            termId,
            date: `${month}-${String(2 + a * 3).padStart(2, "0")}`,
            leadId: rnd.pick(leaders),
            subject: rnd.pick(SUBJECTS_OBSERVED),
            classesVisited: "Y3, Y4, Y5",
            strengths: "Consistent routines.",
            areasToDevelop: "Stretch for the most able.",
            actions: "Share practice in staff meeting.",
          });
        }
        bulk(tx, monitoringActivities, activityRows);
        const visitRows: (typeof visits.$inferInsert)[] = [];
        for (let v = 0; v < 3; v++) {
          const governor = v < 2;
          visitRows.push({
            id: rnd.uuid(),
            kind: governor ? "governor" : "adviser",
            termId,
            date: `${month}-${String(5 + v * 7).padStart(2, "0")}`,
            visitorId: governor ? rnd.pick(governorIds) : adviserId,
            visitType: governor ? "Link visit" : "Monitoring visit",
            purpose: "See the plan's priorities in action.",
            seen: "Lessons and books.",
            questions: "How do we know it is working?",
            followUp: "Report back at the next meeting.",
          });
        }
        bulk(tx, visits, visitRows);
        const meetingRows: (typeof progressMeetings.$inferInsert)[] = [];
        const itemRows: (typeof progressMeetingItems.$inferInsert)[] = [];
        classRows.forEach((cls, ci) => {
          const pupilsOfClass = pupilIdsByClass.get(cls.id!) ?? [];
          if (pupilsOfClass.length === 0) return;
          const meetingId = rnd.uuid();
          meetingRows.push({
            id: meetingId,
            termId,
            classId: cls.id!,
            date: `${month}-${String(10 + (ci % 15)).padStart(2, "0")}`,
            teacherId: teacherRows[ci]!.userId,
            notes: "Termly review of every pupil.",
            createdById: rnd.pick(leaders),
          });
          for (let k = 0; k < 4; k++) {
            itemRows.push({
              id: rnd.uuid(),
              meetingId,
              pupilId: rnd.pick(pupilsOfClass),
              subject: rnd.pick(PRIMARY_SCHEME.subjects),
              concern: "Not on track to reach the expected standard.",
              action: "Small-group intervention three times a week.",
              ownerId: teacherRows[ci]!.userId,
              status: t < termsWithData - 1 ? "closed" : "open",
              outcome: t < termsWithData - 1 ? "Now on track." : null,
            });
          }
        });
        bulk(tx, progressMeetings, meetingRows);
        bulk(tx, progressMeetingItems, itemRows);
        count("progress meetings", meetingRows.length);
      }
      say(`Generated ${name}`);
    }
  });
  say("Publishing each year's self-evaluation and every past term's report…");
  const history = writeTransaction(db, (tx) => seedLargeHistory(tx, rnd));
  count("SEF versions", history.sefVersions);
  count("published reports", history.publishedReports);
  return counts;
}
