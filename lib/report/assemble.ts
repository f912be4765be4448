import "server-only";
import { db as defaultDb, type DbOrTx } from "@/lib/data/connection";
import type { AttainmentCache } from "@/lib/data/attainment";
import { findPreviousPublishedReport, findReport, listNarratives, type Report, type ReportNarrative } from "@/lib/data/report";
import { findTermByKey, getFramework, getSchool, getTerm, todayIso, type TermWithYear } from "@/lib/data/school";
import { getReportFormat } from "@/lib/data/report-format";
import { NotFoundError } from "@/lib/errors";
import { buildAttainment } from "./sections/attainment";
import { buildAttendance } from "./sections/attendance";
import { buildContext } from "./sections/context";
import { buildGovernance } from "./sections/governance";
import { buildMonitoring } from "./sections/monitoring";
import { buildPlan } from "./sections/plan";
import { buildProgressMeetings } from "./sections/progress-meetings";
import { buildSelfEvaluation } from "./sections/self-evaluation";
import { buildSummary } from "./sections/summary";
import type { ReportData } from "./types";
import { nowIso } from "@/lib/clock";
import { memoised } from "@/lib/data/memo";

/**
 * The whole termly report for a term, assembled from the stored data as it is now (SPEC §3.7, §4.4).
 * A draft is assembled for every view, from the stored data and the day alone: while neither changes,
 * the page, the print view, the comparison, the JSON and the Word file are given the same assembly
 * again (lib/data/memo: any write, by anyone, starts afresh), stamped with the time it is asked for.
 * Publishing freezes this object as the report's snapshot (assembled inside its transaction, so never
 * from the memo). `today` decides what is overdue (capped at the term's end for a past term); `now` stamps it.
 */
export function assembleReport(
  {
    termId,
    today = todayIso(),
    now = nowIso(),
    status,
    publishedAt = null,
    known,
  }: {
    termId: string;
    today?: string;
    now?: string;
    status?: "draft" | "published";
    publishedAt?: string | null;
    /** The term and its report row when the caller has already read them (each is read once per request). */
    known?: { term: TermWithYear; report: Report | null };
  },
  db: DbOrTx = defaultDb,
): ReportData {
  const assembled = memoised(db, `report:${termId}:${today}:${status ?? ""}:${publishedAt ?? ""}`, () => assemble({ termId, today, status, publishedAt, known }, db));
  const { school, term, status: shownAs, ...rest } = assembled;
  return { school, term, status: shownAs, generatedAt: now, ...rest };
}

function assemble(
  { termId, today, status, publishedAt, known }: { termId: string; today: string; status?: "draft" | "published"; publishedAt: string | null; known?: { term: TermWithYear; report: Report | null } },
  db: DbOrTx,
): Omit<ReportData, "generatedAt"> {
  const term = known?.term ?? getTerm({ id: termId }, db);
  const school = getSchool(db);
  const report = known ? known.report : findReport({ termId }, db);
  const asOf = today < term.endDate ? today : term.endDate;
  const narrative = report ? narrativeOf(listNarratives({ reportId: report.id }, db)) : {};
  const previousReport = findPreviousPublishedReport({ termId }, db);
  const previous = previousReport?.snapshot ? { term: previousReport.termKey, data: previousReport.snapshot as ReportData } : null;
  let areaNames: Record<string, string> = {};
  try {
    areaNames = Object.fromEntries(getFramework({}, db).areas.map((a) => [a.id, a.name]));
  } catch {
    // A school whose framework file is missing still gets its report; areas then show by key.
  }
  // Each term's attainment is computed once, for the plan's criteria and the attainment section alike.
  const attainmentCache: AttainmentCache = new Map();
  const { attainment, gaps, attainmentTrend, national } = buildAttainment({ term, attainmentCache }, db);
  const attendance = buildAttendance({ term, cache: new Map() }, db);
  const { sections, targetPages } = getReportFormat(db);
  const data: Omit<ReportData, "summary" | "generatedAt"> = {
    school: { name: school.name, urn: school.urn, phase: school.phase, localAuthority: school.localAuthority, trust: school.trust },
    term: term.key,
    status: status ?? (report?.status === "published" ? "published" : "draft"),
    publishedAt,
    context: buildContext({ academicYearId: term.academicYearId, staffingNotes: narrative.context ?? "" }, db),
    plan: buildPlan({ term, asOf, attainmentCache }, db),
    monitoring: buildMonitoring({ termId }, db),
    attainment,
    gaps,
    attainmentTrend,
    national,
    ...attendance,
    progressMeetings: buildProgressMeetings({ termId }, db),
    selfEvaluation: buildSelfEvaluation({ academicYearId: term.academicYearId, asOf, previous }, db),
    governance: buildGovernance({ termId, areaNames, since: previousReport?.publishedAt ?? null }, db),
    format: { sections, targetPages },
    narrative,
  };
  return { ...data, summary: buildSummary(data, previous) };
}

/**
 * The report as it should be shown or exported: a published report's frozen snapshot, otherwise the
 * live draft. Every output (page, print, Word, JSON) goes through here, so they always agree.
 */
export function getReportData({ termKey, today }: { termKey: string; today?: string }, db: DbOrTx = defaultDb): ReportData {
  const term = findTermByKey({ key: termKey }, db);
  if (!term) throw new NotFoundError(`The term ${termKey}`);
  const report = findReport({ termId: term.id }, db);
  if (report?.status === "published" && report.snapshot) return report.snapshot as ReportData;
  return assembleReport({ termId: term.id, today, known: { term, report } }, db);
}

/** The narrative as a map of section key to text, empty sections left out (as lib/data/report's narrativeMap). */
function narrativeOf(rows: ReportNarrative[]): Record<string, string> {
  return Object.fromEntries(rows.filter((n) => n.body.trim() !== "").map((n) => [n.sectionKey, n.body]));
}
