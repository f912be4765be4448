import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { CompareView } from "@/components/sef/compare-view";
import { formatDate } from "@/lib/format";
import { diffSnapshots } from "@/lib/analytics/sef-diff";
import type { SefSnapshot } from "@/lib/analytics/sef-snapshot";
import { requirePermission } from "@/lib/auth/session";
import { buildSefSnapshot, findLatestSefVersion, findSef, findSefVersion, listSefVersions } from "@/lib/data/sef";
import { can } from "@/lib/policy";
import { first, parseVersionRef, resolveYear } from "../load";

export const metadata = { title: "Compare versions · Self-evaluation" };

/**
 * Two versions of a year's SEF side by side: `?a=2&b=3`, or `b=draft` (head and senior leaders only)
 * to see what the next publication would change. Without parameters: the latest publication against
 * the draft for leaders, the last two publications for everyone else.
 */
export default async function SefComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("sef.published.read");
  const sp = await searchParams;
  let a = parseVersionRef(first(sp.a));
  let b = parseVersionRef(first(sp.b));
  if (a === "invalid" || b === "invalid") notFound();
  // The draft is checked before anything is loaded: a forged ?b=draft gets a 403, not a draft.
  if (a === "draft" || b === "draft") await requirePermission("sef.draft.read");
  const year = resolveYear(first(sp.year));
  if (!year) notFound();
  const sef = findSef({ academicYearId: year.id });
  if (!sef) notFound();
  const yearQuery = `year=${encodeURIComponent(year.name)}`;
  const latest = findLatestSefVersion({ sefId: sef.id });
  if (a === null && b === null) {
    if (can(user, "sef.draft.read")) {
      a = latest?.number ?? null;
      b = "draft";
    } else {
      const all = listSefVersions({ sefId: sef.id });
      a = all[1]?.number ?? null;
      b = all[0]?.number ?? null;
    }
  }
  const load = (ref: "draft" | number | null): { snapshot: SefSnapshot; label: string; when: string } | null => {
    if (ref === null) return null;
    if (ref === "draft") return { snapshot: buildSefSnapshot({ academicYearId: year.id })!, label: "the current draft", when: "not yet published" };
    const v = findSefVersion({ sefId: sef.id, number: ref });
    return v ? { snapshot: v.snapshot, label: `version ${v.number}`, when: `published ${formatDate(v.publishedAt)} by ${v.publishedByName}` } : null;
  };
  const left = load(a);
  const right = load(b);
  const crumbs = [
    { href: `/sef?${yearQuery}`, label: `Self-evaluation ${year.name}` },
    { href: `/sef/versions?${yearQuery}`, label: "Versions" },
  ];
  if (!left || !right) {
    if ((a !== null && !left) || (b !== null && !right)) notFound();
    return (
      <>
        <PageHeader crumbs={crumbs} title="Compare versions" />
        <p className="notice">There are not yet two versions to compare. Each publication is kept, so a comparison is possible after the second.</p>
      </>
    );
  }
  const diff = diffSnapshots(left.snapshot, right.snapshot);
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const labels = { before: cap(left.label), after: cap(right.label) };
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        caption={`Self-evaluation ${year.name}`}
        title={`${labels.before} compared with ${left.label === right.label ? "itself" : right.label}`}
        description={`${labels.before}: ${left.when}. ${labels.after}: ${right.when}.`}
        actions={<Link href={`/sef/versions?${yearQuery}`}>Compare other versions</Link>}
      />
      <CompareView diff={diff} labels={labels} names={{ before: left.label, after: right.label }} />
    </>
  );
}
