import { beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { eq } from "drizzle-orm";
import { db, getConnection } from "@/db/client";
import { plans, strands, successCriteria, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { findAttendanceRow } from "@/lib/analytics/attendance";
import { formatMetricValue, readAttendanceMetric } from "@/lib/analytics/criteria";
import { getAttendance, getAttendanceSummary, getAttendanceTrend, listAttendanceTerms, leadsAttendanceStrand } from "@/lib/data/attendance";
import { listTerms } from "@/lib/data/school";
import { getStrandDetail } from "@/lib/data/sip";
import { queriesWhile } from "./helpers";
import { REPORT_READER } from "../factories";
import { getReportData } from "@/lib/report/assemble";
import { suggestNarrative } from "@/lib/report/suggest";
import { AttendanceSummaryCard } from "@/components/dashboard/attendance-summary";

let current: ReturnType<typeof listAttendanceTerms>[number];

beforeAll(async () => {
  await seedDemo(db);
  // The latest term with attendance is the demo's current term.
  current = listAttendanceTerms().pop()!;
});

const demoUser = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;

describe("the demo school's attendance", () => {
  it("is realistic: about 95% overall, persistent absence higher for disadvantaged pupils and pupils with SEN, a few suspensions", () => {
    for (const term of listAttendanceTerms()) {
      const { attendance, behaviour } = getAttendance({ termId: term.id });
      const all = findAttendanceRow(attendance, "all", "all", "term")!;
      expect(all.cohort).toBeGreaterThanOrEqual(200);
      expect(all.attendancePct!).toBeGreaterThanOrEqual(94);
      expect(all.attendancePct!).toBeLessThanOrEqual(96);
      const dis = findAttendanceRow(attendance, "all", "disadvantaged", "year_to_date")!;
      const other = findAttendanceRow(attendance, "all", "not_disadvantaged", "year_to_date")!;
      const sen = findAttendanceRow(attendance, "all", "sen", "year_to_date")!;
      expect(dis.persistentAbsencePct!).toBeGreaterThan(other.persistentAbsencePct!);
      expect(sen.persistentAbsencePct!).toBeGreaterThan(findAttendanceRow(attendance, "all", "all", "year_to_date")!.persistentAbsencePct!);
      const susp = behaviour.find((b) => b.group === "all" && b.period === "year_to_date")!;
      expect(susp.suspensions!).toBeGreaterThanOrEqual(1);
      expect(susp.suspensions!).toBeLessThanOrEqual(5);
    }
  });

  it("the current report's attendance section shows the demo data, with a suggested narrative from it", () => {
    const report = getReportData({ termKey: current.key });
    expect(report.attendance).toEqual(getAttendance({ termId: current.id }).attendance);
    expect(report.behaviour).toEqual(getAttendance({ termId: current.id }).behaviour);
    const all = findAttendanceRow(report.attendance!, "all", "all", "term")!;
    const text = suggestNarrative("attendance", report);
    expect(text).toContain(`Attendance this term was ${all.attendancePct}%`);
    expect(text).toContain(`${all.persistentAbsencePct}% of pupils were persistently absent`);
    expect(report.attendanceNational!.length).toBeGreaterThan(0);
  });

  it("next term's trend, before it has attendance, is this term's, worked out once", () => {
    const next = listTerms().find((t) => t.startDate > current.startDate)!;
    const client = getConnection().sqlite;
    // A write (the same name again) empties the memo, so the trend is worked out below.
    client.prepare("UPDATE users SET name = name WHERE email = ?").run("helen.marsh@oakfield.sch.uk");
    const reads = (sources: string[]) => sources.filter((q) => q.includes('"attendance_records"')).length;
    const now = queriesWhile(() => getAttendanceTrend({ termId: current.id, count: 6 }));
    const then = queriesWhile(() => getAttendanceTrend({ termId: next.id, count: 6 }));
    expect(then.result).toEqual(now.result);
    expect(now.result.at(-1)!.termId).toBe(current.id);
    // Only the terms are read again (the window), not a record of attendance.
    expect(reads(now.sources)).toBeGreaterThan(0);
    expect(reads(then.sources)).toBe(0);
  });

  it("every published past report carries its attendance section", () => {
    const terms = listAttendanceTerms().filter((t) => t.id !== current.id);
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) {
      const report = getReportData({ termKey: t.key });
      expect(report.status).toBe("published");
      expect(report.attendance!.length).toBeGreaterThan(0);
      expect(report.narrative.attendance).toBeTruthy();
    }
  });

  it("the attendance strand's criteria read the attendance data live, for the year to date", () => {
    const plan = db.select().from(plans).where(eq(plans.academicYearId, current.academicYearId)).get()!;
    const criteria = db
      .select({ c: successCriteria, strandId: strands.id })
      .from(successCriteria)
      .innerJoin(strands, eq(successCriteria.strandId, strands.id))
      .where(eq(strands.planId, plan.id))
      .all()
      .filter((r) => r.c.metric === "attendance_pct" || r.c.metric === "persistent_absence_pct" || r.c.metric === "suspensions");
    expect(criteria.map((r) => r.c.metric).sort()).toEqual(["attendance_pct", "attendance_pct", "persistent_absence_pct", "persistent_absence_pct", "suspensions"]);
    const tables = getAttendance({ termId: current.id });
    const report = getReportData({ termKey: current.key });
    for (const { c, strandId } of criteria) {
      const detail = getStrandDetail({ id: strandId, viewer: REPORT_READER, today: current.endDate });
      const view = detail.criteria.find((x) => x.id === c.id)!;
      const expected = readAttendanceMetric(c, tables);
      expect(expected.found).toBe(true);
      expect(view.current).toMatchObject({ value: expected.value, termKey: current.key });
      expect(view.currentLabel).toBe(formatMetricValue(expected.value, c));
      const inReport = report.plan.strands.flatMap((s) => s.criteria).find((x) => x.description === c.description)!;
      expect(inReport.current).toBe(expected.value);
    }
  });

  it("shows the year-to-date figures to the head, who leads the attendance strand, and not to a class teacher", () => {
    const head = demoUser("helen.marsh@oakfield.sch.uk");
    const teacher = demoUser("tom.bennett@oakfield.sch.uk");
    expect(leadsAttendanceStrand({ userId: head.id, academicYearId: current.academicYearId })).toBe(true);
    expect(leadsAttendanceStrand({ userId: teacher.id, academicYearId: current.academicYearId })).toBe(false);
    const summary = getAttendanceSummary({ academicYearId: current.academicYearId })!;
    expect(summary.term.id).toBe(current.id);
    const html = renderToStaticMarkup(AttendanceSummaryCard({ summary }));
    const ytd = findAttendanceRow(getAttendance({ termId: current.id }).attendance, "all", "all", "year_to_date")!;
    expect(html).toContain(`${ytd.attendancePct!.toFixed(1)}%`);
    expect(html).toContain("Suspensions this year: 1 (1 pupil)");
  });
});
