import type { TermName } from "@/db/schema";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-22" or an ISO timestamp → "22 Nov 2026" (UK style, as STYLE.md asks). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** An ISO timestamp → "22 Nov 2026, 14:05" in UK time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")}, ${get("hour")}:${get("minute")}`;
}

const TERM_LABEL: Record<TermName, string> = { autumn: "Autumn", spring: "Spring", summer: "Summer" };

/**
 * A term as the UI shows it: "2025-26:summer" → "Summer 2026" (the calendar year the term falls in:
 * autumn in the first year, spring and summer in the second).
 */
export function formatTerm(key: string | { yearName: string; name: TermName }): string {
  const [yearName, name] = typeof key === "string" ? (key.split(":") as [string, TermName]) : [key.yearName, key.name];
  const start = Number(yearName.slice(0, 4));
  if (!TERM_LABEL[name] || Number.isNaN(start)) return String(key);
  return `${TERM_LABEL[name]} ${name === "autumn" ? start : start + 1}`;
}

/** The academic year starting in `start`: 2025 → "2025-26". */
export function academicYearName(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/** An academic year's name moved by whole years: ("2025-26", -1) → "2024-25". */
export function shiftAcademicYear(name: string, years: number): string {
  return academicYearName(Number(name.slice(0, 4)) + years);
}

/** Pence → "£1,250" or "£1,250.50". */
export function formatMoney(pence: number): string {
  const pounds = pence / 100;
  return new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: "GBP",
    minimumFractionDigits: pence % 100 === 0 ? 0 : 2,
  }).format(pounds);
}

export function formatPct(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${x.toFixed(1)}%`;
}

export const ROLE_LABEL: Record<string, string> = {
  headteacher: "Headteacher",
  slt: "Senior leader",
  staff: "Staff",
  governor: "Governor",
  adviser: "Adviser",
};
