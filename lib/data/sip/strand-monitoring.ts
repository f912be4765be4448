import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { monitoringActivities, monitoringFoci, observations, users, visits, type RecordType } from "@/db/schema";
import { yearGroupLabel } from "@/lib/analytics/schemes";
import { ACTIVITY_LABEL } from "@/lib/labels/monitoring";
import { getTeacherPools } from "../evidence";
import { unidentifyingDetail } from "@/lib/analytics/monitoring";
import { getTerm } from "../school";
import { can, scopeOf, type PolicyUser } from "@/lib/policy";

// ---- Monitoring that tested a strand ---------------------------------------------------------------

/** Who is reading: enough for lib/policy to decide what is listed. */
export type Viewer = PolicyUser;

/**
 * Whether a monitoring record may even be listed for this viewer. Governor and adviser visits are not
 * for staff (SPEC §1), so they are left out of the lists staff see, labels included.
 */
export function mayListRecord(viewer: Viewer, item: { recordType: string; visitKind?: "governor" | "adviser" | null }): boolean {
  if (item.recordType !== "visit") return true;
  return can(viewer, item.visitKind === "adviser" ? "adviserVisit.read" : "governorVisit.read");
}

/**
 * A monitoring record that tested a strand, described without naming any observed teacher.
 * `viewerIsSubject` says whether the viewer is the teacher observed, so the page can decide (with
 * lib/policy) whether to link to the record.
 */
export type MonitoringItem = {
  recordType: "observation" | "activity" | "visit";
  id: string;
  date: string;
  kind: string;
  label: string;
  findings: string;
  visitKind: "governor" | "adviser" | null;
  viewerIsSubject: boolean;
};

/**
 * The monitoring that tested a strand in a term, as this viewer may see it: observations (shared ones),
 * monitoring activities and visits whose focus is the strand, without the visits the viewer may not
 * read. An observation is described by kind, date and (the strand's) focus, with its subject and year
 * group only where the school has more than one teacher for them, unless the viewer may read every
 * observation anyway (leaders): in a one-form-entry school "Science, Year 5" names the teacher.
 */
export function listStrandMonitoring({ strandId, termId, viewer }: { strandId: string; termId: string; viewer: Viewer }, db: DbOrTx = defaultDb): MonitoringItem[] {
  const identifiable = scopeOf(viewer.role, "observation.read") === "all";
  return strandMonitoringRecords({ strandId, termId, viewerId: viewer.id, identifiable }, db).filter((m) => mayListRecord(viewer, m));
}

/** Every monitoring record that tested a strand in a term, whoever asks: see listStrandMonitoring. */
export function strandMonitoringRecords(
  { strandId, termId, viewerId, identifiable = false }: { strandId: string; termId: string; viewerId?: string | null; identifiable?: boolean },
  db: DbOrTx = defaultDb,
): MonitoringItem[] {
  const foci = db.select({ recordType: monitoringFoci.recordType, recordId: monitoringFoci.recordId }).from(monitoringFoci).where(eq(monitoringFoci.strandId, strandId)).all();
  const ids = (type: RecordType) => [...new Set(foci.filter((f) => f.recordType === type).map((f) => f.recordId))];
  const out: MonitoringItem[] = [];
  const obsIds = ids("observation");
  if (obsIds.length) {
    const pools = identifiable ? null : getTeacherPools({ academicYearId: getTerm({ id: termId }, db).academicYearId }, db);
    const rows = db
      .select({ id: observations.id, date: observations.date, subject: observations.subject, yearGroup: observations.yearGroup, teacherId: observations.teacherId })
      .from(observations)
      .where(and(inArray(observations.id, obsIds), eq(observations.termId, termId), eq(observations.status, "shared")))
      .all();
    for (const o of rows) {
      const shown = pools ? unidentifyingDetail({ subject: o.subject, yearGroup: o.yearGroup }, pools) : o;
      const year = shown.yearGroup ? yearGroupLabel(shown.yearGroup) : "";
      const subject = shown.subject;
      out.push({
        recordType: "observation",
        id: o.id,
        date: o.date,
        kind: "Lesson observation",
        label: [subject ? subject[0]!.toUpperCase() + subject.slice(1) : "", year].filter(Boolean).join(", "),
        findings: "",
        visitKind: null,
        viewerIsSubject: !!viewerId && o.teacherId === viewerId,
      });
    }
  }
  const actIds = ids("activity");
  if (actIds.length) {
    const rows = db.select().from(monitoringActivities).where(and(inArray(monitoringActivities.id, actIds), eq(monitoringActivities.termId, termId))).all();
    for (const a of rows) {
      out.push({
        recordType: "activity",
        id: a.id,
        date: a.date,
        kind: ACTIVITY_LABEL[a.type],
        label: [a.subject ? a.subject[0]!.toUpperCase() + a.subject.slice(1) : "", a.classesVisited].filter(Boolean).join(", "),
        findings: [a.strengths && `Strengths: ${a.strengths}`, a.areasToDevelop && `To develop: ${a.areasToDevelop}`].filter(Boolean).join(" "),
        visitKind: null,
        viewerIsSubject: false,
      });
    }
  }
  const visitIds = ids("visit");
  if (visitIds.length) {
    const rows = db
      .select({ id: visits.id, kind: visits.kind, date: visits.date, visitType: visits.visitType, purpose: visits.purpose, seen: visits.seen, visitorName: users.name })
      .from(visits)
      .innerJoin(users, eq(visits.visitorId, users.id))
      .where(and(inArray(visits.id, visitIds), eq(visits.termId, termId)))
      .all();
    for (const v of rows) {
      out.push({
        recordType: "visit",
        id: v.id,
        date: v.date,
        kind: v.kind === "governor" ? "Governor visit" : "Adviser visit",
        label: [v.visitType, v.visitorName].filter(Boolean).join(", "),
        findings: v.purpose,
        visitKind: v.kind,
        viewerIsSubject: false,
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}
