import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { monitoringActivities, observationJudgements, observations, plannedMonitoring, users, visits } from "@/db/schema";
import { computeCoverage, countMonitoring, recurringThemes, type MonitoringSummary } from "@/lib/analytics/monitoring";
import { listTerms, type TermWithYear } from "../school";
import { listTeachingStaff } from "./coverage";

// ---- Aggregates for governors and the termly report ---------------------------------------------

/**
 * The term's monitoring as governors and the report see it (SPEC §3.7 section 3): counts by type,
 * observation coverage of teaching staff, and the criteria that recur as strengths and as developing.
 * Never a teacher's name, so any role may read it.
 */
export function getMonitoringSummary({ termId }: { termId: string }, db: DbOrTx = defaultDb): MonitoringSummary {
  const termObs = db.select({ id: observations.id, teacherId: observations.teacherId, date: observations.date }).from(observations).where(eq(observations.termId, termId)).all();
  const activityTypes = db.select({ type: monitoringActivities.type }).from(monitoringActivities).where(eq(monitoringActivities.termId, termId)).all().map((r) => r.type);
  const visitKinds = db.select({ kind: visits.kind }).from(visits).where(eq(visits.termId, termId)).all().map((r) => r.kind);
  const judgementRows = termObs.length
    ? db
        .select({ observationId: observationJudgements.observationId, heading: observationJudgements.heading, label: observationJudgements.label, judgement: observationJudgements.judgement })
        .from(observationJudgements)
        .where(inArray(observationJudgements.observationId, termObs.map((o) => o.id)))
        .all()
    : [];
  const coverage = computeCoverage({ teachers: listTeachingStaff(db), termObservations: termObs, yearObservations: [] });
  const themes = recurringThemes(judgementRows);
  return {
    countsByType: countMonitoring({ observations: termObs.length, activityTypes, visitKinds }),
    coveragePct: coverage.pct,
    recurringStrengths: themes.strengths,
    recurringDevelopment: themes.development,
  };
}

/**
 * The summary for each term of the given academic years, oldest first, up to and including `upTo`
 * when given: the trend governors compare.
 */
export function listMonitoringTrend({ academicYearIds, upTo }: { academicYearIds: string[]; upTo?: TermWithYear }, db: DbOrTx = defaultDb) {
  return listTerms({}, db)
    .filter((t) => academicYearIds.includes(t.academicYearId) && (!upTo || t.startDate <= upTo.startDate))
    .map((term) => ({ term, summary: getMonitoringSummary({ termId: term.id }, db) }));
}

/** Planned entries in a term: how many are done. */
export function countPlanned({ termId }: { termId: string }, db: DbOrTx = defaultDb): { done: number; total: number } {
  const rows = db.select({ done: plannedMonitoring.done }).from(plannedMonitoring).where(eq(plannedMonitoring.termId, termId)).all();
  return { done: rows.filter((r) => r.done).length, total: rows.length };
}

/** People a form may offer: staff (for observers, leads) and everyone enabled (for participants and calendar leads). */
export function listPeopleOptions(db: DbOrTx = defaultDb) {
  return db
    .select({ id: users.id, name: users.name, role: users.role, jobTitle: users.jobTitle, isTeaching: users.isTeaching })
    .from(users)
    .where(eq(users.disabled, false))
    .orderBy(asc(users.name))
    .all();
}
