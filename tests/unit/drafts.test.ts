import { describe, expect, it } from "vitest";
import { keepable } from "@/components/ui/drafts";

describe("drafts kept in the browser", () => {
  it("keep typed text but never passwords, codes or imported files", () => {
    expect(keepable({ title: "Writing", rationale: "Because", password: "secret words", confirmPassword: "secret words", code: "123456", csv: "upn,..." })).toEqual({
      title: "Writing",
      rationale: "Because",
    });
  });

  it("keep nothing when nothing was typed", () => {
    expect(keepable({ id: "", password: "typed", version: 3, enabled: true })).toBeNull();
    expect(keepable({ evidenceKeys: ["a"] })).toEqual({ evidenceKeys: ["a"] });
  });
});
