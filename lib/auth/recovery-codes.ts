import { randomBytes } from "node:crypto";
import { hashPassword } from "./password";

/** How many one-time recovery codes a user holds for a lost phone. */
const RECOVERY_CODE_COUNT = 10;

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like "k7m2p-x9q4r": 50 random bits each, no look-alike characters. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    let out = "";
    for (let i = 0; i < 10; i++) {
      out += ALPHABET[bytes[i]! % ALPHABET.length];
      if (i === 4) out += "-";
    }
    return out;
  });
}

/** Recovery codes are compared without case, spaces or the dash. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

/** A code that is not six digits is taken as a recovery code. */
export function isRecoveryCodeShape(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(normaliseRecoveryCode(code)) && !/^\d{6}$/.test(code.trim());
}

/** argon2id hashes of the codes, as stored. */
export function hashRecoveryCodes(codes: string[]): Promise<string[]> {
  return Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c))));
}
