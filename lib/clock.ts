/**
 * The one clock. Every "now" and "today" in the app, the CLI and the seeds comes from here.
 *
 * "Today" is the date in England (Europe/London), not in UTC: between midnight and 1 am in British
 * Summer Time the UTC date is still yesterday. Instants (timestamps stored in the database) stay UTC.
 *
 * Tests and the browser-test server pin the clock with `WAYMARK_NOW` (an ISO date or date-time). It
 * is honoured outside production, or in production only when `WAYMARK_CLOCK_PINNED=1` is set too
 * (the browser-test server sets both), so a live school's server cannot be put on the wrong date by
 * one stray variable. A pinned clock runs at real speed, so durations (session limits, throttling
 * windows, one-time codes) still behave.
 */

const LONDON_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

let pinned: { at: number; since: number } | null | undefined;

function readPin(): { at: number; since: number } | null {
  const raw = process.env.WAYMARK_NOW?.trim();
  if (!raw) return null;
  if (process.env.NODE_ENV === "production" && process.env.WAYMARK_CLOCK_PINNED !== "1") return null;
  return pinFor(raw);
}

/**
 * A pin. A bare date moves the real time of day to that date by whole days, so every process pinned
 * to the same date (the browser tests and their server) reads the same instant. A date-time starts
 * at that instant when pinned and runs on from there.
 */
function pinFor(raw: string): { at: number; since: number } {
  const real = Date.now();
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const days = Math.round((Date.parse(`${raw}T12:00:00Z`) - Date.parse(`${londonDate(real)}T12:00:00Z`)) / 86_400_000);
    if (Number.isNaN(days)) throw new Error(`WAYMARK_NOW is not a date: "${raw}". Use YYYY-MM-DD or an ISO date-time.`);
    return { at: real + days * 86_400_000, since: real };
  }
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw new Error(`WAYMARK_NOW is not a date: "${raw}". Use YYYY-MM-DD or an ISO date-time.`);
  return { at, since: real };
}

/** Milliseconds since the epoch, as the clock says. */
export function nowMs(): number {
  if (pinned === undefined) pinned = readPin();
  return pinned ? pinned.at + (Date.now() - pinned.since) : Date.now();
}

/** The current instant. */
function now(): Date {
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
  pinned = at === null ? null : pinFor(at);
}

/** Pins the clock for the rest of this process: `notify run --now` makes one pass as of that instant. */
export function pinClock(at: string): void {
  setClockForTests(at);
}
