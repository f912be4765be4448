import type { AttainmentRow, GapRow } from "@/lib/analytics/attainment";
import type { AttendanceRow, BehaviourRow } from "@/lib/analytics/attendance";
import type { NationalAttendanceFigure } from "@/db/national/attendance";
import type { NationalComparison } from "@/lib/analytics/national";
import type { SuppressionReason } from "@/lib/analytics/disclosure";
import type { ReportSection } from "@/db/schema/enums";
import type { ReportFormat } from "./format";

/**
 * The termly report's data: what the page, the print view, the Word document and the JSON export all
 * show (SPEC §4.4). Published reports store exactly this object as their snapshot, so every field is
 * plain JSON, already labelled (names, titles, grade labels), and never a pupil's name or UPN or an
 * observed teacher's name.
 */
export type Rag = "red" | "amber" | "green" | "blue";

export type RollGroup = { count: number | null; pct: number | null; suppressed: boolean; suppressionReason?: SuppressionReason };
export type ContextGroupKey = "disadvantaged" | "fsm" | "sen" | "senSupport" | "ehcp" | "eal" | "lookedAfter" | "girls" | "boys";

export type ReportContext = {
  pupilsOnRoll: number;
  byYearGroup: { yearGroup: string; count: number }[];
  groups: Record<ContextGroupKey, RollGroup>;
  /** The head's notes on staffing changes: the context section's narrative. */
  staffingNotes: string;
};

export type ActionCountsJson = { done: number; inProgress: number; notStarted: number; overdue: number; dropped: number; total: number };

export type ReportCriterion = {
  description: string;
  headline: boolean;
  measurable: boolean;
  /** The metric in words, e.g. "Y6 writing, % at expected (all pupils)". */
  metric: string | null;
  baseline: number | null;
  target: number | null;
  current: number | null;
  currentLabel: string;
  baselineLabel: string;
  targetLabel: string;
  /** The term the current value comes from. */
  currentTerm: string | null;
  lowerIsBetter: boolean;
  dueTerm: string | null;
  /** on track, behind, met… as the plan judges it; null for narrative criteria. */
  status: string | null;
};

export type ReportStrand = {
  id: string;
  number: number;
  title: string;
  lead: string | null;
  linkGovernor: string | null;
  rag: Rag | null;
  previousRag: Rag | null;
  previousRagTerm: string | null;
  actions: ActionCountsJson;
  criteria: ReportCriterion[];
  evidence: {
    /** Monitoring that tested the strand this term, counted by type (never who was observed). */
    monitoring: Record<string, number>;
    /** The review's account of progress and impact this term. */
    progress: string;
    impact: string;
    nextSteps: string;
    /** Labels of evidence the review cites. */
    links: string[];
  };
};

export type ReportPlan = {
  title: string | null;
  strands: ReportStrand[];
  totals: ActionCountsJson;
};

type Theme = { heading: string; label: string; count: number };
export type ReportMonitoring = {
  countsByType: Record<"observation" | "learning_walk" | "work_scrutiny" | "pupil_voice" | "drop_in" | "governor_visit" | "adviser_visit", number>;
  coveragePct: number | null;
  recurringStrengths: Theme[];
  recurringDevelopment: Theme[];
};

export type TrendPoint = { term: string; yearGroup: string; subject: string; atExpectedPct: number | null; greaterDepthPct: number | null; gapPts: number | null };

export type ReportProgressMeetings = {
  meetingsHeld: number;
  classesWithoutMeeting: number;
  pupilsDiscussed: number;
  actionsAgreed: number;
  outcomesRecorded: number;
  openCarriedForward: number;
  stillOpen?: number;
  byOutcome?: Record<string, number>;
  bySubject: Record<string, number>;
};

type ReportSefArea = { areaKey: string; area: string; grade: string | null; gradeTone: string | null; previousGrade?: string | null; changed: boolean };
export type ReportSelfEvaluation = {
  framework: string | null;
  /** The SEF publication the grades come from. */
  version: { number: number; publishedAt: string } | null;
  /** The term of the report the previous grades come from. */
  comparedWith: string | null;
  areas: ReportSefArea[];
};

export type ReportChallenge = {
  id: string;
  raisedOn: string;
  raisedBy: string;
  source: string;
  about: string;
  question: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  owner: string | null;
  status: "open" | "answered" | "follow_up" | "closed";
};

export type ReportVisit = { date: string; kind: "governor" | "adviser"; visitor: string; visitType: string; purpose: string; focus: string[] };

/** The school's attendance (all pupils) and persistent absence in one term, for the trend. */
export type AttendanceTrendPointJson = {
  term: string;
  attendancePct: number | null;
  persistentAbsencePct: number | null;
  disadvantagedPersistentAbsencePct: number | null;
  otherPersistentAbsencePct: number | null;
};

export type ReportAttendanceSection = {
  /** SPEC §4.5's attendance table for the term (period "term" and "year_to_date"). */
  attendance: AttendanceRow[];
  /** Suspensions and permanent exclusions by pupil group, this term and year to date. */
  behaviour: BehaviourRow[];
  attendanceTrend: AttendanceTrendPointJson[];
  /** England's figures for context, with their years and sources. */
  attendanceNational: Omit<NationalAttendanceFigure, "notes">[];
};

/** A cell of the summary's heat map: a criterion's judgement in one term, and its colour. */
export type SummaryTone = "red" | "amber" | "green" | "blue" | "grey";
export type SummaryHeatRow = {
  strandNumber: number;
  strandTitle: string;
  /** The headline criterion; for a strand with none, null (the row shows the strand's own RAG). */
  criterion: string | null;
  now: string | null;
  nowTone: SummaryTone;
  previous: string | null;
  previousTone: SummaryTone;
};
export type SummaryPoint = { kind: "decision" | "discussion"; text: string; section: ReportSection };

/** The one-page opening: the plan's headline criteria now and last term, points for the board, changes. */
export type ReportSummary = {
  /** The term "last term" refers to (the previous published report), if there is one. */
  previousTerm: string | null;
  heatMap: SummaryHeatRow[];
  points: SummaryPoint[];
  changes: string[];
};

export type ReportData = {
  school: { name: string; urn: string | null; phase: string; localAuthority: string | null; trust: string | null };
  term: string;
  status: "draft" | "published";
  generatedAt: string;
  publishedAt: string | null;
  context: ReportContext;
  plan: ReportPlan;
  monitoring: ReportMonitoring;
  attainment: AttainmentRow[];
  gaps: GapRow[];
  /** % at expected (all pupils) and the disadvantaged gap for each term with results, oldest first. */
  attainmentTrend: TrendPoint[];
  /**
   * The school's % at expected beside national figures where the term's data is statutory (Year 6 in
   * the summer). Absent from snapshots published before comparators were part of the report.
   */
  national?: NationalComparison[];
  /**
   * Section 5, attendance and behaviour. Absent from snapshots published before attendance was part of
   * the report.
   */
  attendance?: ReportAttendanceSection["attendance"];
  behaviour?: ReportAttendanceSection["behaviour"];
  attendanceTrend?: ReportAttendanceSection["attendanceTrend"];
  attendanceNational?: ReportAttendanceSection["attendanceNational"];
  progressMeetings: ReportProgressMeetings;
  selfEvaluation: ReportSelfEvaluation;
  governance: { challenges: ReportChallenge[]; visits: ReportVisit[] };
  /**
   * The opening summary, generated from the rest of the report. Absent from snapshots published before
   * the report had one.
   */
  summary?: ReportSummary;
  /** The board's format as it was when the report was assembled (frozen with a published report). */
  format?: ReportFormat;
  /** The head's narrative per section, and "plan:<strandId>" for a strand's. */
  narrative: Record<string, string>;
};
