import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { can, type Verb } from "@/lib/policy";
import styles from "./monitoring.module.css";

type Item = { href: string; label: string; allowed: (u: SessionUser) => boolean };

const ITEMS: Item[] = [
  { href: "/monitoring", label: "Overview", allowed: (u) => can(u, "monitoring.aggregates.read") },
  { href: "/monitoring/observations", label: "Observations", allowed: (u) => can(u, "observation.read", true) },
  { href: "/monitoring/coverage", label: "Coverage", allowed: (u) => can(u, "monitoring.coverage.read") },
  { href: "/monitoring/activities", label: "Learning walks and more", allowed: (u) => can(u, "activity.summary.read") },
  { href: "/monitoring/visits", label: "Visits", allowed: (u) => can(u, "governorVisit.read" satisfies Verb) || can(u, "adviserVisit.read") },
  { href: "/monitoring/calendar", label: "Calendar", allowed: (u) => can(u, "calendar.read") },
  { href: "/monitoring/themes", label: "Themes", allowed: (u) => can(u, "monitoring.aggregates.read") },
  { href: "/monitoring/templates", label: "Templates", allowed: (u) => can(u, "observation.templates.edit") },
];

/** Monitoring's own navigation: only the parts this user's role may open (each page still checks). */
export function MonitoringNav({ user, current }: { user: SessionUser; current: string }) {
  const items = ITEMS.filter((i) => i.allowed(user));
  return (
    <nav className={`${styles.tabs} no-print`} aria-label="Monitoring">
      <ul>
        {items.map((i) => (
          <li key={i.href}>
            <Link href={i.href} aria-current={i.href === current ? "page" : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
