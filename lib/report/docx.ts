import "server-only";
import { SUPPRESSION_NOTE, suppressionLabel } from "@/lib/analytics/disclosure";
import { Resvg } from "@resvg/resvg-js";
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { formatDate, formatPct, formatTerm } from "@/lib/format";
import { REPORT_SECTIONS } from "@/db/schema/enums";
import { CHALLENGE_STATUS_LABEL, GROUP_LABEL, MONITORING_TYPE_LABEL, REPORT_SECTION_LABEL, subjectLabel, yearGroupLabel } from "./labels";
import { nationalDifference, nationalNote } from "./national";
import { attainmentBarSvg, trendLineSvg } from "./svg-charts";
import type { ReportData } from "./types";
import { ATTENDANCE_DEFINITIONS, attendanceTables, attendanceTrendPoints, nationalAttendanceTable, type PlainTable } from "./attendance-tables";

const RAG_LABEL = { red: "Red", amber: "Amber", green: "Green", blue: "Achieved" } as const;

/**
 * Rendering a chart (and loading the system fonts to do it) is most of a Word export's time, and the
 * same report draws the same charts on every download: the last few PNGs are kept, by their SVG.
 */
const pngs = new Map<string, Buffer>();
const MAX_PNGS = 12;

function svgToPng(svg: string): Buffer {
  let png = pngs.get(svg);
  if (!png) {
    png = new Resvg(svg, { fitTo: { mode: "width", value: 1360 }, font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render().asPng();
    if (pngs.size >= MAX_PNGS) pngs.delete(pngs.keys().next().value!);
  }
  pngs.delete(svg);
  pngs.set(svg, png);
  return png;
}

function para(text: string, opts: { bold?: boolean; italics?: boolean } = {}) {
  return new Paragraph({ children: [new TextRun({ text, ...opts })], spacing: { after: 120 } });
}

function narrativeParas(text: string | undefined): Paragraph[] {
  if (!text?.trim()) return [];
  return text.split(/\n{2,}/).map((p) => para(p.replace(/\n/g, " ")));
}

function table(head: string[], rows: string[][]): Table {
  const cell = (text: string, header = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 18 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) {
  return new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });
}

function chart(svg: string, width: number, height: number, alt: string) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: "png", data: svgToPng(svg), transformation: { width: 600, height: Math.round((600 * height) / width) }, altText: { name: alt, title: alt, description: `${alt}. The table that follows gives the same numbers.` } })],
  });
}

/**
 * The report as a Word document (SPEC §3.7): the same data as the page, with tables and the charts as
 * images, so the head can edit and circulate it. Built from the report data object only.
 */
export async function buildReportDocx(data: ReportData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const n = (s: (typeof REPORT_SECTIONS)[number]) => `${REPORT_SECTIONS.indexOf(s) + 1}. ${REPORT_SECTION_LABEL[s]}`;
  children.push(new Paragraph({ text: `${data.school.name}`, heading: HeadingLevel.TITLE }));
  children.push(heading(`Headteacher's report to governors: ${formatTerm(data.term)}`, HeadingLevel.HEADING_1));
  children.push(para(data.status === "published" ? `Published ${formatDate(data.publishedAt)}` : `Draft assembled ${formatDate(data.generatedAt)}: not yet published`, { italics: true }));

  // 1. Context
  const c = data.context;
  children.push(heading(n("context")));
  children.push(para(`${c.pupilsOnRoll} pupils on roll.`));
  const groups: [keyof typeof c.groups, string][] = [
    ["disadvantaged", "Disadvantaged"],
    ["fsm", "Free school meals"],
    ["sen", "SEN (all)"],
    ["senSupport", "SEN support"],
    ["ehcp", "EHCP"],
    ["eal", "EAL"],
    ["lookedAfter", "Looked after"],
    ["girls", "Girls"],
    ["boys", "Boys"],
  ];
  if (c.pupilsOnRoll > 0) children.push(table(["Group", "Pupils", "% of roll"], groups.map(([k, label]) => [label, c.groups[k].suppressed ? suppressionLabel(c.groups[k].suppressionReason) : String(c.groups[k].count), c.groups[k].suppressed ? "–" : formatPct(c.groups[k].pct)])));
  children.push(...narrativeParas(data.narrative.context));

  // 2. Plan
  children.push(heading(n("plan")));
  if (data.plan.strands.length === 0) children.push(para("There is no improvement plan for this year."));
  else {
    children.push(
      table(
        ["Strand", "Lead", "Last review", "This term", "Done", "In progress", "Not started", "Overdue"],
        data.plan.strands.map((s) => [`${s.number}. ${s.title}`, s.lead ?? "–", s.previousRag ? RAG_LABEL[s.previousRag] : "Not reviewed", s.rag ? RAG_LABEL[s.rag] : "Not reviewed", String(s.actions.done), String(s.actions.inProgress), String(s.actions.notStarted), String(s.actions.overdue)]),
      ),
    );
    for (const s of data.plan.strands) {
      children.push(heading(`Strand ${s.number}: ${s.title}`, HeadingLevel.HEADING_2));
      if (s.criteria.length) children.push(table(["Criterion", "Baseline", "Now", "Target", "Judgement"], s.criteria.map((cr) => [cr.description, cr.measurable ? cr.baselineLabel : "–", cr.measurable ? cr.currentLabel : "–", cr.measurable ? cr.targetLabel : "–", cr.status ?? "–"])));
      if (s.evidence.progress) children.push(para(`Progress: ${s.evidence.progress}`));
      if (s.evidence.impact) children.push(para(`Evidence of impact: ${s.evidence.impact}`));
      children.push(...narrativeParas(data.narrative[`plan:${s.id}`]));
    }
  }
  children.push(...narrativeParas(data.narrative.plan));

  // 3. Quality of education
  const m = data.monitoring;
  children.push(heading(n("quality")));
  children.push(table(["Monitoring", "Number"], (Object.keys(MONITORING_TYPE_LABEL) as (keyof typeof MONITORING_TYPE_LABEL)[]).map((t) => [MONITORING_TYPE_LABEL[t], String(m.countsByType[t] ?? 0)])));
  children.push(para(`Observation coverage: ${m.coveragePct === null ? "no teaching staff recorded" : `${formatPct(m.coveragePct)} of teaching staff observed this term`}.`));
  if (m.recurringStrengths.length) children.push(para(`Recurring strengths: ${m.recurringStrengths.map((t) => `${t.label} (${t.count})`).join("; ")}.`));
  if (m.recurringDevelopment.length) children.push(para(`Recurring areas for development: ${m.recurringDevelopment.map((t) => `${t.label} (${t.count})`).join("; ")}.`));
  children.push(...narrativeParas(data.narrative.quality));

  // 4. Attainment
  children.push(heading(n("attainment")));
  if (data.attainment.length === 0) children.push(para("No assessment results are recorded for this term."));
  else {
    children.push(chart(attainmentBarSvg(data.attainment), 680, 300, "Percentage of all pupils at the expected standard by year group and subject"));
    const yearGroups = [...new Set(data.attainment.map((r) => r.yearGroup))];
    const subjects = [...new Set(data.attainment.map((r) => r.subject))];
    for (const yg of yearGroups) {
      children.push(heading(`${yearGroupLabel(yg)}: % at the expected standard (greater depth)`, HeadingLevel.HEADING_3));
      const cell = (subject: string, group: string) => {
        const r = data.attainment.find((x) => x.yearGroup === yg && x.subject === subject && x.group === group);
        if (!r) return "–";
        return r.suppressed ? suppressionLabel(r.suppressionReason) : `${r.withheld?.atExpectedPct ? "withheld" : formatPct(r.atExpectedPct)} (${r.withheld?.greaterDepthPct ? "withheld" : formatPct(r.greaterDepthPct)})`;
      };
      children.push(
        table(
          ["Subject", "All", "Disadvantaged", "Not disadvantaged", "Gap (pts)", "SEN", "EAL", "Girls", "Boys"],
          subjects
            .filter((s) => data.attainment.some((x) => x.yearGroup === yg && x.subject === s))
            .map((s) => [subjectLabel(s), cell(s, "all"), cell(s, "disadvantaged"), cell(s, "not_disadvantaged"), String(data.gaps.find((g) => g.yearGroup === yg && g.subject === s)?.gapPts ?? "–"), cell(s, "sen"), cell(s, "eal"), cell(s, "girls"), cell(s, "boys")]),
        ),
      );
    }
    children.push(para(SUPPRESSION_NOTE, { italics: true }));
    if (data.national?.length) {
      const rows = data.national;
      children.push(heading(`${rows[0]!.label}: % at the expected standard, school and national`, HeadingLevel.HEADING_3));
      children.push(
        table(
          ["Subject", "Pupil group", "School", "National", "Difference (pts)"],
          rows.map((r) => [subjectLabel(r.subject), GROUP_LABEL[r.group], r.suppressed ? "Withheld" : formatPct(r.schoolPct), `${r.nationalPct}% (${r.nationalYear})`, nationalDifference(r)?.toFixed(1) ?? "–"]),
        ),
      );
      children.push(para(`${nationalNote(rows, data.term)} Sources: ${[...new Set(rows.flatMap((r) => r.sources))].join(", ")}`, { italics: true }));
    }
    const top = yearGroups[yearGroups.length - 1]!;
    const trend = data.attainmentTrend.filter((p) => p.yearGroup === top);
    if (trend.length) {
      const terms = [...new Set(trend.map((p) => p.term))];
      children.push(heading(`Trend across terms: ${yearGroupLabel(top)}`, HeadingLevel.HEADING_3));
      children.push(chart(trendLineSvg(trend), 680, 280, `Percentage of ${yearGroupLabel(top)} at the expected standard by term`));
      children.push(table(["Subject", ...terms.map((t) => formatTerm(t))], [...new Set(trend.map((p) => p.subject))].map((s) => [subjectLabel(s), ...terms.map((t) => formatPct(trend.find((p) => p.term === t && p.subject === s)?.atExpectedPct))])));
    }
  }
  children.push(...narrativeParas(data.narrative.attainment));

  // 5. Attendance and behaviour
  children.push(heading(n("attendance")));
  if (!data.attendance?.length) children.push(para(data.attendance ? "No attendance is recorded for this term." : "This report was published before attendance was part of the report."));
  else {
    const plain = (t: PlainTable) => [heading(t.caption, HeadingLevel.HEADING_3), table(t.head, t.rows)];
    for (const t of attendanceTables({ attendance: data.attendance, behaviour: data.behaviour ?? [], attendanceTrend: data.attendanceTrend ?? [] })) children.push(...plain(t));
    if ((data.attendanceTrend ?? []).length > 1) children.push(chart(trendLineSvg(attendanceTrendPoints(data.attendanceTrend ?? [])), 680, 280, "Attendance and persistent absence by term"));
    children.push(para(ATTENDANCE_DEFINITIONS, { italics: true }));
    if (data.attendanceNational?.length) {
      children.push(...plain(nationalAttendanceTable(data.attendanceNational)));
      children.push(para(`Sources: ${[...new Set(data.attendanceNational.flatMap((f) => f.sources))].join(", ")}`, { italics: true }));
    }
  }
  children.push(...narrativeParas(data.narrative.attendance));

  // 6. Progress meetings
  const p = data.progressMeetings;
  children.push(heading(n("progress_meetings")));
  children.push(
    table(
      ["Measure", "Number"],
      [
        ["Meetings held", String(p.meetingsHeld)],
        ["Classes without a meeting", String(p.classesWithoutMeeting)],
        ["Pupils discussed", String(p.pupilsDiscussed)],
        ["Actions agreed", String(p.actionsAgreed)],
        ["Outcomes recorded", String(p.outcomesRecorded)],
        ["Actions carried forward", String(p.openCarriedForward)],
      ],
    ),
  );
  children.push(...narrativeParas(data.narrative.progress_meetings));

  // 7. Self-evaluation
  const s = data.selfEvaluation;
  children.push(heading(n("self_evaluation")));
  if (s.areas.length === 0) children.push(para("No published self-evaluation yet."));
  else children.push(table(s.comparedWith ? ["Area", "Grade now", `At the ${formatTerm(s.comparedWith)} report`, "Changed"] : ["Area", "Grade now"], s.areas.map((a) => (s.comparedWith ? [a.area, a.grade ?? "Not graded", a.previousGrade ?? "Not graded", a.changed ? "Yes" : "No"] : [a.area, a.grade ?? "Not graded"]))));
  children.push(...narrativeParas(data.narrative.self_evaluation));

  // 8. Governance
  const g = data.governance;
  children.push(heading(n("governance")));
  if (g.visits.length) children.push(table(["Date", "Visitor", "Visit", "Focus"], g.visits.map((v) => [formatDate(v.date), `${v.visitor} (${v.kind})`, [v.visitType, v.purpose].filter(Boolean).join(": "), v.focus.join("; ") || "–"])));
  else children.push(para("No visits recorded this term."));
  children.push(heading("Challenge questions", HeadingLevel.HEADING_3));
  if (g.challenges.length === 0) children.push(para("No challenge questions for this term."));
  for (const q of g.challenges) {
    children.push(para(q.question, { bold: true }));
    children.push(para(`Asked by ${q.raisedBy} on ${formatDate(q.raisedOn)} · ${q.about} · ${CHALLENGE_STATUS_LABEL[q.status]}`, { italics: true }));
    if (q.answer) children.push(para(`Answer (${q.answeredBy ?? "leader"}): ${q.answer}`));
  }
  children.push(...narrativeParas(data.narrative.governance));

  // 9. Priorities
  children.push(heading(n("priorities")));
  children.push(...(narrativeParas(data.narrative.priorities).length ? narrativeParas(data.narrative.priorities) : [para("No priorities written yet.")]));

  const doc = new Document({
    creator: "Waymark",
    title: `${data.school.name}: report to governors, ${formatTerm(data.term)}`,
    styles: { default: { document: { run: { font: "Arial", size: 21 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
