import { formatTerm, shiftAcademicYear } from "@/lib/format";
import { YEAR_GROUPS, type ReportSection } from "@/db/schema/enums";
import { MONITORING_TYPE_LABEL, subjectLabel, yearGroupLabel } from "./labels";
import { changePts } from "@/lib/analytics/attainment";
import type { Rag, ReportData, TrendPoint } from "./types";
import { suggestSummary } from "./sections/summary";

/**
 * Suggested narrative for each section (SPEC §3.7): plain factual sentences made only from the section's
 * own data, so every number in a suggestion can be traced to the report. Pure: no database, no clock.
 * The head accepts, edits or ignores it; nothing here is ever saved without them.
 */
export function suggestNarrative(section: ReportSection, data: ReportData): string {
  switch (section) {
    case "summary":
      return suggestSummary(data.summary);
    case "context":
      return suggestContext(data);
    case "plan":
      return suggestPlan(data);
    case "quality":
      return suggestQuality(data);
    case "attainment":
      return suggestAttainment(data);
    case "attendance":
      return suggestAttendance(data);
    case "progress_meetings":
      return suggestProgressMeetings(data);
    case "self_evaluation":
      return suggestSelfEvaluation(data);
    case "governance":
      return suggestGovernance(data);
    case "priorities":
      return suggestPriorities(data);
  }
}

/** A strand's own suggestion, for the "plan:<strandId>" narrative. */
export function suggestStrandNarrative(data: ReportData, strandId: string): string {
  const s = data.plan.strands.find((x) => x.id === strandId);
  if (!s) return "";
  const out: string[] = [];
  out.push(
    s.rag
      ? `Strand ${s.number} is rated ${RAG_WORD[s.rag]} this term${s.previousRag ? ` (${s.previousRag === s.rag ? "unchanged from" : `${RAG_WORD[s.previousRag]} in`} ${formatTerm(s.previousRagTerm ?? data.term)})` : ""}.`
      : `Strand ${s.number} has not been reviewed this term.`,
  );
  out.push(actionsSentence(s.actions));
  for (const c of s.criteria.filter((c) => c.measurable && c.current !== null)) {
    out.push(`${c.description}: ${c.currentLabel} against a target of ${c.targetLabel}${c.baseline !== null ? ` (baseline ${c.baselineLabel})` : ""}.`);
  }
  const monitoring = Object.entries(s.evidence.monitoring).filter(([, n]) => n > 0);
  if (monitoring.length) out.push(`Monitoring this term that tested the strand: ${list(monitoring.map(([t, n]) => `${n} ${typeWord(t, n)}`))}.`);
  return out.join(" ");
}

const RAG_WORD: Record<Rag, string> = { red: "red", amber: "amber", green: "green", blue: "blue (achieved)" };

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function pct(x: number): string {
  return `${x}%`;
}

function typeWord(type: string, n: number): string {
  const label = (MONITORING_TYPE_LABEL as Record<string, string>)[type] ?? type;
  const lower = label.toLowerCase();
  return n === 1 ? lower.replace(/s$/, "") : lower;
}

function suggestContext(d: ReportData): string {
  const c = d.context;
  if (c.pupilsOnRoll === 0) return "No pupils are recorded for this year yet.";
  const g = c.groups;
  const parts: string[] = [];
  const add = (key: keyof typeof g, words: string) => {
    const x = g[key];
    if (x && !x.suppressed && x.pct !== null) parts.push(`${pct(x.pct)} ${words}`);
  };
  add("disadvantaged", "are disadvantaged");
  add("sen", "have special educational needs");
  add("eal", "speak English as an additional language");
  const out = [`There are ${plural(c.pupilsOnRoll, "pupil")} on roll.`];
  if (parts.length) out.push(`${capitalise(list(parts))}.`);
  const ehcp = g.ehcp;
  if (ehcp && !ehcp.suppressed && ehcp.count) out.push(`${plural(ehcp.count, "pupil has", "pupils have")} an education, health and care plan.`);
  return out.join(" ");
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function actionsSentence(a: ReportData["plan"]["totals"]): string {
  if (a.total === 0) return "No actions are recorded.";
  return `${a.done} of ${plural(a.total, "action")} ${a.done === 1 ? "is" : "are"} done and ${a.inProgress} in progress; ${a.overdue === 0 ? "none is overdue" : `${a.overdue} ${a.overdue === 1 ? "is" : "are"} overdue`}.`;
}

function suggestPlan(d: ReportData): string {
  const strands = d.plan.strands;
  if (strands.length === 0) return "There is no improvement plan recorded for this year.";
  const out: string[] = [];
  const byRag = (["blue", "green", "amber", "red"] as Rag[]).map((r) => [r, strands.filter((s) => s.rag === r).length] as const).filter(([, n]) => n > 0);
  const unreviewed = strands.filter((s) => !s.rag).length;
  out.push(
    `The plan has ${plural(strands.length, "strand")}${byRag.length ? `: ${list(byRag.map(([r, n]) => `${n} ${RAG_WORD[r]}`))}` : ""}${unreviewed ? `${byRag.length ? ", and" : ":"} ${unreviewed} not yet reviewed this term` : ""}.`,
  );
  const moved = strands.filter((s) => s.rag && s.previousRag && s.rag !== s.previousRag);
  for (const s of moved) out.push(`Strand ${s.number} (${s.title}) moved from ${RAG_WORD[s.previousRag!]} to ${RAG_WORD[s.rag!]}.`);
  const t = d.plan.totals;
  if (t.total > 0) {
    const overdueIn = strands.filter((s) => s.actions.overdue > 0);
    let overdue = "none is overdue";
    if (t.overdue > 0) {
      const where =
        overdueIn.length === 1 ? `${t.overdue === 1 ? "" : t.overdue === 2 ? "both " : "all "}in strand ${overdueIn[0]!.number}` : `in strands ${list(overdueIn.map((s) => String(s.number)))}`;
      overdue = `${t.overdue} ${t.overdue === 1 ? "is" : "are"} overdue, ${where}`;
    }
    out.push(`${t.done} of ${plural(t.total, "action")} ${t.done === 1 ? "is" : "are"} done and ${t.inProgress} in progress; ${overdue}.`);
  }
  return out.join(" ");
}

function suggestQuality(d: ReportData): string {
  const m = d.monitoring;
  const counts = (Object.entries(m.countsByType) as [string, number][]).filter(([t, n]) => n > 0 && t !== "governor_visit" && t !== "adviser_visit");
  const out: string[] = [];
  if (counts.length === 0) out.push("No monitoring is recorded for this term.");
  else out.push(`This term leaders carried out ${list(counts.map(([t, n]) => `${n} ${typeWord(t, n)}`))}.`);
  if (m.coveragePct !== null) out.push(`${pct(m.coveragePct)} of teaching staff were observed this term.`);
  if (m.recurringStrengths.length)
    out.push(`Strengths seen across observations: ${list(m.recurringStrengths.slice(0, 3).map((t) => `${t.label.toLowerCase()} (${plural(t.count, "observation")})`))}.`);
  if (m.recurringDevelopment.length) out.push(`Areas still developing: ${list(m.recurringDevelopment.slice(0, 3).map((t) => `${t.label.toLowerCase()} (${plural(t.count, "observation")})`))}.`);
  return out.join(" ");
}

/** The term to compare with: the previous term of the same year, or for a year's first term the same term a year earlier. */
export function comparisonTerm(termKey: string, trendTerms: string[]): string | null {
  const [year, name] = termKey.split(":") as [string, string];
  const sameYear = trendTerms.filter((t) => t.startsWith(`${year}:`) && order(t) < order(termKey)).sort((a, b) => order(b) - order(a))[0];
  if (sameYear) return sameYear;
  const lastYear = `${shiftAcademicYear(year, -1)}:${name}`;
  return trendTerms.includes(lastYear) ? lastYear : null;
}

function order(key: string): number {
  return ["autumn", "spring", "summer"].indexOf(key.split(":")[1] ?? "");
}

/** The difference of two one-decimal percentages, kept to one decimal place. */
export function deltaPts(from: number, to: number): number {
  return changePts(to, from);
}

function suggestAttainment(d: ReportData): string {
  const all = d.attainment.filter((r) => r.group === "all");
  if (all.length === 0) return "No assessment results are recorded for this term.";
  const terms = [...new Set(d.attainmentTrend.map((p) => p.term))];
  const prevTerm = comparisonTerm(d.term, terms);
  const prev = (yg: string, subject: string): TrendPoint | undefined => d.attainmentTrend.find((p) => p.term === prevTerm && p.yearGroup === yg && p.subject === subject);
  // The oldest year group leads: in a primary, Year 6 is the statutory end of key stage.
  const yearGroups = [...new Set(all.map((r) => r.yearGroup))].sort((a, b) => YEAR_GROUPS.indexOf(a as never) - YEAR_GROUPS.indexOf(b as never));
  const top = yearGroups[yearGroups.length - 1]!;
  const out: string[] = [];
  const since = prevTerm ? ` compared with ${formatTerm(prevTerm)}` : "";
  const headline = all.filter((r) => r.yearGroup === top && !r.suppressed && r.atExpectedPct !== null);
  const phrases = headline.map((r) => {
    const p = prev(r.yearGroup, r.subject);
    const name = r.subject === "rwm" ? "reading, writing and maths combined" : r.subject;
    if (!p || p.atExpectedPct === null) return `${name} ${pct(r.atExpectedPct!)}`;
    const delta = deltaPts(p.atExpectedPct, r.atExpectedPct!);
    const verb = delta > 0 ? "rose" : delta < 0 ? "fell" : "stayed";
    return delta === 0 ? `${name} stayed at ${pct(r.atExpectedPct!)}` : `${name} ${verb} from ${pct(p.atExpectedPct)} to ${pct(r.atExpectedPct!)}`;
  });
  if (phrases.length) out.push(`${yearGroupLabel(top)} at the expected standard${since}: ${list(phrases)}.`);

  // The largest other movements, so the head sees where to look first.
  if (prevTerm) {
    const moves = all
      .filter((r) => r.yearGroup !== top && !r.suppressed && r.atExpectedPct !== null)
      .map((r) => ({ r, p: prev(r.yearGroup, r.subject) }))
      .filter((x) => x.p && x.p.atExpectedPct !== null)
      .map((x) => ({ ...x, delta: deltaPts(x.p!.atExpectedPct!, x.r.atExpectedPct!) }))
      .filter((x) => Math.abs(x.delta) >= 5)
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
      .slice(0, 2);
    for (const m of moves) {
      out.push(`${yearGroupLabel(m.r.yearGroup)} ${subjectLabel(m.r.subject).toLowerCase()} ${m.delta > 0 ? "rose" : "fell"} from ${pct(m.p!.atExpectedPct!)} to ${pct(m.r.atExpectedPct!)}.`);
    }
  }

  const gaps = d.gaps.filter((g) => g.yearGroup === top && g.gapPts !== null);
  const gapRwm = gaps.find((g) => g.subject === "rwm") ?? gaps[0];
  if (gapRwm) {
    const p = prev(gapRwm.yearGroup, gapRwm.subject);
    const what = `the disadvantaged gap in ${yearGroupLabel(gapRwm.yearGroup)} ${gapRwm.subject === "rwm" ? "reading, writing and maths combined" : gapRwm.subject}`;
    if (p && p.gapPts !== null) {
      const change = deltaPts(Math.abs(p.gapPts), Math.abs(gapRwm.gapPts!));
      out.push(
        change === 0
          ? `${capitalise(what)} is unchanged at ${gapRwm.gapPts} points.`
          : `${capitalise(what)} ${change < 0 ? "narrowed" : "widened"} by ${Math.abs(change)} points (from ${p.gapPts} to ${gapRwm.gapPts}).`,
      );
    } else out.push(`${capitalise(what)} is ${gapRwm.gapPts} points.`);
  }
  // Against national figures, where the term is statutory: the combined measure for all pupils.
  const nat = (d.national ?? []).find((r) => r.subject === "rwm" && r.group === "all" && r.schoolPct !== null) ?? (d.national ?? []).find((r) => r.group === "all" && r.schoolPct !== null);
  if (nat) {
    const diff = deltaPts(nat.nationalPct, nat.schoolPct!);
    const name = nat.subject === "rwm" ? "reading, writing and maths combined" : nat.subject;
    const where = diff === 0 ? "in line with" : `${Math.abs(diff)} points ${diff > 0 ? "above" : "below"}`;
    out.push(`In ${name}, ${pct(nat.schoolPct!)} of ${yearGroupLabel(nat.yearGroup)} reached the expected standard, ${where} the national figure of ${nat.nationalPct}% (${nat.nationalYear}).`);
  }
  const small = d.attainment.filter((r) => r.suppressed && (r.suppressionReason ?? "small_cohort") === "small_cohort").length;
  const withheld = d.attainment.filter((r) => r.suppressed && r.suppressionReason && r.suppressionReason !== "small_cohort").length;
  if (small) out.push(`${plural(small, "group")} of fewer than 5 pupils ${small === 1 ? "is" : "are"} not shown, so no child can be identified.`);
  if (withheld)
    out.push(
      `${plural(withheld, "further figure")} ${withheld === 1 ? "is" : "are"} withheld because all or none of a small group met the standard, or because ${withheld === 1 ? "it" : "they"} would reveal a smaller group.`,
    );
  return out.join(" ");
}

function suggestAttendance(d: ReportData): string {
  const rows = d.attendance ?? [];
  const row = (group: string, period: "term" | "year_to_date") => rows.find((r) => r.yearGroup === "all" && r.group === group && r.period === period && !r.suppressed);
  const term = row("all", "term");
  const out: string[] = [];
  if (!term || term.attendancePct === null) out.push("No attendance is recorded for this term.");
  else {
    const ytd = row("all", "year_to_date");
    const ytdDiffers = ytd && ytd.attendancePct !== null && (ytd.attendancePct !== term.attendancePct || ytd.persistentAbsencePct !== term.persistentAbsencePct);
    out.push(`Attendance this term was ${pct(term.attendancePct)}${ytdDiffers ? ` (${pct(ytd.attendancePct!)} for the year to date)` : ""}.`);
    if (term.persistentAbsencePct !== null)
      out.push(
        `${pct(term.persistentAbsencePct)} of pupils were persistently absent, missing 10% or more of their sessions${term.severeAbsencePct ? `, and ${pct(term.severeAbsencePct)} were severely absent (50% or more)` : ""}.`,
      );
    const prevTerms = (d.attendanceTrend ?? []).filter((p) => p.term !== d.term && p.attendancePct !== null);
    const prev = prevTerms[prevTerms.length - 1];
    if (prev) {
      const delta = deltaPts(prev.attendancePct!, term.attendancePct);
      out.push(
        delta === 0
          ? `Attendance is unchanged from ${formatTerm(prev.term)}.`
          : `Attendance ${delta > 0 ? "rose" : "fell"} by ${Math.abs(delta)} points from ${formatTerm(prev.term)} (${pct(prev.attendancePct!)}).`,
      );
    }
    const dis = row("disadvantaged", "term");
    const other = row("not_disadvantaged", "term");
    if (dis?.persistentAbsencePct != null && other?.persistentAbsencePct != null)
      out.push(`Persistent absence among disadvantaged pupils was ${pct(dis.persistentAbsencePct!)}, against ${pct(other.persistentAbsencePct!)} for other pupils.`);
    const sen = row("sen", "term");
    if (sen?.persistentAbsencePct != null) out.push(`Among pupils with SEN it was ${pct(sen.persistentAbsencePct!)}.`);
    const nat = (d.attendanceNational ?? []).filter((f) => f.group === "all" && f.phase === "all" && !f.year.startsWith("Autumn"));
    const latestYear = nat
      .map((f) => f.year)
      .sort()
      .pop();
    const absence = nat.find((f) => f.year === latestYear && f.measure === "overall_absence");
    const persistent = nat.find((f) => f.year === latestYear && f.measure === "persistent_absence");
    if (absence && persistent) {
      out.push(`Nationally in ${latestYear}, ${pct(absence.value)} of sessions were missed and ${pct(persistent.value)} of pupils were persistently absent.`);
    }
  }
  const b = (d.behaviour ?? []).find((r) => r.group === "all" && r.period === "term" && !r.suppressed);
  const by = (d.behaviour ?? []).find((r) => r.group === "all" && r.period === "year_to_date" && !r.suppressed);
  if (b && b.suspensions !== null) {
    const parts: string[] = [];
    parts.push(
      b.suspensions === 0
        ? "There were no suspensions this term"
        : `There ${b.suspensions === 1 ? "was" : "were"} ${plural(b.suspensions, "suspension")} this term, involving ${plural(b.suspendedPupils!, "pupil")}`,
    );
    parts.push(b.permanentExclusions ? `${plural(b.permanentExclusions, "permanent exclusion")}` : "no permanent exclusions");
    out.push(`${parts.join(b.suspensions ? ", and " : " and ")}${by && by.suspensions !== b.suspensions ? ` (${plural(by.suspensions!, "suspension")} in the year to date)` : ""}.`);
  }
  return out.join(" ");
}

function suggestProgressMeetings(d: ReportData): string {
  const p = d.progressMeetings;
  if (p.meetingsHeld === 0) return "No pupil progress meetings are recorded for this term.";
  const out = [
    `${plural(p.meetingsHeld, "pupil progress meeting was", "pupil progress meetings were")} held this term${p.classesWithoutMeeting ? `; ${plural(p.classesWithoutMeeting, "class has", "classes have")} not yet had one` : ""}.`,
    `${plural(p.pupilsDiscussed, "pupil was", "pupils were")} discussed and ${plural(p.actionsAgreed, "action")} agreed; ${plural(p.outcomesRecorded, "outcome")} of earlier actions ${p.outcomesRecorded === 1 ? "was" : "were"} recorded.`,
  ];
  if (p.openCarriedForward) out.push(`${plural(p.openCarriedForward, "action was", "actions were")} carried forward to continue.`);
  return out.join(" ");
}

function suggestSelfEvaluation(d: ReportData): string {
  const s = d.selfEvaluation;
  if (!s.version || s.areas.length === 0) return "The self-evaluation has not been published yet.";
  const out = [`The self-evaluation grades ${plural(s.areas.filter((a) => a.grade).length, "area")}.`];
  const changed = s.areas.filter((a) => a.changed);
  if (s.comparedWith) {
    if (changed.length === 0) out.push(`No grade has changed since the ${formatTerm(s.comparedWith)} report.`);
    else
      out.push(
        `Since the ${formatTerm(s.comparedWith)} report: ${list(changed.map((a) => `${a.area} moved from ${(a.previousGrade ?? "not graded").toLowerCase()} to ${(a.grade ?? "not graded").toLowerCase()}`))}.`,
      );
  }
  return out.join(" ");
}

function suggestGovernance(d: ReportData): string {
  const g = d.governance;
  const gv = g.visits.filter((v) => v.kind === "governor").length;
  const av = g.visits.filter((v) => v.kind === "adviser").length;
  const out: string[] = [];
  out.push(gv || av ? `Governors made ${plural(gv, "visit")} and the school's adviser ${plural(av, "visit")} this term.` : "No governor or adviser visits are recorded this term.");
  if (g.challenges.length) {
    const by = (s: string) => g.challenges.filter((c) => c.status === s).length;
    const parts = [
      [by("answered"), "answered"],
      [by("closed"), "closed"],
      [by("follow_up"), "needing follow-up"],
      [by("open"), "awaiting an answer"],
    ].filter(([n]) => (n as number) > 0) as [number, string][];
    out.push(`${plural(g.challenges.length, "challenge question is", "challenge questions are")} recorded: ${list(parts.map(([n, w]) => `${n} ${w}`))}.`);
  } else out.push("No challenge questions are recorded for this term.");
  return out.join(" ");
}

function suggestPriorities(d: ReportData): string {
  const atRisk = d.plan.strands.filter((s) => s.rag === "red" || s.rag === "amber");
  const overdue = d.plan.strands.filter((s) => s.actions.overdue > 0);
  const out: string[] = [];
  if (atRisk.length) out.push(`Strands to prioritise next term: ${list(atRisk.map((s) => `strand ${s.number} (${s.title}, ${RAG_WORD[s.rag!]})`))}.`);
  if (overdue.length) out.push(`Overdue actions to bring back on track: ${list(overdue.map((s) => `${s.actions.overdue} in strand ${s.number}`))}.`);
  const open = d.governance.challenges.filter((c) => c.status === "open" || c.status === "follow_up").length;
  if (open) out.push(`${plural(open, "governor question still needs", "governor questions still need")} an answer.`);
  return out.length ? out.join(" ") : "Every strand is on track and no actions are overdue.";
}
