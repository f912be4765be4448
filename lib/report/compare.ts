import { deltaPts } from "./suggest";
import type { Rag, ReportData } from "./types";

export type ReportComparison = {
  from: string;
  to: string;
  ragChanges: { strand: string; number: number; from: Rag | null; to: Rag | null }[];
  attainment: { yearGroup: string; subject: string; from: number | null; to: number | null; delta: number | null }[];
  gaps: { yearGroup: string; subject: string; from: number | null; to: number | null; delta: number | null }[];
  gradeChanges: { area: string; from: string | null; to: string | null }[];
  counts: { label: string; from: number; to: number }[];
};

/**
 * "What changed since the last report": two reports' data side by side. Pure, so the same comparison
 * can be made from two frozen snapshots. Strands are matched by id, then by title (a strand carried
 * into a new year's plan keeps its title but not its id).
 */
export function compareReports(current: ReportData, previous: ReportData): ReportComparison {
  const ragChanges = current.plan.strands
    .map((s) => {
      const before = previous.plan.strands.find((p) => p.id === s.id) ?? previous.plan.strands.find((p) => p.title.trim().toLowerCase() === s.title.trim().toLowerCase());
      return { strand: s.title, number: s.number, from: before?.rag ?? null, to: s.rag };
    })
    .filter((c) => c.from !== c.to);

  const allRows = (d: ReportData) => d.attainment.filter((r) => r.group === "all");
  const attainment = allRows(current).map((r) => {
    const p = allRows(previous).find((x) => x.yearGroup === r.yearGroup && x.subject === r.subject);
    const from = p?.atExpectedPct ?? null;
    const to = r.atExpectedPct;
    return { yearGroup: r.yearGroup, subject: r.subject, from, to, delta: from !== null && to !== null ? deltaPts(from, to) : null };
  });
  const gaps = current.gaps.map((g) => {
    const p = previous.gaps.find((x) => x.yearGroup === g.yearGroup && x.subject === g.subject);
    const from = p?.gapPts ?? null;
    return { yearGroup: g.yearGroup, subject: g.subject, from, to: g.gapPts, delta: from !== null && g.gapPts !== null ? deltaPts(from, g.gapPts) : null };
  });

  const gradeChanges = current.selfEvaluation.areas
    .map((a) => ({ area: a.area, from: previous.selfEvaluation.areas.find((p) => p.areaKey === a.areaKey)?.grade ?? null, to: a.grade }))
    .filter((c) => c.from !== c.to);

  const count = (label: string, f: (d: ReportData) => number) => ({ label, from: f(previous), to: f(current) });
  const counts = [
    count("Pupils on roll", (d) => d.context.pupilsOnRoll),
    count("Plan actions done", (d) => d.plan.totals.done),
    count("Plan actions overdue", (d) => d.plan.totals.overdue),
    count("Lesson observations", (d) => d.monitoring.countsByType.observation),
    count("Learning walks", (d) => d.monitoring.countsByType.learning_walk),
    count("Work scrutiny", (d) => d.monitoring.countsByType.work_scrutiny),
    count("Pupils discussed at progress meetings", (d) => d.progressMeetings.pupilsDiscussed),
    count("Governor visits", (d) => d.governance.visits.filter((v) => v.kind === "governor").length),
    count("Challenge questions", (d) => d.governance.challenges.length),
  ];
  // Attendance and suspensions this term, when both reports carry them (older snapshots do not) and
  // neither figure is suppressed.
  const whole = (d: ReportData) => d.attendance?.find((r) => r.yearGroup === "all" && r.group === "all" && r.period === "term");
  const susp = (d: ReportData) => d.behaviour?.find((r) => r.group === "all" && r.period === "term");
  for (const [label, f] of [
    ["Attendance this term (%)", (d: ReportData) => whole(d)?.attendancePct],
    ["Persistently absent this term (% of pupils)", (d: ReportData) => whole(d)?.persistentAbsencePct],
    ["Suspensions this term", (d: ReportData) => susp(d)?.suspensions],
  ] as const) {
    const from = f(previous);
    const to = f(current);
    if (typeof from === "number" && typeof to === "number") counts.push({ label, from, to });
  }
  return { from: previous.term, to: current.term, ragChanges, attainment, gaps, gradeChanges, counts };
}
