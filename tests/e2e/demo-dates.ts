/**
 * The demo school's years, terms and dates as the pinned clock places them (db/seed/demo/dates), so
 * the browser tests say "the demo's autumn term" rather than a calendar year that goes stale.
 */
import { dy, yn } from "@/db/seed/demo/dates";
import { formatDate, formatTerm } from "@/lib/format";
import { todayIso } from "@/lib/clock";
import type { TermName } from "@/db/schema/enums";

/** The demo's previous (complete) and current academic years: "2025-26" and "2026-27" on the default pin. */
export const PREV = yn("2025-26");
export const CUR = yn("2026-27");

/** A demo term's label: label(CUR, "autumn") is "Autumn 2026" on the default pin. */
export const label = (yearName: string, name: TermName) => formatTerm({ yearName, name });

/** A demo date (as written in the seed) moved to the clock's years: "2026-12-04" on the default pin. */
export const date = dy;

/** A demo date as the UI prints it: "20 Nov 2026". */
export const shown = (iso: string) => formatDate(dy(iso));

/** The term the clock's today falls in, by the default term dates the demo uses (SPEC §2). */
export const CURRENT_TERM: TermName = (() => {
  const month = Number(todayIso().slice(5, 7));
  return month >= 9 ? "autumn" : month <= 3 ? "spring" : "summer";
})();

/** Regex-safe. */
export const re = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

/** The clock's today, "YYYY-MM-DD", and as the UI prints it. */
export const TODAY = todayIso();
export const TODAY_SHOWN = formatDate(TODAY);
