import { PageHeader } from "@/components/layout/page-header";
import { formatDate, formatTerm, shiftAcademicYear } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { findCurrentYear, listAcademicYears, listClasses, listTerms } from "@/lib/data/school";
import { listUsers, STAFF_ROLES } from "@/lib/data/users";
import { can } from "@/lib/policy";
import { academicYearFor } from "@/lib/validation/admin";
import { AddYearForm, ClassTeachersForm, MakeCurrentButton, TermDatesForm } from "./year-forms";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Years and terms" };

export default async function YearsPage() {
  const user = await requirePermission("settings.read");
  const editable = can(user, "settings.edit");
  const years = listAcademicYears();
  const terms = listTerms();
  const current = findCurrentYear();
  const classes = current ? listClasses({ academicYearId: current.id }) : [];
  const teachers = listUsers({ roles: STAFF_ROLES }).map((u) => ({ value: u.id, label: u.name }));
  const nameOf = new Map(teachers.map((t) => [t.value, t.label]));
  const latest = years[0]?.name;
  const suggested = latest ? shiftAcademicYear(latest, 1) : academicYearFor();
  return (
    <>
      <PageHeader title="Years and terms" description="Academic years run September to August in three terms. Past years stay readable: nothing is deleted when the year rolls over." />
      {years.map((year) => (
        <section key={year.id} className="card" style={{ marginBottom: "1.5rem" }} aria-labelledby={`year-${year.id}`}>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 id={`year-${year.id}`} style={{ margin: 0 }}>
              {year.name} {year.isCurrent ? <Tag tone="green">Current year</Tag> : null}
            </h2>
            {editable && !year.isCurrent ? <MakeCurrentButton id={year.id} name={year.name} /> : null}
          </div>
          <TableWrap>
            <table className="table">
              <caption className="visually-hidden">Terms of {year.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  <th scope="col">Starts</th>
                  <th scope="col">Ends</th>
                  {editable ? (
                    <th scope="col">
                      <span className="visually-hidden">Change dates</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {terms
                  .filter((t) => t.academicYearId === year.id)
                  .map((t) => (
                    <tr key={t.id}>
                      <th scope="row">{formatTerm(t)}</th>
                      <td>{formatDate(t.startDate)}</td>
                      <td>{formatDate(t.endDate)}</td>
                      {editable ? (
                        <td>
                          <TermDatesForm term={{ id: t.id, version: t.version, startDate: t.startDate, endDate: t.endDate, label: formatTerm(t) }} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
      {editable ? (
        <section aria-labelledby="add-year">
          <h2 id="add-year">Add an academic year</h2>
          <AddYearForm suggested={suggested} />
        </section>
      ) : null}
      {current ? (
        <section aria-labelledby="classes">
          <h2 id="classes">Classes in {current.name}</h2>
          <p className="muted">Class teachers see their own classes&apos; pupils and progress meetings. Classes are created by the pupil import.</p>
          {classes.length === 0 ? (
            <p>No classes yet. Import pupils to create them.</p>
          ) : (
            <TableWrap>
              <table className="table">
                <caption className="visually-hidden">Classes and their teachers</caption>
                <thead>
                  <tr>
                    <th scope="col">Class</th>
                    <th scope="col">Year group</th>
                    <th scope="col">Teachers</th>
                  </tr>
                </thead>
                <tbody>
                  {classes.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.name}</th>
                      <td>{c.yearGroup ?? "Mixed"}</td>
                      <td>
                        {editable ? (
                          <ClassTeachersForm classId={c.id} className={c.name} teacherIds={c.teacherIds} options={teachers} />
                        ) : (
                          c.teacherIds.map((id) => nameOf.get(id)).join(", ") || "None"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      ) : null}
    </>
  );
}
