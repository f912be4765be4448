import { PageHeader } from "@/components/layout/page-header";
import { formatDate, ROLE_LABEL } from "@/components/ui/format";
import { requirePermission } from "@/lib/auth/session";
import { getSchool, listFrameworks } from "@/lib/data/school";
import { can, PERSONAL_DATA_ROLES } from "@/lib/policy";
import { SchoolForm } from "./school-form";

export const metadata = { title: "School details" };

export default async function SchoolPage() {
  const user = await requirePermission("settings.read");
  const school = getSchool();
  const frameworks = listFrameworks();
  if (!can(user, "settings.edit")) {
    const fw = frameworks.find((f) => f.id === school.frameworkId);
    return (
      <>
        <PageHeader title="School details" description="Only the headteacher can change these." />
        <dl className="summary-list">
          <dt>Name</dt><dd>{school.name}</dd>
          <dt>URN</dt><dd>{school.urn ?? "Not recorded"}</dd>
          <dt>Phase</dt><dd>{school.phase}</dd>
          <dt>Age range</dt><dd>{school.ageRange ?? "Not recorded"}</dd>
          <dt>Local authority</dt><dd>{school.localAuthority ?? "Not recorded"}</dd>
          <dt>Trust</dt><dd>{school.trust ?? "None"}</dd>
          <dt>Inspection framework</dt><dd>{fw?.name ?? school.frameworkId}</dd>
          <dt>Last inspection</dt><dd>{school.lastInspectionDate ? `${formatDate(school.lastInspectionDate)}: ${school.lastInspectionOutcome ?? ""}` : "Not recorded"}</dd>
          <dt>Vision</dt><dd className="prose">{school.vision}</dd>
          <dt>Aims</dt><dd className="prose">{school.aims}</dd>
        </dl>
      </>
    );
  }
  return (
    <>
      <PageHeader title="School details" description="The school's details, the inspection framework its self-evaluation uses, and security settings." />
      <SchoolForm
        school={{
          version: school.version,
          name: school.name,
          urn: school.urn ?? "",
          phase: school.phase,
          ageRange: school.ageRange ?? "",
          localAuthority: school.localAuthority ?? "",
          trust: school.trust ?? "",
          vision: school.vision ?? "",
          aims: school.aims ?? "",
          frameworkId: school.frameworkId,
          assessmentScheme: school.assessmentScheme,
          hasEarlyYears: school.hasEarlyYears,
          hasSixthForm: school.hasSixthForm,
          lastInspectionDate: school.lastInspectionDate ?? "",
          lastInspectionOutcome: school.lastInspectionOutcome ?? "",
          lessonGradingEnabled: school.lessonGradingEnabled,
          totpRequiredRoles: school.totpRequiredRoles as never,
        }}
        frameworks={frameworks.map((f) => ({ value: f.id, label: f.name }))}
        personalDataRoles={PERSONAL_DATA_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r]! }))}
      />
    </>
  );
}
