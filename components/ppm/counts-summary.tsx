import { PPM_OUTCOME_KINDS } from "@/db/schema/enums";
import { PPM_OUTCOME_LABEL, ppmSubjectLabel, type PpmCounts } from "@/lib/analytics/ppm";
import { Stat } from "@/components/ui/stat";
import { TableWrap } from "@/components/ui/table-wrap";

/**
 * The term's progress-meeting numbers (SPEC §3.7 item 5) as cards and two tables. Counts only, so the
 * same component serves governors: nothing here can name a pupil.
 */
export function CountsSummary({ counts, termLabel, headingLevel = 2 }: { counts: PpmCounts; termLabel: string; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2" | "h3";
  const classes = counts.meetingsHeld + counts.classesWithoutMeeting;
  const subjects = Object.entries(counts.bySubject).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <section aria-labelledby="ppm-counts">
      <H id="ppm-counts">In numbers: {termLabel}</H>
      <div className="grid" style={{ marginBottom: "1.5rem" }}>
        <Stat label="Meetings held" value={counts.meetingsHeld} note={`of ${classes} ${classes === 1 ? "class" : "classes"}`} />
        <Stat label="Pupils discussed" value={counts.pupilsDiscussed} />
        <Stat label="Actions agreed" value={counts.actionsAgreed} note={`${counts.openCarriedForward} continued from an earlier meeting`} />
        <Stat label="Outcomes recorded" value={counts.outcomesRecorded} note="of actions agreed earlier" />
        <Stat label="Actions still open" value={counts.stillOpen} note="to review at the next meeting" />
      </div>
      <div className="grid-2">
        <TableWrap>
          <table className="table">
            <caption>Outcomes recorded at this term&apos;s meetings</caption>
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col" className="num">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {PPM_OUTCOME_KINDS.map((k) => (
                <tr key={k}>
                  <th scope="row">{PPM_OUTCOME_LABEL[k]}</th>
                  <td className="num">{counts.byOutcome[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <TableWrap>
          <table className="table">
            <caption>Actions agreed by area of concern</caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col" className="num">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {subjects.length ? (
                subjects.map(([s, n]) => (
                  <tr key={s}>
                    <th scope="row">{ppmSubjectLabel(s)}</th>
                    <td className="num">{n}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={2}>No actions agreed this term.</td>
                </tr>
              )}
            </tbody>
          </table>
        </TableWrap>
      </div>
      <p className="muted">Pupils discussed counts each child once, however many concerns were raised. Outcomes are those recorded this term for actions agreed at an earlier meeting.</p>
    </section>
  );
}
