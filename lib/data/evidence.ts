import "server-only";
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import {
  academicYears,
  assessmentResults,
  attendanceRecords,
  classes,
  classTeachers,
  evidenceLinks,
  monitoringActivities,
  observations,
  plans,
  progressMeetings,
  reviews,
  strands,
  terms,
  visits,
  type AuditArea,
  type RecordType,
} from "@/db/schema";
import { formatDate, formatTerm } from "@/lib/format";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Verb } from "@/lib/policy";
import { writeAudit, type Actor } from "./audit";
import { findSchool, getSchoolScheme } from "./school";
import { ACTIVITY_LABEL } from "@/lib/labels/monitoring";
import { teacherPools as countTeacherPools, unidentifyingDetail, type TeacherPools } from "@/lib/analytics/monitoring";
import { writeTransaction } from "./transaction";

/**
 * Evidence: a SEF area, a plan review or a report section cites the records that back it up. One
 * table (evidence_links) points at any record type, so a new kind of evidence is one more entry in
 * EVIDENCE_SOURCES below, not a schema change.
 *
 * Labels are made here, on the server, from the record itself, never typed by the user: a lesson
 * observation is "Lesson observation: Y4 maths, 12 Oct 2026", without the observed teacher's name, and
 * with the year group and subject only where the school has more than one teacher for them (so "Y4" is
 * left out in a one-form-entry school), so the label can be shown to governors and advisers and frozen
 * into a published SEF.
 */

/** For each academic year, how many teachers could be meant by a year group or a subject. */
export function getTeacherPools({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): TeacherPools {
  const taught = db
    .select({ yearGroup: classes.yearGroup, teacherId: classTeachers.userId })
    .from(classTeachers)
    .innerJoin(classes, eq(classTeachers.classId, classes.id))
    .where(eq(classes.academicYearId, academicYearId))
    .all();
  const observed = db
    .select({ yearGroup: observations.yearGroup, classYearGroup: classes.yearGroup, subject: observations.subject, teacherId: observations.teacherId })
    .from(observations)
    .innerJoin(terms, eq(observations.termId, terms.id))
    .leftJoin(classes, eq(observations.classId, classes.id))
    .where(eq(terms.academicYearId, academicYearId))
    .all()
    .map((o) => ({ yearGroup: o.yearGroup ?? o.classYearGroup, subject: o.subject, teacherId: o.teacherId }));
  // In a primary school every class teacher teaches the core subjects (those of its assessment scheme).
  const core = findSchool(db)?.phase === "primary" ? getSchoolScheme(db).subjects : [];
  return countTeacherPools(taught, observed, core);
}

export type EvidenceCandidate = { targetType: RecordType; targetId: string; label: string; href: string };

export type EvidenceLinkView = {
  id: string;
  ownerType: RecordType;
  ownerId: string;
  targetType: RecordType;
  targetId: string | null;
  label: string;
  /** Where the evidence can be opened: an app path, or the document's URL; null if the record has gone. */
  href: string | null;
  createdAt: string;
};

type Filter = { academicYearId?: string; ids?: string[] };

type EvidenceSource = {
  /** How the type is headed in a list of candidates. */
  heading: string;
  /**
   * The policy verb a reader needs to open the record. The label is safe for anyone who may read the
   * owner; the link is only offered to those who may follow it.
   */
  readVerb: Verb;
  query: (filter: Filter, db: DbOrTx) => EvidenceCandidate[];
};

const RAG_WORD = { red: "red", amber: "amber", green: "green", blue: "achieved" } as const;
/** Builds a WHERE from the two ways sources are asked: all of one year, or some ids. */
function where(yearCol: SQL | undefined, idCond: SQL | undefined, extra: SQL[] = []) {
  const parts = [yearCol, idCond, ...extra].filter((x): x is SQL => !!x);
  return parts.length ? and(...parts) : undefined;
}

/** The short form evidence labels use: "Y6", or "Reception". */
function shortYearGroup(yg: string | null | undefined) {
  if (!yg) return "";
  return yg === "R" ? "Reception" : yg;
}

function trimTo(text: string, n: number) {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length <= n ? t : `${t.slice(0, n - 1).replace(/\s+\S*$/, "")}…`;
}

/**
 * Every kind of record that can be cited as evidence, with how to list it for a year, label it and
 * link to it. The href paths are the pages of the areas that own those records.
 */
export const EVIDENCE_SOURCES: Partial<Record<RecordType, EvidenceSource>> = {
  strand: {
    heading: "Improvement plan strands",
    readVerb: "plan.read",
    query: ({ academicYearId, ids }, db) =>
      db
        .select({ id: strands.id, title: strands.title })
        .from(strands)
        .innerJoin(plans, eq(strands.planId, plans.id))
        .where(where(academicYearId ? eq(plans.academicYearId, academicYearId) : undefined, ids ? inArray(strands.id, ids) : undefined))
        .orderBy(asc(strands.position), asc(strands.title))
        .all()
        .map((s) => ({ targetType: "strand", targetId: s.id, label: `Plan strand: ${s.title}`, href: `/plan/strands/${s.id}` })),
  },
  review: {
    heading: "Termly reviews of the plan",
    readVerb: "review.read",
    query: ({ academicYearId, ids }, db) =>
      db
        .select({ id: reviews.id, strandId: reviews.strandId, rag: reviews.rag, title: strands.title, termName: terms.name, yearName: academicYears.name, start: terms.startDate })
        .from(reviews)
        .innerJoin(strands, eq(reviews.strandId, strands.id))
        .innerJoin(terms, eq(reviews.termId, terms.id))
        .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
        .where(where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined, ids ? inArray(reviews.id, ids) : undefined))
        .orderBy(asc(terms.startDate), asc(strands.position))
        .all()
        .map((r) => ({
          targetType: "review",
          targetId: r.id,
          label: `Review: ${r.title}, ${formatTerm({ yearName: r.yearName, name: r.termName })} (${RAG_WORD[r.rag]})`,
          href: `/plan/strands/${r.strandId}#review-${r.id}`,
        })),
  },
  observation: {
    heading: "Lesson observations",
    readVerb: "observation.read",
    query: ({ academicYearId, ids }, db) => {
      const pools = new Map<string, TeacherPools>();
      const poolsOf = (yearId: string) => {
        let p = pools.get(yearId);
        if (!p) pools.set(yearId, (p = getTeacherPools({ academicYearId: yearId }, db)));
        return p;
      };
      return db
        .select({ id: observations.id, date: observations.date, subject: observations.subject, yearGroup: observations.yearGroup, classYearGroup: classes.yearGroup, academicYearId: terms.academicYearId })
        .from(observations)
        .innerJoin(terms, eq(observations.termId, terms.id))
        .leftJoin(classes, eq(observations.classId, classes.id))
        .where(
          where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined, ids ? inArray(observations.id, ids) : undefined, [
            // A draft observation is not yet shared with the teacher, so it is not yet evidence.
            eq(observations.status, "shared"),
          ]),
        )
        .orderBy(asc(observations.date))
        .all()
        .map((o) => {
          // Deliberately no teacher, nor anything that names one: the label may be read by governors and
          // frozen into a publication.
          const shown = unidentifyingDetail({ subject: o.subject, yearGroup: o.yearGroup ?? o.classYearGroup }, poolsOf(o.academicYearId));
          const what = [shortYearGroup(shown.yearGroup), shown.subject].filter(Boolean).join(" ");
          return {
            targetType: "observation" as const,
            targetId: o.id,
            label: `Lesson observation${what ? `: ${what}` : ""}, ${formatDate(o.date)}`,
            href: `/monitoring/observations/${o.id}`,
          };
        });
    },
  },
  activity: {
    heading: "Learning walks, work scrutiny, pupil voice and drop-ins",
    readVerb: "activity.summary.read",
    query: ({ academicYearId, ids }, db) =>
      db
        .select({ id: monitoringActivities.id, type: monitoringActivities.type, date: monitoringActivities.date, subject: monitoringActivities.subject, classesVisited: monitoringActivities.classesVisited })
        .from(monitoringActivities)
        .innerJoin(terms, eq(monitoringActivities.termId, terms.id))
        .where(where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined, ids ? inArray(monitoringActivities.id, ids) : undefined))
        .orderBy(asc(monitoringActivities.date))
        .all()
        .map((a) => {
          const what = [a.subject, a.classesVisited ? `(${trimTo(a.classesVisited, 40)})` : ""].filter(Boolean).join(" ");
          return {
            targetType: "activity",
            targetId: a.id,
            label: `${ACTIVITY_LABEL[a.type]}${what ? `: ${what}` : ""}, ${formatDate(a.date)}`,
            href: `/monitoring/activities/${a.id}`,
          };
        }),
  },
  visit: {
    heading: "Governor and adviser visits",
    readVerb: "governorVisit.read",
    query: ({ academicYearId, ids }, db) =>
      db
        .select({ id: visits.id, kind: visits.kind, date: visits.date, visitType: visits.visitType })
        .from(visits)
        .innerJoin(terms, eq(visits.termId, terms.id))
        .where(where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined, ids ? inArray(visits.id, ids) : undefined))
        .orderBy(asc(visits.date))
        .all()
        .map((v) => {
          // The visit type only: a free-text purpose might name a member of staff.
          const what = trimTo(v.visitType, 60);
          return {
            targetType: "visit",
            targetId: v.id,
            label: `${v.kind === "governor" ? "Governor visit" : "Adviser visit"}${what ? `: ${what}` : ""}, ${formatDate(v.date)}`,
            href: `/monitoring/visits/${v.id}`,
          };
        }),
  },
  progress_meeting: {
    heading: "Pupil progress meetings",
    readVerb: "ppm.read",
    query: ({ academicYearId, ids }, db) =>
      db
        .select({ id: progressMeetings.id, date: progressMeetings.date, className: classes.name, yearGroup: classes.yearGroup })
        .from(progressMeetings)
        .innerJoin(terms, eq(progressMeetings.termId, terms.id))
        .innerJoin(classes, eq(progressMeetings.classId, classes.id))
        .where(where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined, ids ? inArray(progressMeetings.id, ids) : undefined))
        .orderBy(asc(progressMeetings.date))
        .all()
        .map((m) => ({
          targetType: "progress_meeting",
          targetId: m.id,
          label: `Pupil progress meeting: ${m.className}${m.yearGroup ? ` (${shortYearGroup(m.yearGroup)})` : ""}, ${formatDate(m.date)}`,
          href: `/ppm/${m.id}`,
        })),
  },
  assessment_summary: {
    heading: "Assessment summaries",
    readVerb: "attainment.read",
    // One candidate per term that has results: the summary is the term's aggregate analysis, which
    // names no pupil, so its target is the term itself.
    query: ({ academicYearId, ids }, db) =>
      db
        .selectDistinct({ id: terms.id, termName: terms.name, yearName: academicYears.name, start: terms.startDate })
        .from(assessmentResults)
        .innerJoin(terms, eq(assessmentResults.termId, terms.id))
        .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
        .where(where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined, ids ? inArray(terms.id, ids) : undefined))
        .orderBy(asc(terms.startDate))
        .all()
        .map((t) => ({
          targetType: "assessment_summary",
          targetId: t.id,
          label: `Assessment summary: ${formatTerm({ yearName: t.yearName, name: t.termName })}`,
          href: `/pupils/analysis?term=${encodeURIComponent(`${t.yearName}:${t.termName}`)}`,
        })),
  },
  attendance_summary: {
    heading: "Attendance summaries",
    readVerb: "attendance.read",
    // One candidate per term with attendance: the term's aggregate attendance and behaviour figures,
    // which name no pupil. A plan review's reading of one criterion is "termId|criterionId".
    query: ({ academicYearId, ids }, db) => {
      const termIds = ids?.map((id) => id.split("|")[0]!);
      return db
        .selectDistinct({ id: terms.id, termName: terms.name, yearName: academicYears.name, start: terms.startDate })
        .from(attendanceRecords)
        .innerJoin(terms, eq(attendanceRecords.termId, terms.id))
        .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
        .where(where(academicYearId ? eq(terms.academicYearId, academicYearId) : undefined, termIds ? inArray(terms.id, termIds) : undefined))
        .orderBy(asc(terms.startDate))
        .all()
        .flatMap((t) => {
          const key = `${t.yearName}:${t.termName}`;
          const label = `Attendance and behaviour summary: ${formatTerm({ yearName: t.yearName, name: t.termName })}`;
          const href = `/pupils/attendance?term=${encodeURIComponent(key)}`;
          // Asked for by id: answer for each id given (a criterion's reading shares its term's link).
          const targets = ids ? ids.filter((id) => id.split("|")[0] === t.id) : [t.id];
          return targets.map((targetId) => ({ targetType: "attendance_summary" as const, targetId, label, href }));
        });
    },
  },
};

/** The verb needed to follow a link to a record of this type (documents: anyone who can see the owner). */
export function evidenceReadVerb(targetType: RecordType): Verb | null {
  return EVIDENCE_SOURCES[targetType]?.readVerb ?? null;
}

export type EvidenceCandidateGroup = { targetType: RecordType; heading: string; candidates: EvidenceCandidate[] };

/**
 * Everything of one academic year that can be cited as evidence: plan strands and reviews, shared
 * lesson observations, other monitoring, visits, progress meetings and termly assessment summaries.
 */
export function listEvidenceCandidates({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): EvidenceCandidate[] {
  return listEvidenceCandidateGroups({ academicYearId }, db).flatMap((g) => g.candidates);
}

/** The same candidates, grouped by kind for a chooser. */
export function listEvidenceCandidateGroups({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): EvidenceCandidateGroup[] {
  return Object.entries(EVIDENCE_SOURCES)
    .map(([type, source]) => ({ targetType: type as RecordType, heading: source.heading, candidates: source.query({ academicYearId }, db) }))
    .filter((g) => g.candidates.length > 0);
}

/** One record as evidence (label and link), or null if there is no such record of that type. */
function describeEvidenceTarget({ targetType, targetId }: { targetType: RecordType; targetId: string }, db: DbOrTx = defaultDb): EvidenceCandidate | null {
  const source = EVIDENCE_SOURCES[targetType];
  if (!source) return null;
  return source.query({ ids: [targetId] }, db)[0] ?? null;
}

function toView(rows: (typeof evidenceLinks.$inferSelect)[], db: DbOrTx): EvidenceLinkView[] {
  // Resolve links per type in one query each, not one query per link.
  const hrefs = new Map<string, string>();
  const byType = new Map<RecordType, string[]>();
  for (const r of rows) if (r.targetId && r.targetType !== "document") byType.set(r.targetType, [...(byType.get(r.targetType) ?? []), r.targetId]);
  for (const [type, ids] of byType) {
    for (const c of EVIDENCE_SOURCES[type]?.query({ ids }, db) ?? []) hrefs.set(`${type}:${c.targetId}`, c.href);
  }
  return rows.map((r) => ({
    id: r.id,
    ownerType: r.ownerType,
    ownerId: r.ownerId,
    targetType: r.targetType,
    targetId: r.targetId,
    label: r.label,
    href: r.targetType === "document" ? r.url : r.targetId ? (hrefs.get(`${r.targetType}:${r.targetId}`) ?? null) : null,
    createdAt: r.createdAt,
  }));
}

/** The evidence cited by several records of one type, in one query. */
export function listEvidenceLinksForOwners({ ownerType, ownerIds }: { ownerType: RecordType; ownerIds: string[] }, db: DbOrTx = defaultDb): EvidenceLinkView[] {
  if (ownerIds.length === 0) return [];
  const rows = db
    .select()
    .from(evidenceLinks)
    .where(and(eq(evidenceLinks.ownerType, ownerType), inArray(evidenceLinks.ownerId, ownerIds)))
    .orderBy(asc(evidenceLinks.createdAt), asc(evidenceLinks.label))
    .all();
  return toView(rows, db);
}

export function findEvidenceLink({ id }: { id: string }, db: DbOrTx = defaultDb) {
  return db.select().from(evidenceLinks).where(eq(evidenceLinks.id, id)).get() ?? null;
}

/** The audit area a change to evidence belongs to: the area of the record that cites it. */
function auditAreaOf(ownerType: RecordType): AuditArea {
  switch (ownerType) {
    case "sef_area":
      return "sef";
    case "strand":
    case "review":
    case "criterion":
      return "sip";
    case "report":
      return "report";
    case "progress_meeting":
      return "ppm";
    default:
      return "monitoring";
  }
}

export type EvidenceTarget = { targetType: Exclude<RecordType, "document">; targetId: string } | { targetType: "document"; label: string; url: string };

/**
 * Cites a record (or a document link) as evidence for an owner. A record's label is made from the
 * record here, so nothing the browser sends can put a teacher's name into it. Citing the same thing
 * twice is refused.
 */
export function addEvidenceLink(
  { ownerType, ownerId, target, actor, ownerLabel }: { ownerType: RecordType; ownerId: string; target: EvidenceTarget; actor: Actor; ownerLabel?: string },
  db: DbOrTx = defaultDb,
): EvidenceLinkView {
  return writeTransaction(db, (tx) => {
    let values: typeof evidenceLinks.$inferInsert;
    if (target.targetType === "document") {
      const dup = tx
        .select({ id: evidenceLinks.id })
        .from(evidenceLinks)
        .where(and(eq(evidenceLinks.ownerType, ownerType), eq(evidenceLinks.ownerId, ownerId), eq(evidenceLinks.targetType, "document"), eq(evidenceLinks.url, target.url)))
        .get();
      if (dup) throw new ValidationError("That link is already cited as evidence here.", { url: ["That link is already cited as evidence here"] });
      values = { ownerType, ownerId, targetType: "document", targetId: null, label: target.label, url: target.url, createdById: actor.id };
    } else {
      const found = describeEvidenceTarget(target, tx);
      if (!found) throw new ValidationError("That evidence could not be found. It may have been deleted.", { targetId: ["Choose evidence from the list"] });
      const dup = tx
        .select({ id: evidenceLinks.id })
        .from(evidenceLinks)
        .where(and(eq(evidenceLinks.ownerType, ownerType), eq(evidenceLinks.ownerId, ownerId), eq(evidenceLinks.targetType, target.targetType), eq(evidenceLinks.targetId, target.targetId)))
        .get();
      if (dup) throw new ValidationError("That evidence is already cited here.", { targetId: ["That evidence is already cited here"] });
      values = { ownerType, ownerId, targetType: target.targetType, targetId: target.targetId, label: found.label, url: null, createdById: actor.id };
    }
    const row = tx.insert(evidenceLinks).values(values).returning().get();
    writeAudit(
      {
        actor,
        area: auditAreaOf(ownerType),
        verb: "create",
        entityType: "evidence_link",
        entityId: row.id,
        summary: `Cited "${row.label}" as evidence${ownerLabel ? ` for ${ownerLabel}` : ""}`,
        after: row,
      },
      tx,
    );
    return toView([row], tx)[0]!;
  });
}

/** Removes one citation (the cited record itself is untouched). */
export function removeEvidenceLink({ id, actor, ownerLabel }: { id: string; actor: Actor; ownerLabel?: string }, db: DbOrTx = defaultDb) {
  return writeTransaction(db, (tx) => {
    const row = findEvidenceLink({ id }, tx);
    if (!row) throw new NotFoundError("That evidence link");
    tx.delete(evidenceLinks).where(eq(evidenceLinks.id, id)).run();
    writeAudit(
      {
        actor,
        area: auditAreaOf(row.ownerType),
        verb: "delete",
        entityType: "evidence_link",
        entityId: id,
        summary: `Removed "${row.label}" from the evidence${ownerLabel ? ` for ${ownerLabel}` : ""}`,
        before: row,
      },
      tx,
    );
    return row;
  });
}

/** Removes every citation made by some owners, e.g. when SEF areas are replaced under a new framework. */
export function removeEvidenceLinksOfOwners({ ownerType, ownerIds }: { ownerType: RecordType; ownerIds: string[] }, db: DbOrTx) {
  if (ownerIds.length === 0) return 0;
  return db.delete(evidenceLinks).where(and(eq(evidenceLinks.ownerType, ownerType), inArray(evidenceLinks.ownerId, ownerIds))).run().changes;
}

/**
 * Brings stored labels of lesson observations cited as evidence into line with how they are labelled now
 * (no year group or subject that only one teacher teaches), run by every migrate: labels stored before
 * the rule could name the teacher by class. One transaction, one audit row; nothing written when every
 * label is current.
 */
export function relabelObservationEvidence(actor: Actor, db: DbOrTx = defaultDb): number {
  const links = db.select({ id: evidenceLinks.id, targetId: evidenceLinks.targetId, label: evidenceLinks.label }).from(evidenceLinks).where(eq(evidenceLinks.targetType, "observation")).all();
  const ids = [...new Set(links.map((l) => l.targetId).filter((x): x is string => !!x))];
  if (!ids.length) return 0;
  const labels = new Map(EVIDENCE_SOURCES.observation!.query({ ids }, db).map((c) => [c.targetId, c.label]));
  const changes = links.filter((l) => l.targetId && labels.has(l.targetId) && labels.get(l.targetId) !== l.label);
  if (!changes.length) return 0;
  writeTransaction(db, (tx) => {
    for (const l of changes) tx.update(evidenceLinks).set({ label: labels.get(l.targetId!)! }).where(eq(evidenceLinks.id, l.id)).run();
    writeAudit(
      {
        actor,
        area: "monitoring",
        verb: "relabel",
        entityType: "evidence_link",
        summary: `Relabelled ${changes.length} lesson observation ${changes.length === 1 ? "citation" : "citations"} so that no teacher can be identified by year group or subject`,
        before: { labels: changes.map((l) => l.label) },
        after: { labels: changes.map((l) => labels.get(l.targetId!)) },
      },
      tx,
    );
  });
  return changes.length;
}
