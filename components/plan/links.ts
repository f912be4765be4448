import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/policy";

/**
 * Where a monitoring record cited by the plan lives, if this user may open it. A lesson observation
 * names a teacher: only leaders and the observed teacher get a link; everyone else sees the label.
 */
export function monitoringHref(user: SessionUser, item: { recordType: string; id: string | null; viewerIsSubject?: boolean; visitKind?: "governor" | "adviser" | null }): string | null {
  if (!item.id) return null;
  switch (item.recordType) {
    case "observation":
      return can(user, "observation.read", item.viewerIsSubject === true) ? `/monitoring/observations/${item.id}` : null;
    case "activity":
      return can(user, "activity.read") ? `/monitoring/activities/${item.id}` : null;
    case "visit":
      return can(user, item.visitKind === "adviser" ? "adviserVisit.read" : "governorVisit.read") ? `/monitoring/visits/${item.id}` : null;
    default:
      return null;
  }
}
