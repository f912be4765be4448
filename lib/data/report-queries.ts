import "server-only";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import {
  criterionValues,
  evidenceLinks,
  monitoringActivities,
  monitoringFoci,
  observations,
  pupils,
  reviews,
  sefs,
  sefVersions,
  strands,
  successCriteria,
  users,
  visits,
  type YearGroup,
} from "@/db/schema";

/*
 * The termly report's own reads (lib/report/sections): what the other areas' views do not already give
 * it. Each reads one kind of row for the whole report, never one query per strand or per visit.
 */

export type RollCounts = {
  total: number;
  disadvantaged: number;
  fsm: number;
  sen: number;
  senSupport: number;
  ehcp: number;
  eal: number;
  lookedAfter: number;
  girls: number;
  boys: number;
  byYearGroup: { yearGroup: YearGroup; count: number }[];
};

/** The year's roll: totals by group and counts by year group (counts only, never a pupil). */
export function getRollCounts({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): RollCounts {
  const n = (cond: ReturnType<typeof sql>) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;
  const byYearGroup = db
    .select({
      yearGroup: pupils.yearGroup,
      count: sql<number>`count(*)`,
      disadvantaged: n(sql`${pupils.disadvantaged} = 1`),
      fsm: n(sql`${pupils.fsm} = 1`),
      sen: n(sql`${pupils.sen} IN ('K', 'E')`),
      senSupport: n(sql`${pupils.sen} = 'K'`),
      ehcp: n(sql`${pupils.sen} = 'E'`),
      eal: n(sql`${pupils.eal} = 1`),
      lookedAfter: n(sql`${pupils.lookedAfter} = 1`),
      girls: n(sql`${pupils.gender} = 'F'`),
      boys: n(sql`${pupils.gender} = 'M'`),
    })
    .from(pupils)
    .where(eq(pupils.academicYearId, academicYearId))
    .groupBy(pupils.yearGroup)
    .all();
  const sum = (k: Exclude<keyof RollCounts, "byYearGroup" | "total">) => byYearGroup.reduce((s, r) => s + r[k], 0);
  return {
    total: byYearGroup.reduce((s, r) => s + r.count, 0),
    disadvantaged: sum("disadvantaged"),
    fsm: sum("fsm"),
    sen: sum("sen"),
    senSupport: sum("senSupport"),
    ehcp: sum("ehcp"),
    eal: sum("eal"),
    lookedAfter: sum("lookedAfter"),
    girls: sum("girls"),
    boys: sum("boys"),
    byYearGroup: byYearGroup.map((r) => ({ yearGroup: r.yearGroup, count: r.count })),
  };
}

export type TermVisit = {
  id: string;
  date: string;
  kind: (typeof visits.$inferSelect)["kind"];
  visitType: string;
  purpose: string;
  visitor: string;
  foci: { strandTitle: string | null; areaKey: string | null }[];
};

/** A term's governor and adviser visits, oldest first, each with its foci (two queries in all). */
export function listTermVisits({ termId }: { termId: string }, db: DbOrTx = defaultDb): TermVisit[] {
  const rows = db
    .select({ id: visits.id, date: visits.date, kind: visits.kind, visitType: visits.visitType, purpose: visits.purpose, visitor: users.name })
    .from(visits)
    .innerJoin(users, eq(visits.visitorId, users.id))
    .where(eq(visits.termId, termId))
    .orderBy(asc(visits.date))
    .all();
  if (!rows.length) return [];
  const foci = db
    .select({ recordId: monitoringFoci.recordId, strandTitle: strands.title, areaKey: monitoringFoci.areaKey })
    .from(monitoringFoci)
    .leftJoin(strands, eq(monitoringFoci.strandId, strands.id))
    .where(and(eq(monitoringFoci.recordType, "visit"), inArray(monitoringFoci.recordId, rows.map((r) => r.id))))
    .all();
  const byVisit = new Map<string, { strandTitle: string | null; areaKey: string | null }[]>();
  for (const f of foci) byVisit.set(f.recordId, [...(byVisit.get(f.recordId) ?? []), { strandTitle: f.strandTitle, areaKey: f.areaKey }]);
  return rows.map((v) => ({ ...v, foci: byVisit.get(v.id) ?? [] }));
}

export type SefVersionRow = typeof sefVersions.$inferSelect;

/** The year's SEF publication current at a date: the latest published on or before it. */
export function findSefVersionAsOf({ academicYearId, asOf }: { academicYearId: string; asOf: string }, db: DbOrTx = defaultDb): SefVersionRow | null {
  return (
    db
      .select({ version: sefVersions })
      .from(sefVersions)
      .innerJoin(sefs, eq(sefVersions.sefId, sefs.id))
      .where(and(eq(sefs.academicYearId, academicYearId), lte(sefVersions.publishedAt, `${asOf}T23:59:59.999Z`)))
      .orderBy(desc(sefVersions.number))
      .get()?.version ?? null
  );
}

/**
 * The monitoring records of a term a governor may see counted, by "type:id": shared observations,
 * activities (by their type) and visits (governor_visit, adviser_visit). Three queries.
 */
export function listTermMonitoringRecords({ termId }: { termId: string }, db: DbOrTx = defaultDb): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of db.select({ id: observations.id }).from(observations).where(and(eq(observations.termId, termId), eq(observations.status, "shared"))).all()) m.set(`observation:${o.id}`, "observation");
  for (const a of db.select({ id: monitoringActivities.id, type: monitoringActivities.type }).from(monitoringActivities).where(eq(monitoringActivities.termId, termId)).all()) m.set(`activity:${a.id}`, a.type);
  for (const v of db.select({ id: visits.id, kind: visits.kind }).from(visits).where(eq(visits.termId, termId)).all()) m.set(`visit:${v.id}`, `${v.kind}_visit`);
  return m;
}

export type ReportStrandRows = {
  /** Every criterion of the strands, in each strand's order. */
  criteria: (typeof successCriteria.$inferSelect)[];
  /** Hand-entered criterion values. */
  values: (typeof criterionValues.$inferSelect)[];
  /** The strands' reviews of the report's term. */
  termReviews: (typeof reviews.$inferSelect)[];
  /** The evidence linked to those reviews, by label. */
  evidence: (typeof evidenceLinks.$inferSelect)[];
  /** Every review RAG of the strands the plan's strands were carried from, for their last RAG. */
  carriedReviews: { strandId: string; termId: string; rag: (typeof reviews.$inferSelect)["rag"] }[];
  /** The monitoring foci that name the strands. */
  foci: { recordType: string; recordId: string; strandId: string | null }[];
};

/** What the report's plan section reads beyond the plan overview: one query per kind of row for all strands. */
export function getReportStrandRows(
  { strandIds, carriedFromIds, termId }: { strandIds: string[]; carriedFromIds: string[]; termId: string },
  db: DbOrTx = defaultDb,
): ReportStrandRows {
  if (!strandIds.length) return { criteria: [], values: [], termReviews: [], evidence: [], carriedReviews: [], foci: [] };
  const criteria = db.select().from(successCriteria).where(inArray(successCriteria.strandId, strandIds)).orderBy(asc(successCriteria.position)).all();
  const values = criteria.length ? db.select().from(criterionValues).where(inArray(criterionValues.criterionId, criteria.map((c) => c.id))).all() : [];
  const termReviews = db.select().from(reviews).where(and(inArray(reviews.strandId, strandIds), eq(reviews.termId, termId))).all();
  const evidence = termReviews.length
    ? db
        .select()
        .from(evidenceLinks)
        .where(and(eq(evidenceLinks.ownerType, "review"), inArray(evidenceLinks.ownerId, termReviews.map((r) => r.id))))
        .orderBy(asc(evidenceLinks.label))
        .all()
    : [];
  const carriedReviews = carriedFromIds.length ? db.select({ strandId: reviews.strandId, termId: reviews.termId, rag: reviews.rag }).from(reviews).where(inArray(reviews.strandId, carriedFromIds)).all() : [];
  const foci = db.select({ recordType: monitoringFoci.recordType, recordId: monitoringFoci.recordId, strandId: monitoringFoci.strandId }).from(monitoringFoci).where(inArray(monitoringFoci.strandId, strandIds)).all();
  return { criteria, values, termReviews, evidence, carriedReviews, foci };
}
