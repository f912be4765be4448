import { PageHeader } from "@/components/layout/page-header";
import { AttendanceView } from "@/components/pupils/attendance-view";
import { NATIONAL_ATTENDANCE } from "@/db/national/attendance";
import { requirePermission } from "@/lib/auth/session";
import { getAttendance, getAttendanceTrend, listAttendanceTerms, listPersistentlyAbsentPupils } from "@/lib/data/attendance";
import { findCurrentTerm, findTermByKey, listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";

export const metadata = { title: "Attendance and behaviour" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Named persistently absent pupils a page: a large school has hundreds. */
const ABSENT_PAGE_SIZE = 50;

/**
 * Attendance and behaviour analysis (SPEC §4.5) for any term. Every role that may read attendance sees
 * the suppressed aggregates; only those who may read pupils see named persistently absent pupils:
 * leaders every pupil, a teacher the pupils of their own classes. Governors and advisers get the
 * aggregates whatever the request asks for.
 */
export default async function AttendancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("attendance.read");
  const sp = await searchParams;
  const allTerms = listTerms();
  const withData = listAttendanceTerms();
  // Unless a term is asked for: the current term if it has attendance, else the latest that has.
  const current = findCurrentTerm();
  const latest = withData[withData.length - 1] ?? null;
  const fallback = current && (!latest || withData.some((t) => t.id === current.id)) ? current : latest;
  const term = findTermByKey({ key: first(sp.term) ?? "" }) ?? fallback ?? allTerms[allTerms.length - 1] ?? null;
  if (!term) {
    return (
      <>
        <PageHeader title="Attendance and behaviour" />
        <p className="inset">There are no academic years yet, so there is nothing to analyse.</p>
      </>
    );
  }
  const asked = Number(first(sp.absentPage));
  const page = Number.isInteger(asked) && asked > 1 ? asked : 1;
  const listed = listPersistentlyAbsentPupils({ termId: term.id, viewer: user, limit: ABSENT_PAGE_SIZE, offset: (page - 1) * ABSENT_PAGE_SIZE });
  const pages = listed ? Math.max(1, Math.ceil(listed.total / ABSENT_PAGE_SIZE)) : 1;
  // A page past the end (the list got shorter) shows the last page.
  const shown = listed && page > pages ? listPersistentlyAbsentPupils({ termId: term.id, viewer: user, limit: ABSENT_PAGE_SIZE, offset: (pages - 1) * ABSENT_PAGE_SIZE }) : listed;
  const link = (p: number) => {
    const q = new URLSearchParams({ term: term.key });
    if (p > 1) q.set("absentPage", String(p));
    return `/pupils/attendance?${q.toString()}#absent-h`;
  };
  const absent = shown && { ...shown, page: Math.min(page, pages), pages, pageSize: ABSENT_PAGE_SIZE, link };
  return (
    <AttendanceView
      term={term}
      terms={allTerms}
      tables={getAttendance({ termId: term.id })}
      trend={getAttendanceTrend({ termId: term.id, count: 6 })}
      national={NATIONAL_ATTENDANCE.map((f) => ({ measure: f.measure, group: f.group, phase: f.phase, year: f.year, value: f.value, status: f.status, sources: f.sources }))}
      absent={absent}
      canImport={can(user, "pupils.import")}
    />
  );
}
