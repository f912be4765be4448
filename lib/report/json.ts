import { db as defaultDb, type DbOrTx } from "@/db/client";
import { findReportStatus, getAttainment } from "@/lib/data/attainment";
import { getRollContext, type RollContext } from "@/lib/data/pupils";
import { findTermByKey, getSchool } from "@/lib/data/school";
import type { AttainmentRow, GapRow } from "@/lib/analytics/attainment";
import { NotFoundError } from "@/lib/errors";

/**
 * The termly report's data as SPEC §4.4's JSON. This assembles the sections built so far (school, term,
 * status, context and the attainment tables); the report area extends it with its other sections.
 * Aggregates only: no pupil's name or UPN can reach it, because every section is built from functions
 * that return counts and suppressed percentages.
 */
export type ReportJson = {
  school: { name: string; urn: string | null; phase: string; localAuthority: string | null; assessmentScheme: string };
  term: string;
  status: "draft" | "published";
  context: RollContext;
  attainment: AttainmentRow[];
  gaps: GapRow[];
};

/** Builds the report JSON for a term key like "2025-26:summer". Any term works; one without data has empty arrays. */
export function buildReportJson({ termKey }: { termKey: string }, db: DbOrTx = defaultDb): ReportJson {
  const term = findTermByKey({ key: termKey }, db);
  if (!term) throw new NotFoundError(`The term ${termKey}`);
  const school = getSchool(db);
  const { attainment, gaps } = getAttainment({ termId: term.id }, db);
  return {
    school: { name: school.name, urn: school.urn, phase: school.phase, localAuthority: school.localAuthority, assessmentScheme: school.assessmentScheme },
    term: term.key,
    status: findReportStatus({ termId: term.id }, db),
    context: getRollContext({ academicYearId: term.academicYearId }, db),
    attainment,
    gaps,
  };
}
