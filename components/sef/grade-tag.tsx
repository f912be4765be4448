import { Tag } from "@/components/ui/tag";
import type { GradeTone } from "@/lib/analytics/sef-snapshot";

/** A grade with its words as well as its colour; "Not graded" when none is set. */
export function GradeTag({ label, tone }: { label: string | null | undefined; tone: GradeTone | null | undefined }) {
  if (!label) return <Tag tone="grey">Not graded</Tag>;
  return <Tag tone={tone ?? "grey"}>{label}</Tag>;
}
