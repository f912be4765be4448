import { describe, expect, it } from "vitest";
import { passwordProblem, personalWords } from "@/lib/auth/password-strength";

const head = { name: "Helen Marsh", email: "helen.marsh@oakfield.sch.uk", schoolName: "Oakfield Primary School" };

describe("password rules", () => {
  it.each(["password1234", "qwertyuiop123", "iloveyou12345", "123456789012", "aaaaaaaaaaaa"])("refuses the common or guessable %s", (p) => {
    expect(passwordProblem(p, head)).toMatch(/less common|harder to guess/);
  });

  it("says when a password is on the breached-password lists", () => {
    expect(passwordProblem("password1234", head)).toMatch(/lists of passwords that attackers try first/);
  });

  it.each([
    ["oakfield2026", "the school's name"],
    ["Oakf1eld-rocks!", "the school's name"],
    ["helenmarsh1975", "your name"],
    ["my name is MARSH ok", "your name"],
  ])("refuses %s, which contains %s", (p, whose) => {
    expect(passwordProblem(p, head)).toContain(whose);
  });

  it("refuses the email's parts", () => {
    expect(passwordProblem("bikes-teacher-rides", { name: "Helen Marsh", email: "hm.teacher@riverside.org.uk", schoolName: "Riverside" })).toContain("your email address");
  });

  it("accepts a few unrelated words", () => {
    expect(passwordProblem("staple orbit lantern", head)).toBeNull();
    expect(passwordProblem("correct horse battery", head)).toBeNull();
  });

  it("ignores words every school name has", () => {
    expect(personalWords(head)).toEqual(["helen", "marsh", "oakfield"]);
  });
});
