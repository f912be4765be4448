import "server-only";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { formatDate, formatTerm } from "@/lib/format";
import type { MeetingView } from "@/lib/data/meetings";

const ATTENDANCE_LABEL = { present: "Present", apologies: "Apologies", absent: "Absent" } as const;

/** A meeting's agenda and minutes as an A4 Word document, for the clerk to edit and circulate. */
export async function buildMeetingDocx({ schoolName, meeting: m }: { schoolName: string; meeting: MeetingView }): Promise<Buffer> {
  const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
  const h = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text, heading: level });
  const children: Paragraph[] = [
    p(schoolName),
    h(`${m.bodyName}: ${formatDate(m.date)}`, HeadingLevel.TITLE),
    p(`${formatDate(m.date)} at ${m.startTime}${m.place ? `, ${m.place}` : ""}`),
    p(`Papers out ${formatDate(m.papersOutDate)}${m.reportTermKey ? `: report to governors, ${formatTerm(m.reportTermKey)}` : ""}`),
    h("Agenda", HeadingLevel.HEADING_1),
    ...(m.agenda.length ? m.agenda.map((a, i) => p(`${i + 1}. ${a.title}${a.linkLabel ? ` (${a.linkLabel})` : ""}`)) : [p("No agenda items.")]),
    h("Minutes", HeadingLevel.HEADING_1),
    h("Attendance", HeadingLevel.HEADING_2),
    ...m.members.map((x) => p(`${x.name}${x.jobTitle ? `, ${x.jobTitle}` : ""}: ${x.attendance ? ATTENDANCE_LABEL[x.attendance] : "not recorded"}`)),
    h("Questions raised", HeadingLevel.HEADING_2),
    ...(m.challenges.length
      ? m.challenges.flatMap((c) => [p(`${c.raisedByName}: ${c.question}`, true), p(c.answer ? `Answer (${c.answeredByName ?? ""}): ${c.answer}` : "Not answered yet.")])
      : [p("None recorded.")]),
    h("Decisions", HeadingLevel.HEADING_2),
    ...(m.minutes.some((r) => r.kind === "decision") ? m.minutes.filter((r) => r.kind === "decision").map((r) => p(r.text)) : [p("None minuted.")]),
    h("Actions", HeadingLevel.HEADING_2),
    ...(m.minutes.some((r) => r.kind === "action")
      ? m.minutes.filter((r) => r.kind === "action").map((r) => p(`${r.text} (${r.ownerName ?? "no owner"}, by ${formatDate(r.dueDate)})`))
      : [p("None minuted.")]),
  ];
  const doc = new Document({
    creator: "Waymark",
    title: `${m.bodyName}: ${formatDate(m.date)}`,
    styles: { default: { document: { run: { font: "Arial", size: 21 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
