import { PageHeader } from "@/components/layout/page-header";
import { ClassesSection } from "@/app/(app)/me/_components/classes-section";
import { MonitoringSection } from "@/app/(app)/me/_components/monitoring-section";
import { PlanSection } from "@/app/(app)/me/_components/plan-section";
import { PpmSection } from "@/app/(app)/me/_components/ppm-section";
import { GovernanceSection } from "@/app/(app)/me/_components/governance-section";
import { LinkVisitsSection } from "@/app/(app)/me/_components/link-visits-section";
import { PupilsSection } from "@/app/(app)/me/_components/pupils-section";
import { AttendanceSummaryCard } from "@/components/dashboard/attendance-summary";
import { requireUser } from "@/lib/auth/session";
import { getAttendanceSummary, leadsAttendanceStrand } from "@/lib/data/attendance";
import { can } from "@/lib/policy";
import { findCurrentYear, listClasses } from "@/lib/data/school";

export const metadata = { title: "My responsibilities" };

/**
 * Everything the signed-in user personally owns (SPEC §3.9). Each area contributes one section
 * component from components/me/, which loads only what that user may see.
 */
export default async function MyResponsibilitiesPage() {
  const user = await requireUser();
  const year = findCurrentYear();
  const myClasses = year ? listClasses({ academicYearId: year.id }).filter((c) => c.teacherIds.includes(user.id)) : [];
  // The attendance figures for whoever leads the plan's attendance work.
  const attendance = year && can(user, "attendance.read") && leadsAttendanceStrand({ userId: user.id, academicYearId: year.id }) ? getAttendanceSummary({ academicYearId: year.id }) : null;
  return (
    <>
      <PageHeader title="My responsibilities" description="What you own, lead or are due to do." />
      <PlanSection user={user} />
      {attendance ? <AttendanceSummaryCard summary={attendance} id="me-attendance" title={`Attendance: the strand you lead (${attendance.term.yearName}, year to date)`} /> : null}
      <ClassesSection mine={myClasses} />
      {year ? <PupilsSection year={year} mine={myClasses} /> : null}
      <MonitoringSection user={user} />
      <PpmSection user={user} />
      <GovernanceSection user={user} />
      <LinkVisitsSection user={user} />
    </>
  );
}
