import { describe, expect, it } from "vitest";
import { REPORT_SECTIONS } from "@/db/schema/enums";
import { compareReports } from "@/lib/report/compare";
import { comparisonTerm, deltaPts, suggestNarrative, suggestStrandNarrative } from "@/lib/report/suggest";
import type { ReportData, ReportStrand } from "@/lib/report/types";

const strand = (over: Partial<ReportStrand>): ReportStrand => ({
  id: "s1",
  number: 1,
  title: "Writing",
  lead: "A Leader",
  linkGovernor: null,
  rag: "green",
  previousRag: "amber",
  previousRagTerm: "2025-26:autumn",
  actions: { done: 3, inProgress: 2, notStarted: 1, overdue: 0, dropped: 0, total: 6 },
  criteria: [],
  evidence: { monitoring: { observation: 2, learning_walk: 1 }, progress: "", impact: "", nextSteps: "", links: [] },
  ...over,
});

function sample(): ReportData {
  return {
    school: { name: "Test", urn: null, phase: "primary", localAuthority: null, trust: null },
    term: "2025-26:spring",
    status: "draft",
    generatedAt: "2026-03-01T00:00:00Z",
    publishedAt: null,
    context: {
      pupilsOnRoll: 212,
      byYearGroup: [{ yearGroup: "Y6", count: 30 }],
      groups: {
        disadvantaged: { count: 44, pct: 20.8, suppressed: false },
        fsm: { count: 30, pct: 14.2, suppressed: false },
        sen: { count: 36, pct: 17, suppressed: false },
        senSupport: { count: 30, pct: 14.2, suppressed: false },
        ehcp: { count: 6, pct: 2.8, suppressed: false },
        eal: { count: 37, pct: 17.5, suppressed: false },
        lookedAfter: { count: null, pct: null, suppressed: true },
        girls: { count: 100, pct: 47.2, suppressed: false },
        boys: { count: 112, pct: 52.8, suppressed: false },
      },
      staffingNotes: "",
    },
    plan: {
      title: "Plan",
      strands: [
        strand({}),
        strand({ id: "s2", number: 2, title: "Maths", rag: "amber", previousRag: "amber", actions: { done: 1, inProgress: 3, notStarted: 2, overdue: 0, dropped: 0, total: 6 } }),
        strand({ id: "s3", number: 3, title: "Attendance", rag: "red", previousRag: "amber", actions: { done: 0, inProgress: 0, notStarted: 2, overdue: 2, dropped: 0, total: 2 } }),
      ],
      totals: { done: 4, inProgress: 5, notStarted: 5, overdue: 2, dropped: 0, total: 14 },
    },
    monitoring: {
      countsByType: { observation: 9, learning_walk: 2, work_scrutiny: 1, pupil_voice: 0, drop_in: 3, governor_visit: 2, adviser_visit: 1 },
      coveragePct: 81.8,
      recurringStrengths: [{ heading: "Teaching", label: "Clear explanations", count: 6 }],
      recurringDevelopment: [{ heading: "Adaptation", label: "Checking understanding", count: 4 }],
    },
    attainment: [
      { yearGroup: "Y6", subject: "writing", group: "all", cohort: 30, atExpectedPct: 70.7, greaterDepthPct: 13.3, suppressed: false },
      { yearGroup: "Y6", subject: "rwm", group: "all", cohort: 30, atExpectedPct: 60, greaterDepthPct: 6.7, suppressed: false },
      { yearGroup: "Y5", subject: "maths", group: "all", cohort: 30, atExpectedPct: 83.3, greaterDepthPct: 20, suppressed: false },
      { yearGroup: "Y6", subject: "writing", group: "sen", cohort: 4, atExpectedPct: null, greaterDepthPct: null, suppressed: true },
    ],
    gaps: [{ yearGroup: "Y6", subject: "rwm", gapPts: -14.5 }],
    attainmentTrend: [
      { term: "2025-26:autumn", yearGroup: "Y6", subject: "writing", atExpectedPct: 58.3, greaterDepthPct: 10, gapPts: null },
      { term: "2025-26:autumn", yearGroup: "Y6", subject: "rwm", atExpectedPct: 50, greaterDepthPct: 3.3, gapPts: -20.5 },
      { term: "2025-26:autumn", yearGroup: "Y5", subject: "maths", atExpectedPct: 70, greaterDepthPct: 10, gapPts: null },
      { term: "2025-26:spring", yearGroup: "Y6", subject: "writing", atExpectedPct: 70.7, greaterDepthPct: 13.3, gapPts: null },
      { term: "2025-26:spring", yearGroup: "Y6", subject: "rwm", atExpectedPct: 60, greaterDepthPct: 6.7, gapPts: -14.5 },
      { term: "2025-26:spring", yearGroup: "Y5", subject: "maths", atExpectedPct: 83.3, greaterDepthPct: 20, gapPts: null },
    ],
    attendance: [
      { yearGroup: "all", group: "all", period: "term", cohort: 212, attendancePct: 95.3, persistentAbsencePct: 11.3, severeAbsencePct: 0.9, suppressed: false },
      { yearGroup: "all", group: "all", period: "year_to_date", cohort: 212, attendancePct: 94.8, persistentAbsencePct: 12.7, severeAbsencePct: 0.9, suppressed: false },
      { yearGroup: "all", group: "disadvantaged", period: "term", cohort: 44, attendancePct: 92.1, persistentAbsencePct: 25, severeAbsencePct: 2.3, suppressed: false },
      { yearGroup: "all", group: "not_disadvantaged", period: "term", cohort: 168, attendancePct: 96.1, persistentAbsencePct: 7.7, severeAbsencePct: 0.6, suppressed: false },
      { yearGroup: "all", group: "sen", period: "term", cohort: 4, attendancePct: null, persistentAbsencePct: null, severeAbsencePct: null, suppressed: true },
    ],
    behaviour: [
      { group: "all", period: "term", cohort: 212, suspensions: 2, suspendedPupils: 1, permanentExclusions: 0, excludedPupils: 0, suppressed: false },
      { group: "all", period: "year_to_date", cohort: 212, suspensions: 3, suspendedPupils: 2, permanentExclusions: 0, excludedPupils: 0, suppressed: false },
    ],
    attendanceTrend: [
      { term: "2025-26:autumn", attendancePct: 94.2, persistentAbsencePct: 15.2, disadvantagedPersistentAbsencePct: 33.9, otherPersistentAbsencePct: 8.4 },
      { term: "2025-26:spring", attendancePct: 95.3, persistentAbsencePct: 11.3, disadvantagedPersistentAbsencePct: 25, otherPersistentAbsencePct: 7.7 },
    ],
    attendanceNational: [
      { measure: "overall_absence", group: "all", phase: "all", year: "2024/25", value: 6.9, status: "estimate", sources: ["https://example.org/a"] },
      { measure: "persistent_absence", group: "all", phase: "all", year: "2024/25", value: 18.7, status: "estimate", sources: ["https://example.org/a"] },
    ],
    progressMeetings: { meetingsHeld: 7, classesWithoutMeeting: 0, pupilsDiscussed: 41, actionsAgreed: 44, outcomesRecorded: 38, openCarriedForward: 12, bySubject: { writing: 20 } },
    selfEvaluation: {
      framework: "Ofsted",
      version: { number: 3, publishedAt: "2026-02-01T00:00:00Z" },
      comparedWith: "2025-26:autumn",
      areas: [
        { areaKey: "a", area: "Achievement", grade: "Expected standard", gradeTone: "green", previousGrade: "Needs attention", changed: true },
        { areaKey: "b", area: "Inclusion", grade: "Strong standard", gradeTone: "green", previousGrade: "Strong standard", changed: false },
      ],
    },
    governance: {
      challenges: [
        { id: "c1", raisedOn: "2026-02-01", raisedBy: "G", source: "meeting", about: "", question: "Q", answer: "A", answeredBy: "H", answeredAt: null, owner: "H", status: "answered" },
        { id: "c2", raisedOn: "2026-02-02", raisedBy: "G", source: "meeting", about: "", question: "Q2", answer: null, answeredBy: null, answeredAt: null, owner: "H", status: "open" },
      ],
      visits: [
        { date: "2026-02-03", kind: "governor", visitor: "G", visitType: "Link visit", purpose: "", focus: [] },
        { date: "2026-02-04", kind: "governor", visitor: "G2", visitType: "Link visit", purpose: "", focus: [] },
        { date: "2026-02-05", kind: "adviser", visitor: "Adv", visitType: "Monitoring", purpose: "", focus: [] },
      ],
    },
    narrative: {},
  };
}

/** Every number the data holds (and the differences between them that a suggestion may state), as text. */
function traceable(d: ReportData): Set<string> {
  const nums = new Set<number>();
  const walk = (v: unknown) => {
    if (typeof v === "number") nums.add(v);
    else if (typeof v === "string") for (const m of v.match(/\d+(\.\d+)?/g) ?? []) nums.add(Number(m));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(d);
  // Term labels ("Autumn 2025") are calendar years of the term keys.
  for (const y of [...nums]) if (y > 2000 && y < 2100) nums.add(y + 1);
  const base = [...nums];
  for (const a of base) {
    for (const b of base) {
      nums.add(deltaPts(a, b));
      nums.add(Math.abs(deltaPts(Math.abs(a), Math.abs(b))));
    }
  }
  return new Set([...nums].map((n) => String(Math.abs(n))));
}

describe("suggested narrative", () => {
  it("every number in every section's suggestion comes from the report's data", () => {
    const d = sample();
    const allowed = traceable(d);
    for (const s of REPORT_SECTIONS) {
      const text = suggestNarrative(s, d);
      for (const m of text.match(/\d+(\.\d+)?/g) ?? []) expect(allowed.has(String(Number(m))), `${s}: "${m}" in "${text}"`).toBe(true);
    }
    for (const st of d.plan.strands) {
      const text = suggestStrandNarrative(d, st.id);
      for (const m of text.match(/\d+(\.\d+)?/g) ?? []) expect(allowed.has(String(Number(m))), `strand: ${m}`).toBe(true);
    }
  });

  it("states attendance, persistent absence by group, the change since last term, national figures and suspensions", () => {
    const text = suggestNarrative("attendance", sample());
    expect(text).toBe(
      "Attendance this term was 95.3% (94.8% for the year to date). 11.3% of pupils were persistently absent, missing 10% or more of their sessions, and 0.9% were severely absent (50% or more). " +
        "Attendance rose by 1.1 points from Autumn 2025 (94.2%). Persistent absence among disadvantaged pupils was 25%, against 7.7% for other pupils. " +
        "Nationally in 2024/25, 6.9% of sessions were missed and 18.7% of pupils were persistently absent. " +
        "There were 2 suspensions this term, involving 1 pupil, and no permanent exclusions (3 suspensions in the year to date).",
    );
    expect(suggestNarrative("attendance", { ...sample(), attendance: [] })).toContain("No attendance is recorded for this term.");
  });

  it("states the plan's position in plain words, with where the overdue actions are", () => {
    const text = suggestNarrative("plan", sample());
    expect(text).toContain("The plan has 3 strands: 1 green, 1 amber and 1 red.");
    expect(text).toContain("Strand 1 (Writing) moved from amber to green.");
    expect(text).toContain("Strand 3 (Attendance) moved from amber to red.");
    expect(text).toContain("4 of 14 actions are done and 5 in progress; 2 are overdue, both in strand 3.");
  });

  it("states attainment changes against the previous term and the gap's movement", () => {
    const text = suggestNarrative("attainment", sample());
    expect(text).toContain("Year 6 at the expected standard compared with Autumn 2025: writing rose from 58.3% to 70.7%");
    expect(text).toContain("Year 5 maths rose from 70% to 83.3%.");
    expect(text).toContain("narrowed by 6 points (from -20.5 to -14.5)");
    expect(text).toContain("1 group of fewer than 5 pupils is not shown");
  });

  it("sets the statutory year group beside the national figure, with that figure's year", () => {
    const d = sample();
    const row = { yearGroup: "Y6", keyStage: "KS2", label: "Key stage 2 (end of Year 6)", status: "final", sources: ["https://example.org"], sameYear: false, nationalYear: 2025, suppressed: false };
    d.national = [
      { ...row, subject: "writing", group: "all", schoolPct: 70.7, nationalPct: 72 },
      { ...row, subject: "rwm", group: "disadvantaged", schoolPct: 41.2, nationalPct: 47 },
      { ...row, subject: "rwm", group: "all", schoolPct: 50, nationalPct: 62 },
    ];
    const text = suggestNarrative("attainment", d);
    expect(text).toContain("In reading, writing and maths combined, 50% of Year 6 reached the expected standard, 12 points below the national figure of 62% (2025).");
    for (const m of text.match(/\d+(\.\d+)?/g) ?? []) expect(traceable(d).has(String(Number(m))), m).toBe(true);
    d.national = [{ ...row, subject: "writing", group: "all", schoolPct: 72, nationalPct: 72 }];
    expect(suggestNarrative("attainment", d)).toContain("In writing, 72% of Year 6 reached the expected standard, in line with the national figure of 72% (2025).");
    d.national = [];
    expect(suggestNarrative("attainment", d)).not.toContain("national");
  });

  it("describes the other sections from their own numbers", () => {
    const d = sample();
    expect(suggestNarrative("context", d)).toBe(
      "There are 212 pupils on roll. 20.8% are disadvantaged, 17% have special educational needs and 17.5% speak English as an additional language. 6 pupils have an education, health and care plan.",
    );
    expect(suggestNarrative("quality", d)).toContain("9 lesson observations, 2 learning walks, 1 work scrutiny and 3 drop-ins");
    expect(suggestNarrative("quality", d)).toContain("81.8% of teaching staff");
    expect(suggestNarrative("progress_meetings", d)).toContain("41 pupils were discussed and 44 actions agreed");
    expect(suggestNarrative("self_evaluation", d)).toContain("Achievement moved from needs attention to expected standard");
    expect(suggestNarrative("governance", d)).toBe("Governors made 2 visits and the school's adviser 1 visit this term. 2 challenge questions are recorded: 1 answered and 1 awaiting an answer.");
    expect(suggestNarrative("priorities", d)).toContain("strand 2 (Maths, amber) and strand 3 (Attendance, red)");
  });

  it("says plainly when a section has no data, rather than inventing any", () => {
    const d = sample();
    d.attainment = [];
    d.plan = { title: null, strands: [], totals: { done: 0, inProgress: 0, notStarted: 0, overdue: 0, dropped: 0, total: 0 } };
    d.progressMeetings = { ...d.progressMeetings, meetingsHeld: 0 };
    expect(suggestNarrative("attainment", d)).toBe("No assessment results are recorded for this term.");
    expect(suggestNarrative("plan", d)).toBe("There is no improvement plan recorded for this year.");
    expect(suggestNarrative("progress_meetings", d)).toBe("No pupil progress meetings are recorded for this term.");
  });

  it("compares a year's first term with the same term a year earlier", () => {
    expect(comparisonTerm("2026-27:autumn", ["2025-26:autumn", "2025-26:summer"])).toBe("2025-26:autumn");
    expect(comparisonTerm("2025-26:summer", ["2025-26:autumn", "2025-26:spring"])).toBe("2025-26:spring");
    expect(comparisonTerm("2025-26:autumn", [])).toBeNull();
  });
});

describe("comparing two reports", () => {
  it("lists RAG changes, attainment deltas, grade changes and counts", () => {
    const now = sample();
    const before = sample();
    before.term = "2025-26:autumn";
    before.plan.strands[0]!.rag = "amber";
    before.attainment[0] = { ...before.attainment[0]!, atExpectedPct: 58.3 };
    before.selfEvaluation.areas[0] = { ...before.selfEvaluation.areas[0]!, grade: "Needs attention" };
    before.plan.totals = { ...before.plan.totals, done: 1 };
    const cmp = compareReports(now, before);
    expect(cmp.ragChanges).toEqual([{ strand: "Writing", number: 1, from: "amber", to: "green" }]);
    expect(cmp.attainment.find((a) => a.yearGroup === "Y6" && a.subject === "writing")).toEqual({ yearGroup: "Y6", subject: "writing", from: 58.3, to: 70.7, delta: 12.4 });
    expect(cmp.gradeChanges).toEqual([{ area: "Achievement", from: "Needs attention", to: "Expected standard" }]);
    expect(cmp.counts.find((c) => c.label === "Plan actions done")).toEqual({ label: "Plan actions done", from: 1, to: 4 });
    expect(cmp.counts.find((c) => c.label === "Suspensions this term")).toEqual({ label: "Suspensions this term", from: 2, to: 2 });
  });

  it("compares attendance only when both reports carry it", () => {
    const now = sample();
    const before = sample();
    before.attendance = before.attendance!.map((r) => (r.group === "all" && r.period === "term" ? { ...r, attendancePct: 94.2 } : r));
    expect(compareReports(now, before).counts.find((c) => c.label === "Attendance this term (%)")).toEqual({ label: "Attendance this term (%)", from: 94.2, to: 95.3 });
    delete before.attendance;
    delete before.behaviour;
    expect(compareReports(now, before).counts.map((c) => c.label)).not.toContain("Attendance this term (%)");
  });
});
