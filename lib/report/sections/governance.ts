import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { monitoringFoci, strands, users, visits } from "@/db/schema";
import { listChallengesForTerm, type Challenge } from "@/lib/data/governance";
import { formatTerm } from "@/components/ui/format";
import { REPORT_SECTION_LABEL } from "../labels";
import type { ReportChallenge, ReportVisit } from "../types";

/**
 * Section 7: governor and adviser visits this term, and the challenge log's questions since the last
 * report (raised or answered since it, or still waiting). Visits name the visitor, never a teacher.
 */
export function buildGovernance({ termId, areaNames, since }: { termId: string; areaNames: Record<string, string>; since: string | null }, db: DbOrTx): { challenges: ReportChallenge[]; visits: ReportVisit[] } {
  const challenges = listChallengesForTerm({ termId, since }, db).map((c) => toReportChallenge(c, areaNames));
  const rows = db
    .select({ id: visits.id, date: visits.date, kind: visits.kind, visitType: visits.visitType, purpose: visits.purpose, visitor: users.name })
    .from(visits)
    .innerJoin(users, eq(visits.visitorId, users.id))
    .where(eq(visits.termId, termId))
    .orderBy(asc(visits.date))
    .all();
  const foci = rows.length
    ? db
        .select({ recordId: monitoringFoci.recordId, strandTitle: strands.title, areaKey: monitoringFoci.areaKey })
        .from(monitoringFoci)
        .leftJoin(strands, eq(monitoringFoci.strandId, strands.id))
        .where(and(eq(monitoringFoci.recordType, "visit"), inArray(monitoringFoci.recordId, rows.map((r) => r.id))))
        .all()
    : [];
  return {
    challenges,
    visits: rows.map((v) => ({
      date: v.date,
      kind: v.kind,
      visitor: v.visitor,
      visitType: v.visitType,
      purpose: v.purpose,
      focus: foci
        .filter((f) => f.recordId === v.id)
        .map((f) => f.strandTitle ?? (f.areaKey ? (areaNames[f.areaKey] ?? f.areaKey) : null))
        .filter((x): x is string => !!x),
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
