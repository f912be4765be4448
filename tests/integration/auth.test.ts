import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { checkSignIn } from "@/lib/auth/sign-in";
import { sessionUserFrom, TOTP_GRACE_DAYS } from "@/lib/auth/session-rules";
import { SESSION_ABSOLUTE_SECONDS, MAX_FAILURES_PER_ADDRESS, PAIR_FREE_FAILURES, pairDelayMs } from "@/lib/auth/limits";
import { generateTotpSecret, totpAt } from "@/lib/auth/totp";
import { CLI_ACTOR } from "@/lib/data/audit";
import { findUser, setTotp, updateUser } from "@/lib/data/users";
import { countUnusedRecoveryCodes, createSession, deleteSession, endUserSessions, findSession, listUnusedRecoveryCodes, replaceRecoveryCodes } from "@/lib/data/sessions";
import { listAudit } from "@/lib/data/audit";
import { createSchoolWithYear, updateSchool } from "@/lib/data/school";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { generateRecoveryCodes, hashRecoveryCodes } from "@/lib/auth/recovery-codes";
import { createTestUser, ensureTestSchool } from "../factories";

function freshDb() {
  const { db } = openDatabase(":memory:");
  migrateDatabase(db);
  return db;
}

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

  it("throttles an account at one address with growing delays, even with the right password", async () => {
    const u = await userWithPassword();
    const address = addr();
    const t0 = 1_900_000_000_000;
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await checkSignIn({ email: u.email, password: `wrong ${i}`, address }, t0 + i)).toEqual({ ok: false, reason: "invalid" });
    // The third failure set a wait of 15 s: the right password is not even evaluated during it.
    expect(await checkSignIn({ email: u.email, password: "a long enough password", address }, t0 + 1000)).toMatchObject({ ok: false, reason: "throttled", retryAfterSeconds: 15 });
    // After the wait one more wrong guess doubles it.
    expect(await checkSignIn({ email: u.email, password: "wrong again", address }, t0 + 20_000)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkSignIn({ email: u.email, password: "a long enough password", address }, t0 + 21_000)).toMatchObject({ ok: false, reason: "throttled", retryAfterSeconds: 29 });
    expect((await checkSignIn({ email: u.email, password: "a long enough password", address }, t0 + 51_000)).ok).toBe(true);
  });

  it("grows the wait to a cap of 15 minutes, never a lock", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9, 30].map(pairDelayMs)).toEqual([0, 0, 0, 15_000, 30_000, 60_000, 120_000, 900_000, 900_000]);
  });

  it("lets the owner in from their own address however many failures a stranger runs up elsewhere", async () => {
    const head = await userWithPassword({ role: "headteacher" });
    const t0 = 1_900_000_100_000;
    const stranger = addr();
    for (let i = 0; i < 50; i++) await checkSignIn({ email: head.email, password: `guess ${i}`, address: i % 2 ? stranger : addr() }, t0 + i);
    expect((await checkSignIn({ email: head.email, password: "a long enough password", address: addr() }, t0 + 100)).ok).toBe(true);
  });

  it("caps password spraying from one address across many accounts", async () => {
    const address = addr();
    const t0 = 1_900_000_200_000;
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await checkSignIn({ email: `spray${i}@school.test`, password: "x", address }, t0 + i);
    const u = await userWithPassword();
    expect(await checkSignIn({ email: u.email, password: "a long enough password", address }, t0 + 1000)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await checkSignIn({ email: u.email, password: "a long enough password", address }, t0 + 16 * 60 * 1000)).ok).toBe(true);
  });

  it("does not keep out, behind a sprayed shared address, someone who signed in from it before", async () => {
    const address = addr();
    const t0 = 1_900_000_400_000;
    const regular = await userWithPassword();
    expect((await checkSignIn({ email: regular.email, password: "a long enough password", address }, t0)).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS + 5; i++) await checkSignIn({ email: `spray-b${i}@school.test`, password: "x", address }, t0 + 10 + i);
    const stranger = await userWithPassword();
    expect(await checkSignIn({ email: stranger.email, password: "a long enough password", address }, t0 + 1000)).toMatchObject({ ok: false, reason: "throttled" });
    expect((await checkSignIn({ email: regular.email, password: "a long enough password", address }, t0 + 1000)).ok).toBe(true);
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
  const school = { totpRequiredRoles: [] as string[], totpRequiredSince: null };
  it("when the user is disabled, changes role, or the absolute limit passes", () => {
    const u = createTestUser({ role: "slt" });
    const now = Date.now() / 1000;
    const server = createSession({ userId: u.id });
    const session = { uid: u.id, gen: u.sessionGeneration, authTime: now - 60, sid: server.id };
    expect(sessionUserFrom(session, findUser({ id: u.id }), school, server, now)?.role).toBe("slt");

    const changed = updateUser({ id: u.id, version: u.version, changes: { role: "staff" }, actor: CLI_ACTOR });
    expect(changed.sessionGeneration).toBe(u.sessionGeneration + 1);
    expect(sessionUserFrom(session, changed, school, server, now)).toBeNull();

    const fresh = { ...session, gen: changed.sessionGeneration };
    expect(sessionUserFrom(fresh, changed, school, server, now)).not.toBeNull();
    const disabled = updateUser({ id: u.id, version: changed.version, changes: { disabled: true }, actor: CLI_ACTOR });
    expect(sessionUserFrom({ ...fresh, gen: disabled.sessionGeneration }, disabled, school, server, now)).toBeNull();
    expect(sessionUserFrom(fresh, { ...changed }, school, server, now + SESSION_ABSOLUTE_SECONDS + 120)).toBeNull();
  });

  it("when the session was signed out, or signed out everywhere", () => {
    const u = createTestUser({ role: "staff" });
    const now = Date.now() / 1000;
    const a = createSession({ userId: u.id });
    const b = createSession({ userId: u.id });
    const other = createSession({ userId: createTestUser().id });
    const user = findUser({ id: u.id });
    const cookie = (sid: string) => ({ uid: u.id, gen: u.sessionGeneration, authTime: now, sid });
    expect(sessionUserFrom(cookie(a.id), user, school, findSession({ id: a.id }), now)?.sessionId).toBe(a.id);
    // A cookie naming someone else's session, or none, is refused.
    expect(sessionUserFrom(cookie(other.id), user, school, findSession({ id: other.id }), now)).toBeNull();
    expect(sessionUserFrom({ uid: u.id, gen: u.sessionGeneration, authTime: now }, user, school, findSession({ id: a.id }), now)).toBeNull();
    deleteSession({ id: a.id });
    expect(findSession({ id: a.id })).toBeNull();
    expect(sessionUserFrom(cookie(a.id), user, school, findSession({ id: a.id }), now)).toBeNull();
    expect(sessionUserFrom(cookie(b.id), user, school, findSession({ id: b.id }), now)).not.toBeNull();
    expect(endUserSessions({ userId: u.id, actor: CLI_ACTOR })).toBe(1);
    expect(sessionUserFrom(cookie(b.id), user, school, findSession({ id: b.id }), now)).toBeNull();
    expect(findSession({ id: other.id })).not.toBeNull();
  });

  it("flags a required second factor only once the 7-day grace period is over, and says when it ends", () => {
    const u = createTestUser({ role: "staff" });
    const server = createSession({ userId: u.id });
    const created = Date.parse(u.createdAt) / 1000;
    const req = { totpRequiredRoles: ["staff"], totpRequiredSince: null };
    const at = (seconds: number, r = req) => sessionUserFrom({ uid: u.id, gen: u.sessionGeneration, authTime: seconds, sid: server.id }, findUser({ id: u.id }), r, server, seconds);
    expect(at(created + 6 * 86_400)).toMatchObject({ needsTotpSetup: false, totpGraceEndsAt: new Date((created + TOTP_GRACE_DAYS * 86_400) * 1000).toISOString() });
    expect(at(created + 7 * 86_400 + 1)).toMatchObject({ needsTotpSetup: true, totpGraceEndsAt: null });
    // A role the school adds later starts the grace period again from then.
    const later = new Date((created + 30 * 86_400) * 1000).toISOString();
    expect(at(created + 31 * 86_400, { totpRequiredRoles: ["staff"], totpRequiredSince: later as never })).toMatchObject({ needsTotpSetup: false });
    expect(at(created + 38 * 86_400, { totpRequiredRoles: ["staff"], totpRequiredSince: later as never })).toMatchObject({ needsTotpSetup: true });
    // Roles the school does not require are never asked.
    expect(at(created + 38 * 86_400, { totpRequiredRoles: ["slt"], totpRequiredSince: null })).toMatchObject({ needsTotpSetup: false, totpGraceEndsAt: null });
  });
});

describe("second factor", () => {
  it("accepts a code once: neither the same code nor the previous step's is accepted again", async () => {
    const u = await userWithPassword();
    const secret = generateTotpSecret();
    setTotp({ id: u.id, secret, actor: CLI_ACTOR });
    const base = { email: u.email, password: "a long enough password" };
    const now = 1_900_000_300_000;
    const step = Math.floor(now / 30000);
    expect((await checkSignIn({ ...base, code: totpAt(secret, step), address: addr() }, now)).ok).toBe(true);
    expect(await checkSignIn({ ...base, code: totpAt(secret, step), address: addr() }, now + 1000)).toEqual({ ok: false, reason: "code_invalid" });
    expect(await checkSignIn({ ...base, code: totpAt(secret, step - 1), address: addr() }, now + 2000)).toEqual({ ok: false, reason: "code_invalid" });
    expect((await checkSignIn({ ...base, code: totpAt(secret, step + 1), address: addr() }, now + 30_000)).ok).toBe(true);
  });

  it("signs in once with each recovery code, stored only as argon2id hashes, and audits it", async () => {
    const u = await userWithPassword();
    setTotp({ id: u.id, secret: generateTotpSecret(), actor: CLI_ACTOR });
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    replaceRecoveryCodes({ userId: u.id, hashes: await hashRecoveryCodes(codes), actor: CLI_ACTOR });
    const stored = listUnusedRecoveryCodes({ userId: u.id });
    expect(stored.every((r) => r.codeHash.startsWith("$argon2id$"))).toBe(true);
    const base = { email: u.email, password: "a long enough password" };
    expect((await checkSignIn({ ...base, code: codes[3]!.toUpperCase(), address: addr() })).ok).toBe(true);
    expect(await checkSignIn({ ...base, code: codes[3]!, address: addr() })).toEqual({ ok: false, reason: "code_invalid" });
    expect(countUnusedRecoveryCodes({ userId: u.id })).toBe(9);
    expect(listAudit({ userId: u.id }).map((r) => r.verb)).toContain("use-recovery-code");
    // Turning the second factor off removes the codes.
    setTotp({ id: u.id, secret: null, actor: CLI_ACTOR });
    expect(countUnusedRecoveryCodes({ userId: u.id })).toBe(0);
  });

  it("restarts the grace period when the head adds a role, not when one is removed", () => {
    const db = freshDb();
    const s = createSchoolWithYear({ name: "Grace School", phase: "primary", academicYear: "2030-31", actor: CLI_ACTOR }, db);
    const old = "2020-01-01T00:00:00.000Z";
    const removed = updateSchool({ version: s.version, changes: { totpRequiredRoles: ["headteacher"], totpRequiredSince: old }, actor: CLI_ACTOR }, db);
    expect(removed.totpRequiredSince).toBe(old);
    const added = updateSchool({ version: removed.version, changes: { totpRequiredRoles: ["headteacher", "staff"] }, actor: CLI_ACTOR }, db);
    expect(Date.parse(added.totpRequiredSince!)).toBeGreaterThan(Date.parse(old));
  });

  it("is required of heads and senior leaders on a new install, from the moment it is created", () => {
    const db = freshDb();
    const s = createSchoolWithYear({ name: "New School", phase: "primary", academicYear: "2030-31", actor: CLI_ACTOR }, db);
    expect(s.totpRequiredRoles).toEqual(["headteacher", "slt"]);
    expect(s.totpRequiredSince).not.toBeNull();
  });
});

describe("the audit log records sign-ins", () => {
  it("successful and failed, with the address", async () => {
    const u = await userWithPassword();
    const address = addr();
    await checkSignIn({ email: u.email, password: "nope", address });
    await checkSignIn({ email: u.email, password: "a long enough password", address });
    await checkSignIn({ email: "nobody-at-all@school.test", password: "nope", address });
    const rows = listAudit({ area: "auth", limit: 1000 }).filter((r) => r.summary.includes(`from ${address} `) || r.summary.endsWith(`from ${address}`));
    expect(rows.map((r) => r.verb).sort()).toEqual(["sign-in", "sign-in-failed", "sign-in-failed"]);
  });
});
