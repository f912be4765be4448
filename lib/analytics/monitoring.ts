import type { ActivityType, Judgement } from "@/db/schema/enums";
import { pct } from "./attainment";

/**
 * Pure functions behind monitoring's coverage, counts and recurring themes. No database, no names in
 * the aggregates: the data layer feeds them rows and the governors' pages and the report show the result.
 */

/** SPEC §3.5: every teaching member of staff is to be seen at least three times a year. */
export const MIN_OBSERVATIONS_PER_YEAR = 3;

/**
 * A percentage to one decimal place, rounded half-up with integer arithmetic (SPEC §4.4's rule, so the
 * same count always gives the same figure on screen and in the report). Null when there is nothing to divide by.
 */
export function pct1dp(count: number, total: number): number | null {
  return total <= 0 ? null : pct(count, total);
}

export type CoverageTeacher = { id: string; name: string; jobTitle: string | null };
export type ObservationStub = { teacherId: string; date: string };
type CoverageRow = CoverageTeacher & {
  termCount: number;
  yearCount: number;
  lastObservedOn: string | null;
  seenThisTerm: boolean;
  fewerThanMinimum: boolean;
};
export type Coverage = {
  rows: CoverageRow[];
  seen: number;
  total: number;
  pct: number | null;
  notSeen: CoverageRow[];
  fewerThanMinimum: CoverageRow[];
};

/**
 * Who has been observed this term and how often this year. Observations of people who are not (or no
 * longer) teaching staff are ignored, so the percentage never exceeds 100.
 */
export function computeCoverage({ teachers, termObservations, yearObservations }: { teachers: CoverageTeacher[]; termObservations: ObservationStub[]; yearObservations: ObservationStub[] }): Coverage {
  const rows = teachers.map((t) => {
    const inTerm = termObservations.filter((o) => o.teacherId === t.id);
    const inYear = yearObservations.filter((o) => o.teacherId === t.id);
    const lastObservedOn = inYear.reduce<string | null>((latest, o) => (latest === null || o.date > latest ? o.date : latest), null);
    return {
      ...t,
      termCount: inTerm.length,
      yearCount: inYear.length,
      lastObservedOn,
      seenThisTerm: inTerm.length > 0,
      fewerThanMinimum: inYear.length < MIN_OBSERVATIONS_PER_YEAR,
    };
  });
  rows.sort((a, b) => a.name.localeCompare(b.name));
  const seen = rows.filter((r) => r.seenThisTerm).length;
  return {
    rows,
    seen,
    total: rows.length,
    pct: pct1dp(seen, rows.length),
    notSeen: rows.filter((r) => !r.seenThisTerm),
    fewerThanMinimum: rows.filter((r) => r.fewerThanMinimum),
  };
}

export type JudgementRow = { observationId: string; heading: string; label: string; judgement: Judgement };
export type Theme = { heading: string; label: string; count: number };

/**
 * Criteria that recur across a term's observations as a strength, and as developing: for each criterion
 * (matched by heading and wording, so the same criterion in two templates counts once), the number of
 * observations that judged it so. "Recurring" means at least `minCount` observations (default 2).
 * Most frequent first; ties by heading then wording, so the order is stable.
 */
export function recurringThemes(rows: JudgementRow[], { minCount = 2 }: { minCount?: number } = {}): { strengths: Theme[]; development: Theme[] } {
  const tally = (judgement: Judgement): Theme[] => {
    const seen = new Map<string, { heading: string; label: string; observations: Set<string> }>();
    for (const r of rows) {
      if (r.judgement !== judgement) continue;
      const key = `${r.heading.trim().toLowerCase()}\u0000${r.label.trim().toLowerCase()}`;
      const entry = seen.get(key) ?? { heading: r.heading.trim(), label: r.label.trim(), observations: new Set<string>() };
      entry.observations.add(r.observationId);
      seen.set(key, entry);
    }
    return [...seen.values()]
      .map((e) => ({ heading: e.heading, label: e.label, count: e.observations.size }))
      .filter((t) => t.count >= minCount)
      .sort((a, b) => b.count - a.count || a.heading.localeCompare(b.heading) || a.label.localeCompare(b.label));
  };
  return { strengths: tally("strength"), development: tally("developing") };
}

export const MONITORING_COUNT_KEYS = ["observation", "learning_walk", "work_scrutiny", "pupil_voice", "drop_in", "governor_visit", "adviser_visit"] as const;
export type MonitoringCountKey = (typeof MONITORING_COUNT_KEYS)[number];
export type MonitoringCounts = Record<MonitoringCountKey, number>;

/** Monitoring carried out, by type: observations, each kind of activity, and visits by governors and advisers. */
export function countMonitoring({ observations, activityTypes, visitKinds }: { observations: number; activityTypes: ActivityType[]; visitKinds: ("governor" | "adviser")[] }): MonitoringCounts {
  const counts = Object.fromEntries(MONITORING_COUNT_KEYS.map((k) => [k, 0])) as MonitoringCounts;
  counts.observation = observations;
  for (const t of activityTypes) counts[t] += 1;
  for (const k of visitKinds) counts[k === "governor" ? "governor_visit" : "adviser_visit"] += 1;
  return counts;
}

/** The whole summary governors and the report read: counts, coverage and themes, never a teacher's name. */
export type MonitoringSummary = {
  countsByType: MonitoringCounts;
  /** Teaching staff seen this term ÷ teaching staff, one decimal place; null when the school has no teaching staff. */
  coveragePct: number | null;
  recurringStrengths: Theme[];
  recurringDevelopment: Theme[];
};

const TITLES = ["mr", "mrs", "ms", "miss", "mx", "dr"];

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The staff names a piece of text mentions: a full name ("Emma Clarke") or a title and surname
 * ("Mrs Clarke"), case-insensitive, as whole words. Summaries that governors read must name no teacher
 * (SPEC §3.5), so the data layer refuses text this finds anything in.
 */
export function findStaffNamesIn(text: string, names: string[]): string[] {
  if (!text.trim()) return [];
  const haystack = text.replace(/\s+/g, " ");
  const found: string[] = [];
  for (const name of names) {
    const parts = name.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const full = parts.map(escapeRegExp).join("\\s+");
    const surname = parts.length > 1 ? escapeRegExp(parts[parts.length - 1]!) : null;
    const patterns = [full];
    if (surname) patterns.push(`(?:${TITLES.join("|")})\\.?\\s+${surname}`);
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${patterns.join("|")})(?![\\p{L}\\p{N}])`, "iu");
    if (re.test(haystack) && !found.includes(name)) found.push(name);
  }
  return found;
}

/** One CSV field, quoted when it holds a comma, quote or line break; formula-leading characters neutralised for spreadsheets. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * How many teachers a school has, in one academic year, for each year group (teachers of its classes,
 * and anyone observed teaching it) and each subject (anyone observed teaching it and, in a primary
 * school, every class teacher for the core subjects they all teach): who "Year 5" or "science" could
 * mean.
 */
export type TeacherPools = { byYearGroup: Record<string, number>; bySubject: Record<string, number> };

/**
 * What a lesson observation's label may say without identifying the teacher (issue 21, SPEC §1: governors
 * and advisers see aggregates only): its subject and year group, each only where more than one teacher
 * teaches it that year. In a one-form-entry school "Year 5" is one teacher, so it is left out; "science",
 * taught by several, stays.
 */
export function unidentifyingDetail(o: { subject: string | null; yearGroup: string | null }, pools: TeacherPools): { subject: string | null; yearGroup: string | null } {
  const subject = o.subject && (pools.bySubject[o.subject.trim().toLowerCase()] ?? 0) > 1 ? o.subject : null;
  const yearGroup = o.yearGroup && (pools.byYearGroup[o.yearGroup] ?? 0) > 1 ? o.yearGroup : null;
  return { subject, yearGroup };
}

/**
 * Counts distinct teachers per key. `classSubjects` are the subjects every class teacher teaches (a
 * primary school's core subjects): each class teacher counts for them, observed or not.
 */
export function teacherPools(
  classTeachers: { yearGroup: string | null; teacherId: string }[],
  observed: { yearGroup: string | null; subject: string; teacherId: string }[],
  classSubjects: readonly string[] = [],
): TeacherPools {
  const years = new Map<string, Set<string>>();
  const subjects = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string | null, t: string) => {
    if (!k) return;
    let set = m.get(k);
    if (!set) m.set(k, (set = new Set()));
    set.add(t);
  };
  for (const c of classTeachers) {
    add(years, c.yearGroup, c.teacherId);
    for (const subject of classSubjects) add(subjects, subject.toLowerCase(), c.teacherId);
  }
  for (const o of observed) {
    add(years, o.yearGroup, o.teacherId);
    add(subjects, o.subject.trim().toLowerCase(), o.teacherId);
  }
  const count = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, v.size]));
  return { byYearGroup: count(years), bySubject: count(subjects) };
}
