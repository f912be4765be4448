import "server-only";
import { SUPPRESSION_NOTE, suppressionLabel } from "@/lib/analytics/disclosure";
import { createHash } from "node:crypto";
import { processKept } from "@/lib/kept";
import { whenIdle } from "@/lib/server/idle";
import { drawCharts, type ChartJob } from "./chart-png";
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  StringContainer,
  PageNumber,
  type PageNumberEstimator,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { rememberedPageNumbers, reportPageNumbers } from "./docx-page-numbers";
import { formatDate, formatPct, formatTerm } from "@/lib/format";
import type { ReportSection } from "@/db/schema/enums";
import { formatOf, MARK_LABEL, placedSections } from "./format";
import { CHALLENGE_STATUS_LABEL, GROUP_LABEL, MONITORING_TYPE_LABEL, REPORT_SECTION_LABEL, subjectLabel, yearGroupLabel } from "./labels";
import { nationalDifference, nationalNote } from "./national";
import { attainmentBarSvg, trendLineSvg } from "./svg-charts";
import type { ReportData, SummaryTone } from "./types";
import { ATTENDANCE_DEFINITIONS, attendanceTables, attendanceTrendPoints, nationalAttendanceTable, type PlainTable } from "./attendance-tables";

/** The board meeting the report is the papers for, when the board's cycle names one. */
export type ReportMeeting = { date: string; startTime: string | null; bodyName: string };

const RAG_LABEL = { red: "Red", amber: "Amber", green: "Green", blue: "Achieved" } as const;

/**
 * Drawing a report's charts takes a child process (about 100 ms), and the same report draws the same
 * charts on every download: the PNGs of the last 36 charts are kept, by their SVG, those of a dozen
 * reports or so (about 1 MB). Twelve were too few for a term's report, last year's three and next
 * terms' drafts, whose charts were then drawn again on every build.
 */
const pngs = processKept<string, Buffer>("chart-png", 36);
/** A4 in twentieths of a point, with 15.9 mm side margins: 10,106 twips (7 in) of text width. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1000, bottom: 900, left: 900, right: 900, header: 450, footer: 450 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Points per pixel at 96 dpi, and twips per pixel: for sizing images to the text width. */
const TWIPS_PER_PX = 15;
const FONT = "Arial";
/** Sizes in half-points. */
const BODY = 18;
const SMALL = 15;
const TABLE = 15;
/** The paragraph style of a table's text: TABLE-sized, with no space after. */
const TABLE_TEXT = "ReportTableText";
const INK = "0B0C0C";
const MUTED = "505A5F";
const BRAND = "1D3A6E";

const TONE_FILL: Record<SummaryTone, string> = { red: "F6D7D2", amber: "FBE4B8", green: "CCE2D8", blue: "D2E2F1", grey: "E9EAEB" };
const MARK_COLOUR = { decision: "7A1A10", discussion: "6B3D00", information: "383F43" } as const;

/** While a document is built (synchronously): the charts drawn for it, and those still to draw. */
let drawing: { ready: Map<string, Buffer>; missing: Map<string, ChartJob> } | null = null;
/** A 1×1 PNG that stands in for a chart not yet drawn, in the pass that finds which charts are needed. */
const PLACEHOLDER_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/**
 * A chart's PNG at twice the width it is placed at (192 dpi on the page, sharp in print): kept from an
 * earlier file, drawn for this one, or noted as still to draw (lib/report/chart-png, in a child process).
 */
function svgToPng(svg: string, placedPx: number): Buffer {
  const width = Math.round(placedPx * 2);
  const key = `${width}:${svg}`;
  const png = pngs.get(key) ?? drawing?.ready.get(key);
  if (png) return png;
  if (!drawing) throw new Error("A chart was drawn outside a document's build");
  drawing.missing.set(key, { svg, width });
  return PLACEHOLDER_PNG;
}

/** Builds the document with the charts in `ready`; returns it and the charts it still needs. */
function withCharts<T>(ready: Map<string, Buffer>, build: () => T): { result: T; missing: Map<string, ChartJob> } {
  drawing = { ready, missing: new Map() };
  try {
    return { result: build(), missing: drawing.missing };
  } finally {
    drawing = null;
  }
}

function para(text: string, opts: { bold?: boolean; italics?: boolean; size?: number; color?: string; after?: number; keepNext?: boolean } = {}) {
  return new Paragraph({
    keepNext: opts.keepNext,
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, size: opts.size, color: opts.color })],
    spacing: { after: opts.after ?? 100 },
  });
}

function note(text: string) {
  return para(text, { italics: true, size: SMALL, color: MUTED });
}

function narrativeParas(text: string | undefined): Paragraph[] {
  if (!text?.trim()) return [];
  return text.split(/\n{2,}/).map((p) => para(p.replace(/\n/g, " ")));
}

/** Arial's (and Liberation Sans's) advance widths in em, near enough to size columns. */
const EM_OF: [RegExp, number][] = [
  [/[0-9]/, 0.556],
  [/[.,:;'!|il ]/, 0.278],
  [/[()[\]\-frtj]/, 0.333],
  [/%/, 0.889],
  [/[mw]/, 0.833],
  [/[MW]/, 0.889],
  [/[A-Z]/, 0.667],
];
/** Each character's width in em, worked out once: every table's columns measure every cell's text. */
const charEms = new Map<string, number>();
function charEm(ch: string): number {
  let em = charEms.get(ch);
  if (em === undefined) charEms.set(ch, (em = EM_OF.find(([re]) => re.test(ch))?.[1] ?? 0.556));
  return em;
}

/** A text's width in twips at a size in half-points. */
function textTwips(s: string, size: number, bold: boolean): number {
  let em = 0;
  for (const ch of s) em += charEm(ch);
  return Math.ceil(em * (size / 2) * 20 * (bold ? 1.08 : 1.02));
}

const CELL_PAD = 2 * 50 + 20;

/**
 * Column widths (twips) that never break a word: each column is at least as wide as its longest word
 * (a header's words are bold), and what is left of the text width goes first to letting each column's
 * text sit on one line (the columns that need least first), then in proportion.
 */
export function columnWidths(head: string[], rows: string[][], total = TEXT_WIDTH, size = TABLE): number[] {
  const min = minColumnWidths(head, rows, size);
  // A column's "one line" width is that of its typical long cell (the 80th percentile): a rare long label
  // (a withheld figure's reason) may wrap rather than widen the column for every row.
  const typical = (i: number) => {
    const ws = rows.map((r) => textTwips(r[i] ?? "", size, false)).sort((a, b) => a - b);
    return ws.length ? ws[Math.min(ws.length - 1, Math.floor(ws.length * 0.8))]! : 0;
  };
  const pref = head.map((h, i) => CELL_PAD + Math.max(longestWord(h, size, true), typical(i)));
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin >= total) return min.map((w) => Math.floor((w * total) / sumMin));
  const widths = [...min];
  let spare = total - sumMin;
  const order = head.map((_, i) => i).sort((a, b) => pref[a]! - min[a]! - (pref[b]! - min[b]!));
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const share = Math.floor(spare / (order.length - k));
    const grow = Math.max(0, Math.min(pref[i]! - widths[i]!, share));
    widths[i]! += grow;
    spare -= grow;
  }
  const sum = widths.reduce((a, b) => a + b, 0);
  const out = widths.map((w) => Math.floor(w + (spare * w) / sum));
  out[0]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

/** Each column's least width (twips): its longest word, a header's in bold, with the cell's padding. */
function minColumnWidths(head: string[], rows: string[][], size = TABLE): number[] {
  return head.map((h, i) => CELL_PAD + Math.max(longestWord(h, size, true), ...rows.map((r) => longestWord(r[i] ?? "", size, false))));
}

/** The width (twips) of a text's longest word. */
function longestWord(text: string, size: number, bold: boolean): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => textTwips(w, size, bold)));
}

const NUMERIC = /^[–−\-+]?[\d.,]+\s*(%|pts|subjects|visits)?(\s*\([\d.,]+%?\))?$|^–$/;

type TableOpts = { fills?: (string | null)[][]; width?: number; firstColumnIsHeader?: boolean; size?: number };

/** A table with fixed column widths, a repeated header row and rows that never split across pages. */
function table(head: string[], rows: string[][], opts: TableOpts = {}): Table {
  const total = opts.width ?? TEXT_WIDTH;
  const size = opts.size ?? TABLE;
  const widths = columnWidths(head, rows, total, size);
  // A column of figures (a withheld or suppressed one among them) is right-aligned.
  const isFigure = (c: string) => NUMERIC.test(c.trim());
  const isHidden = (c: string) => /^(withheld|suppressed|fewer than 5)/i.test(c.trim());
  const numeric = head.map((_, i) => i > 0 && rows.some((r) => isFigure(r[i] ?? "")) && rows.every((r) => isFigure(r[i] ?? "") || isHidden(r[i] ?? "")));
  const border = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };
  // The borders, the cells' margins and the text's size and spacing are the table's and its style's, not
  // written again in every cell: the file is a third of the size, and quicker to write and lay out.
  const cell = (text: string, i: number, header: boolean, fill: string | null) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, color: "auto", fill: "E9EAEB" } : fill ? { type: ShadingType.CLEAR, color: "auto", fill } : undefined,
      children: [
        new Paragraph({
          style: TABLE_TEXT,
          alignment: numeric[i] ? AlignmentType.RIGHT : undefined,
          children: [new TextRun({ text, bold: header || (opts.firstColumnIsHeader !== false && i === 0) || undefined, size: size === TABLE ? undefined : size })],
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    margins: { top: 20, bottom: 20, left: 50, right: 50 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, i, true, null)) }),
      ...rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false, opts.fills?.[ri]?.[i] ?? null)) })),
    ],
  });
}

/** A table with its caption above it, kept with the table. */
function captioned(text: string, t: Table): (Paragraph | Table)[] {
  return [caption(text), t, afterTable()];
}

/** A table's (or a chart's) caption, kept with what follows it. */
function caption(text: string): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [new TextRun({ text, bold: true, size: SMALL + 1 })] });
}

/** The space after a table. */
function afterTable(): Paragraph {
  return new Paragraph({ spacing: { after: 60 }, children: [] });
}

let bookmarkSeq = 0;
function heading(text: string, level: 1 | 2 | 3, opts: { numbered?: boolean; pageBreakBefore?: boolean } = {}) {
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({
    heading: headingLevel,
    pageBreakBefore: opts.pageBreakBefore,
    numbering: opts.numbered && level < 3 ? { reference: "report-headings", level: level - 1 } : undefined,
    children: level < 3 ? [new Bookmark({ id: `_Ref_report_${++bookmarkSeq}`, children: [new TextRun(text)] })] : [new TextRun(text)],
  });
}

/** A chart as an image the width of `widthPx` (at 96 dpi), with alt text; the table that follows has its numbers. */
function chart(svg: string, width: number, height: number, alt: string, widthPx: number) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { after: 60 },
    children: [
      new ImageRun({
        type: "png",
        data: svgToPng(svg, widthPx),
        transformation: { width: widthPx, height: Math.round((widthPx * height) / width) },
        altText: { name: alt, title: alt, description: `${alt}. The table with it gives the same numbers.` },
      }),
    ],
  });
}

/** A chart with its table beside it: a borderless two-column layout table. */
function chartBeside(image: Paragraph, t: Table, chartTwips: number): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const borders = { top: none, bottom: none, left: none, right: none };
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [chartTwips, TEXT_WIDTH - chartTwips],
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: chartTwips, type: WidthType.DXA }, borders, margins: { left: 0, right: 80 }, children: [image] }),
          new TableCell({
            width: { size: TEXT_WIDTH - chartTwips, type: WidthType.DXA },
            borders,
            margins: { left: 80, right: 0 },
            verticalAlign: VerticalAlign.CENTER,
            children: [t, new Paragraph({ children: [] })],
          }),
        ],
      }),
    ],
  });
}

/**
 * A chart with the table of its numbers: beside it when the table's columns fit there without breaking a
 * word (the chart `share` of the text width), or else the chart above the table across the page, as a
 * trend over many terms needs. `draw` gives the chart at a width in pixels.
 */
function chartWithTable(draw: (widthPx: number) => Paragraph, head: string[], rows: string[][], share: number): Block[] {
  const chartTwips = Math.floor(TEXT_WIDTH * share);
  const beside = TEXT_WIDTH - chartTwips - 100;
  if (minColumnWidths(head, rows).reduce((a, b) => a + b, 0) <= beside) return [chartBeside(draw(Math.floor((chartTwips - 100) / TWIPS_PER_PX)), table(head, rows, { width: beside }), chartTwips)];
  return [draw(Math.floor((TEXT_WIDTH * 0.75) / TWIPS_PER_PX)), table(head, rows), afterTable()];
}

type Block = Paragraph | Table | TableOfContents;

const CONTEXT_GROUPS: [keyof ReportData["context"]["groups"], string][] = [
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

function summaryBlocks(data: ReportData): Block[] {
  const s = data.summary;
  if (!s) return [para("This report was published before it had a summary.")];
  const out: Block[] = [...narrativeParas(data.narrative.summary)];
  out.push(heading("For the board", 3));
  s.points.forEach((p) =>
    out.push(
      new Paragraph({
        numbering: { reference: "summary-points", level: 0 },
        spacing: { after: 60 },
        children: [
          new TextRun({ text: `${p.kind === "decision" ? "To decide" : "To discuss"}: `, bold: true, color: p.kind === "decision" ? MARK_COLOUR.decision : MARK_COLOUR.discussion }),
          new TextRun(p.text),
          new TextRun({ text: ` (${REPORT_SECTION_LABEL[p.section]})`, color: MUTED, size: SMALL }),
        ],
      }),
    ),
  );
  out.push(heading("Since the last report", 3));
  for (const c of s.changes) out.push(new Paragraph({ numbering: { reference: "summary-bullets", level: 0 }, spacing: { after: 40 }, children: [new TextRun(c)] }));
  if (s.heatMap.length) {
    const last = s.previousTerm ? formatTerm(s.previousTerm) : "Last report";
    const rows = s.heatMap.map((r) => [`${r.strandNumber}. ${r.strandTitle}${r.criterion ? `: ${r.criterion}` : ""}`, r.previous ?? "No judgement", r.now ?? "No judgement"]);
    const fills = s.heatMap.map((r) => [null, TONE_FILL[r.previousTone], TONE_FILL[r.nowTone]]);
    out.push(
      ...captioned("The plan's headline success criteria, last report and now", table(["Strand and headline criterion", last, formatTerm(data.term)], rows, { fills, firstColumnIsHeader: false })),
    );
  }
  return out;
}

function contextBlocks(data: ReportData): Block[] {
  const c = data.context;
  const out: Block[] = [para(`${c.pupilsOnRoll} pupils on roll.`)];
  if (c.pupilsOnRoll > 0) {
    const groups = table(
      ["Group", "Pupils", "% of roll"],
      CONTEXT_GROUPS.map(([k, label]) => [
        label,
        c.groups[k].suppressed ? suppressionLabel(c.groups[k].suppressionReason) : String(c.groups[k].count),
        c.groups[k].suppressed ? "–" : formatPct(c.groups[k].pct),
      ]),
      { width: Math.floor(TEXT_WIDTH * 0.55) - 100 },
    );
    const years = table(
      ["Year group", "Pupils"],
      c.byYearGroup.map((y) => [yearGroupLabel(y.yearGroup), String(y.count)]),
      { width: Math.floor(TEXT_WIDTH * 0.45) - 100 },
    );
    out.push(sideBySide(groups, years, Math.floor(TEXT_WIDTH * 0.55)));
  }
  out.push(heading("Staffing and context notes", 3));
  out.push(...(narrativeParas(data.narrative.context).length ? narrativeParas(data.narrative.context) : [para("No notes.")]));
  return out;
}

/** Two tables side by side, in a borderless layout table. */
function sideBySide(a: Table, b: Table, leftTwips: number): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const borders = { top: none, bottom: none, left: none, right: none };
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftTwips, TEXT_WIDTH - leftTwips],
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: leftTwips, type: WidthType.DXA }, borders, margins: { left: 0, right: 100 }, children: [a, new Paragraph({ children: [] })] }),
          new TableCell({ width: { size: TEXT_WIDTH - leftTwips, type: WidthType.DXA }, borders, margins: { left: 100, right: 0 }, children: [b, new Paragraph({ children: [] })] }),
        ],
      }),
    ],
  });
}

function planBlocks(data: ReportData, numbered: boolean): Block[] {
  if (data.plan.strands.length === 0) return [para("There is no improvement plan for this year.")];
  const out: Block[] = [];
  const t = data.plan.totals;
  out.push(
    ...captioned(
      `${data.plan.title ?? "Improvement plan"}: ${t.done} of ${t.total} actions done, ${t.overdue} overdue`,
      table(
        ["Strand", "Lead", "Last review", "This term", "Done", "In progress", "Not started", "Overdue"],
        data.plan.strands.map((s) => [
          `${s.number}. ${s.title}`,
          s.lead ?? "–",
          s.previousRag ? `${RAG_LABEL[s.previousRag]}${s.previousRagTerm ? ` (${formatTerm(s.previousRagTerm)})` : ""}` : "Not reviewed",
          s.rag ? RAG_LABEL[s.rag] : "Not reviewed",
          String(s.actions.done),
          String(s.actions.inProgress),
          String(s.actions.notStarted),
          String(s.actions.overdue),
        ]),
      ),
    ),
  );
  for (const s of data.plan.strands) {
    out.push(heading(`Strand ${s.number}: ${s.title}`, 2, { numbered }));
    out.push(
      note(`Lead: ${s.lead ?? "not set"}${s.linkGovernor ? ` · Link governor: ${s.linkGovernor}` : ""} · ${s.rag ? `Rated ${RAG_LABEL[s.rag].toLowerCase()} this term` : "Not reviewed this term"}`),
    );
    if (s.criteria.length)
      out.push(
        table(
          ["Success criterion", "Baseline", "Now", "Target", "Judgement"],
          s.criteria.map((cr) => [
            cr.description,
            cr.measurable ? cr.baselineLabel : "–",
            cr.measurable ? cr.currentLabel : "–",
            cr.measurable ? cr.targetLabel : "–",
            cr.status ?? (cr.measurable ? "No data yet" : "Judged in the review"),
          ]),
          { firstColumnIsHeader: false },
        ),
        afterTable(),
      );
    const ev: [string, string][] = [
      ["Progress", s.evidence.progress],
      ["Evidence of impact", s.evidence.impact],
      ["Next steps", s.evidence.nextSteps],
    ];
    const shown = ev.filter(([, v]) => v);
    if (!shown.length) out.push(note("No review recorded for this term."));
    for (const [label, v] of shown) out.push(new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(v)] }));
    const monitoring = Object.entries(s.evidence.monitoring);
    if (monitoring.length)
      out.push(note(`Monitoring that tested this strand this term: ${monitoring.map(([k, n]) => `${(MONITORING_TYPE_LABEL as Record<string, string>)[k] ?? k}: ${n}`).join(", ")}.`));
    out.push(...narrativeParas(data.narrative[`plan:${s.id}`]));
  }
  return out;
}

function qualityBlocks(data: ReportData): Block[] {
  const m = data.monitoring;
  const counts = table(
    ["Monitoring this term", "Number"],
    (Object.keys(MONITORING_TYPE_LABEL) as (keyof typeof MONITORING_TYPE_LABEL)[]).map((t) => [MONITORING_TYPE_LABEL[t], String(m.countsByType[t] ?? 0)]),
    { width: Math.floor(TEXT_WIDTH * 0.45) - 100 },
  );
  const themes = table(
    ["Recurring theme", "Observations"],
    [...m.recurringStrengths.map((t) => [`Strength: ${t.label}`, String(t.count)]), ...m.recurringDevelopment.map((t) => [`To develop: ${t.label}`, String(t.count)])].concat(
      m.recurringStrengths.length + m.recurringDevelopment.length ? [] : [["None recurring yet", "–"]],
    ),
    { width: Math.floor(TEXT_WIDTH * 0.55) - 100, firstColumnIsHeader: false },
  );
  return [
    sideBySide(counts, themes, Math.floor(TEXT_WIDTH * 0.45)),
    para(`Observation coverage: ${m.coveragePct === null ? "no teaching staff recorded" : `${formatPct(m.coveragePct)} of teaching staff observed this term`}.`),
  ];
}

function attainmentBlocks(data: ReportData, numbered: boolean): Block[] {
  if (data.attainment.length === 0) return [para("No assessment results are recorded for this term.")];
  const out: Block[] = [];
  out.push(chart(attainmentBarSvg(data.attainment), 680, 300, "Percentage of all pupils at the expected standard by year group and subject", 560));
  out.push(note("Percentage of all pupils at the expected standard, by year group and subject. The tables below give the same numbers."));
  const yearGroups = [...new Set(data.attainment.map((r) => r.yearGroup))];
  const subjects = [...new Set(data.attainment.map((r) => r.subject))];
  for (const yg of yearGroups) {
    const cell = (subject: string, group: string) => {
      const r = data.attainment.find((x) => x.yearGroup === yg && x.subject === subject && x.group === group);
      if (!r) return "–";
      return r.suppressed
        ? suppressionLabel(r.suppressionReason)
        : `${r.withheld?.atExpectedPct ? "withheld" : formatPct(r.atExpectedPct)} (${r.withheld?.greaterDepthPct ? "withheld" : formatPct(r.greaterDepthPct)})`;
    };
    out.push(
      ...captioned(
        `${yearGroupLabel(yg)}: % at the expected standard (greater depth in brackets)`,
        table(
          ["Subject", "All", "Disadvantaged", "Not disadvantaged", "Gap (pts)", "SEN", "EAL", "Girls", "Boys"],
          subjects
            .filter((s) => data.attainment.some((x) => x.yearGroup === yg && x.subject === s))
            .map((s) => [
              subjectLabel(s),
              cell(s, "all"),
              cell(s, "disadvantaged"),
              cell(s, "not_disadvantaged"),
              String(data.gaps.find((g) => g.yearGroup === yg && g.subject === s)?.gapPts ?? "–"),
              cell(s, "sen"),
              cell(s, "eal"),
              cell(s, "girls"),
              cell(s, "boys"),
            ]),
          // Nine columns of paired figures: a point smaller, so that each figure stays on one line.
          { size: TABLE - 1 },
        ),
      ),
    );
  }
  out.push(note(SUPPRESSION_NOTE));
  if (data.national?.length) {
    const rows = data.national;
    out.push(
      ...captioned(
        `${rows[0]!.label}: % at the expected standard, school and national`,
        table(
          ["Subject", "Pupil group", "School", "National", "Difference (pts)"],
          rows.map((r) => [
            subjectLabel(r.subject),
            GROUP_LABEL[r.group],
            r.suppressed ? "Withheld" : formatPct(r.schoolPct),
            `${r.nationalPct}% (${r.nationalYear})`,
            nationalDifference(r)?.toFixed(1) ?? "–",
          ]),
        ),
      ),
    );
    out.push(note(`${nationalNote(rows, data.term)} Sources: ${[...new Set(rows.flatMap((r) => r.sources))].join(", ")}`));
  }
  const top = yearGroups[yearGroups.length - 1]!;
  const trend = data.attainmentTrend.filter((p) => p.yearGroup === top);
  if (trend.length) {
    const terms = [...new Set(trend.map((p) => p.term))];
    out.push(heading(`Trend across terms: ${yearGroupLabel(top)}`, 2, { numbered }));
    out.push(
      ...chartWithTable(
        (px) => chart(trendLineSvg(trend), 680, 280, `Percentage of ${yearGroupLabel(top)} at the expected standard by term`, px),
        ["Subject", ...terms.map((x) => formatTerm(x))],
        [...new Set(trend.map((p) => p.subject))].map((s) => [subjectLabel(s), ...terms.map((x) => formatPct(trend.find((p) => p.term === x && p.subject === s)?.atExpectedPct))]),
        0.56,
      ),
    );
    out.push(note(`% of ${yearGroupLabel(top)} pupils at the expected standard in each term (each term's own cohort); the table with the chart gives the same numbers.`));
  }
  return out;
}

function attendanceBlocks(data: ReportData): Block[] {
  if (!data.attendance?.length) return [para(data.attendance ? "No attendance is recorded for this term." : "This report was published before attendance was part of the report.")];
  const out: Block[] = [];
  const tables = attendanceTables({ attendance: data.attendance, behaviour: data.behaviour ?? [], attendanceTrend: data.attendanceTrend ?? [] });
  const trendCaption = tables.length > 1 && (data.attendanceTrend ?? []).length > 1 ? tables[tables.length - 1]! : null;
  for (const t of tables) {
    if (t === trendCaption) continue;
    out.push(...captioned(t.caption, table(t.head, t.rows)));
  }
  if (trendCaption) {
    out.push(caption(trendCaption.caption));
    out.push(
      ...chartWithTable(
        (px) => chart(trendLineSvg(attendanceTrendPoints(data.attendanceTrend ?? [])), 680, 280, "Attendance and persistent absence by term", px),
        trendCaption.head,
        trendCaption.rows,
        0.5,
      ),
    );
  }
  out.push(note(ATTENDANCE_DEFINITIONS));
  if (data.attendanceNational?.length) {
    const n: PlainTable = nationalAttendanceTable(data.attendanceNational);
    out.push(...captioned(n.caption, table(n.head, n.rows)));
    out.push(note(`Sources: ${[...new Set(data.attendanceNational.flatMap((f) => f.sources))].join(", ")}`));
  }
  return out;
}

function progressMeetingBlocks(data: ReportData): Block[] {
  const p = data.progressMeetings;
  return [
    table(
      ["Meetings held", "Classes without a meeting", "Pupils discussed", "Actions agreed", "Outcomes recorded", "Actions carried forward"],
      [[String(p.meetingsHeld), String(p.classesWithoutMeeting), String(p.pupilsDiscussed), String(p.actionsAgreed), String(p.outcomesRecorded), String(p.openCarriedForward)]],
      { firstColumnIsHeader: false },
    ),
    afterTable(),
  ];
}

function selfEvaluationBlocks(data: ReportData): Block[] {
  const s = data.selfEvaluation;
  if (s.areas.length === 0) return [para("No published self-evaluation yet.")];
  const title = `Self-evaluation grades${s.version ? ` (version ${s.version.number}, published ${formatDate(s.version.publishedAt)})` : ""}${s.comparedWith ? `, compared with the ${formatTerm(s.comparedWith)} report` : ""}`;
  return captioned(
    title,
    table(
      s.comparedWith ? ["Area", "Grade now", `At the ${formatTerm(s.comparedWith)} report`, "Changed"] : ["Area", "Grade now"],
      s.areas.map((a) => (s.comparedWith ? [a.area, a.grade ?? "Not graded", a.previousGrade ?? "Not graded", a.changed ? "Yes" : "No"] : [a.area, a.grade ?? "Not graded"])),
    ),
  );
}

function governanceBlocks(data: ReportData): Block[] {
  const g = data.governance;
  const out: Block[] = [];
  if (g.visits.length)
    out.push(
      ...captioned(
        "Governor and adviser visits this term",
        table(
          ["Date", "Visitor", "Visit", "Focus"],
          g.visits.map((v) => [formatDate(v.date), `${v.visitor} (${v.kind})`, [v.visitType, v.purpose].filter(Boolean).join(": "), v.focus.join("; ") || "–"]),
        ),
      ),
    );
  else out.push(para("No visits recorded this term."));
  out.push(heading("Challenge questions", 3));
  if (g.challenges.length === 0) out.push(para("No challenge questions for this term."));
  for (const q of g.challenges) {
    out.push(new Paragraph({ keepNext: true, spacing: { after: 20 }, children: [new TextRun({ text: q.question, bold: true })] }));
    out.push(
      new Paragraph({
        keepNext: !!q.answer,
        spacing: { after: q.answer ? 20 : 100 },
        children: [new TextRun({ text: `Asked by ${q.raisedBy} on ${formatDate(q.raisedOn)} · ${q.about} · ${CHALLENGE_STATUS_LABEL[q.status]}`, italics: true, size: SMALL, color: MUTED })],
      }),
    );
    if (q.answer) out.push(new Paragraph({ spacing: { after: 100 }, children: [new TextRun({ text: `Answer (${q.answeredBy ?? "leader"}): `, italics: true }), new TextRun(q.answer)] }));
  }
  return out;
}

function sectionBlocks(key: ReportSection, data: ReportData, numbered: boolean): Block[] {
  switch (key) {
    case "summary":
      return summaryBlocks(data);
    case "context":
      return contextBlocks(data);
    case "plan":
      return [...planBlocks(data, numbered), ...narrativeParas(data.narrative.plan)];
    case "quality":
      return [...qualityBlocks(data), ...narrativeParas(data.narrative.quality)];
    case "attainment":
      return [...attainmentBlocks(data, numbered), ...narrativeParas(data.narrative.attainment)];
    case "attendance":
      return [...attendanceBlocks(data), ...narrativeParas(data.narrative.attendance)];
    case "progress_meetings":
      return [...progressMeetingBlocks(data), ...narrativeParas(data.narrative.progress_meetings)];
    case "self_evaluation":
      return [...selfEvaluationBlocks(data), ...narrativeParas(data.narrative.self_evaluation)];
    case "governance":
      return [...governanceBlocks(data), ...narrativeParas(data.narrative.governance)];
    case "priorities":
      return narrativeParas(data.narrative.priorities).length ? narrativeParas(data.narrative.priorities) : [para("No priorities written yet.")];
  }
}

/** The report's title as the cover, the running header and the document's properties give it. */
function reportTitle(data: ReportData) {
  return `${data.school.name}: headteacher's report to governors, ${formatTerm(data.term)}`;
}

function meetingLine(meeting: ReportMeeting | null | undefined): string | null {
  if (!meeting) return null;
  return `Papers for the meeting of the ${meeting.bodyName} on ${formatDate(meeting.date)}${meeting.startTime ? ` at ${meeting.startTime}` : ""}`;
}

function coverBlocks(data: ReportData, meeting: ReportMeeting | null | undefined): Block[] {
  const format = formatOf(data);
  const shown = placedSections(format);
  const out: Block[] = [
    new Paragraph({ spacing: { before: 1200, after: 120 }, children: [new TextRun({ text: data.school.name, size: 28, color: MUTED })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 120 }, children: [new TextRun("Headteacher's report to governors")] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: formatTerm(data.term), size: 36, bold: true, color: BRAND })] }),
  ];
  const m = meetingLine(meeting);
  if (m) out.push(para(m, { bold: true, size: 22 }));
  out.push(para(data.status === "published" ? `Published ${formatDate(data.publishedAt)}` : `Draft assembled ${formatDate(data.generatedAt)}: not yet published`, { size: 22 }));
  const facts = [data.school.urn ? `URN ${data.school.urn}` : null, data.school.localAuthority, data.school.trust].filter(Boolean).join(" · ");
  if (facts) out.push(note(facts));
  if (data.format) {
    const counts = (["decision", "discussion", "information"] as const).map((k) => [k, shown.filter((s) => s.key !== "summary" && s.mark === k).length] as const).filter(([, n]) => n > 0);
    out.push(
      note(
        `In the board's format: ${shown.length} sections (${counts.map(([k, n]) => `${n} ${MARK_LABEL[k].toLowerCase()}`).join(", ")}); the board asks for no more than ${format.targetPages} pages.`,
      ),
    );
  }
  out.push(
    new Paragraph({
      spacing: { before: 480, after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: BRAND, space: 4 } },
      children: [new TextRun({ text: "Contents", bold: true, size: 28, color: BRAND })],
    }),
  );
  out.push(new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-1" }));
  return out;
}

/**
 * The report as a Word document (SPEC §3.7): the same data as the page, in the board's format, with a
 * cover (school, term, the board meeting it is the papers for), a contents list, numbered heading
 * styles, a running header, "Page n of m", tables with fixed column widths and repeated header rows,
 * and the charts as images beside or above their tables. Built from the report data object only.
 */
export async function buildReportDocx(data: ReportData, opts: { meeting?: ReportMeeting | null } = {}): Promise<Buffer> {
  // Laying the document out to number its contents list is most of an export's time, and the same
  // report is downloaded again and again: the last few files are kept by what they were made from (a
  // draft's assembly time shows only as its date, so a draft is rebuilt when its data or the day changes).
  const key = createHash("sha256")
    .update(JSON.stringify({ data: { ...data, generatedAt: data.generatedAt.slice(0, 10) }, meeting: opts.meeting ?? null }))
    .digest("hex");
  // A file still being built is kept too, so a download asked for while the server builds it after
  // its page was shown waits for that build rather than starting a second one. A failed build is not kept.
  const kept = documents.get(key);
  if (kept) return kept;
  const building = renderReportDocx(data, opts);
  void building.catch(() => documents.delete(key));
  return documents.set(key, building);
}

const documents = processKept<string, Promise<Buffer>>("report-docx", 4);

/**
 * Has the Word file of a report the page has just shown ready for its first download: laying it out
 * takes several times longer than any page, so it is built when the server is next idle (lib/server/idle)
 * and kept, and the download is then served at once. Does nothing where no server runs idle work.
 */
export function prepareReportDocx(data: ReportData, meeting: () => ReportMeeting | null | undefined): void {
  whenIdle(`report-docx:${data.term}`, () => buildReportDocx(data, { meeting: meeting() }));
}

/** How the numbered headings are numbered ("report-headings"): "1." for a section, "1.1" within it. */
const HEADING_NUMBERS = ["%1.", "%1.%2"] as const;
/** The contents list's page numbers, from docx's layout; the headings' numbers counted directly. */
const PAGE_NUMBERS = reportPageNumbers("report-headings", HEADING_NUMBERS);

async function renderReportDocx(data: ReportData, opts: { meeting?: ReportMeeting | null }): Promise<Buffer> {
  const ready = new Map<string, Buffer>();
  const laidOut = rememberedPageNumbers(PAGE_NUMBERS);
  const first = withCharts(ready, () => reportDocument(data, opts, laidOut.estimator));
  if (!first.missing.size) return Packer.toBuffer(first.result);
  // Charts not drawn yet are drawn together in a child process while this build, their places blank and
  // as large as the charts, lays out the pages (most of the time a file takes): the build with the charts
  // then takes the page numbers worked out here rather than laying the same pages out again.
  const jobs = [...first.missing];
  const drawing = drawCharts(jobs.map(([, job]) => job));
  // A failed drawing is met below, once the pages are laid out; a failed layout waits for the drawing to end.
  void drawing.catch(() => undefined);
  try {
    layOut(first.result);
  } catch (error) {
    await drawing.catch(() => undefined);
    throw error;
  }
  const drawn = await drawing;
  jobs.forEach(([key], i) => {
    ready.set(key, drawn[i]!);
    pngs.set(key, drawn[i]!);
  });
  return Packer.toBuffer(withCharts(ready, () => reportDocument(data, opts, laidOut.again)).result);
}

/**
 * Lays a document's pages out, for the page numbers its estimator keeps, and nothing more: its body is
 * formatted as Packer formats it first (where the estimator is asked), but not written as XML or zipped,
 * as a build whose charts are still being drawn is not the file sent.
 */
function layOut(doc: Document): void {
  doc.Document.View.prepForXml({ file: doc, viewWrapper: doc.Document, stack: [] });
}

/** The report as a docx Document (built synchronously; charts come from svgToPng). */
function reportDocument(data: ReportData, opts: { meeting?: ReportMeeting | null }, pageNumbers: PageNumberEstimator): Document {
  bookmarkSeq = 0;
  const format = formatOf(data);
  const children: Block[] = coverBlocks(data, opts.meeting);
  let first = true;
  let afterSummary = false;
  for (const s of placedSections(format)) {
    const numbered = s.number !== null;
    // The cover and contents are page 1; the summary (or whatever the board put first) page 2, on its own.
    children.push(heading(REPORT_SECTION_LABEL[s.key], 1, { numbered, pageBreakBefore: first || afterSummary }));
    afterSummary = s.key === "summary";
    first = false;
    if (data.format && s.key !== "summary")
      children.push(new Paragraph({ keepNext: true, spacing: { after: 80 }, children: [new TextRun({ text: MARK_LABEL[s.mark], bold: true, size: SMALL + 1, color: MARK_COLOUR[s.mark] })] }));
    children.push(...sectionBlocks(s.key, data, numbered));
  }

  const title = reportTitle(data);
  const headerText = `${data.school.name} · Report to governors · ${formatTerm(data.term)}${data.status === "published" ? "" : " · DRAFT"}`;
  const doc = new Document({
    creator: "Waymark",
    title,
    subject: `Headteacher's report to governors, ${formatTerm(data.term)}`,
    description: meetingLine(opts.meeting) ?? undefined,
    keywords: "governors, school improvement, termly report",
    pageNumbers,
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY, color: INK, language: { value: "en-GB" } }, paragraph: { spacing: { line: 250, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 48, bold: true, color: BRAND }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: BRAND }, paragraph: { spacing: { before: 280, after: 80 }, keepNext: true, keepLines: true } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: BRAND }, paragraph: { spacing: { before: 200, after: 60 }, keepNext: true, keepLines: true } },
        heading3: { run: { font: FONT, size: 21, bold: true, color: INK }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true, keepLines: true } },
      },
      paragraphStyles: [{ id: TABLE_TEXT, name: "Table text", basedOn: "Normal", quickFormat: true, run: { size: TABLE }, paragraph: { spacing: { after: 0 } } }],
    },
    numbering: {
      config: [
        {
          reference: "report-headings",
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: HEADING_NUMBERS[0], alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 500, hanging: 500 } } } },
            { level: 1, format: LevelFormat.DECIMAL, text: HEADING_NUMBERS[1], alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 620, hanging: 620 } } } },
          ],
        },
        { reference: "summary-points", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 400, hanging: 300 } } } }] },
        { reference: "summary-bullets", levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 400, hanging: 300 } } } }] },
      ],
    },
    sections: [
      {
        properties: { titlePage: true, page: { size: PAGE, margin: MARGIN } },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6", space: 2 } },
                children: [new TextRun({ text: headerText, size: SMALL, color: MUTED })],
              }),
            ],
          }),
        },
        footers: {
          first: new Footer({ children: [new Paragraph({ children: [] })] }),
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: SMALL, color: MUTED })] }),
            ],
          }),
        },
        children,
      },
    ],
  });
  // The document's language in its core properties too (docProps/core.xml), which docx does not write.
  doc.CoreProperties.addChildElement(new StringContainer("dc:language", "en-GB"));
  return doc;
}
