import "server-only";
import type { DbOrTx } from "@/db/client";
import { NATIONAL_ATTENDANCE } from "@/db/national/attendance";
import { findAttendanceRow } from "@/lib/analytics/attendance";
import { getAttendanceCached, getAttendanceTrend, type AttendanceCache } from "@/lib/data/attendance";
import type { TermWithYear } from "@/lib/data/school";
import type { AttendanceTrendPointJson, ReportAttendanceSection } from "../types";

/** Terms of history the attendance trend shows. */
const TREND_TERMS = 6;

/**
 * Section 5: SPEC §4.5's attendance and behaviour tables for the term, the school's attendance and
 * persistent absence term by term, and the national figures with their years and sources. Aggregates
 * only, suppressed like attainment.
 */
export function buildAttendance({ term, cache = new Map() }: { term: TermWithYear; cache?: AttendanceCache }, db: DbOrTx): ReportAttendanceSection {
  const { attendance, behaviour } = getAttendanceCached({ termId: term.id, cache }, db);
  const attendanceTrend: AttendanceTrendPointJson[] = getAttendanceTrend({ termId: term.id, count: TREND_TERMS }, db).map((p) => {
    const pick = (group: "all" | "disadvantaged" | "not_disadvantaged") => findAttendanceRow(p.rows, "all", group, "term");
    return {
      term: p.term,
      attendancePct: pick("all")?.attendancePct ?? null,
      persistentAbsencePct: pick("all")?.persistentAbsencePct ?? null,
      disadvantagedPersistentAbsencePct: pick("disadvantaged")?.persistentAbsencePct ?? null,
      otherPersistentAbsencePct: pick("not_disadvantaged")?.persistentAbsencePct ?? null,
    };
  });
  return {
    attendance,
    behaviour,
    attendanceTrend,
    attendanceNational: NATIONAL_ATTENDANCE.map((f) => ({ measure: f.measure, group: f.group, phase: f.phase, year: f.year, value: f.value, status: f.status, sources: f.sources })),
  };
}
