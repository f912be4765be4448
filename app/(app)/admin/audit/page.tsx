import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { formatDateTime } from "@/lib/format";
import { AUDIT_AREAS, type AuditArea } from "@/db/schema/enums";
import { requirePermission } from "@/lib/auth/session";
import { listAudit } from "@/lib/data/audit";
import { listUsers } from "@/lib/data/users";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Audit log" };

const PAGE = 50;
const AREA_LABEL: Record<AuditArea, string> = {
  admin: "Administration",
  sef: "Self-evaluation",
  sip: "Improvement plan",
  monitoring: "Monitoring",
  pupils: "Pupils and assessment",
  ppm: "Progress meetings",
  report: "Reports",
  governance: "Governance",
  auth: "Sign-in and accounts",
};

/** The fields that differ between two audit snapshots. */
function changedFields(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !["version", "updatedAt", "createdAt"].includes(k));
  const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, from: show(b[k]), to: show(a[k]) }));
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePermission("audit.read");
  const sp = await searchParams;
  const area = AUDIT_AREAS.includes(sp.area as AuditArea) ? (sp.area as AuditArea) : undefined;
  const date = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const page = Math.max(1, Number(sp.page) || 1);
  const filter = { userId: sp.person || undefined, area, from: date(sp.from), to: date(sp.to) };
  const rows = listAudit({ ...filter, limit: PAGE + 1, offset: (page - 1) * PAGE });
  const people = listUsers({ includeDisabled: true });
  const query = (p: number) =>
    new URLSearchParams({ ...Object.fromEntries(Object.entries({ person: sp.person, area: sp.area, from: sp.from, to: sp.to }).filter(([, v]) => v)), page: String(p) }).toString();
  return (
    <>
      <PageHeader title="Audit log" description="Every change to the self-evaluation, plan, reviews, monitoring, pupil data, reports and accounts: who, when, what, before and after." />
      <form method="get" className="card no-print" style={{ marginBottom: "1.5rem" }} aria-label="Filter the audit log">
        <div className="row" style={{ alignItems: "flex-end" }}>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="f-person">Person</label>
            <select id="f-person" name="person" defaultValue={sp.person ?? ""}>
              <option value="">Everyone</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="f-area">Area</label>
            <select id="f-area" name="area" defaultValue={area ?? ""}>
              <option value="">All areas</option>
              {AUDIT_AREAS.map((a) => (
                <option key={a} value={a}>
                  {AREA_LABEL[a]}
                </option>
              ))}
            </select>
          </div>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="f-from">From</label>
            <input id="f-from" name="from" type="date" defaultValue={filter.from ?? ""} />
          </div>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="f-to">To</label>
            <input id="f-to" name="to" type="date" defaultValue={filter.to ?? ""} />
          </div>
          <button className="button" type="submit">
            Filter
          </button>
          <Link href="/admin/audit">Clear filters</Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>No changes match these filters.</p>
      ) : (
        <TableWrap>
          <table className="table">
            <caption className="visually-hidden">Changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Area</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, PAGE).map((r) => {
                const changes = r.before && r.after ? changedFields(r.before, r.after) : [];
                return (
                  <tr key={r.id}>
                    <td style={{ whiteSpace: "nowrap" }}>{formatDateTime(r.at)}</td>
                    <td>{r.userName}</td>
                    <td>{AREA_LABEL[r.area]}</td>
                    <td>
                      {r.summary}
                      {changes.length ? (
                        <details>
                          <summary>
                            Before and after ({changes.length} {changes.length === 1 ? "field" : "fields"})
                          </summary>
                          <dl className="summary-list" style={{ marginTop: "0.5rem" }}>
                            {changes.map((c) => (
                              <div key={c.field} style={{ display: "contents" }}>
                                <dt>{c.field}</dt>
                                <dd>
                                  <del>{c.from}</del> → <ins>{c.to}</ins>
                                </dd>
                              </div>
                            ))}
                          </dl>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav className="row" aria-label="Pages of the audit log">
        {page > 1 ? <Link href={`/admin/audit?${query(page - 1)}`}>Newer changes</Link> : null}
        {rows.length > PAGE ? <Link href={`/admin/audit?${query(page + 1)}`}>Older changes</Link> : null}
      </nav>
    </>
  );
}
