import "server-only";
import { formatTerm } from "@/lib/format";
import { subjectLabel, yearGroupLabel } from "../labels";
import type { Rag, ReportData, ReportSummary, SummaryHeatRow, SummaryPoint, SummaryTone } from "../types";

/**
 * The report's one-page opening (issue: "summary first"), built only from the rest of the report and
 * the previous published report's snapshot: the plan's headline criteria now and last term, three to
 * five points for the board to decide or discuss, and what changed since the last report. Pure.
 */
export function buildSummary(data: Omit<ReportData, "summary" | "generatedAt">, previous: { term: string; data: ReportData } | null): ReportSummary {
  return {
    previousTerm: previous?.term ?? null,
    heatMap: heatMap(data, previous?.data ?? null),
    points: points(data),
    changes: changes(data, previous),
  };
}

const STATUS_TONE: Record<string, SummaryTone> = { Met: "blue", "On track": "green", Behind: "amber", "Not met": "red" };
const RAG_TONE: Record<Rag, SummaryTone> = { red: "red", amber: "amber", green: "green", blue: "blue" };
const RAG_LABEL: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green", blue: "Achieved" };

function heatMap(data: Omit<ReportData, "summary" | "generatedAt">, prev: ReportData | null): SummaryHeatRow[] {
  const rows: SummaryHeatRow[] = [];
  for (const s of data.plan.strands) {
    const headline = s.criteria.filter((c) => c.headline);
    if (!headline.length) {
      rows.push({
        strandNumber: s.number,
        strandTitle: s.title,
        criterion: null,
        now: s.rag ? RAG_LABEL[s.rag] : null,
        nowTone: s.rag ? RAG_TONE[s.rag] : "grey",
        previous: s.previousRag ? RAG_LABEL[s.previousRag] : null,
        previousTone: s.previousRag ? RAG_TONE[s.previousRag] : "grey",
      });
      continue;
    }
    const prevStrand = prev?.plan.strands.find((x) => x.id === s.id);
    for (const c of headline) {
      const p = prevStrand?.criteria.find((x) => x.description === c.description) ?? null;
      const now = c.status && c.status in STATUS_TONE ? c.status : null;
      const before = p?.status && p.status in STATUS_TONE ? p.status : null;
      rows.push({
        strandNumber: s.number,
        strandTitle: s.title,
        criterion: c.description,
        now,
        nowTone: now ? STATUS_TONE[now]! : "grey",
        previous: before,
        previousTone: before ? STATUS_TONE[before]! : "grey",
      });
    }
  }
  return rows;
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Ranked candidates, most pressing first; three to five are kept. */
function points(data: Omit<ReportData, "summary" | "generatedAt">): SummaryPoint[] {
  const out: (SummaryPoint & { weight: number })[] = [];
  const strands = data.plan.strands;
  for (const s of strands.filter((x) => x.rag === "red")) {
    out.push({ weight: 100, kind: "decision", section: "plan", text: `Strand ${s.number} (${s.title}) is red: decide what support or change of course the board expects.` });
  }
  const amber = strands.filter((x) => x.rag === "amber");
  if (amber.length)
    out.push({
      weight: 80,
      kind: "discussion",
      section: "plan",
      text: `${amber.length === 1 ? "Strand" : "Strands"} ${list(amber.map((s) => `${s.number} (${s.title})`))} ${amber.length === 1 ? "is" : "are"} amber: is the plan doing enough to bring ${amber.length === 1 ? "it" : "them"} back on track?`,
    });
  const offTrack = strands.flatMap((s) => s.criteria.filter((c) => c.status === "Behind" || c.status === "Not met").map((c) => ({ s, c })));
  if (offTrack.length) {
    const headline = offTrack.filter((x) => x.c.headline);
    const named = (headline.length ? headline : offTrack).slice(0, 2);
    out.push({
      weight: headline.length ? 90 : 60,
      kind: "discussion",
      section: "plan",
      text: `${plural(offTrack.length, "success criterion", "success criteria")} ${offTrack.length === 1 ? "is" : "are"} behind or not met, including ${list(named.map((x) => `“${x.c.description}” (${x.c.currentLabel} against ${x.c.targetLabel})`))}.`,
    });
  }
  const overdue = data.plan.totals.overdue;
  if (overdue > 0) {
    const where = strands.filter((s) => s.actions.overdue > 0).map((s) => String(s.number));
    out.push({
      weight: 50 + Math.min(overdue, 20),
      kind: "discussion",
      section: "plan",
      text: `${plural(overdue, "action")} ${overdue === 1 ? "is" : "are"} overdue (${where.length === 1 ? "strand" : "strands"} ${list(where)}): what is holding ${overdue === 1 ? "it" : "them"} up?`,
    });
  }
  const gaps = data.gaps.filter((g) => g.gapPts !== null && g.gapPts <= -10).sort((a, b) => a.gapPts! - b.gapPts!);
  if (gaps.length) {
    const g = gaps[0]!;
    out.push({
      weight: 70,
      kind: "discussion",
      section: "attainment",
      text: `The widest gap is in ${yearGroupLabel(g.yearGroup)} ${subjectLabel(g.subject).toLowerCase()}: disadvantaged pupils are ${Math.abs(g.gapPts!)} points behind other pupils at the expected standard${gaps.length > 1 ? ` (${plural(gaps.length - 1, "other gap")} of 10 points or more)` : ""}.`,
    });
  }
  const att = (group: string) => (data.attendance ?? []).find((r) => r.yearGroup === "all" && r.group === group && r.period === "term" && !r.suppressed);
  const dis = att("disadvantaged")?.persistentAbsencePct;
  const other = att("not_disadvantaged")?.persistentAbsencePct;
  if (dis != null && other != null && dis - other >= 5) {
    out.push({
      weight: 65,
      kind: "discussion",
      section: "attendance",
      text: `Persistent absence among disadvantaged pupils (${dis}%) is ${Math.round((dis - other) * 10) / 10} points above other pupils (${other}%).`,
    });
  }
  const followUp = data.governance.challenges.filter((q) => q.status === "follow_up" || q.status === "open");
  if (followUp.length)
    out.push({ weight: 40, kind: "discussion", section: "governance", text: `${plural(followUp.length, "governor question")} ${followUp.length === 1 ? "is" : "are"} still open or need follow-up.` });
  const changedSef = data.selfEvaluation.areas.filter((a) => a.changed);
  if (changedSef.length)
    out.push({
      weight: 75,
      kind: "decision",
      section: "self_evaluation",
      text: `Agree the self-evaluation's changed ${changedSef.length === 1 ? "grade" : "grades"}: ${list(changedSef.map((a) => `${a.area} (${a.previousGrade ?? "not graded"} to ${a.grade ?? "not graded"})`))}.`,
    });
  out.push({ weight: 30, kind: "decision", section: "priorities", text: `Agree the priorities for next term (section “Priorities for next term”).` });
  if (out.length < 3 && strands.length)
    out.push({
      weight: 20,
      kind: "discussion",
      section: "plan",
      text: `The plan's ${plural(strands.length, "strand")}: ${data.plan.totals.done} of ${plural(data.plan.totals.total, "action")} done.`,
    });
  if (out.length < 3)
    out.push({
      weight: 10,
      kind: "discussion",
      section: "quality",
      text: `Monitoring this term: ${data.monitoring.coveragePct === null ? "no teaching staff recorded" : `${data.monitoring.coveragePct}% of teaching staff observed`}.`,
    });
  const ranked = out.sort((a, b) => b.weight - a.weight);
  const top = ranked.slice(0, 5);
  // At least one point asks the board for a decision when there is one to take.
  const decision = ranked.find((p) => p.kind === "decision");
  if (decision && !top.includes(decision)) top.splice(top.length - 1, 1, decision);
  return top.map(({ kind, text, section }) => ({ kind, text, section }));
}

function changes(data: Omit<ReportData, "summary" | "generatedAt">, previous: { term: string; data: ReportData } | null): string[] {
  const out: string[] = [];
  const since = previous ? formatTerm(previous.term) : null;
  for (const s of data.plan.strands) {
    if (s.rag && s.previousRag && s.rag !== s.previousRag) out.push(`Strand ${s.number} (${s.title}) moved from ${RAG_LABEL[s.previousRag].toLowerCase()} to ${RAG_LABEL[s.rag].toLowerCase()}.`);
  }
  if (previous) {
    const met = data.plan.strands.flatMap((s) =>
      s.criteria.filter((c) => c.status === "Met" && previous.data.plan.strands.find((x) => x.id === s.id)?.criteria.find((x) => x.description === c.description)?.status !== "Met"),
    );
    if (met.length)
      out.push(`${plural(met.length, "success criterion", "success criteria")} newly met: ${list(met.slice(0, 3).map((c) => `“${c.description}”`))}${met.length > 3 ? " and others" : ""}.`);
    const doneNow = data.plan.totals.done;
    const doneBefore = previous.data.plan.totals.done;
    if (doneNow !== doneBefore && previous.data.plan.title === data.plan.title) out.push(`Actions done: ${doneNow} of ${data.plan.totals.total}, up from ${doneBefore} at the ${since} report.`);
  }
  const trend = (data.attendanceTrend ?? []).filter((p) => p.attendancePct !== null);
  const nowAtt = trend.find((p) => p.term === data.term);
  const before = trend.filter((p) => p.term < data.term).pop();
  if (nowAtt && before) {
    const d = Math.round((nowAtt.attendancePct! - before.attendancePct!) * 10) / 10;
    out.push(
      d === 0
        ? `Attendance is unchanged from ${formatTerm(before.term)} (${nowAtt.attendancePct}%).`
        : `Attendance ${d > 0 ? "rose" : "fell"} from ${before.attendancePct}% in ${formatTerm(before.term)} to ${nowAtt.attendancePct}%.`,
    );
  }
  const sef = data.selfEvaluation.areas.filter((a) => a.changed);
  if (sef.length) out.push(`Self-evaluation: ${list(sef.map((a) => `${a.area} now ${a.grade ?? "not graded"}`))}.`);
  if (!out.length)
    out.push(
      previous ? `No strand, grade or attendance figure changed materially since the ${since} report.` : "This is the first published report to governors: there is nothing earlier to compare with.",
    );
  return out;
}

/** The summary's suggested narrative: the points for the board as sentences, for the head to edit. */
export function suggestSummary(summary: ReportSummary | undefined): string {
  if (!summary) return "";
  const decide = summary.points.filter((p) => p.kind === "decision");
  const discuss = summary.points.filter((p) => p.kind === "discussion");
  const out: string[] = [];
  if (discuss.length) out.push(`For discussion: ${discuss.map((p) => p.text).join(" ")}`);
  if (decide.length) out.push(`For decision: ${decide.map((p) => p.text).join(" ")}`);
  return out.join("\n\n");
}
