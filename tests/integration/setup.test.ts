import { describe, expect, it } from "vitest";
import { loadDemoAction, setupSchoolAction } from "@/app/(public)/setup/actions";
import { countUsers } from "@/lib/data/users";
import { findSchool } from "@/lib/data/school";
import { ensureTestSchool } from "../factories";

describe("first-run set-up", () => {
  const input = {
    schoolName: "Takeover Academy",
    phase: "primary" as const,
    academicYear: "2025-26",
    headName: "Mallory",
    headEmail: "mallory@evil.test",
    password: "long enough password",
    confirmPassword: "long enough password",
  };

  it("validates fields before anything else", async () => {
    const r = await setupSchoolAction({ ...input, academicYear: "2025-27", confirmPassword: "nope" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fieldErrors?.academicYear).toBeDefined();
      expect(r.fieldErrors?.confirmPassword?.[0]).toBe("The passwords do not match");
    }
  });

  it("can never be used once a school exists", async () => {
    ensureTestSchool();
    const users = countUsers();
    const r = await setupSchoolAction(input);
    expect(r).toMatchObject({ ok: false, formError: expect.stringContaining("already been set up") });
    const demo = await loadDemoAction({});
    expect(demo.ok).toBe(false);
    expect(findSchool()?.name).toBe("Test Primary");
    expect(countUsers()).toBe(users);
  });
});
