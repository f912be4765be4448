import { CallbackRouteError, CredentialsSignin } from "@auth/core/errors";
import { beforeEach, describe, expect, it, vi } from "vitest";

/** What Auth.js's signIn throws in this test: set per test. */
const thrown: { error: unknown } = { error: null };
vi.mock("@/lib/auth/config", () => ({
  signIn: async () => {
    throw thrown.error;
  },
}));

const { signInAction } = await import("@/app/(public)/sign-in/actions");

function sqliteError(code: string, message: string) {
  return Object.assign(new Error(message), { name: "SqliteError", code });
}

/** What Auth.js throws when authorize() fails with something other than a refused credential. */
function callbackError(cause: Error) {
  return new (CallbackRouteError as unknown as new (e: Error, o: object) => Error)(cause, { provider: "credentials" });
}

describe("sign-in when the database fails", () => {
  beforeEach(() => {
    thrown.error = null;
  });

  it("says the database cannot be written to, not that the password is wrong", async () => {
    thrown.error = callbackError(sqliteError("SQLITE_READONLY", "attempt to write a readonly database"));
    const r = await signInAction({ email: "head@school.test", password: "right password" });
    expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^The database cannot be written to/) });
  });

  it("says the disk is full", async () => {
    thrown.error = callbackError(sqliteError("SQLITE_FULL", "database or disk is full"));
    expect(await signInAction({ email: "head@school.test", password: "x" })).toEqual({ ok: false, formError: expect.stringMatching(/^The server's disk is full/) });
  });

  it("reports any other server failure as the server's, with a reference", async () => {
    thrown.error = callbackError(new Error("unexpected"));
    const r = await signInAction({ email: "head@school.test", password: "x" });
    expect(r).toEqual({ ok: false, formError: expect.stringMatching(/^Something went wrong\. Try again, and if it keeps happening quote reference [0-9a-f]{8}\.$/) });
  });

  it("still answers a refused password as before", async () => {
    thrown.error = Object.assign(new CredentialsSignin(), { code: "invalid" });
    expect(await signInAction({ email: "head@school.test", password: "wrong" })).toMatchObject({ ok: false, formError: "Enter a correct email address and password." });
  });
});
