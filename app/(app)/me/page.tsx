import { PageHeader } from "@/components/layout/page-header";
import { ClassesSection } from "@/components/me/classes-section";
import { MonitoringSection } from "@/components/me/monitoring-section";
import { PlanSection } from "@/components/me/plan-section";
import { PpmSection } from "@/components/me/ppm-section";
import { GovernanceSection } from "@/components/me/governance-section";
import { PupilsSection } from "@/components/me/pupils-section";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "My responsibilities" };

/**
 * Everything the signed-in user personally owns (SPEC §3.9). Each area contributes one section
 * component from components/me/, which loads only what that user may see.
 */
export default async function MyResponsibilitiesPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="My responsibilities" description="What you own, lead or are due to do." />
      <PlanSection user={user} />
      <ClassesSection user={user} />
      <PupilsSection user={user} />
      <MonitoringSection user={user} />
      <PpmSection user={user} />
      <GovernanceSection user={user} />
    </>
  );
}
