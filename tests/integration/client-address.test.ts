import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { checkSignIn } from "@/lib/auth/sign-in";
import { MAX_FAILURES_PER_ADDRESS } from "@/lib/auth/limits";
import { resolveClientAddress, rewriteForwardedHeaders, trustedProxyHops } from "@/lib/server/client-address";
import { createTestUser, ensureTestSchool } from "../factories";

describe("the client's address", () => {
  it("is the socket's unless TRUST_PROXY trusts proxy hops", () => {
    expect(resolveClientAddress("::ffff:203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    // One trusted proxy (10.0.0.2) appended what it saw; the client's own entry to its left is ignored.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("1")).toBe(1);
    expect(() => trustedProxyHops("yes please")).toThrow(/TRUST_PROXY/);
  });
});

/**
 * Over HTTP: the same request rewriting scripts/server.ts does in front of Next, then sign-in with
 * the address the app reads (X-Forwarded-For). 40 wrong passwords, each with a new forged header.
 */
describe("sign-in throttling over HTTP", () => {
  let server: Server;
  let base: string;
  let hops = 0;
  beforeAll(async () => {
    ensureTestSchool();
    createTestUser({ email: "target@school.test", passwordHash: await hashPassword("a long enough password") });
    server = createServer((req, res) => {
      rewriteForwardedHeaders(req, hops);
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      const answer = async () => {
        const { email, password } = JSON.parse(body) as { email: string; password: string };
        const address = String(req.headers["x-forwarded-for"]).split(",")[0]!.trim();
        const outcome = await checkSignIn({ email, password, address });
        res.writeHead(outcome.ok ? 200 : outcome.reason === "throttled" ? 429 : 401, { "content-type": "application/json" });
        res.end(JSON.stringify({ ...outcome, address }));
      };
      req.on("end", () => {
        answer().catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const attempt = (i: number, email: string, password: string) =>
    fetch(base, { method: "POST", headers: { "x-forwarded-for": `198.51.100.${i % 250}`, "x-real-ip": `192.0.2.${i % 250}` }, body: JSON.stringify({ email, password }) });

  it("ignores a forged X-Forwarded-For: spraying from one socket is capped", async () => {
    hops = 0;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await attempt(i, `nobody${i}@school.test`, "password1234")).status);
    expect(statuses.slice(0, MAX_FAILURES_PER_ADDRESS).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(MAX_FAILURES_PER_ADDRESS)).toEqual(Array(40 - MAX_FAILURES_PER_ADDRESS).fill(429));
    const right = await attempt(99, "target@school.test", "a long enough password");
    expect(right.status).toBe(429);
    expect(((await right.json()) as { address: string }).address).toBe("127.0.0.1");
  });

  it("believes one proxy hop's entry when TRUST_PROXY=1", async () => {
    hops = 1;
    const r = await attempt(7, "target@school.test", "a long enough password");
    expect(((await r.json()) as { address: string }).address).toBe("198.51.100.7");
    expect(r.status).toBe(200);
  });
});
