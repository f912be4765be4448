import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { YearSelect } from "@/components/sef/year-select";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { findSef, listSefVersions, listSefYears } from "@/lib/data/sef";
import { can } from "@/lib/policy";
import { first, resolveYear } from "../load";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Versions · Self-evaluation" };

/** Every publication of a year's SEF, and a chooser to compare any two (or the draft, for leaders). */
export default async function SefVersionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("sef.published.read");
  const year = resolveYear(first((await searchParams).year));
  if (!year) notFound();
  const sef = findSef({ academicYearId: year.id });
  const versions = sef ? listSefVersions({ sefId: sef.id }) : [];
  const mayReadDraft = can(user, "sef.draft.read");
  const yearQuery = `year=${encodeURIComponent(year.name)}`;
  const years = listSefYears()
    .filter((y) => y.sef)
    .map((y) => ({ name: y.year.name, label: y.year.name }));
  const choices = [
    ...(mayReadDraft && sef ? [{ value: "draft", label: "Current draft" }] : []),
    ...versions.map((v) => ({ value: String(v.number), label: `Version ${v.number} (${formatDateTime(v.publishedAt)})` })),
  ];
  return (
    <>
      <PageHeader
        crumbs={[{ href: `/sef?${yearQuery}`, label: `Self-evaluation ${year.name}` }]}
        title={`Versions of the ${year.name} self-evaluation`}
        description="Every publication is kept as it was published."
      />
      <YearSelect action="/sef/versions" years={years} current={year.name} />
      {versions.length === 0 ? (
        <p className="notice">Nothing has been published for {year.name} yet.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption>Published versions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
                <th scope="col">Compare</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v, i) => {
                const previous = versions[i + 1];
                return (
                  <tr key={v.id}>
                    <th scope="row">
                      <Link href={`/sef/versions/${v.number}?${yearQuery}`}>Version {v.number}</Link>
                      {i === 0 ? <span className="muted"> (latest)</span> : null}
                    </th>
                    <td>{formatDateTime(v.publishedAt)}</td>
                    <td>{v.publishedByName}</td>
                    <td>{v.note ?? ""}</td>
                    <td>
                      {previous ? (
                        <Link href={`/sef/compare?${yearQuery}&a=${previous.number}&b=${v.number}`}>What changed from version {previous.number}</Link>
                      ) : (
                        <span className="muted">First version</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      {choices.length >= 2 ? (
        <section aria-labelledby="compare-any-h">
          <h2 id="compare-any-h">Compare any two</h2>
          <form method="get" action="/sef/compare" className="compare-pick">
            <input type="hidden" name="year" value={year.name} />
            <div className="field">
              <label htmlFor="cmp-a">Earlier</label>
              <select id="cmp-a" name="a" defaultValue={choices[choices.length - 1]!.value}>
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="cmp-b">Later</label>
              <select id="cmp-b" name="b" defaultValue={choices[0]!.value}>
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              Compare
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
