import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { observations, users } from "@/db/schema";
import { computeCoverage, type Coverage, type CoverageTeacher } from "@/lib/analytics/monitoring";
import { STAFF_ROLES } from "../users";
import { getTerm, listTerms, type TermWithYear } from "../school";

// ---- Coverage ----------------------------------------------------------------------------------

/** Teaching staff expected to be observed: marked as teaching, not disabled. */
export function listTeachingStaff(db: DbOrTx = defaultDb): CoverageTeacher[] {
  return db
    .select({ id: users.id, name: users.name, jobTitle: users.jobTitle })
    .from(users)
    .where(and(eq(users.isTeaching, true), eq(users.disabled, false), inArray(users.role, STAFF_ROLES)))
    .orderBy(asc(users.name))
    .all();
}

/** Who has been seen in a term and how often in its academic year (names staff: leaders only). */
export function getCoverage({ termId }: { termId: string }, db: DbOrTx = defaultDb): Coverage & { term: TermWithYear } {
  const term = getTerm({ id: termId }, db);
  const yearTermIds = listTerms({ academicYearId: term.academicYearId }, db).map((t) => t.id);
  const yearObservations = db
    .select({ teacherId: observations.teacherId, date: observations.date, termId: observations.termId })
    .from(observations)
    .where(inArray(observations.termId, yearTermIds))
    .all();
  return {
    term,
    ...computeCoverage({ teachers: listTeachingStaff(db), termObservations: yearObservations.filter((o) => o.termId === termId), yearObservations }),
  };
}
