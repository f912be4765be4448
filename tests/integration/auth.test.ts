import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { checkSignIn } from "@/lib/auth/sign-in";
import { sessionUserFrom } from "@/lib/auth/session-rules";
import { SESSION_ABSOLUTE_SECONDS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "@/lib/auth/limits";
import { generateTotpSecret, totpAt } from "@/lib/auth/totp";
import { CLI_ACTOR } from "@/lib/data/audit";
import { findUser, setTotp, updateUser } from "@/lib/data/users";
import { createTestUser, ensureTestSchool } from "../factories";

let password: string;
beforeAll(async () => {
  ensureTestSchool();
  password = await hashPassword("a long enough password");
});

let n = 0;
async function userWithPassword(overrides: Parameters<typeof createTestUser>[0] = {}) {
  n += 1;
  return createTestUser({ email: `person${n}@school.test`, passwordHash: password, ...overrides });
}
const addr = () => `10.0.0.${++n}`;

describe("sign-in", () => {
  it("accepts the right password, case-insensitive email", async () => {
    const u = await userWithPassword();
    const r = await checkSignIn({ email: u.email.toUpperCase(), password: "a long enough password", address: addr() });
    expect(r).toMatchObject({ ok: true, user: { id: u.id } });
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const u = await userWithPassword();
    const wrong = await checkSignIn({ email: u.email, password: "not the password", address: addr() });
    const unknown = await checkSignIn({ email: "nobody@school.test", password: "not the password", address: addr() });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("throttles an account after repeated failures, even with the right password, and for unknown emails alike", async () => {
    const u = await userWithPassword();
    for (let i = 0; i < 10; i++) await checkSignIn({ email: u.email, password: `wrong ${i}`, address: addr() });
    expect(await checkSignIn({ email: u.email, password: "a long enough password", address: addr() })).toEqual({ ok: false, reason: "throttled" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await checkSignIn({ email: "ghost@school.test", password: "x", address: addr() });
    expect(await checkSignIn({ email: "ghost@school.test", password: "x", address: addr() })).toEqual({ ok: false, reason: "throttled" });
  });

  it("lets an account in again once the window has passed", async () => {
    const u = await userWithPassword();
    const t0 = Date.now();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await checkSignIn({ email: u.email, password: "wrong", address: addr() }, t0);
    expect((await checkSignIn({ email: u.email, password: "a long enough password", address: addr() }, t0 + 1000)).ok).toBe(false);
    expect((await checkSignIn({ email: u.email, password: "a long enough password", address: addr() }, t0 + 16 * 60 * 1000)).ok).toBe(true);
  });

  it("throttles an address trying many accounts", async () => {
    const address = addr();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await checkSignIn({ email: `spray${i}@school.test`, password: "x", address });
    const u = await userWithPassword();
    expect(await checkSignIn({ email: u.email, password: "a long enough password", address })).toEqual({ ok: false, reason: "throttled" });
  });

  it("refuses a disabled user with the same answer as a wrong password", async () => {
    const u = await userWithPassword({ disabled: true });
    expect(await checkSignIn({ email: u.email, password: "a long enough password", address: addr() })).toEqual({ ok: false, reason: "invalid" });
  });

  it("asks for and checks the second factor when it is on", async () => {
    const u = await userWithPassword();
    const secret = generateTotpSecret();
    setTotp({ id: u.id, secret, actor: CLI_ACTOR });
    const base = { email: u.email, password: "a long enough password" };
    expect(await checkSignIn({ ...base, address: addr() })).toEqual({ ok: false, reason: "code_required" });
    const now = Date.now();
    const code = totpAt(secret, Math.floor(now / 30000));
    const stale = totpAt(secret, Math.floor(now / 30000) - 10);
    expect(await checkSignIn({ ...base, code: stale === code ? "x" : stale, address: addr() }, now)).toEqual({ ok: false, reason: "code_invalid" });
    expect((await checkSignIn({ ...base, code, address: addr() }, now)).ok).toBe(true);
  });
});

describe("sessions end at once", () => {
  it("when the user is disabled, changes role, or the absolute limit passes", () => {
    const u = createTestUser({ role: "slt" });
    const now = Date.now() / 1000;
    const session = { uid: u.id, gen: u.sessionGeneration, authTime: now - 60 };
    expect(sessionUserFrom(session, findUser({ id: u.id }), [], now)?.role).toBe("slt");

    const changed = updateUser({ id: u.id, version: u.version, changes: { role: "staff" }, actor: CLI_ACTOR });
    expect(changed.sessionGeneration).toBe(u.sessionGeneration + 1);
    expect(sessionUserFrom(session, changed, [], now)).toBeNull();

    const fresh = { ...session, gen: changed.sessionGeneration };
    expect(sessionUserFrom(fresh, changed, [], now)).not.toBeNull();
    const disabled = updateUser({ id: u.id, version: changed.version, changes: { disabled: true }, actor: CLI_ACTOR });
    expect(sessionUserFrom({ ...fresh, gen: disabled.sessionGeneration }, disabled, [], now)).toBeNull();
    expect(sessionUserFrom(fresh, { ...changed }, [], now + SESSION_ABSOLUTE_SECONDS + 120)).toBeNull();
  });

  it("flags a required second factor that is not set up", () => {
    const u = createTestUser({ role: "staff" });
    const s = sessionUserFrom({ uid: u.id, gen: u.sessionGeneration, authTime: Date.now() / 1000 }, findUser({ id: u.id }), ["staff"]);
    expect(s?.needsTotpSetup).toBe(true);
  });
});
