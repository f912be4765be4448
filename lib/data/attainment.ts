import { and, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { assessmentResults, pupils, schools, terms } from "@/db/schema";
import { computeAttainment, computeGaps, type AnalysisPupil, type AttainmentRow, type GapRow } from "@/lib/analytics/attainment";
import { getScheme } from "@/lib/analytics/schemes";
import { NotFoundError } from "@/lib/errors";

/**
 * SPEC §4.4's attainment table and gaps for a term, from stored pupils and results. Aggregates only:
 * no pupil's name or UPN leaves this function, so its result is safe for every role.
 */
export function getAttainment({ termId }: { termId: string }, db: DbOrTx = defaultDb): { attainment: AttainmentRow[]; gaps: GapRow[] } {
  const term = db.select().from(terms).where(eq(terms.id, termId)).get();
  if (!term) throw new NotFoundError("That term");
  const school = db.select({ scheme: schools.assessmentScheme }).from(schools).get();
  const scheme = getScheme(school?.scheme ?? "primary");
  const yearPupils: AnalysisPupil[] = db
    .select({ id: pupils.id, yearGroup: pupils.yearGroup, gender: pupils.gender, disadvantaged: pupils.disadvantaged, sen: pupils.sen, eal: pupils.eal })
    .from(pupils)
    .where(eq(pupils.academicYearId, term.academicYearId))
    .all();
  const results = yearPupils.length
    ? db
        .select({ pupilId: assessmentResults.pupilId, subject: assessmentResults.subject, result: assessmentResults.result })
        .from(assessmentResults)
        .innerJoin(pupils, eq(assessmentResults.pupilId, pupils.id))
        .where(and(eq(assessmentResults.termId, termId), eq(pupils.academicYearId, term.academicYearId), inArray(assessmentResults.subject, [...scheme.subjects])))
        .all()
    : [];
  const attainment = computeAttainment(yearPupils, results, scheme);
  return { attainment, gaps: computeGaps(attainment) };
}
