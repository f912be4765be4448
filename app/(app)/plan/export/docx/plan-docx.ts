import { Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { formatDate, formatMoney, formatTerm } from "@/lib/format";
import type { Rag } from "@/db/schema/enums";
import { CRITERION_STATUS_LABEL } from "@/lib/analytics/criteria";
import { ACTION_STATUS_LABEL } from "@/lib/analytics/plan";
import type { School } from "@/lib/data/school";
import type { PlanOverview, StrandDetail } from "@/lib/data/sip";

/*
 * The improvement plan as a Word document (heads edit and circulate plans in Word): a summary table,
 * then each strand with tables for its success criteria, actions and termly reviews. It holds the same
 * facts as the print view, and, like it, never an observed teacher's name (evidence labels have none).
 */

const RAG_LABEL: Record<Rag, string> = { red: "Red: off track", amber: "Amber: at risk", green: "Green: on track", blue: "Blue: achieved" };
const RAG_FILL: Record<Rag, string> = { red: "F6D7D2", amber: "FBE4B8", green: "CCE2D8", blue: "D2E2F1" };
const HEAD_FILL = "E9EAEB";

const p = (text: string, opts: { bold?: boolean; size?: number } = {}) => new Paragraph({ children: [new TextRun({ text, bold: opts.bold, size: opts.size })] });

function cell(text: string, opts: { bold?: boolean; fill?: string } = {}) {
  const lines = text.split("\n");
  return new TableCell({
    children: lines.map((l) => p(l, { bold: opts.bold, size: 18 })),
    shading: opts.fill ? { type: ShadingType.CLEAR, color: "auto", fill: opts.fill } : undefined,
  });
}

function table(headers: string[], rows: (string | { text: string; fill?: string })[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, { bold: true, fill: HEAD_FILL })) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => (typeof c === "string" ? cell(c) : cell(c.text, { fill: c.fill }))) })),
    ],
  });
}

const impactWithEvidence = (impact: string, evidence: { label: string }[]) => `${impact}${evidence.length ? `\nEvidence: ${evidence.map((e) => e.label).join("; ")}` : ""}`;

const rag = (r: Rag | null) => (r ? { text: RAG_LABEL[r], fill: RAG_FILL[r] } : { text: "Not reviewed" });

export function planDocxFilename(yearName: string) {
  return `improvement-plan-${yearName}.docx`;
}

/** Builds the .docx for a year's plan. */
export async function buildPlanDocx({
  school,
  overview: ov,
  strands,
}: {
  school: School;
  overview: PlanOverview;
  /** As the reader may see them (lib/data leaves out evidence the reader may not see). */
  strands: StrandDetail[];
}): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: school.name, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `School improvement plan ${ov.year.name}`, heading: HeadingLevel.HEADING_1 }),
  ];
  if (school.vision) children.push(p(school.vision));
  children.push(
    p(
      `${ov.strands.length} strands · ${ov.counts.total} actions (${ov.counts.done} done, ${ov.counts.inProgress} in progress, ${ov.counts.overdue} overdue) · total cost ${formatMoney(ov.costPence)}`,
    ),
    new Paragraph({ text: "Summary", heading: HeadingLevel.HEADING_2 }),
    table(
      ["Strand", "Lead", "Link governor", ...ov.yearTerms.map((t) => formatTerm(t)), "Headline criterion", "Cost"],
      ov.strands.map((s) => [
        `${s.number}. ${s.strand.title}`,
        s.lead?.name ?? "–",
        s.linkGovernor?.name ?? "–",
        ...ov.yearTerms.map((t) => rag(s.ragByTerm[t.id] ?? null)),
        s.headline ? `${s.headline.description}${s.headline.kind === "measurable" ? `\n${s.headline.baselineLabel} → ${s.headline.targetLabel}; now ${s.headline.currentLabel}` : ""}` : "–",
        formatMoney(s.costPence),
      ]),
    ),
  );

  for (const d of strands) {
    children.push(
      new Paragraph({ text: `${d.number}. ${d.strand.title}`, heading: HeadingLevel.HEADING_2, pageBreakBefore: true }),
      p(`Lead: ${d.lead?.name ?? "–"} · Link governor: ${d.linkGovernor?.name ?? "–"}${d.carriedFrom ? ` · Carried forward from ${d.carriedFrom.yearName}` : ""}`),
      p(`SEF areas: ${d.sefLinks.map((l) => (l.developmentPointText ? `${l.areaName}: ${l.developmentPointText}` : l.areaName)).join("; ") || "–"}`),
      new Paragraph({ text: "Rationale", heading: HeadingLevel.HEADING_3 }),
      ...(d.strand.rationale || "–").split("\n").map((l) => p(l)),
      new Paragraph({ text: "Success criteria", heading: HeadingLevel.HEADING_3 }),
      table(
        ["Criterion", "Baseline", "Target", "Current", "Status"],
        d.criteria.map((c) => [
          `${c.description}${c.isHeadline ? " (headline)" : ""}${c.metricLabel ? `\n${c.metricLabel}` : ""}`,
          c.kind === "measurable" ? c.baselineLabel : "–",
          c.kind === "measurable" ? `${c.targetLabel}${c.dueTermKey ? ` by ${formatTerm(c.dueTermKey)}` : ""}` : "–",
          c.kind === "measurable" ? `${c.currentLabel}${c.current.termKey ? ` (${formatTerm(c.current.termKey)})` : ""}` : "–",
          c.status ? CRITERION_STATUS_LABEL[c.status] : "Narrative",
        ]),
      ),
      new Paragraph({ text: "Actions", heading: HeadingLevel.HEADING_3 }),
      table(
        ["Action", "Owner", "Start", "Due", "Cost", "Resources", "Monitoring", "Status"],
        d.actions.map((a) => [
          a.description,
          `${a.ownerName ?? "–"}${a.supporterNames.length ? `\nWith ${a.supporterNames.join(", ")}` : ""}`,
          formatDate(a.startDate) || "–",
          formatDate(a.dueDate) || "–",
          a.costPence ? formatMoney(a.costPence) : "–",
          a.resources || "–",
          `${a.monitoring || "–"}${a.monitoredByName ? ` (${a.monitoredByName})` : ""}`,
          `${ACTION_STATUS_LABEL[a.status]}${a.flag === "overdue" ? ", overdue" : ""}`,
        ]),
      ),
      p(`Total cost of this strand: ${formatMoney(d.costPence)}`, { bold: true }),
      new Paragraph({ text: "Milestones", heading: HeadingLevel.HEADING_3 }),
      table(
        ["Term", "What should be true", "Met?"],
        d.milestones.map((m) => [m.term[0]!.toUpperCase() + m.term.slice(1), m.description, m.met === null ? "Not yet judged" : m.met ? "Met" : "Not met"]),
      ),
      new Paragraph({ text: "Termly reviews", heading: HeadingLevel.HEADING_3 }),
      table(
        ["Term", "RAG", "Progress", "Impact and evidence", "Next steps", "Reviewed"],
        d.reviews.map((r) => [
          formatTerm(r.termKey),
          rag(r.rag),
          r.progress,
          impactWithEvidence(r.impact, r.evidence),
          `${r.nextSteps}${r.comments.length ? `\n${r.comments.map((c) => `Comment from ${c.authorName}: ${c.body}`).join("\n")}` : ""}`,
          `${r.reviewerName ?? "–"}, ${formatDate(r.reviewedOn)}`,
        ]),
      ),
    );
  }

  const doc = new Document({
    creator: "Waymark",
    title: `${school.name}: school improvement plan ${ov.year.name}`,
    styles: { default: { document: { run: { font: "Arial", size: 20 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
