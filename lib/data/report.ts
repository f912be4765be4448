import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, reportNarratives, reports, strands, terms, users } from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ReportData } from "@/lib/report/types";
import { recheckSnapshot, type TermTable } from "@/lib/report/recheck";
import { getAttainment } from "./attainment";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { listTerms, termKey, type TermWithYear } from "./school";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "./transaction";

export type Report = typeof reports.$inferSelect;
export type ReportNarrative = typeof reportNarratives.$inferSelect;

export function findReport({ termId }: { termId: string }, db: DbOrTx = defaultDb): Report | null {
  return db.select().from(reports).where(eq(reports.termId, termId)).get() ?? null;
}

export type ReportListItem = { term: TermWithYear; report: { id: string; status: "draft" | "published"; publishedAt: string | null; publishedByName: string | null; updatedAt: string } | null };

/** Every term, newest first, with its report if one has been started. */
export function listReportTerms(db: DbOrTx = defaultDb): ReportListItem[] {
  const rows = db
    .select({ id: reports.id, termId: reports.termId, status: reports.status, publishedAt: reports.publishedAt, updatedAt: reports.updatedAt, publishedByName: users.name })
    .from(reports)
    .leftJoin(users, eq(reports.publishedById, users.id))
    .all();
  return listTerms({}, db)
    .reverse()
    .map((term) => {
      const r = rows.find((x) => x.termId === term.id);
      return { term, report: r ? { id: r.id, status: r.status, publishedAt: r.publishedAt, publishedByName: r.publishedByName, updatedAt: r.updatedAt } : null };
    });
}

/** The draft row a term's narrative hangs on, made on first use. */
export function ensureReport({ termId, actor }: { termId: string; actor: Actor }, db: DbOrTx = defaultDb): Report {
  return writeTransaction(db, (tx) => {
    const existing = findReport({ termId }, tx);
    if (existing) return existing;
    if (!tx.select({ id: terms.id }).from(terms).where(eq(terms.id, termId)).get()) throw new NotFoundError("That term");
    const row = tx.insert(reports).values({ termId, status: "draft" }).returning().get();
    writeAudit({ actor, area: "report", verb: "create", entityType: "report", entityId: row.id, summary: "Started a termly report draft" }, tx);
    return row;
  });
}

export function listNarratives({ reportId }: { reportId: string }, db: DbOrTx = defaultDb): ReportNarrative[] {
  return db.select().from(reportNarratives).where(eq(reportNarratives.reportId, reportId)).all();
}

/**
 * Saves one section's narrative. `version` is the version the editor loaded (0 when the section had no
 * text yet); a stale one is a ConflictError, so two people drafting never overwrite each other. A
 * published report's narrative is frozen.
 */
export function saveNarrative(
  { termId, sectionKey, body, version, actor }: { termId: string; sectionKey: string; body: string; version: number; actor: Actor },
  db: DbOrTx = defaultDb,
): ReportNarrative {
  return writeTransaction(db, (tx) => {
    const report = ensureReport({ termId, actor }, tx);
    if (report.status === "published") throw new ValidationError("This report has been published: its narrative can no longer change.");
    const existing = tx
      .select()
      .from(reportNarratives)
      .where(and(eq(reportNarratives.reportId, report.id), eq(reportNarratives.sectionKey, sectionKey)))
      .get();
    const now = nowIso();
    if (!existing) {
      if (version !== 0) throw new ConflictError("This section");
      const row = tx.insert(reportNarratives).values({ reportId: report.id, sectionKey, body, updatedById: actor.id, updatedAt: now }).returning().get();
      writeAudit({ actor, area: "report", verb: "update", entityType: "report_narrative", entityId: row.id, summary: `Drafted the ${sectionKey} narrative`, after: { body } }, tx);
      return row;
    }
    const result = tx
      .update(reportNarratives)
      .set({ body, updatedById: actor.id, updatedAt: now, version: bumpVersion })
      .where(and(eq(reportNarratives.id, existing.id), eq(reportNarratives.version, version)))
      .run();
    assertUpdated(result, "This section");
    tx.update(reports).set({ updatedAt: now }).where(eq(reports.id, report.id)).run();
    writeAudit(
      { actor, area: "report", verb: "update", entityType: "report_narrative", entityId: existing.id, summary: `Edited the ${sectionKey} narrative`, before: { body: existing.body }, after: { body } },
      tx,
    );
    return tx.select().from(reportNarratives).where(eq(reportNarratives.id, existing.id)).get()!;
  });
}

/**
 * Publishes a term's report: `build` assembles the report inside the same transaction, and its result
 * is frozen as the snapshot. Nothing later changes what governors received.
 */
export function publishReport(
  { termId, version, build, actor, at }: { termId: string; version: number; build: (tx: DbOrTx, publishedAt: string) => ReportData; actor: Actor; at?: string },
  db: DbOrTx = defaultDb,
): Report {
  return writeTransaction(db, (tx) => {
    const existing = findReport({ termId }, tx);
    if (existing?.status === "published") throw new ValidationError("This report has already been published.");
    if ((existing?.version ?? 0) !== version) throw new ConflictError("This report");
    const report = existing ?? ensureReport({ termId, actor }, tx);
    const publishedAt = at ?? nowIso();
    const snapshot = build(tx, publishedAt);
    const result = tx
      .update(reports)
      .set({ status: "published", publishedAt, publishedById: actor.id, snapshot, version: bumpVersion, updatedAt: publishedAt })
      .where(and(eq(reports.id, report.id), eq(reports.version, report.version)))
      .run();
    assertUpdated(result, "This report");
    writeAudit({ actor, area: "report", verb: "publish", entityType: "report", entityId: report.id, summary: `Published the ${snapshot.term} report to governors` }, tx);
    return findReport({ termId }, tx)!;
  });
}

/** The latest published report for a term before this one (the one "what changed" compares with). */
export function findPreviousPublishedReport({ termId }: { termId: string }, db: DbOrTx = defaultDb): (Report & { termKey: string }) | null {
  const all = listTerms({}, db);
  const i = all.findIndex((t) => t.id === termId);
  if (i < 0) return null;
  const earlierIds = all.slice(0, i).map((t) => t.id);
  if (!earlierIds.length) return null;
  // Only the one row is read: each published report carries its whole snapshot, and a school with
  // years of reports would otherwise parse every one of them on every draft.
  const row = db
    .select({ r: reports, yearName: academicYears.name, termName: terms.name })
    .from(reports)
    .innerJoin(terms, eq(reports.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(and(eq(reports.status, "published"), inArray(reports.termId, earlierIds)))
    .orderBy(desc(terms.startDate))
    .limit(1)
    .get();
  return row ? { ...row.r, termKey: termKey(row.yearName, row.termName) } : null;
}

/** Does this user lead this strand? (SLT may draft the narrative of the strands they lead.) */
export function leadsStrand({ strandId, userId }: { strandId: string; userId: string }, db: DbOrTx = defaultDb): boolean {
  return !!db.select({ id: strands.id }).from(strands).where(and(eq(strands.id, strandId), eq(strands.leadId, userId))).get();
}

/** Reports published since a moment, newest first: for a governor's "published since you last looked". */
export function listPublishedReports(db: DbOrTx = defaultDb): { id: string; termKey: string; publishedAt: string }[] {
  return db
    .select({ id: reports.id, yearName: academicYears.name, termName: terms.name, publishedAt: reports.publishedAt })
    .from(reports)
    .innerJoin(terms, eq(reports.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(eq(reports.status, "published"))
    .orderBy(desc(reports.publishedAt))
    .all()
    .map((r) => ({ id: r.id, termKey: termKey(r.yearName, r.termName), publishedAt: r.publishedAt ?? "" }));
}

/** Who the audit log names for changes the app makes to stored data on its own when it starts. */
export const PRIVACY_CHECK_ACTOR: Actor = { id: null, name: "Privacy check (on start-up)" };

/**
 * Re-checks every published report's snapshot against today's disclosure rule (lib/analytics/disclosure),
 * run by every migrate (so on every start): a snapshot frozen before a stricter rule hides what now needs
 * hiding, with one audit row per report saying which figures were withheld. Snapshots already compliant
 * are not written, so a start with nothing to change writes nothing. One transaction.
 */
export function recheckPublishedReports(db: DbOrTx = defaultDb): { checked: number; changed: string[] } {
  const allTerms = listTerms({}, db);
  const order = new Map(allTerms.map((t, i) => [t.id, i]));
  const rows = db
    .select({ id: reports.id, termId: reports.termId, snapshot: reports.snapshot })
    .from(reports)
    .where(eq(reports.status, "published"))
    .all()
    .filter((r) => r.snapshot)
    .sort((a, b) => (order.get(a.termId) ?? 0) - (order.get(b.termId) ?? 0));
  if (!rows.length) return { checked: 0, changed: [] };
  const tables = new Map<string, TermTable>();
  const tableOf = (key: string): TermTable | null => {
    const hit = tables.get(key);
    if (hit) return hit;
    const term = allTerms.find((t) => t.key === key);
    if (!term) return null;
    const live = getAttainment({ termId: term.id }, db);
    tables.set(key, live);
    return live;
  };
  const updates: { id: string; before: ReportData; after: ReportData }[] = [];
  for (const r of rows) {
    const before = r.snapshot as ReportData;
    const after = recheckSnapshot(before, tableOf);
    tables.set(after.term, { attainment: after.attainment, gaps: after.gaps });
    if (JSON.stringify(after) !== JSON.stringify(before)) updates.push({ id: r.id, before, after });
  }
  if (updates.length) {
    writeTransaction(db, (tx) => {
      for (const u of updates) {
        tx.update(reports).set({ snapshot: u.after }).where(eq(reports.id, u.id)).run();
        const withheld = u.after.attainment.filter((row, i) => JSON.stringify(row) !== JSON.stringify(u.before.attainment[i]));
        const roll = Object.keys(u.after.context.groups).filter((k) => JSON.stringify(u.after.context.groups[k as keyof typeof u.after.context.groups]) !== JSON.stringify(u.before.context.groups[k as keyof typeof u.before.context.groups]));
        writeAudit(
          {
            actor: PRIVACY_CHECK_ACTOR,
            area: "report",
            verb: "resuppress",
            entityType: "report",
            entityId: u.id,
            summary: `Withheld ${withheld.length} more attainment ${withheld.length === 1 ? "row or figure" : "rows or figures"}${roll.length ? ` and ${roll.length} roll ${roll.length === 1 ? "count" : "counts"}` : ""} in the published ${u.after.term} report, so that no child can be identified by subtraction (secondary suppression)`,
            before: { attainment: u.before.attainment.filter((_row, i) => JSON.stringify(u.after.attainment[i]) !== JSON.stringify(u.before.attainment[i])) },
            after: { attainment: withheld, rollGroups: roll },
          },
          tx,
        );
      }
    });
  }
  return { checked: rows.length, changed: updates.map((u) => u.after.term) };
}
