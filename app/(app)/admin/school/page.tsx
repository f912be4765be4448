import { PageHeader } from "@/components/layout/page-header";
import { formatDate, formatDateTime, ROLE_LABEL } from "@/lib/format";
import { DEFAULT_DATABASE_PATH } from "@/lib/data/connection";
import { nowMs } from "@/lib/clock";
import { BACKUPS_KEPT, backupDir, listBackups } from "@/lib/server/backups";
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
          <dt>Name</dt>
          <dd>{school.name}</dd>
          <dt>URN</dt>
          <dd>{school.urn ?? "Not recorded"}</dd>
          <dt>Phase</dt>
          <dd>{school.phase}</dd>
          <dt>Age range</dt>
          <dd>{school.ageRange ?? "Not recorded"}</dd>
          <dt>Local authority</dt>
          <dd>{school.localAuthority ?? "Not recorded"}</dd>
          <dt>Trust</dt>
          <dd>{school.trust ?? "None"}</dd>
          <dt>Inspection framework</dt>
          <dd>{fw?.name ?? school.frameworkId}</dd>
          <dt>Last inspection</dt>
          <dd>{school.lastInspectionDate ? `${formatDate(school.lastInspectionDate)}: ${school.lastInspectionOutcome ?? ""}` : "Not recorded"}</dd>
          <dt>Vision</dt>
          <dd className="prose">{school.vision}</dd>
          <dt>Aims</dt>
          <dd className="prose">{school.aims}</dd>
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
      <h2>Backups</h2>
      <BackupStatus />
    </>
  );
}

/** The running app backs the database up once a day; the head sees whether it is happening. */
function BackupStatus() {
  const dir = backupDir(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
  const backups = listBackups(dir);
  const last = backups[0];
  if (!last) {
    return (
      <p className="warning">
        No backup has been made yet. The app makes one a day while it runs; ask whoever runs the server to check it is running and that <code>{dir}</code> can be written to.
      </p>
    );
  }
  const stale = nowMs() - Date.parse(last.at) > 2 * 86_400_000;
  return (
    <>
      <p className={stale ? "warning" : undefined}>
        Last backup: {formatDateTime(last.at)}, {formatBytes(last.bytes)}.{" "}
        {stale ? "That is more than two days ago: ask whoever runs the server to check the app is running and can write its backups." : null}
      </p>
      <p className="muted">
        {backups.length} daily {backups.length === 1 ? "backup is" : "backups are"} kept (the newest {BACKUPS_KEPT}) in <code>{dir}</code>. Copy them somewhere else as well: a backup on the same disk
        does not survive the disk.
      </p>
    </>
  );
}

function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
