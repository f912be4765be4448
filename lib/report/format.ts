import { REPORT_SECTIONS, REPORT_SECTION_MARKS, type ReportSection, type ReportSectionMark } from "@/db/schema/enums";

/**
 * The board's format for the termly report: which sections appear, in what order, how each is put to
 * the board, and a target length. Pure: the stored row (lib/data/report-format) and the published
 * snapshots both go through `normaliseFormat`, so a format saved before a section existed still names
 * every section exactly once.
 */
export type FormatSection = { key: ReportSection; include: boolean; mark: ReportSectionMark };
export type ReportFormat = { sections: FormatSection[]; targetPages: number };

export const TARGET_PAGES_MIN = 2;
export const TARGET_PAGES_MAX = 40;

export const MARK_LABEL: Record<ReportSectionMark, string> = {
  decision: "For decision",
  discussion: "For discussion",
  information: "For information",
};

/** How each section is put to the board unless the board says otherwise. */
export const DEFAULT_MARK: Record<ReportSection, ReportSectionMark> = {
  summary: "discussion",
  context: "information",
  plan: "discussion",
  quality: "information",
  attainment: "discussion",
  attendance: "discussion",
  progress_meetings: "information",
  self_evaluation: "decision",
  governance: "information",
  priorities: "decision",
};

/** Summary first, then SPEC §3.7's order; everything included; ten pages. */
export const DEFAULT_FORMAT: ReportFormat = {
  sections: REPORT_SECTIONS.map((key) => ({ key, include: true, mark: DEFAULT_MARK[key] })),
  targetPages: 10,
};

/**
 * The format of a report published before the board chose one: the nine sections in their old order,
 * no summary, every section for information.
 */
export const LEGACY_FORMAT: ReportFormat = {
  sections: REPORT_SECTIONS.map((key) => ({ key, include: key !== "summary", mark: "information" as const })),
  targetPages: 0,
};

/** Every section exactly once: the stored order first, then any section it does not name, included. */
export function normaliseFormat(raw: { sections?: unknown; targetPages?: unknown } | null | undefined): ReportFormat {
  if (!raw) return DEFAULT_FORMAT;
  const seen = new Set<ReportSection>();
  const sections: FormatSection[] = [];
  for (const s of Array.isArray(raw.sections) ? (raw.sections as unknown[]) : []) {
    const x = s as Partial<FormatSection> | null;
    if (!x || !(REPORT_SECTIONS as readonly unknown[]).includes(x.key) || seen.has(x.key!)) continue;
    seen.add(x.key!);
    sections.push({ key: x.key!, include: x.include !== false, mark: (REPORT_SECTION_MARKS as readonly unknown[]).includes(x.mark) ? x.mark! : DEFAULT_MARK[x.key!] });
  }
  for (const key of REPORT_SECTIONS) if (!seen.has(key)) sections.push({ key, include: true, mark: DEFAULT_MARK[key] });
  const t = Number(raw.targetPages);
  const targetPages = Number.isInteger(t) && t >= TARGET_PAGES_MIN && t <= TARGET_PAGES_MAX ? t : DEFAULT_FORMAT.targetPages;
  return { sections, targetPages };
}

/** The format a report is shown in: its own (frozen with it when published), or the legacy one. */
export function formatOf(data: { format?: ReportFormat }): ReportFormat {
  return data.format ?? LEGACY_FORMAT;
}

export type PlacedSection = FormatSection & { number: number | null };

/**
 * The sections to show, in order, each with its heading number: the summary is unnumbered, the others
 * are numbered 1, 2, 3… in the board's order.
 */
export function placedSections(format: ReportFormat): PlacedSection[] {
  let n = 0;
  return format.sections.filter((s) => s.include).map((s) => ({ ...s, number: s.key === "summary" ? null : ++n }));
}
