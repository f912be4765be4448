import type { Verb } from "@/lib/policy";

export type NavItem = { href: string; label: string; verb: Verb; group?: string };

/**
 * The navigation, shown per role: an item appears only if the policy allows its verb. Hiding a link is
 * never the check; every page asks the policy itself.
 */
export const NAV: NavItem[] = [
  { href: "/", label: "Dashboard", verb: "account.self" },
  { href: "/me", label: "My responsibilities", verb: "account.self" },
  { href: "/plan", label: "Improvement plan", verb: "plan.read" },
  { href: "/sef", label: "Self-evaluation", verb: "sef.published.read" },
  { href: "/monitoring", label: "Monitoring", verb: "monitoring.aggregates.read" },
  { href: "/ppm", label: "Progress meetings", verb: "ppm.counts.read" },
  { href: "/governance", label: "Governance", verb: "challenge.read" },
  { href: "/governance/meetings", label: "Meetings", verb: "meeting.read" },
  { href: "/reports", label: "Reports to governors", verb: "report.published.read" },
  // Staff reach their own class's pupils from My responsibilities: the nav filters on can(user, verb)
  // without ownership, and staff's pupils.read is "own".
  { href: "/pupils", label: "Pupils", verb: "pupils.import" },
  { href: "/pupils/analysis", label: "Attainment", verb: "attainment.read" },
  { href: "/pupils/attendance", label: "Attendance and behaviour", verb: "attendance.read" },
  { href: "/admin/school", label: "School details", verb: "settings.read", group: "Administration" },
  { href: "/admin/years", label: "Years and terms", verb: "settings.read", group: "Administration" },
  { href: "/admin/users", label: "Users", verb: "users.manage", group: "Administration" },
  { href: "/admin/audit", label: "Audit log", verb: "audit.read", group: "Administration" },
  { href: "/admin/outbox", label: "Outbox", verb: "outbox.read", group: "Administration" },
];
