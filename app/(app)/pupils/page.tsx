import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { yearGroupLabel } from "@/components/pupils/labels";
import { PupilTable } from "@/components/pupils/pupil-table";
import { YEAR_GROUPS, type YearGroup } from "@/db/schema/enums";
import { requireUser } from "@/lib/auth/session";
import { listPupils, listPupilYearGroups, type PupilFlag } from "@/lib/data/pupils";
import { findCurrentYear, listAcademicYears, listClasses, listClassIdsTaughtBy } from "@/lib/data/school";
import { can, scopeOf } from "@/lib/policy";
import { pupilFilterSchema } from "@/lib/validation/pupils";

export const metadata = { title: "Pupils" };

const PAGE_SIZE = 50;
const FLAG_OPTIONS: { value: PupilFlag; label: string }[] = [
  { value: "disadvantaged", label: "Disadvantaged" },
  { value: "fsm", label: "Free school meals" },
  { value: "sen", label: "SEN (support or EHCP)" },
  { value: "eal", label: "EAL" },
  { value: "looked_after", label: "Looked after" },
];

/**
 * Named pupils: leaders see every pupil; staff only the pupils of classes they teach (SPEC §1);
 * governors and advisers are refused (they see suppressed aggregates on the attainment page).
 */
export default async function PupilsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const scope = scopeOf(user.role, "pupils.read");
  if (!scope) forbidden();
  const raw = await searchParams;
  const f = pupilFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const years = listAcademicYears();
  const year = years.find((y) => y.name === f.year) ?? findCurrentYear() ?? years[0];
  if (!year) {
    return (
      <>
        <PageHeader title="Pupils" />
        <p className="inset">There are no academic years yet.</p>
      </>
    );
  }
  // Staff: only the classes they teach ("own" scope), whatever the query string asks for.
  const own = scope === "own" ? listClassIdsTaughtBy({ userId: user.id }) : undefined;
  const yearClasses = listClasses({ academicYearId: year.id }).filter((c) => !own || own.includes(c.id));
  const classId = f.class && yearClasses.some((c) => c.id === f.class) ? f.class : undefined;
  const yearGroup = f.yg && (YEAR_GROUPS as readonly string[]).includes(f.yg) ? (f.yg as YearGroup) : undefined;
  const page = f.page ?? 1;
  const { rows, total } = listPupils({ academicYearId: year.id, yearGroup, classId, q: f.q, flag: f.flag, viewer: user, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const yearGroups = own ? [...new Set(yearClasses.map((c) => c.yearGroup).filter((y): y is YearGroup => !!y))] : listPupilYearGroups({ academicYearId: year.id });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (p: number) => {
    const q = new URLSearchParams();
    q.set("year", year.name);
    if (yearGroup) q.set("yg", yearGroup);
    if (classId) q.set("class", classId);
    if (f.q) q.set("q", f.q);
    if (f.flag) q.set("flag", f.flag);
    if (p > 1) q.set("page", String(p));
    return `/pupils?${q.toString()}`;
  };
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Pupils"
        caption={`Academic year ${year.name}`}
        description={own ? "The pupils in the classes you teach." : "Every pupil on roll, with the flags governors' reports break down by."}
        actions={
          <>
            {can(user, "attainment.read") ? (
              <Link className="button button-secondary" href="/pupils/analysis">
                Attainment analysis
              </Link>
            ) : null}
            {can(user, "pupils.import") ? (
              <Link className="button" href="/pupils/import">
                Import pupils or results
              </Link>
            ) : null}
          </>
        }
      />

      {own && own.length === 0 ? <p className="inset">You are not recorded as the teacher of any class, so there are no pupils to show.</p> : null}

      <form method="get" className="no-print" style={{ display: "flex", flexWrap: "wrap", gap: "1rem", alignItems: "flex-end", marginBottom: "1.5rem" }}>
        <div className="field">
          <label htmlFor="f-year">Academic year</label>
          <select id="f-year" name="year" defaultValue={year.name}>
            {years.map((y) => (
              <option key={y.id} value={y.name}>
                {y.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-yg">Year group</label>
          <select id="f-yg" name="yg" defaultValue={yearGroup ?? ""}>
            <option value="">All year groups</option>
            {yearGroups.map((y) => (
              <option key={y} value={y}>
                {yearGroupLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-class">Class</label>
          <select id="f-class" name="class" defaultValue={classId ?? ""}>
            <option value="">All classes</option>
            {yearClasses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-flag">Group</label>
          <select id="f-flag" name="flag" defaultValue={f.flag ?? ""}>
            <option value="">Any</option>
            {FLAG_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">Name or UPN</label>
          <input id="f-q" name="q" type="search" defaultValue={f.q ?? ""} />
        </div>
        <div className="field">
          <button className="button" type="submit">
            Filter
          </button>
        </div>
      </form>

      <PupilTable
        rows={rows}
        caption={`Pupils in ${year.name}: ${total === 0 ? "none match" : `${from.toLocaleString("en-GB")} to ${to.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")}`}`}
      />
      {pages > 1 ? (
        <nav aria-label="Pages of pupils" className="row no-print" style={{ gap: "1rem", marginTop: "1rem" }}>
          {page > 1 ? <Link href={link(page - 1)}>Previous page</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={link(page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
