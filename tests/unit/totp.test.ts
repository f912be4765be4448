import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, totpAt, verifyTotp } from "@/lib/auth/totp";

describe("TOTP (RFC 6238)", () => {
  // RFC 6238 appendix B test key "12345678901234567890" (SHA-1), 8-digit vectors truncated to our 6 digits.
  const secret = base32Encode(Buffer.from("12345678901234567890"));
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("at %i s the code is %s", (seconds, code) => {
    expect(totpAt(secret, Math.floor(seconds / 30))).toBe(code);
  });

  it("round-trips base32", () => {
    const buf = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(base32Decode(base32Encode(buf))).toEqual(buf);
  });

  it("accepts one step of drift either way, not two", () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30000);
    expect(verifyTotp(secret, totpAt(secret, step - 1), now)).toBe(true);
    expect(verifyTotp(secret, totpAt(secret, step + 1), now)).toBe(true);
    const far = totpAt(secret, step - 2);
    const near = [step - 1, step, step + 1].map((s) => totpAt(secret, s));
    expect(near).not.toContain(far);
    expect(verifyTotp(secret, far, now)).toBe(false);
    expect(verifyTotp(secret, "12345", now)).toBe(false);
  });
});
