import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { academicYears, challenges, meetings, plans, reports, strands, terms, users, visits } from "@/db/schema";
import { CHALLENGE_STATUSES, type ReportSection } from "@/db/schema/enums";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { LEAD_ROLES, listUsers } from "./users";
import { findCurrentTerm, termKey } from "./school";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "./transaction";

export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** A challenge question with the names and labels a page or report shows beside it. */
export type Challenge = typeof challenges.$inferSelect & {
  termKey: string;
  raisedByName: string;
  ownerName: string | null;
  answeredByName: string | null;
  strandTitle: string | null;
  reportTermKey: string | null;
};

const raiser = alias(users, "raiser");
const owner = alias(users, "owner");
const answerer = alias(users, "answerer");
const reportTerm = alias(terms, "report_term");
const reportYear = alias(academicYears, "report_year");

function selectChallenges(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      c: challenges,
      yearName: academicYears.name,
      termName: terms.name,
      raisedByName: raiser.name,
      ownerName: owner.name,
      answeredByName: answerer.name,
      strandTitle: strands.title,
      reportYearName: reportYear.name,
      reportTermName: reportTerm.name,
    })
    .from(challenges)
    .innerJoin(terms, eq(challenges.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .innerJoin(raiser, eq(challenges.raisedById, raiser.id))
    .leftJoin(owner, eq(challenges.ownerId, owner.id))
    .leftJoin(answerer, eq(challenges.answeredById, answerer.id))
    .leftJoin(strands, eq(challenges.strandId, strands.id))
    .leftJoin(reports, eq(challenges.reportId, reports.id))
    .leftJoin(reportTerm, eq(reports.termId, reportTerm.id))
    .leftJoin(reportYear, eq(reportTerm.academicYearId, reportYear.id))
    .where(where)
    .orderBy(desc(challenges.raisedOn), desc(challenges.createdAt))
    .all()
    .map(
      (r): Challenge => ({
        ...r.c,
        termKey: termKey(r.yearName, r.termName),
        raisedByName: r.raisedByName,
        ownerName: r.ownerName,
        answeredByName: r.answeredByName,
        strandTitle: r.strandTitle,
        reportTermKey: r.reportYearName && r.reportTermName ? termKey(r.reportYearName, r.reportTermName) : null,
      }),
    );
}

export type ChallengeFilter = { meetingId?: string; termId?: string; status?: ChallengeStatus; raisedById?: string; ownerId?: string; reportId?: string; statuses?: ChallengeStatus[] };

/** The challenge log, newest first. Every role that may read it sees every question (SPEC §1). */
export function listChallenges(filter: ChallengeFilter = {}, db: DbOrTx = defaultDb): Challenge[] {
  const where: SQL[] = [];
  if (filter.termId) where.push(eq(challenges.termId, filter.termId));
  if (filter.meetingId) where.push(eq(challenges.meetingId, filter.meetingId));
  if (filter.status) where.push(eq(challenges.status, filter.status));
  if (filter.statuses?.length) where.push(inArray(challenges.status, filter.statuses));
  if (filter.raisedById) where.push(eq(challenges.raisedById, filter.raisedById));
  if (filter.ownerId) where.push(eq(challenges.ownerId, filter.ownerId));
  if (filter.reportId) where.push(eq(challenges.reportId, filter.reportId));
  return selectChallenges(db, where.length ? and(...where) : undefined);
}

export function findChallenge({ id }: { id: string }, db: DbOrTx = defaultDb): Challenge | null {
  return selectChallenges(db, eq(challenges.id, id))[0] ?? null;
}

export function getChallenge({ id }: { id: string }, db: DbOrTx = defaultDb): Challenge {
  const c = findChallenge({ id }, db);
  if (!c) throw new NotFoundError("That question");
  return c;
}

/** How many questions are in each status (optionally for one term). */
export function countChallenges({ termId }: { termId?: string } = {}, db: DbOrTx = defaultDb): Record<ChallengeStatus, number> & { total: number } {
  const rows = db
    .select({ status: challenges.status, n: sql<number>`count(*)` })
    .from(challenges)
    .where(termId ? eq(challenges.termId, termId) : undefined)
    .groupBy(challenges.status)
    .all();
  const out = { open: 0, answered: 0, follow_up: 0, closed: 0, total: 0 };
  for (const r of rows) {
    out[r.status] = r.n;
    out.total += r.n;
  }
  return out;
}

/**
 * The questions a term's report shows as the board's evidence of challenge: those raised or answered
 * since the previous report was published (or since the term began, if there was none) up to the
 * term's end, and any raised by then that are still waiting (open or follow-up needed). So a question
 * asked about a published report, and its answer, always reach the next report.
 */
export function listChallengesForTerm({ termId, since }: { termId: string; since?: string | null }, db: DbOrTx = defaultDb): Challenge[] {
  const term = db.select().from(terms).where(eq(terms.id, termId)).get();
  if (!term) throw new NotFoundError("That term");
  const from = since ?? term.startDate;
  const endTs = `${term.endDate}T23:59:59.999Z`;
  return selectChallenges(
    db,
    and(
      lte(challenges.raisedOn, term.endDate),
      or(
        gte(challenges.createdAt, from),
        and(gte(challenges.answeredAt, from), lte(challenges.answeredAt, endTs)),
        inArray(challenges.status, ["open", "follow_up"]),
        eq(challenges.termId, termId),
      ),
    ),
  ).sort((a, b) => a.raisedOn.localeCompare(b.raisedOn));
}

/** The term whose dates contain a day, or the current term if none does. */
export function termIdForDate({ date }: { date: string }, db: DbOrTx = defaultDb): string {
  const row = db
    .select({ id: terms.id })
    .from(terms)
    .where(and(lte(terms.startDate, date), gte(terms.endDate, date)))
    .get();
  if (row) return row.id;
  const current = findCurrentTerm({}, db);
  if (!current) throw new ValidationError("There is no academic year for that date.", { raisedOn: ["Enter a date within an academic year the school has set up"] });
  return current.id;
}

export type NewChallenge = {
  question: string;
  source: "meeting" | "visit" | "report";
  raisedOn: string;
  strandId: string | null;
  areaKey: string | null;
  reportId: string | null;
  reportSection: ReportSection | null;
  visitId: string | null;
  ownerId: string | null;
  /** The meeting where it was asked, when raised at a board or committee meeting. */
  meetingId?: string | null;
};

/**
 * Records a governor's question. When no owner is named, the strand's lead owns the answer, or else
 * the headteacher who publishes the report: every question has someone responsible for answering.
 */
export function createChallenge({ input, raisedById, actor }: { input: NewChallenge; raisedById: string; actor: Actor }, db: DbOrTx = defaultDb): Challenge {
  return writeTransaction(db, (tx) => {
    const strand = input.strandId ? tx.select().from(strands).where(eq(strands.id, input.strandId)).get() : null;
    if (input.strandId && !strand) throw new ValidationError("That strand was not found.", { strandId: ["Select a strand from the list"] });
    const report = input.reportId ? tx.select().from(reports).where(eq(reports.id, input.reportId)).get() : null;
    if (input.reportId && (!report || report.status !== "published")) {
      throw new ValidationError("Questions can only be asked about a published report.", { reportId: ["Select a published report"] });
    }
    if (input.visitId && !tx.select({ id: visits.id }).from(visits).where(eq(visits.id, input.visitId)).get()) {
      throw new ValidationError("That visit was not found.", { visitId: ["Select a visit from the list"] });
    }
    if (input.meetingId && !tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, input.meetingId)).get()) {
      throw new ValidationError("That meeting was not found.", { meetingId: ["Select a meeting from the list"] });
    }
    let ownerId = input.ownerId;
    if (ownerId) {
      const o = tx.select({ role: users.role }).from(users).where(eq(users.id, ownerId)).get();
      if (!o || (o.role !== "headteacher" && o.role !== "slt")) throw new ValidationError("The owner must be a leader.", { ownerId: ["Select a headteacher or senior leader"] });
    } else {
      ownerId =
        strand?.leadId ??
        tx.select({ id: users.id }).from(users).where(and(eq(users.role, "headteacher"), eq(users.disabled, false))).orderBy(asc(users.createdAt)).get()?.id ??
        null;
    }
    const termId = termIdForDate({ date: input.raisedOn }, tx);
    const row = tx
      .insert(challenges)
      .values({ ...input, ownerId, termId, raisedById, status: "open" })
      .returning()
      .get();
    writeAudit({ actor, area: "governance", verb: "create", entityType: "challenge", entityId: row.id, summary: `Raised a challenge question`, after: row }, tx);
    return getChallenge({ id: row.id }, tx);
  });
}

/** A leader's answer (or a revised one), which moves the question's status on. */
export function answerChallenge(
  { id, version, answer, status, ownerId, answeredById, actor }: { id: string; version: number; answer: string; status: "answered" | "follow_up" | "closed"; ownerId: string | null; answeredById: string; actor: Actor },
  db: DbOrTx = defaultDb,
): Challenge {
  return writeTransaction(db, (tx) => {
    const before = getChallenge({ id }, tx);
    if (ownerId) {
      const o = tx.select({ role: users.role }).from(users).where(eq(users.id, ownerId)).get();
      if (!o || (o.role !== "headteacher" && o.role !== "slt")) throw new ValidationError("The owner must be a leader.", { ownerId: ["Select a headteacher or senior leader"] });
    }
    const now = nowIso();
    const result = tx
      .update(challenges)
      .set({ answer, status, ownerId: ownerId ?? before.ownerId, answeredById, answeredAt: now, version: bumpVersion, updatedAt: now })
      .where(and(eq(challenges.id, id), eq(challenges.version, version)))
      .run();
    assertUpdated(result, "This question");
    const after = getChallenge({ id }, tx);
    writeAudit({ actor, area: "governance", verb: "answer", entityType: "challenge", entityId: id, summary: `Answered a challenge question (${status})`, before: strip(before), after: strip(after) }, tx);
    return after;
  });
}

/** Moves a question's status without touching its answer. */
export function setChallengeStatus({ id, version, status, actor }: { id: string; version: number; status: ChallengeStatus; actor: Actor }, db: DbOrTx = defaultDb): Challenge {
  return writeTransaction(db, (tx) => {
    const before = getChallenge({ id }, tx);
    if (status === "answered" && !before.answer) {
      throw new ValidationError("A question can only be marked answered once it has an answer.", { status: ["Write an answer first, or choose another status"] });
    }
    const result = tx
      .update(challenges)
      .set({ status, version: bumpVersion, updatedAt: nowIso() })
      .where(and(eq(challenges.id, id), eq(challenges.version, version)))
      .run();
    assertUpdated(result, "This question");
    const after = getChallenge({ id }, tx);
    writeAudit({ actor, area: "governance", verb: "update", entityType: "challenge", entityId: id, summary: `Marked a challenge question ${status.replace("_", " ")}`, before: { status: before.status }, after: { status } }, tx);
    return after;
  });
}

function strip(c: Challenge) {
  return { status: c.status, answer: c.answer, ownerId: c.ownerId, answeredById: c.answeredById, answeredAt: c.answeredAt };
}

/** What a question can be linked to: this year's strands, published reports and recent visits. */
export function listChallengeLinkOptions({ academicYearId }: { academicYearId?: string } = {}, db: DbOrTx = defaultDb) {
  const strandRows = db
    .select({ id: strands.id, title: strands.title, position: strands.position, yearName: academicYears.name })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(academicYears, eq(plans.academicYearId, academicYears.id))
    .where(academicYearId ? eq(plans.academicYearId, academicYearId) : undefined)
    .orderBy(desc(academicYears.name), asc(strands.position))
    .all();
  const reportRows = db
    .select({ id: reports.id, yearName: academicYears.name, termName: terms.name })
    .from(reports)
    .innerJoin(terms, eq(reports.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(eq(reports.status, "published"))
    .orderBy(desc(academicYears.name), desc(terms.startDate))
    .all()
    .map((r) => ({ id: r.id, termKey: termKey(r.yearName, r.termName) }));
  const visitRows = db
    .select({ id: visits.id, date: visits.date, kind: visits.kind, visitType: visits.visitType, purpose: visits.purpose, visitorName: users.name })
    .from(visits)
    .innerJoin(users, eq(visits.visitorId, users.id))
    .orderBy(desc(visits.date))
    .limit(30)
    .all();
  const leaders = listUsers({ roles: LEAD_ROLES }, db).map(({ id, name, role }) => ({ id, name, role }));
  return { strands: strandRows, reports: reportRows, visits: visitRows, leaders };
}
