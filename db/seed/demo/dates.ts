/**
 * The demo school is written as if today were late November 2026 (previous year 2025-26, complete;
 * current year 2026-27, in its autumn term). At seed time every date, year name and year mentioned
 * in its text moves forward by whole academic years, so that the current year is always the one
 * containing the clock's today and the previous year is complete: the demo stays true for years.
 * A shifted date that lands on a weekend moves to the nearest weekday, so meetings and lessons stay
 * on school days.
 */
import { todayIso } from "@/lib/clock";
import { academicYearFor } from "@/lib/validation/admin";

/** The academic year the demo is written in. */
const AUTHORED_CURRENT_YEAR = "2026-27";

/** How many academic years the demo moves forward for a given today. */
function demoYearOffset(today: string = todayIso()): number {
  return Number(academicYearFor(today).slice(0, 4)) - Number(AUTHORED_CURRENT_YEAR.slice(0, 4));
}

let cached: { today: string; offset: number } | null = null;
function offset(): number {
  const today = todayIso();
  if (cached?.today !== today) cached = { today, offset: demoYearOffset(today) };
  return cached.offset;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Moves a date "YYYY-MM-DD" or an ISO timestamp by whole years, keeping it on a weekday. */
function shiftDateByYears(iso: string, years: number): string {
  if (years === 0) return iso;
  const y = Number(iso.slice(0, 4)) + years;
  let m = Number(iso.slice(5, 7));
  let d = Number(iso.slice(8, 10));
  if (m === 2 && d === 29) d = 28;
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay();
  if (dow === 6) date.setUTCDate(date.getUTCDate() - 1);
  if (dow === 0) date.setUTCDate(date.getUTCDate() + 1);
  m = date.getUTCMonth() + 1;
  d = date.getUTCDate();
  return `${date.getUTCFullYear()}-${pad(m)}-${pad(d)}${iso.slice(10)}`;
}

/** A date or timestamp of the demo, moved to the clock's years. */
export function dy(iso: string): string {
  return shiftDateByYears(iso, offset());
}

/** An academic year name ("2025-26") of the demo, moved to the clock's years. */
export function yn(name: string): string {
  const start = Number(name.slice(0, 4)) + offset();
  return `${start}-${pad((start + 1) % 100)}`;
}

/** Text of the demo that mentions years ("in 2025", "into 2026-27"), moved to the clock's years. */
export function yt(text: string): string {
  const o = offset();
  if (o === 0) return text;
  return text.replace(/\b(20\d\d)(?:-(\d\d))?\b/g, (match: string, y: string, yy?: string) => {
    const start = Number(y) + o;
    const isYearName = yy !== undefined && Number(yy) === (Number(y) + 1) % 100;
    return isYearName ? `${start}-${pad((start + 1) % 100)}` : `${start}${match.slice(4)}`;
  });
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** Every text in a seed structure through yt (dates are left alone: dy has moved them already). */
export function ytDeep<T>(value: T): T {
  if (typeof value === "string") return (DATE_LIKE.test(value) ? value : yt(value)) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => ytDeep(v)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ytDeep(v)])) as T;
  return value;
}
