import "server-only";
import type { DbOrTx } from "@/db/client";
import { findSefVersionAsOf } from "@/lib/data/report-queries";
import type { ReportData, ReportSelfEvaluation } from "../types";

type SnapshotArea = { key: string; name: string; grade: string | null; gradeLabel: string | null; gradeTone?: string | null };
type Snapshot = { framework?: { name?: string }; areas?: SnapshotArea[] };

/**
 * Section 6: the grades of the SEF publication current at the report's date (the latest published on or
 * before it), and what changed since the previous published report, read from that report's own
 * snapshot so the comparison is with what governors were actually told.
 */
export function buildSelfEvaluation(
  { academicYearId, asOf, previous }: { academicYearId: string; asOf: string; previous: { term: string; data: ReportData } | null },
  db: DbOrTx,
): ReportSelfEvaluation {
  const version = findSefVersionAsOf({ academicYearId, asOf }, db);
  const snap = (version?.snapshot ?? null) as Snapshot | null;
  const prevAreas = previous?.data.selfEvaluation?.areas ?? null;
  return {
    framework: snap?.framework?.name ?? null,
    version: version ? { number: version.number, publishedAt: version.publishedAt } : null,
    comparedWith: prevAreas ? previous!.term : null,
    areas: (snap?.areas ?? []).map((a) => {
      const before = prevAreas?.find((p) => p.areaKey === a.key);
      const grade = a.gradeLabel ?? null;
      return {
        areaKey: a.key,
        area: a.name,
        grade,
        gradeTone: a.gradeTone ?? null,
        ...(prevAreas ? { previousGrade: before?.grade ?? null } : {}),
        changed: prevAreas ? (before?.grade ?? null) !== grade : false,
      };
    }),
  };
}
