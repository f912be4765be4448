import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { CountsSummary } from "@/components/ppm/counts-summary";
import { TermPicker } from "@/components/ui/picker";
import { Tag } from "@/components/ui/tag";
import { formatDate, formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { getProgressMeetingCounts, listMeetingsForTerm } from "@/lib/data/ppm";
import { findCurrentTerm, listTerms } from "@/lib/data/school";
import { can, scopeOf } from "@/lib/policy";
import { yearGroupLabel } from "@/lib/analytics/schemes";
import { TableWrap } from "@/components/ui/table-wrap";

export const metadata = { title: "Pupil progress meetings" };

/**
 * Which classes have had their progress meeting in a term and which have not. Leaders see every class;
 * staff only the classes they teach; governors the counts alone (SPEC §1); advisers are refused.
 */
export default async function ProgressMeetingsPage({ searchParams }: { searchParams: Promise<{ term?: string }> }) {
  const user = await requirePermission("ppm.counts.read");
  const { term: wanted } = await searchParams;
  const terms = listTerms();
  const term = terms.find((t) => t.key === wanted) ?? findCurrentTerm() ?? terms[terms.length - 1];
  if (!term) {
    return (
      <>
        <PageHeader title="Pupil progress meetings" />
        <p>No academic year has been set up yet.</p>
      </>
    );
  }
  const label = formatTerm(term);
  const scope = scopeOf(user.role, "ppm.read");
  const rows = scope ? listMeetingsForTerm({ termId: term.id, viewer: user }) : null;
  const counts = getProgressMeetingCounts({ termId: term.id });
  const canEdit = can(user, "ppm.edit");
  const held = rows?.filter((r) => r.meeting) ?? [];
  const notHeld = rows?.filter((r) => !r.meeting) ?? [];

  return (
    <>
      <PageHeader
        caption={label}
        title="Pupil progress meetings"
        description={
          scope === "all"
            ? "Each class meets once a term to agree actions for pupils who are not on track, and to record what happened to last term's."
            : scope === "own"
              ? "The progress meetings of the classes you teach."
              : "How many pupils were discussed and what happened to the actions agreed. Pupils are never named here."
        }
      />
      <TermPicker terms={terms} current={term} action="/ppm" />

      {rows ? (
        <section aria-labelledby="ppm-classes">
          <h2 id="ppm-classes">{scope === "all" ? "Classes" : "Your classes"}</h2>
          {rows.length === 0 ? (
            <p>{scope === "own" ? `You do not teach a class in ${term.yearName}.` : `There are no classes in ${term.yearName}.`}</p>
          ) : (
            <>
              <p>
                {held.length} of {rows.length} {rows.length === 1 ? "class has" : "classes have"} had their meeting in {label}.
                {notHeld.length ? ` Not yet: ${notHeld.map((r) => r.className).join(", ")}.` : ""}
              </p>
              <TableWrap>
                <table className="table">
                  <caption className="visually-hidden">Progress meetings by class, {label}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Class</th>
                      <th scope="col">Meeting</th>
                      <th scope="col">Class teacher</th>
                      <th scope="col" className="num">
                        Pupils discussed
                      </th>
                      <th scope="col" className="num">
                        Actions open
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.classId}>
                        <th scope="row">
                          {r.className} <span className="muted">({yearGroupLabel(r.yearGroup)})</span>
                        </th>
                        <td>
                          {r.meeting ? (
                            <Link href={`/ppm/${r.meeting.id}`}>
                              Held {formatDate(r.meeting.date)}
                              <span className="visually-hidden">: {r.className}&apos;s meeting</span>
                            </Link>
                          ) : canEdit ? (
                            <span className="row">
                              <Tag tone="amber">Not held yet</Tag>
                              <Link href={`/ppm/new?term=${encodeURIComponent(term.key)}&class=${r.classId}`}>
                                Record meeting<span className="visually-hidden"> for {r.className}</span>
                              </Link>
                            </span>
                          ) : (
                            <Tag tone="amber">Not held yet</Tag>
                          )}
                        </td>
                        <td>{r.meeting?.teacherName ?? r.teacherNames.join(", ")}</td>
                        <td className="num">{r.meeting ? r.meeting.pupilsDiscussed : "–"}</td>
                        <td className="num">{r.meeting ? r.meeting.openActions : "–"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          )}
        </section>
      ) : null}

      <CountsSummary counts={counts} termLabel={label} />
    </>
  );
}
