import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page is per-user and reads the live database: never prerender at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Waymark", template: "%s – Waymark" },
  description: "Plan, monitor and report your school's improvement.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body>{children}</body>
    </html>
  );
}
