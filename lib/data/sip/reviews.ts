import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { evidenceLinks, observations, reviewComments, reviews, successCriteria, visits, type Rag, type RecordType, type Role, type TermName } from "@/db/schema";
import { formatDate, formatTerm } from "@/lib/format";
import { describeMetric, formatMetricValue } from "@/lib/analytics/criteria";
import { isAttendanceMetric } from "@/db/schema/enums";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { EVIDENCE_SOURCES } from "../evidence";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { assertPersonRole, LEAD_ROLES } from "../users";
import { getTerm, listTerms, todayIso, type TermWithYear } from "../school";
import { writeTransaction } from "../transaction";
import { CriterionReader } from "./criterion-reader";
import { type EvidenceLink, type Person, type Review, type ReviewComment, now } from "./shared";
import { type MonitoringItem, type Viewer, mayListRecord, strandMonitoringRecords } from "./strand-monitoring";
import { getStrand, yearOfStrand } from "./strands";

// ---- Reviews --------------------------------------------------------------------------------------

export type EvidenceCandidate = { key: string; targetType: RecordType; targetId: string; label: string };

function monitoringEvidenceLabel(m: MonitoringItem): string {
  return `${m.kind}, ${formatDate(m.date)}${m.label ? `: ${m.label}` : ""}`;
}

/**
 * What a review of a strand for a term may cite: the monitoring records whose focus is the strand in
 * that term (labelled without any teacher's name), and the term's readings of the strand's measurable
 * criteria (assessment summaries and hand-recorded values).
 */
export function listEvidenceCandidates({ strandId, termId, viewer }: { strandId: string; termId: string; viewer: Viewer }, db: DbOrTx = defaultDb): EvidenceCandidate[] {
  return evidenceCandidates({ strandId, termId }, db)
    .filter((c) => mayListRecord(viewer, { recordType: c.targetType, visitKind: c.visitKind }))
    .map(({ visitKind: _visitKind, ...c }) => c);
}

/** Every record a review may cite, whoever asks (what a save is checked against). */
function evidenceCandidates({ strandId, termId }: { strandId: string; termId: string }, db: DbOrTx): (EvidenceCandidate & { visitKind?: MonitoringItem["visitKind"] })[] {
  const items = strandMonitoringRecords({ strandId, termId, identifiable: true }, db);
  // Labels as every area cites these records (lib/data/evidence), so a review and the SEF read alike.
  const shared = new Map<string, string>();
  for (const type of ["observation", "activity", "visit"] as const) {
    const ids = items.filter((m) => m.recordType === type).map((m) => m.id);
    if (ids.length) for (const c of EVIDENCE_SOURCES[type]?.query({ ids }, db) ?? []) shared.set(`${type}:${c.targetId}`, c.label);
  }
  const out: (EvidenceCandidate & { visitKind?: MonitoringItem["visitKind"] })[] = items.map((m) => ({
    key: `${m.recordType}:${m.id}`,
    targetType: m.recordType,
    targetId: m.id,
    label: shared.get(`${m.recordType}:${m.id}`) ?? monitoringEvidenceLabel(m),
    visitKind: m.visitKind,
  }));
  const term = getTerm({ id: termId }, db);
  const criteria = db.select().from(successCriteria).where(eq(successCriteria.strandId, strandId)).orderBy(asc(successCriteria.position)).all();
  const reader = new CriterionReader(db, termId, criteria.map((c) => c.id));
  for (const c of criteria) {
    if (c.kind !== "measurable" || !c.metric) continue;
    const r = reader.at(c, termId);
    if (!r.found) continue;
    // One term's reading of one criterion: the target id says which term and which criterion.
    const targetId = `${termId}|${c.id}`;
    if (c.metric === "manual") {
      out.push({ key: `criterion:${targetId}`, targetType: "criterion", targetId, label: `${c.description}, ${formatTerm(term)}: ${formatMetricValue(r.value, c)}` });
      continue;
    }
    if (isAttendanceMetric(c.metric)) {
      out.push({
        key: `attendance_summary:${targetId}`,
        targetType: "attendance_summary",
        targetId,
        label: `Attendance, ${formatTerm(term)}: ${describeMetric(c)} ${r.suppressed ? "suppressed (fewer than 5 pupils)" : formatMetricValue(r.value, c)}`,
      });
      continue;
    }
    out.push({
      key: `assessment_summary:${targetId}`,
      targetType: "assessment_summary",
      targetId,
      label: `Assessment, ${formatTerm(term)}: ${describeMetric(c)} ${r.suppressed ? "withheld (small group)" : formatMetricValue(r.value, c)}`,
    });
  }
  return out;
}

export type ReviewFields = {
  rag: Rag;
  progress: string;
  impact: string;
  nextSteps: string;
  reviewerId: string;
  reviewedOn: string;
};

export function findReview({ strandId, termId }: { strandId: string; termId: string }, db: DbOrTx = defaultDb): Review | null {
  return db.select().from(reviews).where(and(eq(reviews.strandId, strandId), eq(reviews.termId, termId))).get() ?? null;
}

function getReview({ id }: { id: string }, db: DbOrTx = defaultDb): Review {
  const row = db.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!row) throw new NotFoundError("That review");
  return row;
}

function evidenceOf(reviewId: string, db: DbOrTx): EvidenceLink[] {
  return db.select().from(evidenceLinks).where(and(eq(evidenceLinks.ownerType, "review"), eq(evidenceLinks.ownerId, reviewId))).orderBy(asc(evidenceLinks.createdAt), asc(evidenceLinks.label)).all();
}

/**
 * Writes (or rewrites) a strand's review for a term with its evidence. `id`/`version` are null for
 * the term's first review; when someone else wrote it meanwhile, or changed it since it was read, the
 * save is refused. Evidence is chosen from the candidates (or kept from before), plus web links.
 */
export function saveReview(
  {
    strandId,
    termId,
    id,
    version,
    values,
    evidenceKeys,
    evidenceUrls,
    actor,
    today = todayIso(),
  }: {
    strandId: string;
    termId: string;
    id: string | null;
    version: number | null;
    values: ReviewFields;
    evidenceKeys: string[];
    evidenceUrls: { label: string; url: string }[];
    actor: Actor;
    today?: string;
  },
  db: DbOrTx = defaultDb,
): Review {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    const year = yearOfStrand({ strandId }, tx);
    const term = listTerms({ academicYearId: year.id }, tx).find((t) => t.id === termId);
    if (!term) throw new ValidationError("Reviews are written for a term of the plan's year.");
    if (term.startDate > today) throw new ValidationError(`The ${term.name} term has not started yet, so it cannot be reviewed.`);
    assertPersonRole(values.reviewerId, LEAD_ROLES, "reviewerId", "The reviewer must be the headteacher or a senior leader", tx);

    const existing = findReview({ strandId, termId }, tx);
    if (existing && existing.id !== id) {
      throw new ValidationError(`A review of this strand for ${term.key} was saved by someone else while you were writing. Copy your text, reload the page and edit their review.`);
    }
    if (!existing && id) throw new NotFoundError("That review");
    const before = existing ? { ...existing, evidence: evidenceOf(existing.id, tx) } : null;

    const candidates = new Map(evidenceCandidates({ strandId, termId }, tx).map((c) => [c.key, c]));
    const kept = new Map((before?.evidence ?? []).filter((e) => e.targetType !== "document").map((e) => [`${e.targetType}:${e.targetId}`, e]));
    const chosen = evidenceKeys.map((key) => {
      const c = candidates.get(key);
      if (c) return { targetType: c.targetType, targetId: c.targetId, label: c.label };
      const k = kept.get(key);
      if (k) return { targetType: k.targetType, targetId: k.targetId, label: k.label };
      throw new ValidationError("Choose evidence from the list.", { evidenceKeys: ["Choose evidence from the list for this strand and term"] });
    });

    let reviewId: string;
    if (existing) {
      const result = tx
        .update(reviews)
        .set({ ...values, version: bumpVersion, updatedAt: now() })
        .where(and(eq(reviews.id, existing.id), eq(reviews.version, version ?? -1)))
        .run();
      assertUpdated(result, "This review");
      reviewId = existing.id;
    } else {
      const row = tx.insert(reviews).values({ ...values, strandId, termId }).returning().get();
      reviewId = row.id;
    }
    tx.delete(evidenceLinks).where(and(eq(evidenceLinks.ownerType, "review"), eq(evidenceLinks.ownerId, reviewId))).run();
    for (const e of chosen) tx.insert(evidenceLinks).values({ ownerType: "review", ownerId: reviewId, ...e, url: null, createdById: actor.id }).run();
    for (const u of evidenceUrls) tx.insert(evidenceLinks).values({ ownerType: "review", ownerId: reviewId, targetType: "document", targetId: null, label: u.label, url: u.url, createdById: actor.id }).run();

    const after = { ...getReview({ id: reviewId }, tx), evidence: evidenceOf(reviewId, tx) };
    writeAudit(
      { actor, area: "sip", verb: existing ? "update" : "create", entityType: "review", entityId: reviewId, summary: `${existing ? "Updated" : "Wrote"} the ${term.key} review of "${strand.title}" (${values.rag})`, before, after },
      tx,
    );
    return getReview({ id: reviewId }, tx);
  });
}

/** A governor's (or leader's) comment on a review, as a critical friend. Comments are not edited. */
export function addReviewComment({ reviewId, body, actor }: { reviewId: string; body: string; actor: Actor & { id: string } }, db: DbOrTx = defaultDb): ReviewComment {
  return writeTransaction(db, (tx) => {
    const review = getReview({ id: reviewId }, tx);
    const row = tx.insert(reviewComments).values({ reviewId, authorId: actor.id, body }).returning().get();
    writeAudit({ actor, area: "sip", verb: "comment", entityType: "review", entityId: review.id, summary: `Commented on a review`, after: row }, tx);
    return row;
  });
}

type EvidenceView = EvidenceLink & { viewerIsSubject: boolean };
export type ReviewView = Review & {
  termKey: string;
  termName: TermName;
  reviewerName: string | null;
  evidence: EvidenceView[];
  comments: (ReviewComment & { authorName: string; authorRole: Role | null })[];
};

/**
 * Reviews as this viewer may read them: evidence citing a visit the viewer may not read is left out
 * (labels included), and `viewerIsSubject` marks the observations the viewer was the teacher in.
 */
export function viewReviews(rows: Review[], termsById: Map<string, TermWithYear>, people: Map<string, Person>, viewer: Viewer, db: DbOrTx): ReviewView[] {
  const ids = rows.map((r) => r.id);
  const cited = ids.length ? db.select().from(evidenceLinks).where(and(eq(evidenceLinks.ownerType, "review"), inArray(evidenceLinks.ownerId, ids))).orderBy(asc(evidenceLinks.label)).all() : [];
  const visitIds = cited.filter((e) => e.targetType === "visit" && e.targetId).map((e) => e.targetId!);
  const visitKinds = new Map(visitIds.length ? db.select({ id: visits.id, kind: visits.kind }).from(visits).where(inArray(visits.id, visitIds)).all().map((v) => [v.id, v.kind]) : []);
  const ev = cited.filter((e) => mayListRecord(viewer, { recordType: e.targetType, visitKind: e.targetId ? visitKinds.get(e.targetId) : null }));
  const obsIds = ev.filter((e) => e.targetType === "observation" && e.targetId).map((e) => e.targetId!);
  const viewerId = viewer.id;
  const mine = new Set(
    viewerId && obsIds.length
      ? db.select({ id: observations.id }).from(observations).where(and(inArray(observations.id, obsIds), eq(observations.teacherId, viewerId))).all().map((o) => o.id)
      : [],
  );
  const comments = ids.length ? db.select().from(reviewComments).where(inArray(reviewComments.reviewId, ids)).orderBy(asc(reviewComments.createdAt)).all() : [];
  return rows
    .map((r) => {
      const term = termsById.get(r.termId);
      return {
        ...r,
        termKey: term?.key ?? "",
        termName: term?.name ?? "autumn",
        reviewerName: r.reviewerId ? (people.get(r.reviewerId)?.name ?? null) : null,
        evidence: ev.filter((e) => e.ownerId === r.id).map((e) => ({ ...e, viewerIsSubject: e.targetType === "observation" && !!e.targetId && mine.has(e.targetId) })),
        comments: comments.filter((c) => c.reviewId === r.id).map((c) => ({ ...c, authorName: people.get(c.authorId)?.name ?? "Former user", authorRole: people.get(c.authorId)?.role ?? null })),
      };
    })
    .sort((a, b) => a.termKey.localeCompare(b.termKey) || ["autumn", "spring", "summer"].indexOf(a.termName) - ["autumn", "spring", "summer"].indexOf(b.termName));
}
