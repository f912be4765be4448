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
      `${what} was changed by someone else while you were editing. Your changes have not been saved: ` +
        `copy anything you need, reload the page to see their version, then make your changes again.`,
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
