import type { DbOrTx } from "../../client";
import {
  criterionValues,
  evidenceLinks,
  milestones,
  planActions,
  planActionSupporters,
  plans,
  reviewComments,
  reviews,
  strands,
  strandSefLinks,
  successCriteria,
  type CriterionMetric,
  type PlanActionStatus,
  type PupilGroup,
  type Rag,
  type TermName,
  type YearGroup,
} from "../../schema";
import { createRandom, type Random } from "../random";
import type { DemoContext, DemoYear } from "./foundation";
import { dy, ytDeep } from "./dates";

/*
 * Oakfield's improvement plans: five strands for 2025-26 (complete, reviewed every term) and five for
 * 2026-27 (the current year, in its autumn term; three strands carried forward from last year).
 * People are DEMO_PEOPLE keys. Attainment criteria read the pupils seeder's assessment data; manual
 * criteria (phonics, deep dives, visits) carry their own termly values here; attendance criteria read the
 * attendance seeder's data.
 */

type CriterionSeed = {
  description: string;
  headline?: boolean;
  metric?: CriterionMetric;
  yearGroup?: YearGroup;
  subject?: string;
  pupilGroup?: PupilGroup;
  unit?: string;
  baseline?: number;
  target?: number;
  lowerIsBetter?: boolean;
  due?: TermName;
  values?: Partial<Record<TermName, number>>;
  /** Where hand-recorded values come from. */
  note?: string;
};

type ActionSeed = {
  d: string;
  owner: string;
  support?: string[];
  start: string;
  due: string;
  cost?: number;
  resources?: string;
  monitoring?: string;
  monitoredBy?: string;
  status: PlanActionStatus;
  notes?: string;
};

type ReviewSeed = {
  term: TermName;
  rag: Rag;
  progress: string;
  impact: string;
  next: string;
  by: string;
  on: string;
  comments?: { by: string; body: string; at: string }[];
  /** Cite the term's readings of these criteria (by position, 0-based) as evidence. */
  evidence?: number[];
};

type StrandSeed = {
  key: string;
  title: string;
  rationale: string;
  areas: string[];
  lead: string;
  governor: string;
  carriedFrom?: string;
  criteria: CriterionSeed[];
  actions: ActionSeed[];
  milestones: { term: TermName; d: string; met?: boolean }[];
  reviews: ReviewSeed[];
};

const PREVIOUS: StrandSeed[] = [
  {
    key: "writing",
    title: "Raise standards in writing across Key Stage 2",
    rationale:
      "Writing is our weakest subject at the end of Key Stage 2: only 45% of Year 6 reached the expected standard in 2025, well behind reading and maths, and few pupils wrote at greater depth. Book looks show pupils rarely edit their work and that grammar is taught in isolation from composition.",
    areas: ["achievement", "curriculum_teaching"],
    lead: "deputy",
    governor: "vicechair",
    criteria: [
      {
        description: "At least 70% of Year 6 reach the expected standard in writing",
        headline: true,
        metric: "attainment_expected",
        yearGroup: "Y6",
        subject: "writing",
        pupilGroup: "all",
        baseline: 45,
        target: 70,
        due: "summer",
      },
      {
        description: "At least 18% of Year 6 write at greater depth",
        metric: "attainment_greater_depth",
        yearGroup: "Y6",
        subject: "writing",
        pupilGroup: "all",
        baseline: 9,
        target: 18,
        due: "summer",
      },
      { description: "Pupils in every KS2 class redraft and edit their writing independently, as seen in book looks" },
    ],
    actions: [
      {
        d: "Whole-staff training on modelled and shared writing (two INSET sessions and a follow-up staff meeting)",
        owner: "y2",
        support: ["deputy"],
        start: dy("2025-09-01"),
        due: dy("2025-10-17"),
        cost: 1200,
        resources: "External English consultant for one INSET day; release time for the English lead",
        monitoring: "Learning walk focused on modelled writing",
        monitoredBy: "deputy",
        status: "done",
      },
      {
        d: "Introduce a shared editing checklist and purple-pen redrafting time in every KS2 class",
        owner: "y3",
        support: ["y4", "y5"],
        start: dy("2025-10-01"),
        due: dy("2025-11-28"),
        cost: 150,
        resources: "Printed checklists, purple pens",
        monitoring: "Book look each half term",
        monitoredBy: "y2",
        status: "done",
      },
      {
        d: "Termly writing moderation across KS2, with one session alongside a partner school",
        owner: "y2",
        start: dy("2025-11-01"),
        due: dy("2026-06-26"),
        cost: 400,
        resources: "Supply cover for two afternoons",
        monitoring: "Moderation records reviewed by the deputy",
        monitoredBy: "deputy",
        status: "done",
      },
      {
        d: "Targeted writing groups for Year 6 pupils just below the expected standard",
        owner: "ta1",
        support: ["deputy"],
        start: dy("2026-01-05"),
        due: dy("2026-05-08"),
        cost: 2400,
        resources: "Teaching assistant time: three sessions a week",
        monitoring: "Progress of the group in spring assessments",
        monitoredBy: "deputy",
        status: "done",
      },
      {
        d: "Refresh the KS2 grammar scheme so grammar is taught within writing units",
        owner: "y5",
        start: dy("2026-02-23"),
        due: dy("2026-07-17"),
        cost: 650,
        resources: "Scheme licence and planning time",
        monitoring: "Planning scrutiny",
        monitoredBy: "y2",
        status: "in_progress",
        notes: "Years 5 and 6 done; Years 3 and 4 to follow in the autumn.",
      },
      {
        d: "Writing celebration week with a visiting author",
        owner: "ppa",
        start: dy("2026-03-02"),
        due: dy("2026-03-06"),
        cost: 800,
        resources: "Author visit fee",
        monitoring: "Pupil voice",
        monitoredBy: "y2",
        status: "dropped",
        notes: "The author cancelled; replaced by a KS2 writing showcase at no cost.",
      },
    ],
    milestones: [
      { term: "autumn", d: "Every KS2 teacher has been seen modelling writing, and editing checklists are in use in every class", met: true },
      { term: "spring", d: "Spring assessments show at least 55% of Year 6 at the expected standard in writing" },
      { term: "summer", d: "70% of Year 6 at the expected standard; moderation confirms judgements" },
    ],
    reviews: [
      {
        term: "autumn",
        rag: "green",
        progress: "Both INSET sessions and the follow-up meeting took place. Editing checklists and purple-pen time are in place in all four KS2 classes.",
        impact: "The November learning walk found modelled writing in every class visited. Pupils' books show redrafted paragraphs from October onwards.",
        next: "Start the Year 6 writing groups in January; first moderation session before half term.",
        by: "deputy",
        on: dy("2025-12-10"),
        comments: [
          {
            by: "vicechair",
            body: "Good to see the checklists in every book on my visit. How will you know the redrafting improves the quality of writing, not just its length?",
            at: dy("2025-12-15T18:30:00.000Z"),
          },
        ],
      },
      {
        term: "spring",
        rag: "amber",
        progress: "Writing groups run three times a week for nine Year 6 pupils. Moderation with the partner school took place in March. The author visit was cancelled.",
        impact:
          "Moderation with the partner school agreed our judgements. Books show longer, better-structured pieces; the spring assessment figures for Year 6 are cited below. Greater-depth writing is still rare.",
        next: "Keep the writing groups until May; plan greater-depth writing challenges for the most able.",
        by: "deputy",
        on: dy("2026-03-25"),
        evidence: [0, 1],
      },
      {
        term: "summer",
        rag: "amber",
        progress: "All planned actions are complete except the grammar scheme for Years 3 and 4.",
        impact: "Moderation confirmed the end-of-year judgements (the figures are cited below). Editing and redrafting are now routine in every KS2 class, but greater-depth writing remains rare.",
        next: "Carry the strand into 2026-27 with a sharper focus on greater depth and on Years 3 and 4.",
        by: "deputy",
        on: dy("2026-07-15"),
        evidence: [0, 1],
        comments: [{ by: "chair", body: "The board agrees this should continue next year. Please bring the Year 3 and 4 picture to the autumn meeting.", at: dy("2026-07-16T19:05:00.000Z") }],
      },
    ],
  },
  {
    key: "gap",
    title: "Close the gap for disadvantaged pupils",
    rationale:
      "Disadvantaged pupils (about a third of each cohort) do markedly less well than their classmates: in 2025 the gap in Year 6 reading, writing and maths combined was very wide, and fewer than a third of disadvantaged Year 6 pupils read at the expected standard. Their attendance is also lower.",
    areas: ["inclusion", "achievement"],
    lead: "senco",
    governor: "gov_pp",
    criteria: [
      {
        description: "At least half of disadvantaged Year 6 pupils reach the expected standard in reading",
        headline: true,
        metric: "attainment_expected",
        yearGroup: "Y6",
        subject: "reading",
        pupilGroup: "disadvantaged",
        baseline: 30,
        target: 50,
        due: "summer",
      },
      {
        description: "The disadvantaged gap in Year 6 reading, writing and maths narrows by at least 10 points",
        metric: "disadvantaged_gap",
        yearGroup: "Y6",
        subject: "rwm",
        baseline: -58,
        target: -48,
        due: "summer",
      },
      { description: "Every disadvantaged pupil is discussed at each pupil progress meeting, with an agreed action" },
    ],
    actions: [
      {
        d: "Rewrite the pupil premium strategy around three evidence-based approaches (EEF guide)",
        owner: "senco",
        support: ["head"],
        start: dy("2025-09-01"),
        due: dy("2025-10-31"),
        resources: "Leadership time",
        monitoring: "Strategy approved by governors",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "Daily reading with an adult for disadvantaged pupils not yet reading fluently (Years 2 to 6)",
        owner: "ta2",
        support: ["ta1"],
        start: dy("2025-09-15"),
        due: dy("2026-07-17"),
        cost: 5200,
        resources: "Two teaching assistants, 45 minutes a day",
        monitoring: "Reading ages every term",
        monitoredBy: "senco",
        status: "done",
      },
      {
        d: "Same-day catch-up in maths for pupils who miss the key learning point",
        owner: "y3",
        support: ["y4"],
        start: dy("2025-11-03"),
        due: dy("2026-07-17"),
        cost: 900,
        resources: "Maths lead release time for coaching",
        monitoring: "Learning walk and pupil voice",
        monitoredBy: "senco",
        status: "done",
      },
      {
        d: "Fund trips, clubs and music tuition so that no disadvantaged pupil misses out",
        owner: "office",
        start: dy("2025-09-01"),
        due: dy("2026-07-17"),
        cost: 3500,
        resources: "Pupil premium budget",
        monitoring: "Take-up report each term",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "Family liaison: termly meetings with families of disadvantaged pupils with attendance below 90%",
        owner: "senco",
        start: dy("2025-10-01"),
        due: dy("2026-07-10"),
        resources: "SENCO time",
        monitoring: "Attendance of the group",
        monitoredBy: "head",
        status: "in_progress",
        notes: "Meetings held with 11 of 14 families.",
      },
    ],
    milestones: [
      { term: "autumn", d: "The new strategy is approved and published; reading support starts for every identified pupil", met: true },
      { term: "spring", d: "Spring data shows the gap narrowing in Year 6" },
      { term: "summer", d: "Half of disadvantaged Year 6 pupils at the expected standard in reading; the combined gap 10 points narrower" },
    ],
    reviews: [
      {
        term: "autumn",
        rag: "green",
        progress: "Governors approved the revised strategy in October. Daily reading started in September for 19 pupils; maths catch-up started after half term.",
        impact: "Reading ages of the daily-reading group rose by an average of seven months in one term.",
        next: "Analyse spring data by group; extend catch-up to Year 6.",
        by: "senco",
        on: dy("2025-12-11"),
        comments: [{ by: "gov_pp", body: "Could the spring report show the reading-age gains for disadvantaged and other pupils side by side?", at: dy("2025-12-18T17:45:00.000Z") }],
      },
      {
        term: "spring",
        rag: "amber",
        progress: "All actions running. Take-up of clubs by disadvantaged pupils is up from 40% to 71%.",
        impact: "Reading ages of the daily-reading group rose again. The spring figures for disadvantaged pupils in Year 6 are cited below; attendance of the group still holds some pupils back.",
        next: "Family liaison meetings for every disadvantaged pupil below 90% attendance.",
        by: "senco",
        on: dy("2026-03-26"),
        evidence: [0],
      },
      {
        term: "summer",
        rag: "amber",
        progress: "Family meetings took place with 11 of 14 families. All other actions are complete.",
        impact:
          "Disadvantaged pupils now take a full part in clubs and trips, and the reading group's reading ages rose by more than a year on average. The end-of-year figures are cited below: the gap is still too wide.",
        next: "Carry forward into 2026-27, focusing on reading, writing and maths together and on maths in Year 5.",
        by: "senco",
        on: dy("2026-07-14"),
        evidence: [0, 1],
      },
    ],
  },
  {
    key: "attendance",
    title: "Improve attendance and reduce persistent absence",
    rationale:
      "Attendance was 94.2% in 2024-25, below the national average, and 17.5% of pupils were persistently absent (missing 10% or more of sessions). Absence is concentrated in a small number of families and on Mondays and Fridays.",
    areas: ["attendance_behaviour"],
    lead: "head",
    governor: "gov_parent1",
    criteria: [
      { description: "Whole-school attendance for the year is at least 96%", headline: true, metric: "attendance_pct", pupilGroup: "all", baseline: 94.2, target: 96, due: "summer" },
      { description: "Persistent absence falls to 12% or lower", metric: "persistent_absence_pct", pupilGroup: "all", baseline: 17.5, target: 12, lowerIsBetter: true, due: "summer" },
    ],
    actions: [
      {
        d: "Weekly attendance meeting (head, SENCO and office) to track every pupil below 92%",
        owner: "office",
        support: ["head", "senco"],
        start: dy("2025-09-08"),
        due: dy("2026-07-17"),
        resources: "One hour a week",
        monitoring: "Attendance report to governors each term",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "First-day calls and a home visit on the third day of unexplained absence",
        owner: "office",
        start: dy("2025-09-08"),
        due: dy("2026-07-17"),
        resources: "Office time; the head or SENCO for visits",
        monitoring: "Weekly attendance meeting",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "Class attendance awards and a termly 100% attendance celebration",
        owner: "pe",
        start: dy("2025-09-15"),
        due: dy("2026-07-17"),
        cost: 300,
        resources: "Certificates and a small prize budget",
        monitoring: "Pupil voice",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "Breakfast club places offered to families of persistently absent pupils",
        owner: "ta2",
        start: dy("2025-11-03"),
        due: dy("2026-07-17"),
        cost: 1800,
        resources: "Breakfast club staffing",
        monitoring: "Attendance of the pupils offered places",
        monitoredBy: "office",
        status: "done",
      },
    ],
    milestones: [
      { term: "autumn", d: "Attendance at least 95% over the term", met: false },
      { term: "spring", d: "Persistent absence below 15%", met: true },
      { term: "summer", d: "Attendance 96% and persistent absence 12% or lower", met: false },
    ],
    reviews: [
      {
        term: "autumn",
        rag: "amber",
        progress: "Weekly meetings and first-day calls are in place. Four home visits were made.",
        impact: "Attendance was 94.2% this term (last autumn: 93.8%), held back by an outbreak of illness in November; 15.2% of pupils were persistently absent.",
        next: "Offer breakfast club places to the families of persistently absent pupils.",
        by: "head",
        on: dy("2025-12-12"),
        evidence: [0, 1],
        comments: [{ by: "gov_parent1", body: "Parents I spoke to at pick-up did not know about the breakfast club offer. Could it go in the newsletter?", at: dy("2025-12-16T08:20:00.000Z") }],
      },
      {
        term: "spring",
        rag: "green",
        progress: "Breakfast club places taken up by 9 of 12 families offered them.",
        impact: "Persistent absence for the year so far fell to 12.4%, the lowest for three years, and attendance rose to 94.7%.",
        next: "Keep all actions running; target Friday absence.",
        by: "head",
        on: dy("2026-03-27"),
        evidence: [0, 1],
      },
      {
        term: "summer",
        rag: "amber",
        progress: "All actions complete and now part of routine practice.",
        impact: "Attendance for the year reached 94.9% and persistent absence fell to 11.0%: the persistent absence target is met, but attendance is still short of 96%.",
        next: "Carry forward with the 2026-27 targets; add a focus on the youngest pupils' punctuality.",
        by: "head",
        on: dy("2026-07-16"),
        evidence: [0, 1],
      },
    ],
  },
  {
    key: "curriculum",
    title: "A broad, well-sequenced curriculum in the foundation subjects",
    rationale:
      "Our core subjects are well planned but the foundation subjects are not: history, geography and art plans list topics rather than the knowledge pupils should remember, and subject leaders have had little time to check what is taught.",
    areas: ["curriculum_teaching", "personal_development_wellbeing"],
    lead: "eyfs",
    governor: "vicechair",
    criteria: [
      { description: "Every foundation subject has a progression map showing the knowledge taught in each year" },
      {
        description: "Subject leaders have each carried out a deep dive in their subject",
        headline: true,
        metric: "manual",
        unit: "subjects",
        baseline: 0,
        target: 8,
        due: "summer",
        values: { autumn: 2, spring: 5, summer: 8 },
      },
      { description: "In pupil voice, pupils recall and connect what they learned in earlier years" },
    ],
    actions: [
      {
        d: "Write progression maps for history, geography, art and DT",
        owner: "y4",
        support: ["ppa", "y5"],
        start: dy("2025-09-01"),
        due: dy("2025-12-12"),
        cost: 600,
        resources: "Two afternoons of release for each subject leader",
        monitoring: "Curriculum review by the phase leaders",
        monitoredBy: "eyfs",
        status: "done",
      },
      {
        d: "Deep-dive training for subject leaders",
        owner: "eyfs",
        start: dy("2025-10-01"),
        due: dy("2025-11-14"),
        cost: 450,
        resources: "Local authority course",
        monitoring: "Deep-dive reports",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "Deep dives in eight foundation subjects, reported to governors",
        owner: "y4",
        support: ["pe", "ppa", "y5"],
        start: dy("2025-11-17"),
        due: dy("2026-07-10"),
        cost: 1600,
        resources: "Release time",
        monitoring: "Reports to the curriculum committee",
        monitoredBy: "eyfs",
        status: "done",
      },
      {
        d: "Knowledge retrieval starters in every foundation lesson",
        owner: "y1",
        start: dy("2026-01-05"),
        due: dy("2026-03-27"),
        resources: "Staff meeting time",
        monitoring: "Learning walk",
        monitoredBy: "eyfs",
        status: "done",
      },
      {
        d: "Refresh school library stock for history and geography",
        owner: "ta1",
        start: dy("2026-02-02"),
        due: dy("2026-05-22"),
        cost: 750,
        resources: "Library budget",
        monitoring: "Pupil voice",
        monitoredBy: "y4",
        status: "done",
      },
    ],
    milestones: [
      { term: "autumn", d: "Progression maps written for four subjects", met: true },
      { term: "spring", d: "At least five deep dives completed", met: true },
      { term: "summer", d: "All eight deep dives complete; pupil voice shows pupils connect learning across years", met: true },
    ],
    reviews: [
      {
        term: "autumn",
        rag: "green",
        progress: "Progression maps for history, geography, art and DT are complete. Two deep dives done.",
        impact: "Teachers now plan from the maps; the autumn planning scrutiny found knowledge goals in every unit.",
        next: "Complete three more deep dives in spring.",
        by: "eyfs",
        on: dy("2025-12-09"),
      },
      {
        term: "spring",
        rag: "green",
        progress: "Five deep dives completed; retrieval starters in place.",
        impact: "In pupil voice, Year 5 pupils explained how their Romans topic connected to Year 3 work on the Stone Age.",
        next: "Finish the remaining deep dives; refresh the library.",
        by: "eyfs",
        on: dy("2026-03-24"),
        evidence: [1],
      },
      {
        term: "summer",
        rag: "blue",
        progress: "All eight deep dives are complete and reported to governors.",
        impact: "Subject leaders now know what is taught and how well. The curriculum committee judged the foundation curriculum coherent and well sequenced.",
        next: "Achieved: keep deep dives in the monitoring calendar; no separate strand next year.",
        by: "eyfs",
        on: dy("2026-07-13"),
        evidence: [1],
        comments: [{ by: "vicechair", body: "The deep-dive reports were excellent. Agreed that this strand is achieved.", at: dy("2026-07-14T16:10:00.000Z") }],
      },
    ],
  },
  {
    key: "governance",
    title: "Sharper governance and leaders' monitoring",
    rationale: "Governors receive a lot of information but find it hard to see whether the plan is working; monitoring by leaders is not always carried out as planned.",
    areas: ["leadership_governance"],
    lead: "head",
    governor: "chair",
    criteria: [
      {
        description: "At least 90% of the planned monitoring is carried out",
        headline: true,
        metric: "manual",
        unit: "%",
        baseline: 60,
        target: 90,
        due: "summer",
        values: { autumn: 78, spring: 88, summer: 94 },
      },
      {
        description: "Every link governor makes at least one visit each term",
        metric: "manual",
        unit: "visits",
        baseline: 5,
        target: 15,
        due: "summer",
        values: { autumn: 5, spring: 10, summer: 15 },
      },
      { description: "The termly report to governors leads with progress against the plan" },
    ],
    actions: [
      {
        d: "Monitoring calendar for the year agreed with all leaders",
        owner: "head",
        support: ["deputy", "senco", "eyfs"],
        start: dy("2025-09-01"),
        due: dy("2025-09-26"),
        resources: "SLT meeting",
        monitoring: "Calendar reviewed each half term",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "Link governor visit programme with a shared visit record",
        owner: "head",
        start: dy("2025-09-15"),
        due: dy("2025-10-17"),
        resources: "Clerk and chair time",
        monitoring: "Visits recorded each term",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "Governor training on asking challenging questions",
        owner: "office",
        start: dy("2025-10-01"),
        due: dy("2025-11-20"),
        cost: 350,
        resources: "Local authority governor services",
        monitoring: "Challenge recorded in minutes",
        monitoredBy: "head",
        status: "done",
      },
      {
        d: "New format for the headteacher's report, led by the plan's progress",
        owner: "head",
        start: dy("2025-11-01"),
        due: dy("2026-01-30"),
        resources: "Head's time",
        monitoring: "Governor feedback",
        monitoredBy: "head",
        status: "done",
      },
    ],
    milestones: [
      { term: "autumn", d: "Monitoring calendar agreed; every link governor has a visit booked", met: true },
      { term: "spring", d: "First report in the new format", met: true },
      { term: "summer", d: "90% of planned monitoring done; 15 link governor visits", met: true },
    ],
    reviews: [
      {
        term: "autumn",
        rag: "green",
        progress: "Calendar agreed; five link governor visits took place.",
        impact: "78% of planned monitoring was carried out (last year: about 60%).",
        next: "Launch the new report format in spring.",
        by: "head",
        on: dy("2025-12-12"),
        evidence: [0, 1],
      },
      {
        term: "spring",
        rag: "green",
        progress: "The spring report to governors used the new format.",
        impact: "Governors' questions in the spring meeting focused on the plan's impact rather than activity.",
        next: "Keep visits on track in summer.",
        by: "head",
        on: dy("2026-03-27"),
        evidence: [0, 1],
        comments: [{ by: "chair", body: "The new report is much clearer. Thank you.", at: dy("2026-03-30T18:00:00.000Z") }],
      },
      {
        term: "summer",
        rag: "blue",
        progress: "All actions complete.",
        impact: "94% of planned monitoring was carried out and every link governor visited each term.",
        next: "Achieved; now routine practice.",
        by: "head",
        on: dy("2026-07-16"),
        evidence: [0, 1],
      },
    ],
  },
];

const CURRENT: StrandSeed[] = [
  {
    key: "writing",
    carriedFrom: "writing",
    title: "Raise standards in writing across Key Stage 2",
    rationale:
      "Carried forward from 2025-26. Writing improved last year but is still behind reading and maths at the end of Year 6, and too few pupils write at greater depth. Years 3 and 4 need the grammar-in-writing approach that is now in place in Years 5 and 6.",
    areas: ["achievement", "curriculum_teaching"],
    lead: "deputy",
    governor: "vicechair",
    criteria: [
      {
        description: "At least 76% of Year 6 reach the expected standard in writing",
        headline: true,
        metric: "attainment_expected",
        yearGroup: "Y6",
        subject: "writing",
        pupilGroup: "all",
        baseline: 73.3,
        target: 76,
        due: "summer",
      },
      {
        description: "At least 20% of Year 6 write at greater depth",
        metric: "attainment_greater_depth",
        yearGroup: "Y6",
        subject: "writing",
        pupilGroup: "all",
        baseline: 16.7,
        target: 20,
        due: "summer",
      },
      {
        description: "Year 4 writing at the expected standard reaches 72%",
        metric: "attainment_expected",
        yearGroup: "Y4",
        subject: "writing",
        pupilGroup: "all",
        baseline: 60,
        target: 72,
        due: "summer",
      },
    ],
    actions: [
      {
        d: "Extend the grammar-in-writing scheme to Years 3 and 4",
        owner: "y5",
        support: ["y3", "y4"],
        start: dy("2026-09-01"),
        due: dy("2026-10-23"),
        cost: 650,
        resources: "Planning time",
        monitoring: "Planning scrutiny",
        monitoredBy: "y2",
        status: "done",
      },
      {
        d: "Greater-depth writing challenge each half term in Years 5 and 6",
        owner: "deputy",
        support: ["y5"],
        start: dy("2026-09-14"),
        due: dy("2027-07-16"),
        resources: "Model texts",
        monitoring: "Book look",
        monitoredBy: "y2",
        status: "in_progress",
      },
      {
        d: "Book look across KS2 focused on editing and redrafting",
        owner: "y2",
        start: dy("2026-10-05"),
        due: dy("2026-11-13"),
        resources: "Staff meeting time",
        monitoring: "Report to SLT",
        monitoredBy: "deputy",
        status: "in_progress",
        notes: "Years 3 and 5 looked at; Years 4 and 6 still to do.",
      },
      {
        d: "Writing moderation with the partner school",
        owner: "y2",
        support: ["deputy"],
        start: dy("2026-11-02"),
        due: dy("2026-12-04"),
        cost: 200,
        resources: "Supply cover",
        monitoring: "Moderation record",
        monitoredBy: "deputy",
        status: "not_started",
      },
      {
        d: "Year 4 writing interventions for pupils working towards the expected standard",
        owner: "ta1",
        start: dy("2027-01-04"),
        due: dy("2027-05-21"),
        cost: 1800,
        resources: "Teaching assistant time",
        monitoring: "Spring assessments",
        monitoredBy: "deputy",
        status: "not_started",
      },
    ],
    milestones: [
      { term: "autumn", d: "Grammar-in-writing scheme taught in every KS2 class; first greater-depth challenge completed" },
      { term: "spring", d: "Spring assessments show 70% of Year 6 at the expected standard in writing" },
      { term: "summer", d: "76% at the expected standard and 20% at greater depth in Year 6" },
    ],
    reviews: [
      {
        term: "autumn",
        rag: "amber",
        progress: "The grammar scheme is now taught in Years 3 to 6. The first greater-depth challenge took place in October. The book look is half done.",
        impact:
          "Year 3 and 5 books show pupils applying taught grammar in their own writing. The autumn assessment figures for Year 6 are cited below; greater depth is the priority for the rest of the year.",
        evidence: [0, 1, 2],
        next: "Finish the book look; moderate with the partner school before Christmas.",
        by: "deputy",
        on: dy("2026-11-18"),
        comments: [{ by: "vicechair", body: "Will the partner-school moderation include Year 4, given the new criterion?", at: dy("2026-11-20T19:15:00.000Z") }],
      },
    ],
  },
  {
    key: "gap",
    carriedFrom: "gap",
    title: "Close the disadvantaged gap in reading and maths",
    rationale:
      "Carried forward from 2025-26. The gap narrowed last year but is still too wide in reading, writing and maths combined, and in maths in Year 5; disadvantaged pupils' attendance remains below their peers'.",
    areas: ["inclusion", "achievement"],
    lead: "senco",
    governor: "gov_pp",
    criteria: [
      {
        description: "At least 55% of disadvantaged Year 6 pupils reach the expected standard in reading, writing and maths",
        headline: true,
        metric: "attainment_expected",
        yearGroup: "Y6",
        subject: "rwm",
        pupilGroup: "disadvantaged",
        baseline: 33.3,
        target: 55,
        due: "summer",
      },
      { description: "The disadvantaged gap in Year 5 maths narrows to 5 points or fewer", metric: "disadvantaged_gap", yearGroup: "Y5", subject: "maths", baseline: -12, target: -5, due: "summer" },
      { description: "Disadvantaged pupils' attendance for the year is at least 94%", metric: "attendance_pct", pupilGroup: "disadvantaged", baseline: 91.9, target: 94, due: "summer" },
    ],
    actions: [
      {
        d: "Maths mastery tutoring in small groups for disadvantaged pupils in Years 5 and 6",
        owner: "y3",
        support: ["ta1"],
        start: dy("2026-09-14"),
        due: dy("2027-03-26"),
        cost: 3200,
        resources: "National Tutoring Programme-style tutoring, three times a week",
        monitoring: "Termly assessments of the group",
        monitoredBy: "senco",
        status: "in_progress",
      },
      {
        d: "Daily reading with an adult for disadvantaged pupils not yet reading fluently",
        owner: "ta2",
        start: dy("2026-09-07"),
        due: dy("2027-07-16"),
        cost: 5200,
        resources: "Teaching assistant time",
        monitoring: "Reading ages each term",
        monitoredBy: "senco",
        status: "in_progress",
      },
      {
        d: "Family liaison meetings for disadvantaged pupils below 90% attendance",
        owner: "senco",
        start: dy("2026-09-21"),
        due: dy("2026-11-06"),
        resources: "SENCO time",
        monitoring: "Attendance of the group",
        monitoredBy: "head",
        status: "not_started",
        notes: "Carried forward: three families still to meet.",
      },
      {
        d: "Pupil premium strategy review published on the website",
        owner: "head",
        start: dy("2026-09-01"),
        due: dy("2026-12-11"),
        resources: "Head and SENCO time",
        monitoring: "Governors approve the statement",
        monitoredBy: "head",
        status: "in_progress",
      },
      {
        d: "Check that every disadvantaged pupil has an agreed action at the autumn progress meetings",
        owner: "deputy",
        start: dy("2026-11-02"),
        due: dy("2026-11-30"),
        resources: "Progress meeting time",
        monitoring: "Progress meeting records",
        monitoredBy: "senco",
        status: "in_progress",
      },
    ],
    milestones: [
      { term: "autumn", d: "Tutoring groups running; every disadvantaged pupil discussed at the autumn progress meetings" },
      { term: "spring", d: "Spring data shows the Year 5 maths gap below 9 points" },
      { term: "summer", d: "55% of disadvantaged Year 6 pupils at the expected standard in reading, writing and maths" },
    ],
    reviews: [],
  },
  {
    key: "attendance",
    carriedFrom: "attendance",
    title: "Improve attendance and reduce persistent absence",
    rationale:
      "Carried forward from 2025-26. Attendance improved to 94.9% and persistent absence fell to 11.0%, but attendance is still short of our target and persistent absence among disadvantaged pupils is far higher than among their classmates; punctuality in Reception and Year 1 is a new concern.",
    areas: ["attendance_behaviour"],
    lead: "head",
    governor: "gov_parent1",
    criteria: [
      { description: "Whole-school attendance for the year is at least 96%", headline: true, metric: "attendance_pct", pupilGroup: "all", baseline: 94.9, target: 96, due: "summer" },
      { description: "Persistent absence falls to 8% or lower", metric: "persistent_absence_pct", pupilGroup: "all", baseline: 11, target: 8, lowerIsBetter: true, due: "summer" },
      {
        description: "Persistent absence among disadvantaged pupils falls to 18% or lower",
        metric: "persistent_absence_pct",
        pupilGroup: "disadvantaged",
        baseline: 25,
        target: 18,
        lowerIsBetter: true,
        due: "summer",
      },
      { description: "No more than two suspensions in the year", metric: "suspensions", pupilGroup: "all", baseline: 4, target: 2, lowerIsBetter: true, due: "summer" },
    ],
    actions: [
      {
        d: "Weekly attendance meeting to track every pupil below 92%",
        owner: "office",
        support: ["head", "senco"],
        start: dy("2026-09-07"),
        due: dy("2027-07-16"),
        resources: "One hour a week",
        monitoring: "Attendance report to governors",
        monitoredBy: "head",
        status: "in_progress",
      },
      {
        d: "Punctuality campaign for Reception and Year 1 families, with a soft start from 8:40",
        owner: "eyfs",
        support: ["y1"],
        start: dy("2026-09-14"),
        due: dy("2026-10-16"),
        cost: 120,
        resources: "Leaflets; staff on the gate",
        monitoring: "Late marks each week",
        monitoredBy: "office",
        status: "done",
      },
      {
        d: "Attendance section in every newsletter, with class league tables",
        owner: "office",
        start: dy("2026-09-07"),
        due: dy("2027-07-16"),
        resources: "Office time",
        monitoring: "Parent survey",
        monitoredBy: "head",
        status: "in_progress",
      },
      {
        d: "Review the attendance policy with governors against the DfE's Working together to improve school attendance guidance",
        owner: "head",
        start: dy("2026-10-05"),
        due: dy("2026-11-13"),
        resources: "Head's time",
        monitoring: "Governors approve the policy",
        monitoredBy: "head",
        status: "in_progress",
        notes: "Draft written; on the agenda for the December meeting.",
      },
      {
        d: "Breakfast club places for persistently absent pupils",
        owner: "ta2",
        start: dy("2026-09-07"),
        due: dy("2027-07-16"),
        cost: 1800,
        resources: "Breakfast club staffing",
        monitoring: "Attendance of pupils offered places",
        monitoredBy: "office",
        status: "in_progress",
      },
    ],
    milestones: [
      { term: "autumn", d: "Late marks in Reception and Year 1 halved; attendance policy approved" },
      { term: "spring", d: "Persistent absence below 10%" },
      { term: "summer", d: "Attendance 96% and persistent absence 8% or lower" },
    ],
    reviews: [
      {
        term: "autumn",
        rag: "green",
        progress: "The punctuality campaign ran in September and October. Weekly meetings and breakfast club continue. The policy review is drafted.",
        impact: "Autumn attendance so far is 95.4% and persistent absence 8.1%, both ahead of the same point last year. Late marks in Reception and Year 1 have halved.",
        next: "Governors to approve the attendance policy in December.",
        by: "head",
        on: dy("2026-11-19"),
        evidence: [0, 1],
      },
    ],
  },
  {
    key: "reading",
    title: "Early reading and phonics in Reception and Key Stage 1",
    rationale:
      "81% of Year 1 passed the phonics screening check in 2026, below the national figure; too few Year 2 pupils read at greater depth, and the lowest readers are not catching up quickly enough. Some staff are new to our phonics programme.",
    areas: ["early_years", "curriculum_teaching"],
    lead: "eyfs",
    governor: "gov_coopt",
    criteria: [
      { description: "At least 88% of Year 1 pass the phonics screening check", headline: true, metric: "manual", unit: "%", baseline: 81, target: 88, due: "summer" },
      {
        description: "At least 30% of Year 2 read at greater depth",
        metric: "attainment_greater_depth",
        yearGroup: "Y2",
        subject: "reading",
        pupilGroup: "all",
        baseline: 26.7,
        target: 30,
        due: "summer",
      },
      { description: "Every adult who teaches phonics is seen teaching it each half term and receives feedback" },
    ],
    actions: [
      {
        d: "Phonics training for every adult who teaches it, including new staff",
        owner: "eyfs",
        support: ["y1", "ta2"],
        start: dy("2026-09-01"),
        due: dy("2026-09-25"),
        cost: 900,
        resources: "Programme training licence",
        monitoring: "Phonics drop-ins",
        monitoredBy: "eyfs",
        status: "done",
      },
      {
        d: "Daily keep-up sessions for pupils who did not secure the day's sound",
        owner: "y1",
        support: ["ta2"],
        start: dy("2026-09-14"),
        due: dy("2027-06-11"),
        resources: "Teaching assistant time",
        monitoring: "Half-termly phonics assessments",
        monitoredBy: "eyfs",
        status: "in_progress",
      },
      {
        d: "Decodable reading books matched to the programme for Reception and Year 1",
        owner: "y1",
        start: dy("2026-09-07"),
        due: dy("2026-11-20"),
        cost: 1500,
        resources: "Book budget",
        monitoring: "Learning walk",
        monitoredBy: "eyfs",
        status: "in_progress",
        notes: "Order placed; about half the books delivered and sorted.",
      },
      {
        d: "Phonics workshop for Reception and Year 1 parents",
        owner: "y1",
        support: ["eyfs"],
        start: dy("2026-11-09"),
        due: dy("2026-12-04"),
        cost: 60,
        resources: "Hall, refreshments, take-home packs",
        monitoring: "Attendance at the workshop; parent feedback",
        monitoredBy: "eyfs",
        status: "not_started",
      },
      {
        d: "Year 2 reading fluency groups for pupils below the expected standard",
        owner: "y2",
        support: ["ta2"],
        start: dy("2027-01-04"),
        due: dy("2027-05-14"),
        resources: "Teaching assistant time",
        monitoring: "Reading ages",
        monitoredBy: "eyfs",
        status: "not_started",
      },
    ],
    milestones: [
      { term: "autumn", d: "All phonics staff trained and seen teaching; keep-up sessions running daily" },
      { term: "spring", d: "Mock phonics check: 80% of Year 1 on track" },
      { term: "summer", d: "88% pass the phonics screening check; 30% of Year 2 read at greater depth" },
    ],
    reviews: [],
  },
  {
    key: "send",
    title: "Adaptive teaching for pupils with special educational needs",
    rationale:
      "Pupils with SEN support make less progress than their peers in reading, writing and maths. Learning walks found that adaptations are often made by teaching assistants outside the lesson rather than by teachers within it.",
    areas: ["inclusion", "curriculum_teaching"],
    lead: "senco",
    governor: "gov_send",
    criteria: [
      {
        description: "At least 40% of Year 6 pupils with SEN reach the expected standard in reading, writing and maths",
        headline: true,
        metric: "attainment_expected",
        yearGroup: "Y6",
        subject: "rwm",
        pupilGroup: "sen",
        baseline: 20,
        target: 40,
        due: "summer",
      },
      { description: "Learning walks find adaptive teaching within the lesson in at least four out of five classrooms" },
    ],
    actions: [
      {
        d: "Training for teachers and teaching assistants on adaptive teaching (EEF SEND guidance)",
        owner: "senco",
        start: dy("2026-09-01"),
        due: dy("2026-10-09"),
        cost: 500,
        resources: "INSET session and follow-up",
        monitoring: "Learning walk",
        monitoredBy: "deputy",
        status: "done",
      },
      {
        d: "One-page profiles for every pupil on the SEN register, shared with all adults who teach them",
        owner: "senco",
        support: ["ta1", "ta2"],
        start: dy("2026-09-14"),
        due: dy("2026-11-06"),
        resources: "SENCO and TA time",
        monitoring: "Profile audit",
        monitoredBy: "head",
        status: "in_progress",
        notes: "31 of 38 profiles complete.",
      },
      {
        d: "Coaching for two teachers a half term on scaffolding within lessons",
        owner: "deputy",
        support: ["senco"],
        start: dy("2026-11-02"),
        due: dy("2027-07-09"),
        cost: 1200,
        resources: "Release time for coaching",
        monitoring: "Coaching log",
        monitoredBy: "senco",
        status: "in_progress",
      },
      {
        d: "Review of teaching assistant deployment across KS2",
        owner: "senco",
        support: ["office"],
        start: dy("2027-01-04"),
        due: dy("2027-02-12"),
        resources: "Timetables",
        monitoring: "Report to SLT",
        monitoredBy: "head",
        status: "not_started",
      },
    ],
    milestones: [
      { term: "autumn", d: "All staff trained; every SEN pupil has a current one-page profile" },
      { term: "spring", d: "Learning walk finds adaptive teaching in three of five classrooms" },
      { term: "summer", d: "Four of five classrooms; 40% of Year 6 SEN pupils at the expected standard in reading, writing and maths" },
    ],
    reviews: [],
  },
];

/** Evidence that cites a criterion's reading for a term, in the same form the review form offers. */
function criterionEvidence(term: { id: string; key: string }, c: { id: string; seed: CriterionSeed }) {
  const termLabel = (() => {
    const [y, name] = term.key.split(":") as [string, TermName];
    const start = Number(y.slice(0, 4));
    return `${name[0]!.toUpperCase()}${name.slice(1)} ${name === "autumn" ? start : start + 1}`;
  })();
  const targetId = `${term.id}|${c.id}`;
  if (c.seed.metric === "attendance_pct" || c.seed.metric === "persistent_absence_pct" || c.seed.metric === "suspensions") {
    return { targetType: "attendance_summary" as const, targetId, label: `Attendance, ${termLabel}: ${c.seed.description}` };
  }
  if (c.seed.metric === "manual") {
    const v = c.seed.values?.[term.key.split(":")[1] as TermName];
    if (v === undefined) return null;
    const unit = c.seed.unit === "%" ? "%" : c.seed.unit ? ` ${c.seed.unit}` : "";
    return { targetType: "criterion" as const, targetId, label: `${c.seed.description}, ${termLabel}: ${v}${unit}` };
  }
  return { targetType: "assessment_summary" as const, targetId, label: `Assessment, ${termLabel}: ${c.seed.description}` };
}

function seedPlan(ctx: DemoContext, db: DbOrTx, rnd: Random, year: DemoYear, authored: StrandSeed[], carried: Record<string, string>): Record<string, string> {
  const seeds = ytDeep(authored);
  const { people } = ctx;
  const person = (key: string) => {
    const id = people[key];
    if (!id) throw new Error(`Demo SIP seed: no person ${key}`);
    return id;
  };
  const planId = rnd.uuid();
  db.insert(plans)
    .values({
      id: planId,
      academicYearId: year.id,
      title: `School improvement plan ${year.name}`,
      createdAt: `${year.terms.autumn.startDate}T08:00:00.000Z`,
      updatedAt: `${year.terms.autumn.startDate}T08:00:00.000Z`,
    })
    .run();
  const ids: Record<string, string> = {};
  seeds.forEach((s, i) => {
    const strandId = rnd.uuid();
    ids[s.key] = strandId;
    db.insert(strands)
      .values({
        id: strandId,
        planId,
        position: i + 1,
        title: s.title,
        rationale: s.rationale,
        leadId: person(s.lead),
        linkGovernorId: person(s.governor),
        carriedFromId: s.carriedFrom ? (carried[s.carriedFrom] ?? null) : null,
      })
      .run();
    for (const areaKey of s.areas) db.insert(strandSefLinks).values({ id: rnd.uuid(), strandId, areaKey, developmentPointId: null }).run();

    const criteria = s.criteria.map((c, j) => {
      const id = rnd.uuid();
      const measurable = c.metric !== undefined;
      db.insert(successCriteria)
        .values({
          id,
          strandId,
          position: j + 1,
          kind: measurable ? "measurable" : "narrative",
          description: c.description,
          isHeadline: c.headline ?? false,
          metric: c.metric ?? null,
          yearGroup: c.yearGroup ?? null,
          subject: c.subject ?? null,
          pupilGroup:
            c.metric === "attainment_expected" || c.metric === "attainment_greater_depth" || c.metric === "attendance_pct" || c.metric === "persistent_absence_pct" || c.metric === "suspensions"
              ? (c.pupilGroup ?? "all")
              : null,
          unit: c.unit ?? null,
          baseline: c.baseline ?? null,
          target: c.target ?? null,
          lowerIsBetter: c.lowerIsBetter ?? false,
          dueTermId: measurable ? year.terms[c.due ?? "summer"].id : null,
        })
        .run();
      for (const [term, value] of Object.entries(c.values ?? {}) as [TermName, number][]) {
        const t = year.terms[term];
        // The current term's values were recorded a few days before the demo's "today" (23 Nov 2026).
        const recordedAt = year === ctx.current && term === "autumn" ? dy("2026-11-20T16:00:00.000Z") : `${t.endDate}T16:00:00.000Z`;
        db.insert(criterionValues)
          .values({ id: rnd.uuid(), criterionId: id, termId: t.id, value, note: c.note ?? null, recordedById: person(c.unit === "%" ? "office" : s.lead), recordedAt })
          .run();
      }
      return { id, seed: c };
    });

    s.actions.forEach((a, j) => {
      const id = rnd.uuid();
      db.insert(planActions)
        .values({
          id,
          strandId,
          position: j + 1,
          description: a.d,
          ownerId: person(a.owner),
          startDate: a.start,
          dueDate: a.due,
          costPence: Math.round((a.cost ?? 0) * 100),
          resources: a.resources ?? "",
          monitoring: a.monitoring ?? "",
          monitoredById: a.monitoredBy ? person(a.monitoredBy) : null,
          status: a.status,
          notes: a.notes ?? "",
          completedAt: a.status === "done" ? `${a.due}T15:30:00.000Z` : null,
        })
        .run();
      for (const key of a.support ?? [])
        db.insert(planActionSupporters)
          .values({ actionId: id, userId: person(key) })
          .run();
    });

    s.milestones.forEach((m, j) => {
      db.insert(milestones)
        .values({ id: rnd.uuid(), strandId, term: m.term, description: m.d, met: m.met ?? null, position: j + 1 })
        .run();
    });

    for (const r of s.reviews) {
      const reviewId = rnd.uuid();
      const term = year.terms[r.term];
      db.insert(reviews)
        .values({
          id: reviewId,
          strandId,
          termId: term.id,
          rag: r.rag,
          progress: r.progress,
          impact: r.impact,
          nextSteps: r.next,
          reviewerId: person(r.by),
          reviewedOn: r.on,
          createdAt: `${r.on}T16:00:00.000Z`,
          updatedAt: `${r.on}T16:00:00.000Z`,
        })
        .run();
      for (const n of r.evidence ?? []) {
        const c = criteria[n];
        const e = c ? criterionEvidence(term, c) : null;
        if (e)
          db.insert(evidenceLinks)
            .values({ id: rnd.uuid(), ownerType: "review", ownerId: reviewId, ...e, url: null, createdById: person(r.by), createdAt: `${r.on}T16:00:00.000Z` })
            .run();
      }
      for (const c of r.comments ?? [])
        db.insert(reviewComments)
          .values({ id: rnd.uuid(), reviewId, authorId: person(c.by), body: c.body, createdAt: c.at })
          .run();
    }
  });
  return ids;
}

/** Both demo years' improvement plans. Runs first of the area seeders: monitoring later points at these strands. */
export function seedDemoSip(ctx: DemoContext, db: DbOrTx) {
  // Its own random stream for ids, so editing the plan's text or shape never shifts the data the
  // seeders after it generate from ctx.rnd.
  const rnd = createRandom(20260302);
  const previous = seedPlan(ctx, db, rnd, ctx.previous, PREVIOUS, {});
  seedPlan(ctx, db, rnd, ctx.current, CURRENT, previous);
}
