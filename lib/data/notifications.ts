import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNull, lte, notInArray, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import {
  academicYears,
  bodyMembers,
  calendarTokens,
  challenges,
  emailMessages,
  governingBodies,
  jobLeases,
  meetings,
  notificationPreferences,
  notifications,
  observations,
  planActions,
  plans,
  reports,
  reviews,
  strands,
  terms,
  users,
} from "@/db/schema";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/db/schema/enums";
import { nowIso } from "@/lib/clock";
import { termKey } from "./school";
import { writeTransaction } from "./transaction";

export type Notification = typeof notifications.$inferSelect;
export type EmailMessage = typeof emailMessages.$inferSelect;
export type Preference = { kind: NotificationKind; inApp: boolean; email: boolean };

/** What a new notification says. Everything here may go by email: no pupil names, UPNs or observation text. */
export type NotificationDraft = { key: string; userId: string; kind: NotificationKind; title: string; body: string; link: string };

/** A user's choices, one per kind (defaults filled in: in the app and by email). */
export function listPreferences({ userId }: { userId: string }, db: DbOrTx = defaultDb): Preference[] {
  const rows = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).all();
  return NOTIFICATION_KINDS.map((kind) => {
    const r = rows.find((x) => x.kind === kind);
    return { kind, inApp: r?.inApp ?? true, email: r?.email ?? true };
  });
}

export function savePreferences({ userId, preferences }: { userId: string; preferences: Preference[] }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    for (const p of preferences) {
      tx.insert(notificationPreferences)
        .values({ userId, kind: p.kind, inApp: p.inApp, email: p.email })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { inApp: p.inApp, email: p.email } })
        .run();
    }
  });
}

/**
 * Records a notification unless its key was used before, and queues its email if the user wants
 * one. Returns whether it was new. The unique key is what makes every pass safe to repeat.
 */
export function createNotification({ draft, at = nowIso() }: { draft: NotificationDraft; at?: string }, db: DbOrTx = defaultDb): boolean {
  return writeTransaction(db, (tx) => {
    const user = tx.select({ email: users.email, disabled: users.disabled }).from(users).where(eq(users.id, draft.userId)).get();
    if (!user || user.disabled) return false;
    const pref = tx
      .select()
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, draft.userId), eq(notificationPreferences.kind, draft.kind)))
      .get();
    const inApp = pref?.inApp ?? true;
    const email = pref?.email ?? true;
    const row = tx
      .insert(notifications)
      .values({ ...draft, inApp, createdAt: at })
      .onConflictDoNothing({ target: notifications.key })
      .returning()
      .get();
    if (!row) return false;
    if (email) {
      const m = renderEmail(draft);
      tx.insert(emailMessages).values({ notificationId: row.id, to: user.email, subject: m.subject, text: m.text, state: "pending", nextAttemptAt: at, createdAt: at }).run();
    }
    return true;
  });
}

/** The app's own address for links in emails (the page behind each link asks for a sign-in). */
export function appUrl(): string {
  return (process.env.APP_URL ?? process.env.AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** An email from a notification: what happened and a link; nothing from a pupil's record or an observation. */
function renderEmail(draft: Pick<NotificationDraft, "title" | "body" | "link">): { subject: string; text: string } {
  const base = appUrl();
  return {
    subject: draft.title,
    text: [draft.title, "", draft.body, "", `Open it in Waymark (you will be asked to sign in): ${base}${draft.link}`, "", `Choose which emails you get: ${base}/account/notifications`].join("\n"),
  };
}

/** A user's notifications shown in the app, newest first. */
export function listNotifications({ userId, limit = 100 }: { userId: string; limit?: number }, db: DbOrTx = defaultDb): Notification[] {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.inApp, true)))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
    .all();
}

export function countUnread({ userId }: { userId: string }, db: DbOrTx = defaultDb): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.inApp, true), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

/** Marks one of the user's notifications read and returns its link (null if it is not theirs). */
export function markNotificationRead({ id, userId }: { id: string; userId: string }, db: DbOrTx = defaultDb): string | null {
  const n = db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).get();
  if (!n) return null;
  if (!n.readAt) db.update(notifications).set({ readAt: nowIso() }).where(eq(notifications.id, id)).run();
  return n.link;
}

export function markAllNotificationsRead({ userId }: { userId: string }, db: DbOrTx = defaultDb): number {
  return db.update(notifications).set({ readAt: nowIso() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).run().changes;
}

// ---- Email delivery ---------------------------------------------------------------------------

/** Emails waiting to go whose next attempt is due. */
export function listDueEmails({ at }: { at: string }, db: DbOrTx = defaultDb): EmailMessage[] {
  return db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.state, "pending"), lte(emailMessages.nextAttemptAt, at)))
    .orderBy(asc(emailMessages.createdAt))
    .all();
}

/** Attempts before an email is given up on; waits double from one minute (1, 2, 4, 8, 16 minutes). */
export const MAX_EMAIL_ATTEMPTS = 6;

export function recordEmailResult({ id, result, at }: { id: string; result: { ok: true; state: "sent" | "outbox" } | { ok: false; error: string }; at: string }, db: DbOrTx = defaultDb) {
  const m = db.select().from(emailMessages).where(eq(emailMessages.id, id)).get();
  if (!m) return;
  const attempts = m.attempts + 1;
  if (result.ok) {
    db.update(emailMessages).set({ state: result.state, attempts, sentAt: at, lastError: null }).where(eq(emailMessages.id, id)).run();
    return;
  }
  const next = new Date(Date.parse(at) + 60_000 * 2 ** (attempts - 1)).toISOString();
  db.update(emailMessages)
    .set({ attempts, lastError: result.error.slice(0, 500), state: attempts >= MAX_EMAIL_ATTEMPTS ? "failed" : "pending", nextAttemptAt: next })
    .where(eq(emailMessages.id, id))
    .run();
}

/** The outbox: every email, newest first, with the notification kind. */
export function listOutbox({ limit = 200 }: { limit?: number } = {}, db: DbOrTx = defaultDb) {
  return db
    .select({ m: emailMessages, kind: notifications.kind })
    .from(emailMessages)
    .innerJoin(notifications, eq(emailMessages.notificationId, notifications.id))
    .orderBy(desc(emailMessages.createdAt))
    .limit(limit)
    .all()
    .map((r) => ({ ...r.m, kind: r.kind }));
}

// ---- Lease ------------------------------------------------------------------------------------

/**
 * Takes (or renews) a named lease for `ms`. One statement, so two processes racing for it cannot both
 * win: the upsert only overwrites a lease that has expired or that this holder already has.
 */
export function acquireLease({ name, holder, ms, at = nowIso() }: { name: string; holder: string; ms: number; at?: string }, db: DbOrTx = defaultDb): boolean {
  const expiresAt = new Date(Date.parse(at) + ms).toISOString();
  const result = db
    .insert(jobLeases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({ target: jobLeases.name, set: { holder, expiresAt }, setWhere: sql`${jobLeases.expiresAt} < ${at} or ${jobLeases.holder} = ${holder}` })
    .run();
  return result.changes === 1;
}

export function releaseLease({ name, holder }: { name: string; holder: string }, db: DbOrTx = defaultDb) {
  db.delete(jobLeases).where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder))).run();
}

// ---- What is due (read by the notification pass) -----------------------------------------------

/** Open plan actions due by `until` (or overdue), with their owner and strand, for the weekly digest. */
export function listActionsDueBy({ until }: { until: string }, db: DbOrTx = defaultDb) {
  return db
    .select({ id: planActions.id, description: planActions.description, dueDate: planActions.dueDate, ownerId: planActions.ownerId, strandId: strands.id, strandTitle: strands.title })
    .from(planActions)
    .innerJoin(strands, eq(planActions.strandId, strands.id))
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(academicYears, eq(plans.academicYearId, academicYears.id))
    .where(and(eq(academicYears.isCurrent, true), notInArray(planActions.status, ["done", "dropped"]), lte(planActions.dueDate, until), sql`${planActions.ownerId} is not null`))
    .orderBy(asc(planActions.dueDate))
    .all();
}

/** Strands of the current plan with a lead and no review yet for the term. */
export function listStrandsAwaitingReview({ termId }: { termId: string }, db: DbOrTx = defaultDb) {
  const reviewed = db.select({ id: reviews.strandId }).from(reviews).where(eq(reviews.termId, termId)).all().map((r) => r.id);
  return db
    .select({ id: strands.id, title: strands.title, leadId: strands.leadId })
    .from(strands)
    .innerJoin(plans, eq(strands.planId, plans.id))
    .innerJoin(terms, eq(terms.academicYearId, plans.academicYearId))
    .where(and(eq(terms.id, termId), sql`${strands.leadId} is not null`, reviewed.length ? notInArray(strands.id, reviewed) : undefined))
    .all();
}

/** Meetings between two dates with their body, members and the report's state. */
export function listMeetingsBetween({ from, to }: { from: string; to: string }, db: DbOrTx = defaultDb) {
  const rows = db
    .select({ m: meetings, bodyName: governingBodies.name, reportStatus: reports.status, reportTermId: reports.termId })
    .from(meetings)
    .innerJoin(governingBodies, eq(meetings.bodyId, governingBodies.id))
    .leftJoin(reports, eq(meetings.reportId, reports.id))
    .where(and(gte(meetings.date, from), lte(meetings.date, to)))
    .all();
  const members = rows.length
    ? db
        .select({ bodyId: bodyMembers.bodyId, userId: users.id, role: users.role })
        .from(bodyMembers)
        .innerJoin(users, eq(bodyMembers.userId, users.id))
        .where(inArray(bodyMembers.bodyId, [...new Set(rows.map((r) => r.m.bodyId))]))
        .all()
    : [];
  return rows.map((r) => ({ ...r.m, bodyName: r.bodyName, reportStatus: r.reportStatus, members: members.filter((x) => x.bodyId === r.m.bodyId) }));
}

/** The enabled users holding some roles. */
export function listUserIdsByRole({ roles }: { roles: ("headteacher" | "governor")[] }, db: DbOrTx = defaultDb): string[] {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.disabled, false)))
    .all()
    .map((u) => u.id);
}

/** Facts a notification about a report, challenge or observation may say (never their text). */
export function reportFacts({ reportId }: { reportId: string }, db: DbOrTx = defaultDb) {
  const r = db
    .select({ yearName: academicYears.name, termName: terms.name, status: reports.status })
    .from(reports)
    .innerJoin(terms, eq(reports.termId, terms.id))
    .innerJoin(academicYears, eq(terms.academicYearId, academicYears.id))
    .where(eq(reports.id, reportId))
    .get();
  return r ? { termKey: termKey(r.yearName, r.termName), status: r.status } : null;
}

export function challengeFacts({ id }: { id: string }, db: DbOrTx = defaultDb) {
  return db
    .select({ id: challenges.id, raisedById: challenges.raisedById, raisedOn: challenges.raisedOn, ownerId: challenges.ownerId, answeredAt: challenges.answeredAt, status: challenges.status, raiserName: users.name })
    .from(challenges)
    .innerJoin(users, eq(challenges.raisedById, users.id))
    .where(eq(challenges.id, id))
    .get();
}

export function actionFacts({ id }: { id: string }, db: DbOrTx = defaultDb) {
  return db
    .select({ id: planActions.id, ownerId: planActions.ownerId, status: planActions.status, description: planActions.description, dueDate: planActions.dueDate, strandId: strands.id, strandTitle: strands.title })
    .from(planActions)
    .innerJoin(strands, eq(planActions.strandId, strands.id))
    .where(eq(planActions.id, id))
    .get();
}

export function observationFacts({ id }: { id: string }, db: DbOrTx = defaultDb) {
  return db.select({ id: observations.id, teacherId: observations.teacherId, date: observations.date, status: observations.status }).from(observations).where(eq(observations.id, id)).get();
}

// ---- Calendar tokens ----------------------------------------------------------------------------

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Makes (or replaces, revoking the old one) a user's calendar token; only its hash is stored. */
export function resetCalendarToken({ userId }: { userId: string }, db: DbOrTx = defaultDb): string {
  const token = randomBytes(24).toString("base64url");
  db.insert(calendarTokens)
    .values({ userId, tokenHash: hashToken(token), createdAt: nowIso() })
    .onConflictDoUpdate({ target: calendarTokens.userId, set: { tokenHash: hashToken(token), createdAt: nowIso() } })
    .run();
  return token;
}

export function revokeCalendarToken({ userId }: { userId: string }, db: DbOrTx = defaultDb) {
  db.delete(calendarTokens).where(eq(calendarTokens.userId, userId)).run();
}

export function findCalendarToken({ userId }: { userId: string }, db: DbOrTx = defaultDb) {
  return db.select({ createdAt: calendarTokens.createdAt }).from(calendarTokens).where(eq(calendarTokens.userId, userId)).get() ?? null;
}

/** The enabled user a calendar token belongs to, or null. */
export function findUserByCalendarToken({ token }: { token: string }, db: DbOrTx = defaultDb) {
  if (!token || token.length > 100) return null;
  return (
    db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(calendarTokens)
      .innerJoin(users, eq(calendarTokens.userId, users.id))
      .where(and(eq(calendarTokens.tokenHash, hashToken(token)), eq(users.disabled, false)))
      .get() ?? null
  );
}
