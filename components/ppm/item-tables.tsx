import Link from "next/link";
import type { ReactNode } from "react";
import { Tag, type Tone } from "@/components/ui/tag";
import { formatDate, formatTerm } from "@/lib/format";
import type { PpmOutcomeKind } from "@/db/schema/enums";
import { isOverdue, PPM_OUTCOME_LABEL, ppmSubjectLabel } from "@/lib/analytics/ppm";
import type { PpmItemView } from "@/lib/data/ppm";
import { TableWrap } from "@/components/ui/table-wrap";

const OUTCOME_TONE: Record<PpmOutcomeKind, Tone> = { on_track: "green", progress: "blue", no_progress: "red", other: "grey" };

function OutcomeTag({ kind }: { kind: PpmOutcomeKind | null }) {
  return kind ? <Tag tone={OUTCOME_TONE[kind]}>{PPM_OUTCOME_LABEL[kind]}</Tag> : <Tag tone="grey">Outcome recorded</Tag>;
}

export function ReviewDate({ item, today }: { item: Pick<PpmItemView, "reviewDate" | "status">; today: string }) {
  if (!item.reviewDate) return <span className="muted">None set</span>;
  return (
    <>
      {formatDate(item.reviewDate)} {isOverdue(item, today) ? <Tag tone="red">Overdue</Tag> : null}
    </>
  );
}

function Pupil({ item }: { item: PpmItemView }) {
  return (
    <>
      <strong>{item.pupilName}</strong>
      <br />
      <span className="muted">{ppmSubjectLabel(item.subject)}</span>
    </>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <TableWrap>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}

/** The pupils discussed at a meeting, the action agreed for each and, once recorded, its outcome. */
export function DiscussedTable({
  meetingId,
  items,
  continuedBy,
  termKeyOfCarried,
  canEdit,
  today,
}: {
  meetingId: string;
  items: PpmItemView[];
  continuedBy: Record<string, string>;
  termKeyOfCarried: Record<string, string>;
  canEdit: boolean;
  today: string;
}) {
  return (
    <Table caption="Pupils discussed and the actions agreed" head={["Pupil", "Concern", "Action agreed", "Owner", "Review date", "Outcome", ...(canEdit ? ["Change"] : [])]}>
      {items.map((i) => (
        <tr key={i.id}>
          <th scope="row">
            <Pupil item={i} />
          </th>
          <td>
            {i.concern}
            {i.carriedFromId ? <div className="muted">Continued from {termKeyOfCarried[i.carriedFromId] ? formatTerm(termKeyOfCarried[i.carriedFromId]!) : "an earlier meeting"}</div> : null}
          </td>
          <td>{i.action}</td>
          <td>{i.ownerName ?? <span className="muted">No owner</span>}</td>
          <td>
            <ReviewDate item={i} today={today} />
          </td>
          <td>
            {i.status === "open" ? (
              <Tag tone="amber">Open</Tag>
            ) : (
              <>
                <OutcomeTag kind={i.outcomeKind} />
                {i.outcome ? <div>{i.outcome}</div> : null}
                {continuedBy[i.id] ? <div className="muted">Continued at a later meeting</div> : null}
              </>
            )}
          </td>
          {canEdit ? (
            <td>
              <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "0.75rem" }}>
                <li>
                  <Link href={`/ppm/${meetingId}/items/${i.id}`}>
                    Edit<span className="visually-hidden"> {i.pupilName}&apos;s entry</span>
                  </Link>
                </li>
                {i.status === "open" ? (
                  <li>
                    <Link href={`/ppm/${meetingId}/outcome/${i.id}`}>
                      Close<span className="visually-hidden"> {i.pupilName}&apos;s action</span>
                    </Link>
                  </li>
                ) : null}
              </ul>
            </td>
          ) : null}
        </tr>
      ))}
    </Table>
  );
}

/** Open actions from earlier meetings for pupils now in the class: their outcomes are recorded here. */
export function ToReviewTable({ meetingId, items, canEdit, today }: { meetingId: string; items: PpmItemView[]; canEdit: boolean; today: string }) {
  return (
    <Table caption="Actions from earlier meetings to review" head={["Pupil", "Agreed", "Concern", "Action", "Owner", "Review date", ...(canEdit ? ["Outcome"] : [])]}>
      {items.map((i) => (
        <tr key={i.id}>
          <th scope="row">
            <Pupil item={i} />
          </th>
          <td>
            {formatTerm(i.termKey)}
            <div className="muted">{i.className}</div>
          </td>
          <td>{i.concern}</td>
          <td>{i.action}</td>
          <td>{i.ownerName ?? <span className="muted">No owner</span>}</td>
          <td>
            <ReviewDate item={i} today={today} />
          </td>
          {canEdit ? (
            <td>
              <Link href={`/ppm/${meetingId}/outcome/${i.id}`}>
                Record outcome
                <span className="visually-hidden">
                  {" "}
                  for {i.pupilName} ({ppmSubjectLabel(i.subject)})
                </span>
              </Link>
            </td>
          ) : null}
        </tr>
      ))}
    </Table>
  );
}

/** Earlier actions whose outcome was recorded at this meeting. */
export function ReviewedTable({ meetingId, items, continuedBy, canEdit }: { meetingId: string; items: PpmItemView[]; continuedBy: Record<string, string>; canEdit: boolean }) {
  return (
    <Table caption="Outcomes recorded at this meeting" head={["Pupil", "Agreed", "Action", "Outcome", "Next step", ...(canEdit ? ["Change"] : [])]}>
      {items.map((i) => (
        <tr key={i.id}>
          <th scope="row">
            <Pupil item={i} />
          </th>
          <td>
            {formatTerm(i.termKey)}
            <div className="muted">{i.className}</div>
          </td>
          <td>{i.action}</td>
          <td>
            <OutcomeTag kind={i.outcomeKind} />
            {i.outcome ? <div>{i.outcome}</div> : null}
          </td>
          <td>{continuedBy[i.id] ? "Continued (see pupils discussed)" : "Closed"}</td>
          {canEdit ? (
            <td>
              <Link href={`/ppm/${meetingId}/outcome/${i.id}`}>
                Change<span className="visually-hidden"> the outcome for {i.pupilName}</span>
              </Link>
            </td>
          ) : null}
        </tr>
      ))}
    </Table>
  );
}
