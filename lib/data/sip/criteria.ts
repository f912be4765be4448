import "server-only";
import { and, eq, max, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { criterionValues, successCriteria } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "../audit";
import { getTerm, listTerms } from "../school";
import { writeTransaction } from "../transaction";
import { type Criterion, type CriterionValue, now } from "./shared";
import { getStrand, yearOfStrand } from "./strands";

// ---- Success criteria -----------------------------------------------------------------------------

export type CriterionFields = {
  kind: Criterion["kind"];
  description: string;
  isHeadline: boolean;
  metric: Criterion["metric"];
  yearGroup: Criterion["yearGroup"];
  subject: string | null;
  pupilGroup: Criterion["pupilGroup"];
  unit: string | null;
  baseline: number | null;
  target: number | null;
  lowerIsBetter: boolean;
  dueTermId: string | null;
};

export function getCriterion({ id }: { id: string }, db: DbOrTx = defaultDb): Criterion {
  const row = db.select().from(successCriteria).where(eq(successCriteria.id, id)).get();
  if (!row) throw new NotFoundError("That success criterion");
  return row;
}

function checkDueTerm(strandId: string, dueTermId: string | null, tx: DbOrTx) {
  if (!dueTermId) return;
  const year = yearOfStrand({ strandId }, tx);
  const ok = listTerms({ academicYearId: year.id }, tx).some((t) => t.id === dueTermId);
  if (!ok) throw new ValidationError("Choose a term of this plan's year.", { dueTermId: ["Choose a term of this plan's year"] });
}

/** Only one headline criterion per strand: choosing one clears the others. */
function clearOtherHeadlines(strandId: string, keepId: string, tx: DbOrTx) {
  tx.update(successCriteria)
    .set({ isHeadline: false, version: bumpVersion })
    .where(and(eq(successCriteria.strandId, strandId), eq(successCriteria.isHeadline, true), sql`${successCriteria.id} <> ${keepId}`))
    .run();
}

export function createCriterion({ strandId, values, actor }: { strandId: string; values: CriterionFields; actor: Actor }, db: DbOrTx = defaultDb): Criterion {
  return writeTransaction(db, (tx) => {
    const strand = getStrand({ id: strandId }, tx);
    checkDueTerm(strandId, values.dueTermId, tx);
    const last = tx.select({ p: max(successCriteria.position) }).from(successCriteria).where(eq(successCriteria.strandId, strandId)).get()?.p ?? 0;
    const isFirst = !tx.select({ id: successCriteria.id }).from(successCriteria).where(eq(successCriteria.strandId, strandId)).get();
    // A strand's first criterion is its headline until another is chosen.
    const row = tx.insert(successCriteria).values({ ...values, isHeadline: values.isHeadline || isFirst, strandId, position: last + 1 }).returning().get();
    if (row.isHeadline) clearOtherHeadlines(strandId, row.id, tx);
    writeAudit({ actor, area: "sip", verb: "create", entityType: "criterion", entityId: row.id, summary: `Added a success criterion to "${strand.title}"`, after: row }, tx);
    return row;
  });
}

export function updateCriterion({ id, version, values, actor }: { id: string; version: number; values: CriterionFields; actor: Actor }, db: DbOrTx = defaultDb): Criterion {
  return writeTransaction(db, (tx) => {
    const before = getCriterion({ id }, tx);
    checkDueTerm(before.strandId, values.dueTermId, tx);
    const result = tx
      .update(successCriteria)
      .set({ ...values, version: bumpVersion })
      .where(and(eq(successCriteria.id, id), eq(successCriteria.version, version)))
      .run();
    assertUpdated(result, "This success criterion");
    if (values.isHeadline) clearOtherHeadlines(before.strandId, id, tx);
    const after = getCriterion({ id }, tx);
    writeAudit({ actor, area: "sip", verb: "update", entityType: "criterion", entityId: id, summary: `Updated success criterion "${after.description}"`, before, after }, tx);
    return after;
  });
}

export function deleteCriterion({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getCriterion({ id }, tx);
    const result = tx.delete(successCriteria).where(and(eq(successCriteria.id, id), eq(successCriteria.version, version))).run();
    assertUpdated(result, "This success criterion");
    writeAudit({ actor, area: "sip", verb: "delete", entityType: "criterion", entityId: id, summary: `Deleted success criterion "${before.description}"`, before }, tx);
  });
}

/**
 * Records a hand-entered value (e.g. attendance %) for a term. `version` is null for the term's first
 * value and the version read when replacing one, so two people recording at once cannot overwrite
 * each other.
 */
export function recordCriterionValue(
  { criterionId, termId, value, note, version, actor }: { criterionId: string; termId: string; value: number; note: string; version: number | null; actor: Actor },
  db: DbOrTx = defaultDb,
): CriterionValue {
  return writeTransaction(db, (tx) => {
    const criterion = getCriterion({ id: criterionId }, tx);
    if (criterion.kind !== "measurable" || criterion.metric !== "manual") {
      throw new ValidationError("Values are recorded by hand only for criteria measured by hand; the others read stored data.");
    }
    const term = getTerm({ id: termId }, tx);
    const existing = tx.select().from(criterionValues).where(and(eq(criterionValues.criterionId, criterionId), eq(criterionValues.termId, termId))).get();
    let row: CriterionValue;
    if (existing) {
      if (version === null) assertUpdated({ changes: 0 }, `The ${term.name} value`);
      const result = tx
        .update(criterionValues)
        .set({ value, note: note || null, recordedById: actor.id, recordedAt: now(), version: bumpVersion })
        .where(and(eq(criterionValues.id, existing.id), eq(criterionValues.version, version ?? -1)))
        .run();
      assertUpdated(result, `The ${term.name} value`);
      row = tx.select().from(criterionValues).where(eq(criterionValues.id, existing.id)).get()!;
    } else {
      row = tx.insert(criterionValues).values({ criterionId, termId, value, note: note || null, recordedById: actor.id }).returning().get();
    }
    writeAudit(
      { actor, area: "sip", verb: existing ? "update" : "create", entityType: "criterion_value", entityId: row.id, summary: `Recorded ${value} for "${criterion.description}" (${term.key})`, before: existing, after: row },
      tx,
    );
    return row;
  });
}
