import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { users, visits } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { can } from "@/lib/policy";
import type { VisitInput } from "@/lib/validation/monitoring";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { getTerm } from "../school";
import { writeTransaction } from "../transaction";
import { type Focus, readFoci, validateFocus, writeFoci } from "./focus";
import { assertNamesNoStaff, findPerson } from "./people";
import { type Viewer, now } from "./shared";
import { termForDate } from "./terms";

// ---- Governor and adviser visits ---------------------------------------------------------------

type Visit = typeof visits.$inferSelect;
export type VisitDetail = Visit & { visitorName: string; focus: Focus; termKey: string; academicYearId: string };
export type VisitKind = Visit["kind"];

/** The read verb for each kind of visit. */
const VISIT_READ_VERB = { governor: "governorVisit.read", adviser: "adviserVisit.read" } as const;
export const VISIT_WRITE_VERB = { governor: "governorVisit.write", adviser: "adviserVisit.write" } as const;

export function getVisit({ id }: { id: string }, db: DbOrTx = defaultDb): VisitDetail {
  const row = db.select({ v: visits, visitorName: users.name }).from(visits).innerJoin(users, eq(visits.visitorId, users.id)).where(eq(visits.id, id)).get();
  if (!row) throw new NotFoundError("That visit");
  const term = getTerm({ id: row.v.termId }, db);
  return { ...row.v, visitorName: row.visitorName, focus: readFoci("visit", [id], db).get(id)!, termKey: term.key, academicYearId: term.academicYearId };
}

export function findVisitOwner({ id }: { id: string }, db: DbOrTx = defaultDb): { visitorId: string; kind: VisitKind } | null {
  return db.select({ visitorId: visits.visitorId, kind: visits.kind }).from(visits).where(eq(visits.id, id)).get() ?? null;
}

/** A visit as a user may see it: leaders, governors and advisers (SPEC §1); staff are refused. */
export function getVisitForViewer({ id, viewer }: { id: string; viewer: Viewer }, db: DbOrTx = defaultDb): VisitDetail {
  if (!can(viewer, "governorVisit.read") && !can(viewer, "adviserVisit.read")) throw new ForbiddenError();
  const visit = getVisit({ id }, db);
  if (!can(viewer, VISIT_READ_VERB[visit.kind])) throw new ForbiddenError();
  return visit;
}

export type VisitListRow = Pick<Visit, "id" | "kind" | "date" | "termId" | "visitorId" | "visitType" | "purpose"> & { visitorName: string; focus: Focus };

export function listVisits(
  { termId, academicYearId, kind, visitorId }: { termId?: string; academicYearId?: string; kind?: VisitKind; visitorId?: string } = {},
  db: DbOrTx = defaultDb,
): VisitListRow[] {
  const where: SQL[] = [];
  if (termId) where.push(eq(visits.termId, termId));
  if (academicYearId) where.push(sql`${visits.termId} in (select id from terms where academic_year_id = ${academicYearId})`);
  if (kind) where.push(eq(visits.kind, kind));
  if (visitorId) where.push(eq(visits.visitorId, visitorId));
  const rows = db
    .select({ v: visits, visitorName: users.name })
    .from(visits)
    .innerJoin(users, eq(visits.visitorId, users.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(visits.date))
    .all();
  const foci = readFoci("visit", rows.map((r) => r.v.id), db);
  return rows.map(({ v, visitorName }) => ({ id: v.id, kind: v.kind, date: v.date, termId: v.termId, visitorId: v.visitorId, visitType: v.visitType, purpose: v.purpose, visitorName, focus: foci.get(v.id)! }));
}

function validateVisit(input: VisitInput, db: DbOrTx) {
  const term = termForDate({ date: input.date }, db);
  const visitor = findPerson(input.visitorId, db);
  const role = input.kind === "governor" ? "governor" : "adviser";
  if (!visitor || visitor.disabled || visitor.role !== role) {
    throw new ValidationError(`Select the ${role} who made the visit.`, { visitorId: [`Select the ${role} who made the visit`] });
  }
  validateFocus({ strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, term.academicYearId, db);
  assertNamesNoStaff({ purpose: input.purpose, seen: input.seen, questions: input.questions, followUp: input.followUp }, db);
  return term;
}

const visitValues = (input: VisitInput, termId: string) => ({
  kind: input.kind,
  termId,
  date: input.date,
  visitorId: input.visitorId,
  visitType: input.visitType,
  purpose: input.purpose,
  seen: input.seen,
  questions: input.questions,
  followUp: input.followUp,
});

export function createVisit({ input, actor }: { input: VisitInput; actor: Actor }, db: DbOrTx = defaultDb): { id: string } {
  return writeTransaction(db, (tx) => {
    const term = validateVisit(input, tx);
    const row = tx.insert(visits).values(visitValues(input, term.id)).returning({ id: visits.id }).get();
    writeFoci("visit", row.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    const after = getVisit({ id: row.id }, tx);
    writeAudit({ actor, area: "monitoring", verb: "create", entityType: "visit", entityId: row.id, summary: `Recorded a ${input.kind} visit by ${after.visitorName} on ${input.date}`, after }, tx);
    return { id: row.id };
  });
}

/** Edits a visit. The kind of visit never changes: a governor's visit stays a governor's visit. */
export function updateVisit({ input, actor }: { input: VisitInput & { id: string; version: number }; actor: Actor }, db: DbOrTx = defaultDb): VisitDetail {
  return writeTransaction(db, (tx) => {
    const before = getVisit({ id: input.id }, tx);
    if (before.kind !== input.kind) throw new ValidationError("A visit's kind cannot be changed.", { kind: ["A visit's kind cannot be changed"] });
    const term = validateVisit(input, tx);
    const result = tx
      .update(visits)
      .set({ ...visitValues(input, term.id), version: bumpVersion, updatedAt: now() })
      .where(and(eq(visits.id, input.id), eq(visits.version, input.version)))
      .run();
    assertUpdated(result, "This visit");
    writeFoci("visit", input.id, { strandIds: input.focusStrandIds, areaKeys: input.focusAreaKeys }, tx);
    const after = getVisit({ id: input.id }, tx);
    writeAudit({ actor, area: "monitoring", verb: "update", entityType: "visit", entityId: input.id, summary: `Updated the ${input.kind} visit of ${input.date}`, before, after }, tx);
    return after;
  });
}
