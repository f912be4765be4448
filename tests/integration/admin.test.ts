import { beforeAll, describe, expect, it } from "vitest";
import { nowMs } from "@/lib/clock";
import {
  addAcademicYearAction,
  createUserAction,
  resetUserPasswordAction,
  resetUserTotpAction,
  setClassTeachersAction,
  setCurrentYearAction,
  updateSchoolAction,
  updateTermDatesAction,
  updateUserAction,
} from "@/app/(app)/admin/actions";
import { beginTotpSetupAction, changePasswordAction, confirmTotpAction, disableTotpAction } from "@/app/(app)/account/actions";
import { db } from "@/db/client";
import { classes } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { totpAt } from "@/lib/auth/totp";
import { listAudit } from "@/lib/data/audit";
import { findAcademicYearByName, getSchool, listClasses, listTerms } from "@/lib/data/school";
import { findUser, findUserWithSecretsById } from "@/lib/data/users";
import { actAs, createOnePerRole, ensureTestSchool, TEST_PASSWORD } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

let people: ReturnType<typeof createOnePerRole>;
beforeAll(() => {
  ensureTestSchool();
  people = createOnePerRole();
});

function schoolInput() {
  const s = getSchool();
  return {
    version: s.version,
    name: s.name,
    urn: "123456",
    phase: s.phase,
    ageRange: "4–11",
    localAuthority: "Northshire",
    trust: "",
    vision: "Vision",
    aims: "Aims",
    frameworkId: s.frameworkId,
    assessmentScheme: s.assessmentScheme,
    hasEarlyYears: true,
    hasSixthForm: false,
    lastInspectionDate: "",
    lastInspectionOutcome: "",
    lessonGradingEnabled: false,
    totpRequiredRoles: [] as ("headteacher" | "slt" | "staff" | "governor" | "adviser")[],
  };
}

describe("school settings", () => {
  it("the head saves details, audited, and a stale version is refused", async () => {
    actAs(people.headteacher);
    const input = schoolInput();
    const r = await updateSchoolAction({ ...input, frameworkId: "ofsted_eif_2019" });
    expect(r.ok).toBe(true);
    expect(getSchool().frameworkId).toBe("ofsted_eif_2019");
    expect(listAudit({ area: "admin" }).some((a) => a.entityType === "school" && a.verb === "update")).toBe(true);
    const stale = await updateSchoolAction({ ...input, name: "Someone else's edit" });
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(getSchool().name).not.toBe("Someone else's edit");
  });

  it("links errors to fields", async () => {
    actAs(people.headteacher);
    const r = await updateSchoolAction({ ...schoolInput(), name: " ", urn: "12" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors?.name?.[0]).toBe("Enter the school's name");
      expect(r.fieldErrors?.urn?.[0]).toBe("A URN is 6 or 7 digits");
    }
  });

  it("refuses everyone else", async () => {
    await expectRefused(updateSchoolAction, schoolInput(), refusedBy("settings.edit", people));
  });
});

describe("years and terms", () => {
  it("adds a year with default terms and makes it current; history stays", async () => {
    actAs(people.headteacher);
    expect((await addAcademicYearAction({ name: "2026-27", makeCurrent: true })).ok).toBe(true);
    const year = findAcademicYearByName({ name: "2026-27" })!;
    expect(year.isCurrent).toBe(true);
    expect(findAcademicYearByName({ name: "2025-26" })?.isCurrent).toBe(false);
    expect(listTerms({ academicYearId: year.id }).map((t) => [t.name, t.startDate, t.endDate])).toEqual([
      ["autumn", "2026-09-01", "2026-12-31"],
      ["spring", "2027-01-01", "2027-03-31"],
      ["summer", "2027-04-01", "2027-08-31"],
    ]);
    const previous = findAcademicYearByName({ name: "2025-26" })!;
    expect((await setCurrentYearAction({ id: previous.id })).ok).toBe(true);
    expect(findAcademicYearByName({ name: "2025-26" })?.isCurrent).toBe(true);
  });

  it("rejects a badly named year and an end before the start", async () => {
    actAs(people.headteacher);
    const r = await addAcademicYearAction({ name: "2026-28", makeCurrent: false });
    expect(r.ok || r.fieldErrors?.name).toBeTruthy();
    expect(r.ok).toBe(false);
    const term = listTerms()[0]!;
    const bad = await updateTermDatesAction({ id: term.id, version: term.version, startDate: "2025-09-03", endDate: "2025-09-01" });
    expectFailed(bad);
    expect(bad.fieldErrors?.endDate).toBeDefined();
    const good = await updateTermDatesAction({ id: term.id, version: term.version, startDate: "2025-09-03", endDate: "2025-12-19" });
    expect(good.ok).toBe(true);
    const stale = await updateTermDatesAction({ id: term.id, version: term.version, startDate: "2025-09-04", endDate: "2025-12-19" });
    expect(stale.ok).toBe(false);
  });

  it("sets a class's teachers", async () => {
    actAs(people.headteacher);
    const year = findAcademicYearByName({ name: "2025-26" })!;
    const [cls] = db.insert(classes).values({ academicYearId: year.id, name: "Oak", yearGroup: "Y6" }).returning().all();
    expect((await setClassTeachersAction({ classId: cls!.id, teacherIds: [people.staff.id] })).ok).toBe(true);
    expect(listClasses({ academicYearId: year.id }).find((c) => c.id === cls!.id)?.teacherIds).toEqual([people.staff.id]);
  });

  it("refuses everyone but the head", async () => {
    const term = listTerms()[0]!;
    const forbidden = refusedBy("settings.edit", people);
    await expectRefused(addAcademicYearAction, { name: "2030-31", makeCurrent: false }, forbidden);
    await expectRefused(setCurrentYearAction, { id: term.academicYearId }, forbidden);
    await expectRefused(updateTermDatesAction, { id: term.id, version: term.version, startDate: "2025-09-01", endDate: "2025-12-31" }, forbidden);
    await expectRefused(setClassTeachersAction, { classId: "x", teacherIds: [] }, forbidden);
    expect(findAcademicYearByName({ name: "2030-31" })).toBeNull();
  });
});

describe("users", () => {
  it("creates a user with a one-time password that must be changed", async () => {
    actAs(people.headteacher);
    const r = await createUserAction({ name: "New Teacher", email: "New.Teacher@School.test", role: "staff", jobTitle: "Year 2 teacher", isTeaching: true });
    expectOk(r);
    const u = findUserWithSecretsById({ id: r.data.id })!;
    expect(u.email).toBe("new.teacher@school.test");
    expect(u.mustChangePassword).toBe(true);
    expect(u.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(u.passwordHash, r.data.oneTimePassword)).toBe(true);
    const dup = await createUserAction({ name: "Other", email: "new.teacher@school.test", role: "staff", jobTitle: "", isTeaching: false });
    expectFailed(dup);
    expect(dup.fieldErrors?.email?.[0]).toMatch(/already exists/);
  });

  it("changing a role or disabling ends the user's sessions; the head cannot lock themselves out", async () => {
    actAs(people.headteacher);
    const target = findUser({ id: people.slt.id })!;
    const r = await updateUserAction({ id: target.id, version: target.version, name: target.name, email: target.email, role: "staff", jobTitle: "", isTeaching: true, disabled: false });
    expect(r.ok).toBe(true);
    expect(findUser({ id: target.id })!.sessionGeneration).toBe(target.sessionGeneration + 1);
    const me = findUser({ id: people.headteacher.id })!;
    const self = await updateUserAction({ id: me.id, version: me.version, name: me.name, email: me.email, role: "headteacher", jobTitle: "", isTeaching: false, disabled: true });
    expect(self.ok).toBe(false);
    expect(findUser({ id: me.id })!.disabled).toBe(false);
  });

  it("resets a password and a second factor", async () => {
    actAs(people.headteacher);
    const r = await resetUserPasswordAction({ id: people.adviser.id });
    expect(r.ok).toBe(true);
    const u = findUserWithSecretsById({ id: people.adviser.id })!;
    expectOk(r);
    expect(await verifyPassword(u.passwordHash, r.data.oneTimePassword)).toBe(true);
    expect(u.mustChangePassword).toBe(true);
    expect((await resetUserTotpAction({ id: people.adviser.id })).ok).toBe(true);
  });

  it("refuses user administration to everyone but the head", async () => {
    const forbidden = refusedBy("users.manage", people);
    const target = findUser({ id: people.staff.id })!;
    await expectRefused(createUserAction, { name: "Intruder", email: "intruder@school.test", role: "headteacher", jobTitle: "", isTeaching: false }, forbidden);
    await expectRefused(
      updateUserAction,
      { id: target.id, version: target.version, name: target.name, email: target.email, role: "headteacher", jobTitle: "", isTeaching: false, disabled: false },
      forbidden,
    );
    await expectRefused(resetUserPasswordAction, { id: people.headteacher.id }, forbidden);
    await expectRefused(resetUserTotpAction, { id: people.headteacher.id }, forbidden);
    expect(findUser({ id: target.id })!.role).toBe("staff");
  });
});

describe("own account", () => {
  it("sets up a second factor with a confirmed code, and turns it off with the password", async () => {
    const u = people.governor;
    actAs(u);
    const begun = await beginTotpSetupAction({});
    expectOk(begun);
    expect(begun.data.qr.startsWith("data:image/png;base64,")).toBe(true);
    expect((await confirmTotpAction({ code: "12" })).ok).toBe(false);
    const code = totpAt(begun.data.secret, Math.floor(nowMs() / 30000));
    expect((await confirmTotpAction({ code })).ok).toBe(true);
    expect(findUser({ id: u.id })!.totpEnabled).toBe(true);
    const wrong = await disableTotpAction({ password: "not it" });
    expect(wrong.ok).toBe(false);
    expect((await disableTotpAction({ password: TEST_PASSWORD })).ok).toBe(true);
    expect(findUser({ id: u.id })!.totpEnabled).toBe(false);
  });

  it("refuses to change a password without the current one", async () => {
    actAs(people.staff);
    const r = await changePasswordAction({ currentPassword: "wrong", newPassword: "a brand new password", confirmPassword: "a brand new password" });
    expectFailed(r);
    expect(r.fieldErrors?.currentPassword).toBeDefined();
    const mismatch = await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "a brand new password", confirmPassword: "different" });
    expectFailed(mismatch);
    expect(mismatch.fieldErrors?.confirmPassword?.[0]).toBe("The passwords do not match");
  });

  it("refuses a common password, or one with the user's or the school's name, saying why on the field", async () => {
    actAs(people.staff);
    const common = await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "password1234", confirmPassword: "password1234" });
    expect(common).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringContaining("less common password")] } });
    const school = await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: "testprimary2026", confirmPassword: "testprimary2026" });
    expect(school).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringContaining("the school's name")] } });
    const name = people.staff.name.split(" ").at(-2)!; // "Test staff 3" → "staff"
    const own = await changePasswordAction({ currentPassword: TEST_PASSWORD, newPassword: `${name} lantern orbit`, confirmPassword: `${name} lantern orbit` });
    expect(own).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringContaining("your name")] } });
  });

  it("refuses signed-out callers", async () => {
    await expectRefused(changePasswordAction, { currentPassword: "x", newPassword: "a brand new password", confirmPassword: "a brand new password" }, [null]);
    await expectRefused(beginTotpSetupAction, {}, [null]);
    await expectRefused(confirmTotpAction, { code: "123456" }, [null]);
    await expectRefused(disableTotpAction, { password: "x" }, [null]);
  });
});
