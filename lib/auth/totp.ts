import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { nowMs } from "@/lib/clock";

// RFC 6238 time-based one-time passwords (30 s steps, 6 digits, HMAC-SHA1): what every authenticator app speaks.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/=+$/, "").replace(/\s+/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error("Invalid base32");
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The code for a given 30-second step. */
export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, "0");
}

/**
 * The time step whose code this is (the current one or one either side, for clock drift), or null.
 * Steps at or before `lastStep` (the last one accepted for this user) never match: a code is used once,
 * and after it no earlier code is accepted either.
 */
export function matchTotp(secret: string, code: string, now: number = nowMs(), lastStep: number | null = null): number | null {
  const clean = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const step = Math.floor(now / 30000);
  for (const s of [step - 1, step, step + 1].filter((x) => x >= 0 && (lastStep === null || x > lastStep))) {
    if (timingSafeEqual(Buffer.from(totpAt(secret, s)), Buffer.from(clean))) return s;
  }
  return null;
}

/** Whether the code is right now (not counting earlier use): for confirming a new authenticator. */
export function verifyTotp(secret: string, code: string, now: number = nowMs()): boolean {
  return matchTotp(secret, code, now) !== null;
}

export function totpUri(secret: string, account: string, issuer = "Waymark"): string {
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
