import "server-only";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { findCurrentTerm, findTermByKey, listTerms, type TermWithYear } from "../school";

// ---- Terms -----------------------------------------------------------------------------------

/** The term a page asks for by key ("2026-27:autumn"), or the current term. */
export function resolveTerm({ key }: { key?: string | null }, db: DbOrTx = defaultDb): TermWithYear | null {
  if (key) {
    const term = findTermByKey({ key }, db);
    if (term) return term;
  }
  return findCurrentTerm({}, db);
}

/** The term a date falls in, or a field error: every monitoring record belongs to a term. */
export function termForDate({ date, field = "date" }: { date: string; field?: string }, db: DbOrTx = defaultDb): TermWithYear {
  const term = listTerms({}, db).find((t) => t.startDate <= date && date <= t.endDate);
  if (!term) throw new ValidationError("That date is not in any of the school's terms.", { [field]: ["Enter a date within one of the school's terms"] });
  return term;
}
