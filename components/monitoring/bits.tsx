import Link from "next/link";
import type { Judgement } from "@/db/schema/enums";
import { Tag } from "@/components/ui/tag";
import type { MonitoringCounts, Theme } from "@/lib/analytics/monitoring";
import { MONITORING_COUNT_KEYS } from "@/lib/analytics/monitoring";
import type { FocusLabels, ObservationListRow } from "@/lib/data/monitoring";
import { COUNT_LABEL, JUDGEMENT_LABEL, JUDGEMENT_TONE } from "@/lib/labels/monitoring";
import styles from "./monitoring.module.css";
import { TableWrap } from "@/components/ui/table-wrap";

export function JudgementTag({ judgement }: { judgement: Judgement }) {
  return <Tag tone={JUDGEMENT_TONE[judgement]}>{JUDGEMENT_LABEL[judgement]}</Tag>;
}

/** What a record tested: plan strands and SEF areas. */
export function FocusList({ focus, strandHref }: { focus: FocusLabels; strandHref?: (id: string) => string }) {
  if (focus.strands.length === 0 && focus.areas.length === 0) return <span className="muted">No focus recorded</span>;
  return (
    <ul className={styles.focusList}>
      {focus.strands.map((s) => (
        <li key={s.id}>Strand: {strandHref ? <Link href={strandHref(s.id)}>{s.title}</Link> : s.title}</li>
      ))}
      {focus.areas.map((a) => (
        <li key={a.key}>Area: {a.name}</li>
      ))}
    </ul>
  );
}

/** Monitoring carried out, by type, as a table (the report shows the same numbers). */
export function CountsTable({ counts, caption }: { counts: MonitoringCounts; caption: string }) {
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col" className="num">
              Number
            </th>
          </tr>
        </thead>
        <tbody>
          {MONITORING_COUNT_KEYS.map((k) => (
            <tr key={k}>
              <th scope="row">{COUNT_LABEL[k]}</th>
              <td className="num">{counts[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Criteria that recur across observations: heading, criterion and in how many observations. */
export function ThemesTable({ themes, caption, empty, countLabel }: { themes: Theme[]; caption: string; empty: string; countLabel: string }) {
  if (themes.length === 0) {
    return (
      <>
        <h3>{caption}</h3>
        <p className="muted">{empty}</p>
      </>
    );
  }
  return (
    <TableWrap>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Heading</th>
            <th scope="col">Criterion</th>
            <th scope="col" className="num">
              {countLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {themes.map((t) => (
            <tr key={`${t.heading}|${t.label}`}>
              <td>{t.heading}</td>
              <td>{t.label}</td>
              <td className="num">{t.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StatGrid({ children }: { children: React.ReactNode }) {
  return <div className={styles.statGrid}>{children}</div>;
}

/** Where an observation stands with the teacher. */
export function ObservationStatus({ o }: { o: Pick<ObservationListRow, "status" | "acknowledgedAt" | "hasResponse"> }) {
  if (o.status === "draft") return <Tag tone="grey">Draft</Tag>;
  if (o.acknowledgedAt) return <Tag tone="green">Acknowledged</Tag>;
  return <Tag tone="amber">{o.hasResponse ? "Response written" : "Awaiting response"}</Tag>;
}
