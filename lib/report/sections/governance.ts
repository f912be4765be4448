import "server-only";
import type { DbOrTx } from "@/db/client";
import { listTermVisits } from "@/lib/data/report-queries";
import { listChallengesForTerm, type Challenge } from "@/lib/data/governance";
import { formatTerm } from "@/lib/format";
import { REPORT_SECTION_LABEL } from "../labels";
import type { ReportChallenge, ReportVisit } from "../types";

/**
 * Section 7: governor and adviser visits this term, and the challenge log's questions since the last
 * report (raised or answered since it, or still waiting). Visits name the visitor, never a teacher.
 */
export function buildGovernance(
  { termId, areaNames, since }: { termId: string; areaNames: Record<string, string>; since: string | null },
  db: DbOrTx,
): { challenges: ReportChallenge[]; visits: ReportVisit[] } {
  const challenges = listChallengesForTerm({ termId, since }, db).map((c) => toReportChallenge(c, areaNames));
  return {
    challenges,
    visits: listTermVisits({ termId }, db).map((v) => ({
      date: v.date,
      kind: v.kind,
      visitor: v.visitor,
      visitType: v.visitType,
      purpose: v.purpose,
      focus: v.foci.map((f) => f.strandTitle ?? (f.areaKey ? (areaNames[f.areaKey] ?? f.areaKey) : null)).filter((x): x is string => !!x),
    })),
  };
}

function toReportChallenge(c: Challenge, areaNames: Record<string, string>): ReportChallenge {
  const about: string[] = [];
  if (c.reportTermKey) about.push(`${formatTerm(c.reportTermKey)} report${c.reportSection ? `: ${REPORT_SECTION_LABEL[c.reportSection]}` : ""}`);
  if (c.strandTitle) about.push(`Strand: ${c.strandTitle}`);
  if (c.areaKey) about.push(`Self-evaluation: ${areaNames[c.areaKey] ?? c.areaKey}`);
  return {
    id: c.id,
    raisedOn: c.raisedOn,
    raisedBy: c.raisedByName,
    source: c.source,
    about: about.join("; ") || "General",
    question: c.question,
    answer: c.answer,
    answeredBy: c.answeredByName,
    answeredAt: c.answeredAt,
    owner: c.ownerName,
    status: c.status,
  };
}
