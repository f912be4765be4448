import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { recoveryCodes, users, type Role } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "./transaction";

export type User = typeof users.$inferSelect;
/** A user as other code may see it: never the password hash or the TOTP secret. */
export type PublicUser = Omit<User, "passwordHash" | "totpSecret" | "totpLastStep">;

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  jobTitle: users.jobTitle,
  isTeaching: users.isTeaching,
  mustChangePassword: users.mustChangePassword,
  disabled: users.disabled,
  totpEnabled: users.totpEnabled,
  sessionGeneration: users.sessionGeneration,
  lastSignInAt: users.lastSignInAt,
  version: users.version,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** The full row, secrets included: only for sign-in and account security. */
export function findUserWithSecretsByEmail({ email }: { email: string }, db: DbOrTx = defaultDb): User | null {
  return db.select().from(users).where(eq(users.email, normaliseEmail(email))).get() ?? null;
}

export function findUserWithSecretsById({ id }: { id: string }, db: DbOrTx = defaultDb): User | null {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

export function findUser({ id }: { id: string }, db: DbOrTx = defaultDb): PublicUser | null {
  return db.select(publicColumns).from(users).where(eq(users.id, id)).get() ?? null;
}

export function getUser({ id }: { id: string }, db: DbOrTx = defaultDb): PublicUser {
  const user = findUser({ id }, db);
  if (!user) throw new NotFoundError("That user");
  return user;
}

/** Users, optionally filtered by role(s) and by enabled state, sorted by name. */
export function listUsers(
  { roles, includeDisabled = false }: { roles?: readonly Role[]; includeDisabled?: boolean } = {},
  db: DbOrTx = defaultDb,
): PublicUser[] {
  const where = [];
  if (roles) where.push(inArray(users.role, [...roles]));
  if (!includeDisabled) where.push(eq(users.disabled, false));
  return db
    .select(publicColumns)
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(users.name))
    .all();
}

/** Who may lead a strand, attend a progress meeting or own a governor's question: the head and senior leaders. */
export const LEAD_ROLES: Role[] = ["headteacher", "slt"];
/** Members of staff: who may own an action, be observed or teach a class. */
export const STAFF_ROLES: Role[] = ["headteacher", "slt", "staff"];
export const GOVERNOR_ROLES: Role[] = ["governor"];

/** A person chosen on a form must exist, be enabled and hold one of the roles; else a field error. Nobody chosen passes. */
export function assertPersonRole(userId: string | null, roles: Role[], field: string, message: string, db: DbOrTx = defaultDb) {
  if (!userId) return;
  const row = db.select({ role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, userId)).get();
  if (!row || row.disabled || !roles.includes(row.role)) throw new ValidationError(message, { [field]: [message] });
}

export function countUsers(db: DbOrTx = defaultDb): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

export type NewUser = {
  email: string;
  name: string;
  role: Role;
  jobTitle?: string | null;
  isTeaching?: boolean;
  passwordHash: string;
  mustChangePassword?: boolean;
};

export function createUser({ user, actor }: { user: NewUser; actor: Actor }, db: DbOrTx = defaultDb): PublicUser {
  return writeTransaction(db, (tx) => {
    const email = normaliseEmail(user.email);
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
      throw new ValidationError("A user with that email address already exists.", {
        email: ["A user with that email address already exists"],
      });
    }
    const row = tx
      .insert(users)
      .values({ ...user, email, jobTitle: user.jobTitle ?? null })
      .returning(publicColumns)
      .get();
    writeAudit(
      { actor, area: "admin", verb: "create", entityType: "user", entityId: row.id, summary: `Added ${row.name} (${row.role})`, after: row },
      tx,
    );
    return row;
  });
}

export type UserChanges = Partial<Pick<User, "name" | "email" | "role" | "jobTitle" | "isTeaching" | "disabled">>;

/**
 * Updates a user's details. A change of role or a disable bumps the session generation, which ends
 * every open session of that user on its next request.
 */
export function updateUser(
  { id, version, changes, actor }: { id: string; version: number; changes: UserChanges; actor: Actor },
  db: DbOrTx = defaultDb,
): PublicUser {
  return writeTransaction(db, (tx) => {
    const before = getUser({ id }, tx);
    const next = { ...changes };
    if (next.email) {
      next.email = normaliseEmail(next.email);
      const clash = tx.select({ id: users.id }).from(users).where(eq(users.email, next.email)).get();
      if (clash && clash.id !== id) {
        throw new ValidationError("A user with that email address already exists.", {
          email: ["A user with that email address already exists"],
        });
      }
    }
    const endSessions = (next.role !== undefined && next.role !== before.role) || (next.disabled === true && !before.disabled);
    const result = tx
      .update(users)
      .set({
        ...next,
        version: bumpVersion,
        updatedAt: nowIso(),
        ...(endSessions ? { sessionGeneration: sql`session_generation + 1` } : {}),
      })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .run();
    assertUpdated(result, "This user");
    const after = getUser({ id }, tx);
    writeAudit(
      { actor, area: "admin", verb: "update", entityType: "user", entityId: id, summary: `Updated ${after.name}`, before, after },
      tx,
    );
    return after;
  });
}

/** Sets a new password hash; ends other sessions. */
export function setPasswordHash(
  { id, passwordHash, mustChangePassword, actor }: { id: string; passwordHash: string; mustChangePassword: boolean; actor: Actor },
  db: DbOrTx = defaultDb,
) {
  writeTransaction(db, (tx) => {
    const user = getUser({ id }, tx);
    tx.update(users)
      .set({
        passwordHash,
        mustChangePassword,
        sessionGeneration: sql`session_generation + 1`,
        version: bumpVersion,
        updatedAt: nowIso(),
      })
      .where(eq(users.id, id))
      .run();
    writeAudit(
      {
        actor,
        area: "auth",
        verb: actor.id === id ? "change-password" : "reset-password",
        entityType: "user",
        entityId: id,
        summary: actor.id === id ? `${user.name} changed their password` : `Password reset for ${user.name}`,
      },
      tx,
    );
  });
}

/** Turns the second factor on (with a verified secret) or off. */
export function setTotp(
  { id, secret, actor }: { id: string; secret: string | null; actor: Actor },
  db: DbOrTx = defaultDb,
) {
  writeTransaction(db, (tx) => {
    const user = getUser({ id }, tx);
    tx.update(users)
      .set({ totpSecret: secret, totpEnabled: secret !== null, version: bumpVersion, updatedAt: nowIso() })
      .where(eq(users.id, id))
      .run();
    if (secret === null) tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id)).run();
    writeAudit(
      {
        actor,
        area: "auth",
        verb: secret ? "enable-2fa" : "disable-2fa",
        entityType: "user",
        entityId: id,
        summary: `${secret ? "Two-step verification turned on" : "Two-step verification turned off"} for ${user.name}`,
      },
      tx,
    );
  });
}

export function touchSignIn({ id }: { id: string }, db: DbOrTx = defaultDb) {
  db.update(users).set({ lastSignInAt: nowIso() }).where(eq(users.id, id)).run();
}

/** Stores a not-yet-confirmed TOTP secret; sign-in ignores it until `setTotp` confirms it. */
export function setPendingTotpSecret({ id, secret }: { id: string; secret: string }, db: DbOrTx = defaultDb) {
  db.update(users).set({ totpSecret: secret, totpEnabled: false }).where(eq(users.id, id)).run();
}
