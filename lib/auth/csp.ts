/**
 * The Content Security Policy, built per request around a fresh nonce. Next reads the nonce from the
 * request's CSP header and puts it on every script and style element it renders, so no inline script
 * runs without it ('unsafe-inline' is gone from script-src; 'strict-dynamic' lets those scripts load
 * the app's chunks). Style elements need the nonce too; only style *attributes* (React's style prop,
 * chart SVG) are allowed inline, and they cannot run script.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS, sent only when the request reached the app over HTTPS through a trusted proxy. */
export const HSTS = "max-age=31536000";
