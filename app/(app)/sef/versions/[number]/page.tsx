import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { SefDocument } from "@/components/sef/sef-document";
import { formatDate } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { findSef, findSefVersion } from "@/lib/data/sef";
import { can } from "@/lib/policy";
import { first, followableTypes, parseVersionRef, resolveYear } from "../../load";

export const metadata = { title: "Published version · Self-evaluation" };

/** One publication of the SEF, exactly as it was published. */
export default async function SefVersionPage({ params, searchParams }: { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("sef.published.read");
  const ref = parseVersionRef((await params).number);
  if (typeof ref !== "number") notFound();
  const year = resolveYear(first((await searchParams).year));
  if (!year) notFound();
  const sef = findSef({ academicYearId: year.id });
  const version = sef ? findSefVersion({ sefId: sef.id, number: ref }) : null;
  if (!version) notFound();
  const yearQuery = `year=${encodeURIComponent(year.name)}`;
  const q = `${yearQuery}&version=${version.number}`;
  return (
    <>
      <PageHeader
        crumbs={[
          { href: `/sef?${yearQuery}`, label: `Self-evaluation ${year.name}` },
          { href: `/sef/versions?${yearQuery}`, label: "Versions" },
        ]}
        caption={`Self-evaluation ${year.name}`}
        title={`Version ${version.number}`}
        description={`${version.snapshot.framework.name} · published ${formatDate(version.publishedAt)} by ${version.publishedByName}${version.note ? ` · ${version.note}` : ""}`}
        actions={
          <>
            <Link href={`/sef/print?${q}`}>Print</Link>
            <a href={`/sef/export/docx?${q}`}>Download as Word (.docx)</a>
            {version.number > 1 ? <Link href={`/sef/compare?${yearQuery}&a=${version.number - 1}&b=${version.number}`}>What changed from version {version.number - 1}</Link> : null}
          </>
        }
      />
      <SefDocument snapshot={version.snapshot} followable={followableTypes(user)} mayReadPlan={can(user, "plan.read")} />
    </>
  );
}
