import Link from "next/link";
import { AttainmentSummary } from "@/app/(app)/_components/attainment-summary";
import { AttendanceSummaryCard } from "@/components/dashboard/attendance-summary";
import { getAttendanceSummary, leadsAttendanceStrand } from "@/lib/data/attendance";
import { can } from "@/lib/policy";
import { MonitoringSummary } from "@/app/(app)/_components/monitoring-summary";
import { NextMeeting } from "@/app/(app)/_components/next-meeting";
import { LinkVisitsSection } from "@/app/(app)/me/_components/link-visits-section";
import { PlanSummary } from "@/app/(app)/_components/plan-summary";
import { PageHeader } from "@/components/layout/page-header";
import { formatDate, formatTerm, ROLE_LABEL } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { findCurrentTerm, getSchool } from "@/lib/data/school";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const school = getSchool();
  const term = findCurrentTerm();
  // Attendance at a glance for whoever leads the plan's attendance work (aggregates only).
  const attendance =
    term && can(user, "attendance.read") && leadsAttendanceStrand({ userId: user.id, academicYearId: term.academicYearId })
      ? getAttendanceSummary({ academicYearId: term.academicYearId, upTo: term.startDate })
      : null;
  return (
    <>
      <PageHeader
        caption={school.name}
        title={`Good to see you, ${user.name.split(" ")[0]}`}
        description={term ? `${formatTerm(term)} · ${formatDate(term.startDate)} to ${formatDate(term.endDate)}` : "No current academic year is set."}
      />
      <div className="grid">
        <div className="card">
          <h2 className="visually-hidden">You</h2>
          <div className="stat-label">Signed in as</div>
          <div className="stat" style={{ fontSize: "1.4rem" }}>
            {user.name}
          </div>
          <p className="muted">
            {ROLE_LABEL[user.role]}
            {user.jobTitle ? ` · ${user.jobTitle}` : ""}
          </p>
        </div>
        <div className="card">
          <h2 className="visually-hidden">Current term</h2>
          <div className="stat-label">Current term</div>
          <div className="stat" style={{ fontSize: "1.4rem" }}>
            {term ? formatTerm(term) : "Not set"}
          </div>
          <p className="muted">{term ? `Academic year ${term.yearName}` : ""}</p>
        </div>
      </div>
      <NextMeeting user={user} />
      {user.role === "headteacher" ? <LinkVisitsSection user={user} /> : null}
      <PlanSummary user={user} />
      <div className="grid-2" style={{ marginTop: "1.5rem" }}>
        <MonitoringSummary user={user} term={term} />
        <AttainmentSummary user={user} current={term} />
        {attendance ? <AttendanceSummaryCard summary={attendance} id="dash-attendance" /> : null}
      </div>
      <p style={{ marginTop: "2rem" }}>
        <Link href="/me">See your responsibilities</Link>
      </p>
    </>
  );
}
