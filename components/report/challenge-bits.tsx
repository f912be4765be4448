import Link from "next/link";
import { Tag } from "@/components/ui/tag";
import { formatTerm } from "@/lib/format";
import type { ChallengeStatus } from "@/lib/data/governance";
import { CHALLENGE_STATUS_LABEL, CHALLENGE_STATUS_TONE, REPORT_SECTION_LABEL } from "@/lib/report/labels";
import type { ReportSection } from "@/db/schema/enums";
import { termKeyToSlug } from "@/lib/report/term-key";

export function ChallengeStatusTag({ status }: { status: ChallengeStatus }) {
  return <Tag tone={CHALLENGE_STATUS_TONE[status]}>{CHALLENGE_STATUS_LABEL[status]}</Tag>;
}

/** What a question is about, in words, linking to the strand or report where the reader may see it. */
export function ChallengeAbout({
  c,
  areaNames,
  links = true,
}: {
  c: { strandId: string | null; strandTitle: string | null; areaKey: string | null; reportTermKey: string | null; reportSection: ReportSection | null };
  areaNames: Record<string, string>;
  links?: boolean;
}) {
  const parts: React.ReactNode[] = [];
  if (c.reportTermKey) {
    const label = `${formatTerm(c.reportTermKey)} report${c.reportSection ? `: ${REPORT_SECTION_LABEL[c.reportSection]}` : ""}`;
    parts.push(
      links ? (
        <Link key="r" href={`/reports/${termKeyToSlug(c.reportTermKey)}${c.reportSection ? `#section-${c.reportSection}` : ""}`}>
          {label}
        </Link>
      ) : (
        label
      ),
    );
  }
  if (c.strandTitle) parts.push(<span key="s">Strand: {c.strandTitle}</span>);
  if (c.areaKey) parts.push(<span key="a">Self-evaluation: {areaNames[c.areaKey] ?? c.areaKey}</span>);
  if (parts.length === 0) return <span className="muted">General</span>;
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 ? "; " : ""}
          {p}
        </span>
      ))}
    </>
  );
}
