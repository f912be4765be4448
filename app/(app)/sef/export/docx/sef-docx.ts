import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { SefSnapshot } from "@/lib/analytics/sef-snapshot";

const FONT = "Arial";

function paragraphs(text: string, empty: string): Paragraph[] {
  const lines = text.split(/\r?\n/);
  if (!text.trim()) return [new Paragraph({ children: [new TextRun({ text: empty, italics: true, color: "505A5F" })] })];
  return lines.map((l) => new Paragraph({ text: l, spacing: { after: 80 } }));
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; width?: number } = {}) {
  return new TableCell({
    borders,
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: [new Paragraph({ alignment: opts.align, children: [new TextRun({ text, bold: opts.bold })] })],
  });
}

function table(header: string[], rows: string[][], numeric: boolean[] = []) {
  const align = (i: number) => (numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, align: align(i) })) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, { align: align(i) })) })),
    ],
  });
}

/**
 * The SEF as a Word document, from the same snapshot the pages show: heads edit and circulate it in
 * Word. Headings are real Word headings, so the navigation pane and a table of contents work.
 */
export async function buildSefDocx({ schoolName, snapshot, status }: { schoolName: string; snapshot: SefSnapshot; status: string }): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: schoolName, spacing: { after: 60 } }),
    new Paragraph({ text: `Self-evaluation ${snapshot.academicYear}`, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `${snapshot.framework.name}. ${status}`, color: "505A5F" })], spacing: { after: 240 } }),
    new Paragraph({ text: "School context", heading: HeadingLevel.HEADING_1 }),
  ];
  if (snapshot.context) {
    children.push(
      table(
        ["Pupils", "Number", "Percentage"],
        [["On roll", String(snapshot.context.onRoll), "100.0%"], ...snapshot.context.groups.map((g) => [g.label, String(g.count), `${g.pct.toFixed(1)}%`])],
        [false, true, true],
      ),
    );
  } else {
    children.push(new Paragraph({ children: [new TextRun({ text: "No pupil data yet.", italics: true })] }));
  }
  if (snapshot.contextNotes.trim()) children.push(new Paragraph({ text: "" }), ...paragraphs(snapshot.contextNotes, ""));
  children.push(new Paragraph({ text: "Overall summary", heading: HeadingLevel.HEADING_1 }), ...paragraphs(snapshot.overallSummary, "No summary written."));
  children.push(
    new Paragraph({ text: "Grades by evaluation area", heading: HeadingLevel.HEADING_1 }),
    table(
      ["Evaluation area", "Grade", "Areas for development"],
      snapshot.areas.map((a) => [a.name, a.gradeLabel ?? "Not graded", String(a.developmentPoints.length)]),
      [false, false, true],
    ),
  );
  for (const a of snapshot.areas) {
    children.push(
      new Paragraph({ text: a.name, heading: HeadingLevel.HEADING_1, pageBreakBefore: false }),
      new Paragraph({ children: [new TextRun({ text: "Grade: ", bold: true }), new TextRun(a.gradeLabel ?? "Not graded")] }),
      new Paragraph({ text: "Strengths", heading: HeadingLevel.HEADING_2 }),
      ...paragraphs(a.strengths, "None recorded."),
      new Paragraph({ text: "Areas for development", heading: HeadingLevel.HEADING_2 }),
    );
    if (a.developmentPoints.length === 0) children.push(...paragraphs("", "None recorded."));
    for (const p of a.developmentPoints) {
      const runs = [new TextRun(p.text)];
      if (p.strands.length) runs.push(new TextRun({ text: ` (answered by plan strand: ${p.strands.map((s) => s.title).join("; ")})`, italics: true }));
      children.push(new Paragraph({ children: runs, bullet: { level: 0 } }));
    }
    children.push(new Paragraph({ text: "Evidence", heading: HeadingLevel.HEADING_2 }));
    if (a.evidence.length === 0) children.push(...paragraphs("", "None cited."));
    for (const e of a.evidence) {
      const runs = [new TextRun(e.label)];
      if (e.targetType === "document" && e.href) runs.push(new TextRun({ text: ` (${e.href})`, color: "505A5F" }));
      children.push(new Paragraph({ children: runs, bullet: { level: 0 } }));
    }
  }
  const doc = new Document({
    creator: "Waymark",
    title: `Self-evaluation ${snapshot.academicYear}`,
    description: `${schoolName}: self-evaluation ${snapshot.academicYear}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
