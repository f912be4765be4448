import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/print-button";
import { SefDocument } from "@/components/sef/sef-document";
import { formatDate } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { getSchool } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { first, followableTypes, loadSefView } from "../load";

export const metadata = { title: "Print · Self-evaluation" };

/**
 * The SEF as an A4 document: the app's chrome is hidden by the print stylesheet (.no-print). The
 * draft (`?version=draft`) is for the head and senior leaders only; others get a 403.
 */
export default async function SefPrintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("sef.published.read");
  const sp = await searchParams;
  // Asked for the draft: refuse before anything is loaded.
  if (first(sp.version) === "draft") await requirePermission("sef.draft.read");
  const view = loadSefView(user, { year: first(sp.year), version: first(sp.version) });
  if (!view.ok) {
    if (view.status === 403) forbidden();
    notFound();
  }
  const school = getSchool();
  const yearQuery = `year=${encodeURIComponent(view.year.name)}`;
  return (
    <article className="print-doc">
      <p className="no-print">
        <Link href={`/sef?${yearQuery}`}>Back to the self-evaluation</Link>
      </p>
      <header className="print-doc-head">
        <p className="caption">{school.name}</p>
        <h1>Self-evaluation {view.year.name}</h1>
        <p>
          {view.snapshot.framework.name}.{" "}
          {view.isDraft ? (
            <strong>Draft: not published.</strong>
          ) : (
            <>
              Version {view.version!.number}, published {formatDate(view.version!.publishedAt)} by {view.version!.publishedByName}.
            </>
          )}
        </p>
      </header>
      <div className="row no-print" style={{ marginBottom: "1.5rem" }}>
        <PrintButton />
        <a href={`/sef/export/docx?${yearQuery}${view.isDraft ? "&version=draft" : view.version ? `&version=${view.version.number}` : ""}`}>Download as Word (.docx)</a>
      </div>
      <SefDocument snapshot={view.snapshot} followable={followableTypes(user)} mayReadPlan={can(user, "plan.read")} />
    </article>
  );
}
