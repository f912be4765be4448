import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { monitoringActivities, observationJudgements, observations, users, visits } from "@/db/schema";
import type { ReportMonitoring, Theme } from "../types";

/**
 * Section 3: monitoring carried out this term (counts by type), observation coverage of teaching staff
 * and the criteria that recur across observations as strengths and as developing. Aggregates only: the
 * observed teachers' ids are used to count coverage and never leave this function.
 */
export function buildMonitoring({ termId }: { termId: string }, db: DbOrTx): ReportMonitoring {
  const obs = db.select({ id: observations.id, teacherId: observations.teacherId }).from(observations).where(and(eq(observations.termId, termId), eq(observations.status, "shared"))).all();
  const acts = db.select({ type: monitoringActivities.type }).from(monitoringActivities).where(eq(monitoringActivities.termId, termId)).all();
  const vis = db.select({ kind: visits.kind }).from(visits).where(eq(visits.termId, termId)).all();
  const teaching = db.select({ id: users.id }).from(users).where(and(eq(users.isTeaching, true), eq(users.disabled, false))).all();
  const seen = new Set(obs.map((o) => o.teacherId));
  const seenTeaching = teaching.filter((t) => seen.has(t.id)).length;
  const judgements = obs.length
    ? db
        .select({ observationId: observationJudgements.observationId, heading: observationJudgements.heading, label: observationJudgements.label, judgement: observationJudgements.judgement })
        .from(observationJudgements)
        .where(inArray(observationJudgements.observationId, obs.map((o) => o.id)))
        .all()
    : [];
  const themes = (judgement: string): Theme[] => {
    const tally = new Map<string, { heading: string; label: string; obs: Set<string> }>();
    for (const j of judgements) {
      if (j.judgement !== judgement) continue;
      const key = `${j.heading}\u0000${j.label}`;
      const t = tally.get(key) ?? { heading: j.heading, label: j.label, obs: new Set<string>() };
      t.obs.add(j.observationId);
      tally.set(key, t);
    }
    return [...tally.values()]
      .map((t) => ({ heading: t.heading, label: t.label, count: t.obs.size }))
      .filter((t) => t.count >= 2)
      .sort((a, b) => b.count - a.count || a.heading.localeCompare(b.heading) || a.label.localeCompare(b.label))
      .slice(0, 5);
  };
  const count = (type: string) => acts.filter((a) => a.type === type).length;
  return {
    countsByType: {
      observation: obs.length,
      learning_walk: count("learning_walk"),
      work_scrutiny: count("work_scrutiny"),
      pupil_voice: count("pupil_voice"),
      drop_in: count("drop_in"),
      governor_visit: vis.filter((v) => v.kind === "governor").length,
      adviser_visit: vis.filter((v) => v.kind === "adviser").length,
    },
    coveragePct: teaching.length ? Math.floor((2000 * seenTeaching + teaching.length) / (2 * teaching.length)) / 10 : null,
    recurringStrengths: themes("strength"),
    recurringDevelopment: themes("developing"),
  };
}
