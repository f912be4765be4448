import { PageHeader } from "@/components/layout/page-header";
import { AttainmentView } from "@/components/pupils/attainment-view";
import { requirePermission } from "@/lib/auth/session";
import { getAttainmentOverview } from "@/lib/data/attainment";
import { findCurrentTerm, findTermByKey, listTerms } from "@/lib/data/school";
import { can } from "@/lib/policy";

export const metadata = { title: "Attainment" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Attainment analysis for any term (SPEC §3.6, §4.4): suppressed aggregates only, so every role that
 * may read attainment, governors and advisers included, sees the same page and no child is named.
 */
export default async function AttainmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("attainment.read");
  const sp = await searchParams;
  const allTerms = listTerms();
  const term = findTermByKey({ key: first(sp.term) ?? "" }) ?? findCurrentTerm() ?? allTerms[allTerms.length - 1] ?? null;
  if (!term) {
    return (
      <>
        <PageHeader title="Attainment" />
        <p className="inset">There are no academic years yet, so there is nothing to analyse.</p>
      </>
    );
  }
  const overview = getAttainmentOverview({ termId: term.id, yearGroup: first(sp.yg) });
  return <AttainmentView overview={overview} terms={allTerms} canImport={can(user, "pupils.import")} />;
}
