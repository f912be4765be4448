import type { Rag, TermName } from "@/db/schema/enums";
import { RagTag, Tag } from "@/components/ui/tag";
import { formatTerm } from "@/lib/format";
import { CRITERION_STATUS_LABEL, CRITERION_STATUS_TONE, type CriterionStatus } from "@/lib/analytics/criteria";
import { ACTION_STATUS_LABEL, type ActionFlag } from "@/lib/analytics/plan";
import type { PlanActionStatus } from "@/db/schema/enums";
import styles from "./plan.module.css";

/** A row of RAG tags, one per term, each labelled with its term (words as well as colour). */
export function RagHistory({ terms, ragByTerm, label }: { terms: { id: string; yearName: string; name: TermName }[]; ragByTerm: Record<string, Rag | null>; label?: string }) {
  return (
    <ul className={styles.ragRow} aria-label={label ?? "RAG rating by term"}>
      {terms.map((t) => (
        <li key={t.id}>
          <span className={styles.ragTerm}>{formatTerm(t)}</span>
          {ragByTerm[t.id] ? (
            <RagTag rag={ragByTerm[t.id]} />
          ) : (
            // A dash keeps the row compact; the words are there for screen readers.
            <Tag tone="grey">
              <span aria-hidden="true">–</span>
              <span className="visually-hidden">Not reviewed</span>
            </Tag>
          )}
        </li>
      ))}
    </ul>
  );
}

export function CriterionStatusTag({ status }: { status: CriterionStatus | null }) {
  if (!status) return <span className="muted">Narrative</span>;
  return <Tag tone={CRITERION_STATUS_TONE[status]}>{CRITERION_STATUS_LABEL[status]}</Tag>;
}

export function ActionFlagTag({ flag }: { flag: ActionFlag }) {
  if (flag === "overdue") return <Tag tone="red">Overdue</Tag>;
  if (flag === "due_soon") return <Tag tone="amber">Due soon</Tag>;
  return null;
}

const STATUS_TONE = { not_started: "grey", in_progress: "blue", done: "green", dropped: "grey" } as const;

export function ActionStatusTag({ status }: { status: PlanActionStatus }) {
  return <Tag tone={STATUS_TONE[status]}>{ACTION_STATUS_LABEL[status]}</Tag>;
}
