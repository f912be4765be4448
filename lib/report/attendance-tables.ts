import { formatPct, formatTerm } from "@/lib/format";
import { describeNationalFigure } from "@/db/national/attendance";
import { PUPIL_GROUPS } from "@/db/schema/enums";
import { ATTENDANCE_FIGURES, type AttendanceRow, type BehaviourRow } from "@/lib/analytics/attendance";
import { withheldLabel } from "@/lib/analytics/disclosure";
import { GROUP_LABEL, yearGroupLabel } from "./labels";
import type { ReportAttendanceSection, TrendPoint } from "./types";

/** A table as plain strings: what the report page, the print view and the Word document all draw. */
export type PlainTable = { caption: string; head: string[]; rows: string[][] };

const SUPPRESSED = "Suppressed";
/** A figure of a shown row withheld by the disclosure rule (0% or 100% of a small group, or recoverable by subtraction). */
const WITHHELD = "Withheld";

function cells(r: AttendanceRow | undefined): string[] {
  if (!r) return ["–", "–", "–", "–"];
  if (r.suppressed) {
    // A large group hidden only to protect a smaller one (by subtraction) reads "Withheld", not "Suppressed".
    const label = r.cohort < 5 || !r.suppressionReason || r.suppressionReason === "small_cohort" ? SUPPRESSED : WITHHELD;
    return [String(r.cohort < 5 ? "Fewer than 5" : r.cohort), label, label, label];
  }
  const figure = (field: (typeof ATTENDANCE_FIGURES)[number]) => (withheldLabel(r, field) ? WITHHELD : formatPct(r[field]));
  return [String(r.cohort), figure("attendancePct"), figure("persistentAbsencePct"), figure("severeAbsencePct")];
}

/**
 * The attendance section's tables, from SPEC §4.5's rows: by year group, by pupil group (whole school),
 * this term and year to date; suspensions and exclusions by group; the trend; and the national figures.
 */
export function attendanceTables(d: Pick<ReportAttendanceSection, "attendance" | "behaviour" | "attendanceTrend">): PlainTable[] {
  const rows = d.attendance;
  if (!rows.length) return [];
  const find = (yg: string, group: string, period: string) => rows.find((r) => r.yearGroup === yg && r.group === group && r.period === period);
  const yearGroups = [...new Set(rows.map((r) => r.yearGroup))];
  const out: PlainTable[] = [];
  out.push({
    caption: "Attendance by year group (all pupils): this term and year to date",
    head: ["Year group", "Pupils (term)", "Attendance (term)", "Persistent absence (term)", "Attendance (year)", "Persistent absence (year)", "Severe absence (year)"],
    rows: yearGroups
      .filter((yg) => find(yg, "all", "term") || find(yg, "all", "year_to_date"))
      .map((yg) => {
        const t = cells(find(yg, "all", "term"));
        const y = cells(find(yg, "all", "year_to_date"));
        return [yg === "all" ? "Whole school" : yearGroupLabel(yg), t[0]!, t[1]!, t[2]!, y[1]!, y[2]!, y[3]!];
      }),
  });
  out.push({
    caption: "Attendance by pupil group, whole school: this term and year to date",
    head: ["Group", "Pupils (term)", "Attendance (term)", "Persistent absence (term)", "Attendance (year)", "Persistent absence (year)"],
    rows: PUPIL_GROUPS.filter((g) => find("all", g, "term") || find("all", g, "year_to_date")).map((g) => {
      const t = cells(find("all", g, "term"));
      const y = cells(find("all", g, "year_to_date"));
      return [GROUP_LABEL[g], t[0]!, t[1]!, t[2]!, y[1]!, y[2]!];
    }),
  });
  if (d.behaviour.length) out.push(behaviourTable(d.behaviour));
  if (d.attendanceTrend.length > 1) out.push(trendTable(d.attendanceTrend));
  return out;
}

function behaviourTable(rows: BehaviourRow[]): PlainTable {
  const groups = PUPIL_GROUPS.filter((g) => rows.some((r) => r.group === g));
  const f = (r: BehaviourRow | undefined, k: "suspensions" | "suspendedPupils" | "permanentExclusions" | "excludedPupils") => (!r ? "–" : r.suppressed ? SUPPRESSED : String(r[k]));
  return {
    caption: "Suspensions and permanent exclusions: this term (year to date in brackets)",
    head: ["Group", "Suspensions", "Pupils suspended", "Permanent exclusions", "Pupils excluded"],
    rows: groups.map((g) => {
      const t = rows.find((r) => r.group === g && r.period === "term");
      const y = rows.find((r) => r.group === g && r.period === "year_to_date");
      const both = (k: Parameters<typeof f>[1]) => (t?.suppressed ? SUPPRESSED : `${f(t, k)} (${f(y, k)})`);
      return [GROUP_LABEL[g], both("suspensions"), both("suspendedPupils"), both("permanentExclusions"), both("excludedPupils")];
    }),
  };
}

function trendTable(trend: ReportAttendanceSection["attendanceTrend"]): PlainTable {
  return {
    caption: "Attendance and persistent absence by term (whole school, each term on its own)",
    head: ["Term", "Attendance", "Persistent absence", "Disadvantaged: persistent absence", "Others: persistent absence"],
    rows: trend.map((p) => [formatTerm(p.term), formatPct(p.attendancePct), formatPct(p.persistentAbsencePct), formatPct(p.disadvantagedPersistentAbsencePct), formatPct(p.otherPersistentAbsencePct)]),
  };
}

/** The national figures as a table, with the year and status of each. */
export function nationalAttendanceTable(figures: ReportAttendanceSection["attendanceNational"]): PlainTable {
  return {
    caption: "National figures for England (state-funded schools), for context",
    head: ["Measure", "Year", "Value", "Status"],
    rows: figures.map((f) => [describeNationalFigure({ ...f }), f.year, `${f.value.toFixed(1)}%`, f.status]),
  };
}

export const ATTENDANCE_DEFINITIONS =
  "Attendance is the percentage of possible sessions attended. A pupil is persistently absent when they miss 10% or more of their possible sessions, severely absent at 50% or more. Groups of fewer than 5 pupils are suppressed; in groups of fewer than 10, a figure of 0% or 100% is withheld, as is any figure that could be worked out from the others, so that no child can be identified.";

/** The trend as the report's line-chart points: one series per measure (the charts label a series by its name). */
export function attendanceTrendPoints(trend: ReportAttendanceSection["attendanceTrend"]): TrendPoint[] {
  const series: [string, keyof ReportAttendanceSection["attendanceTrend"][number]][] = [
    ["Attendance", "attendancePct"],
    ["Persistent absence", "persistentAbsencePct"],
    ["Persistent absence, disadvantaged", "disadvantagedPersistentAbsencePct"],
  ];
  return trend.flatMap((p) => series.map(([name, key]) => ({ term: p.term, yearGroup: "all", subject: name, atExpectedPct: p[key] as number | null, greaterDepthPct: null, gapPts: null })));
}
