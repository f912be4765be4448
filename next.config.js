/** @type {import('next').NextConfig} */

// Security headers for every response. The Content Security Policy is set per request in proxy.ts,
// around a fresh nonce (lib/auth/csp.ts).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig = {
  poweredByHeader: false,
  // forbidden() answers 403 with app/forbidden.tsx for pages a role may not see.
  // Imports send the file (as base64) to a server action: allow a large school's file (the form caps it at 8 MB).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "12mb" }, preloadEntriesOnStart: false },
  serverExternalPackages: ["@resvg/resvg-js", "@node-rs/argon2", "better-sqlite3", "exceljs"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
