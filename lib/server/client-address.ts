import type { IncomingMessage } from "node:http";

/**
 * How many reverse proxies in front of the app to trust, from TRUST_PROXY: unset or 0 means none
 * (the socket's address is the client's and X-Forwarded-* headers are ignored); 1 means one proxy
 * (nginx, Caddy) whose X-Forwarded-For entry is believed; and so on.
 */
export function trustedProxyHops(value = process.env.TRUST_PROXY): number {
  if (!value) return 0;
  if (value === "true") return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY must be a number of proxy hops from 0 to 10, not "${value}".`);
  return n;
}

function clean(address: string | undefined): string {
  const a = (address ?? "").trim();
  return a.startsWith("::ffff:") ? a.slice(7) : a || "unknown";
}

/**
 * The client's address. The socket's peer is the nearest hop; each trusted proxy appended the address
 * it saw to X-Forwarded-For, so the client is the entry just before the trusted ones. Anything further
 * left was written by the client and is ignored: a forged header changes nothing.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  const socket = clean(socketAddress);
  if (hops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    socket,
  ];
  return clean(chain[Math.max(0, chain.length - 1 - hops)]);
}

/**
 * Rewrites a request's forwarding headers before Next sees them: X-Forwarded-For becomes the one
 * address worked out above (what lib/auth reads for throttling and the audit log), and without trusted
 * proxies the client's own X-Forwarded-Proto/-Host and X-Real-IP are dropped.
 */
export function rewriteForwardedHeaders(req: IncomingMessage, hops: number) {
  req.headers["x-forwarded-for"] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  delete req.headers["x-real-ip"];
  if (hops <= 0) {
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-port"];
  }
}
