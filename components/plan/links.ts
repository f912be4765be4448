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

/**
 * The link for a piece of review evidence: a document's address, the cited monitoring record (if this
 * user may open it), or the term's attainment analysis for an assessment summary (target id
 * "termId|criterionId").
 */
export function evidenceHref(user: SessionUser, e: { targetType: string; targetId: string | null; url: string | null; viewerIsSubject?: boolean }, termKeyById: Map<string, string>): string | null {
  if (e.targetType === "document") return e.url;
  if (e.targetType === "assessment_summary" && e.targetId) {
    const key = termKeyById.get(e.targetId.split("|")[0] ?? "");
    return key && can(user, "attainment.read") ? `/pupils/analysis?term=${encodeURIComponent(key)}` : null;
  }
  if (e.targetType === "attendance_summary" && e.targetId) {
    const key = termKeyById.get(e.targetId.split("|")[0] ?? "");
    return key && can(user, "attendance.read") ? `/pupils/attendance?term=${encodeURIComponent(key)}` : null;
  }
  return monitoringHref(user, { recordType: e.targetType, id: e.targetId, viewerIsSubject: e.viewerIsSubject });
}
