/** Errors that server actions turn into user-facing messages in one place (lib/actions/define-action). */
export class NotFoundError extends Error {
  constructor(what = "That record") {
    super(`${what} was not found.`);
    this.name = "NotFoundError";
  }
}

/** Refused by the policy. The message never says whether the record exists. */
export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A save based on a stale version: someone else saved the record first. */
export class ConflictError extends Error {
  constructor(what = "This record") {
    super(
      `${what} was changed by someone else while you were editing. Your changes have not been saved: ` + `copy anything you need, reload the page to see their version, then make your changes again.`,
    );
    this.name = "ConflictError";
  }
}

/** A business-rule failure tied to one or more fields. */
export class ValidationError extends Error {
  constructor(
    message: string,
    public readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** The database stayed locked by another change (an import, a backup) for longer than a save waits. */
export class BusyError extends Error {
  constructor(
    public readonly waitedMs = 0,
    options?: { cause?: unknown },
  ) {
    super("Waymark is busy finishing another change, so this was not saved yet. What you entered is kept: try again in a moment.", options);
    this.name = "BusyError";
  }
}

/** The database cannot take a write: the disk is full, or the file or its folder is read-only. */
export class DatabaseFaultError extends Error {
  constructor(
    public readonly kind: "full" | "readonly" | "io",
    options?: { cause?: unknown },
  ) {
    super(
      kind === "full"
        ? "The server's disk is full, so nothing can be saved. What you entered is kept: ask whoever runs Waymark to free some space, then try again."
        : kind === "readonly"
          ? "The database cannot be written to (its file or folder is read-only), so nothing can be saved. What you entered is kept: ask whoever runs Waymark to fix the file's permissions."
          : "The server could not read or write its database file. What you entered is kept: try again, and if it keeps happening ask whoever runs Waymark to check the server's disk.",
      options,
    );
    this.name = "DatabaseFaultError";
  }
}

/** SQLite's disk-full, read-only and I/O failures as a DatabaseFaultError; anything else as null. */
export function databaseFault(error: unknown): DatabaseFaultError | null {
  if (error instanceof DatabaseFaultError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (code === "SQLITE_FULL") return new DatabaseFaultError("full", { cause: error });
  if (code.startsWith("SQLITE_READONLY") || code === "SQLITE_CANTOPEN" || code === "SQLITE_PERM") return new DatabaseFaultError("readonly", { cause: error });
  if (code.startsWith("SQLITE_IOERR")) return new DatabaseFaultError("io", { cause: error });
  return null;
}

/** SQLite's "another connection is writing" codes (better-sqlite3 puts the extended code in `code`). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/**
 * The one mapping from a known error to an HTTP status, for pages (lib/page-guard: 403 and 404 show
 * those pages) and route handlers (lib/actions/define-route): a refusal is 403, a missing record 404,
 * a rule broken 400, a stale save 409, a busy or failing database 503. Anything else is null: a real
 * failure, which propagates (a 500, logged).
 */
export function httpStatus(error: unknown): 400 | 403 | 404 | 409 | 503 | null {
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ValidationError) return 400;
  if (error instanceof ConflictError) return 409;
  if (error instanceof BusyError || isBusy(error) || databaseFault(error)) return 503;
  return null;
}
