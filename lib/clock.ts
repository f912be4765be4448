/**
 * The one clock. Every "now" and "today" in the app, the CLI and the seeds comes from here.
 *
 * "Today" is the date in England (Europe/London), not in UTC: between midnight and 1 am in British
 * Summer Time the UTC date is still yesterday. Instants (timestamps stored in the database) stay UTC.
 *
 * Tests and the browser-test server pin the clock with `WAYMARK_NOW` (an ISO date or date-time). It
 * is honoured outside production, or in production only when `WAYMARK_CLOCK_PINNED=1` is set too
 * (the browser-test server sets both), so a live school's server cannot be put on the wrong date by
 * one stray variable. A pinned clock starts at the pinned instant and then runs at real speed, so
 * durations (session limits, throttling windows) still behave.
 */

const LONDON_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

let pinned: { at: number; since: number } | null | undefined;

function readPin(): { at: number; since: number } | null {
  const raw = process.env.WAYMARK_NOW?.trim();
  if (!raw) return null;
  if (process.env.NODE_ENV === "production" && process.env.WAYMARK_CLOCK_PINNED !== "1") return null;
  // A bare date means noon in London that day: the same date in every time zone and season.
  const at = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T12:00:00Z`) : Date.parse(raw);
  if (Number.isNaN(at)) throw new Error(`WAYMARK_NOW is not a date: "${raw}". Use YYYY-MM-DD or an ISO date-time.`);
  return { at, since: Date.now() };
}

/** Milliseconds since the epoch, as the clock says. */
export function nowMs(): number {
  if (pinned === undefined) pinned = readPin();
  return pinned ? pinned.at + (Date.now() - pinned.since) : Date.now();
}

/** The current instant. */
export function now(): Date {
  return new Date(nowMs());
}

/** The current instant as an ISO string in UTC, for stored timestamps. */
export function nowIso(): string {
  return now().toISOString();
}

/** The date in England of an instant, "YYYY-MM-DD". */
export function londonDate(at: Date | number): string {
  return LONDON_DATE.format(typeof at === "number" ? new Date(at) : at);
}

/** Today's date in England, "YYYY-MM-DD". */
export function todayIso(): string {
  return londonDate(nowMs());
}

/** Tests only: pin the clock to an instant (or date), or undo the pin with null. */
export function setClockForTests(at: string | null): void {
  if (at === null) {
    pinned = null;
    return;
  }
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(at) ? Date.parse(`${at}T12:00:00Z`) : Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`Not a date: ${at}`);
  pinned = { at: ms, since: Date.now() };
}

/** Re-read WAYMARK_NOW (after a test changes the environment). */
export function resetClock(): void {
  pinned = undefined;
}

/** Pins the clock for the rest of this process: `notify run --now` makes one pass as of that instant. */
export function pinClock(at: string): void {
  setClockForTests(at);
}
