import "server-only";
import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { auditLog, type AuditArea } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { nowIso } from "@/lib/clock";
import { bookkeepingWrite } from "./memo";

/** Who is making a change: a signed-in user, or the command line. */
export type Actor = { id: string | null; name: string };
export const CLI_ACTOR: Actor = { id: null, name: "Command line" };

export type AuditEntry = {
  actor: Actor;
  area: AuditArea;
  verb: string;
  entityType: string;
  entityId?: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
};

/**
 * Writes one audit row. Call it with the transaction of the change it records, so the change and its
 * audit row commit or roll back together.
 */
export function writeAudit(entry: AuditEntry, tx: DbOrTx) {
  tx.insert(auditLog)
    .values({
      at: nowIso(),
      userId: entry.actor.id,
      userName: entry.actor.name,
      area: entry.area,
      verb: entry.verb,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      summary: entry.summary,
      before: entry.before === undefined ? null : stripSecrets(entry.before),
      after: entry.after === undefined ? null : stripSecrets(entry.after),
    })
    .run();
}

/** Records who downloaded which report, plan, SEF or export (personal data leaving the app). */
export function recordDownload(
  { actor, area, entityType, entityId, summary }: { actor: Actor; area: AuditArea; entityType: string; entityId?: string | null; summary: string },
  db: DbOrTx = defaultDb,
) {
  // Only an audit row: the memoised figures (lib/data/memo) stay valid.
  bookkeepingWrite(db, () => writeAudit({ actor, area, verb: "download", entityType, entityId: entityId ?? null, summary }, db));
}

const SECRET_KEYS = new Set(["passwordHash", "totpSecret"]);
function stripSecrets(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? "[redacted]" : v]));
}

/**
 * Optimistic concurrency: after an `UPDATE ... WHERE id = ? AND version = ?`, a change count of zero
 * means someone else saved first. Throws ConflictError so nothing is silently overwritten.
 */
export function assertUpdated(result: { changes: number }, what?: string) {
  if (result.changes === 0) throw new ConflictError(what);
}

/** `version = version + 1` for the SET clause of a versioned update. */
export const bumpVersion = sql`version + 1`;

export type AuditFilter = { userId?: string; area?: AuditArea; from?: string; to?: string; limit?: number; offset?: number };

/** The audit log, newest first, filtered by person, area and date (inclusive, YYYY-MM-DD). */
export function listAudit(filter: AuditFilter, db: DbOrTx = defaultDb) {
  const where: SQL[] = [];
  if (filter.userId) where.push(eq(auditLog.userId, filter.userId));
  if (filter.area) where.push(eq(auditLog.area, filter.area));
  if (filter.from) where.push(gte(auditLog.at, `${filter.from}T00:00:00`));
  if (filter.to) where.push(lte(auditLog.at, `${filter.to}T23:59:59.999Z`));
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .all();
}
