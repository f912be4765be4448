import { formatDate } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import type { MeetingListItem } from "@/lib/data/meetings";

/** Whether the papers are out: the report published by the papers-out date. */
export function PapersTag({ m, today }: { m: Pick<MeetingListItem, "reportStatus" | "papersOutDate" | "date" | "reportId">; today: string }) {
  if (!m.reportId) return <span className="muted">No report attached</span>;
  if (m.reportStatus === "published") return <Tag tone="green">{today >= m.papersOutDate ? "Papers out" : `Ready; out ${formatDate(m.papersOutDate)}`}</Tag>;
  if (today >= m.papersOutDate && m.date >= today) return <Tag tone="red">Late: report not published</Tag>;
  return <Tag tone="grey">Due out {formatDate(m.papersOutDate)}</Tag>;
}
