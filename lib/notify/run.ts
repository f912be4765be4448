import "server-only";
import { randomUUID } from "node:crypto";
import { db as defaultDb, type DbOrTx } from "@/lib/data/connection";
import { londonDate, nowIso } from "@/lib/clock";
import {
  acquireLease,
  createNotification,
  listActionsDueBy,
  listDueEmails,
  listMeetingsBetween,
  listStrandsAwaitingReview,
  listUserIdsByRole,
  MAX_EMAIL_ATTEMPTS,
  recordEmailResult,
  releaseLease,
} from "@/lib/data/notifications";
import { findCurrentTerm } from "@/lib/data/school";
import { draft } from "./drafts";
import { mailSettings, sendMail, type MailSettings } from "./mailer";

export type PassResult = { created: number; sent: number; outbox: number; retrying: number; failed: number; skipped: boolean };

const LEASE = "notify";
/** Long enough for a slow SMTP server; a crashed holder's lease simply runs out. */
const LEASE_MS = 10 * 60_000;

function addDays(date: string, days: number) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week a date falls in: one digest per user per week. */
export function weekOf(date: string) {
  const d = new Date(`${date}T12:00:00Z`);
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}

/**
 * The reminders that fall due by date: the weekly digest of actions, reviews due in the last two weeks
 * of term, papers out (to governors) or late (to the head), and meetings two days away. Each has a
 * unique key, so running this again the same day, or in another process, adds nothing.
 */
function createDueNotifications({ at }: { at: string }, db: DbOrTx = defaultDb): number {
  const today = londonDate(Date.parse(at));
  let created = 0;
  const add = (d: Parameters<typeof createNotification>[0]["draft"]) => {
    if (createNotification({ draft: d, at }, db)) created++;
  };

  const due = listActionsDueBy({ until: addDays(today, 7) }, db);
  const byOwner = new Map<string, typeof due>();
  for (const a of due) byOwner.set(a.ownerId!, [...(byOwner.get(a.ownerId!) ?? []), a]);
  for (const [ownerId, items] of byOwner) add(draft.actionsDue(ownerId, weekOf(today), items, today));

  const term = findCurrentTerm({ today }, db);
  if (term && today >= addDays(term.endDate, -14)) {
    for (const s of listStrandsAwaitingReview({ termId: term.id }, db)) {
      add(draft.reviewDue({ strandId: s.id, leadId: s.leadId!, strandTitle: s.title, termId: term.id, termKey: term.key, endDate: term.endDate }));
    }
  }

  const heads = listUserIdsByRole({ roles: ["headteacher"] }, db);
  for (const m of listMeetingsBetween({ from: today, to: addDays(today, 60) }, db)) {
    if (m.papersOutDate <= today && m.reportId) {
      if (m.reportStatus === "published") {
        for (const u of m.members.filter((x) => x.role === "governor")) add(draft.papersOut({ meetingId: m.id, userId: u.userId, bodyName: m.bodyName, date: m.date, startTime: m.startTime }));
      } else {
        for (const h of heads) add(draft.papersLate({ meetingId: m.id, userId: h, bodyName: m.bodyName, date: m.date, papersOutDate: m.papersOutDate }));
      }
    }
    if (m.date > today && m.date <= addDays(today, 2)) {
      for (const u of m.members) add(draft.meetingSoon({ meetingId: m.id, userId: u.userId, bodyName: m.bodyName, date: m.date, startTime: m.startTime, place: m.place }));
    }
  }
  return created;
}

/**
 * Sends the emails that are due: to the SMTP server when SMTP_URL is set, else into the outbox. A
 * failure is retried later with a doubling wait, and given up on after MAX_EMAIL_ATTEMPTS.
 */
async function deliverDueEmails({ at, settings = mailSettings() }: { at: string; settings?: MailSettings }, db: DbOrTx = defaultDb) {
  const out = { sent: 0, outbox: 0, retrying: 0, failed: 0 };
  for (const m of listDueEmails({ at }, db)) {
    if (!settings.smtpUrl) {
      recordEmailResult({ id: m.id, at, result: { ok: true, state: "outbox" } }, db);
      out.outbox++;
      continue;
    }
    try {
      await sendMail({ ...settings, smtpUrl: settings.smtpUrl }, { to: m.to, subject: m.subject, text: m.text, messageId: `<${m.id}@waymark>` });
      recordEmailResult({ id: m.id, at, result: { ok: true, state: "sent" } }, db);
      out.sent++;
    } catch (error) {
      recordEmailResult({ id: m.id, at, result: { ok: false, error: error instanceof Error ? error.message : String(error) } }, db);
      if (m.attempts + 1 >= MAX_EMAIL_ATTEMPTS) out.failed++;
      else out.retrying++;
    }
  }
  return out;
}

/** One pass: under the lease, create what has fallen due and send what is waiting. */
export async function runNotificationPass(
  { at = nowIso(), settings, holder = randomUUID() }: { at?: string; settings?: MailSettings; holder?: string } = {},
  db: DbOrTx = defaultDb,
): Promise<PassResult> {
  if (!acquireLease({ name: LEASE, holder, ms: LEASE_MS, at }, db)) return { created: 0, sent: 0, outbox: 0, retrying: 0, failed: 0, skipped: true };
  try {
    const created = createDueNotifications({ at }, db);
    const delivered = await deliverDueEmails({ at, settings }, db);
    return { created, ...delivered, skipped: false };
  } finally {
    releaseLease({ name: LEASE, holder }, db);
  }
}
