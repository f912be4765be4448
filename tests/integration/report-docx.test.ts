import { beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { formatTerm } from "@/lib/format";
import { db } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import { yn } from "@/db/seed/demo/dates";
import { findBoardMeetingForReport } from "@/lib/data/report-format";
import { findTermByKey } from "@/lib/data/school";
import { getReportData } from "@/lib/report/assemble";
import { processKept } from "@/lib/kept";
import { columnWidths, buildReportDocx } from "@/lib/report/docx";
import { placedSections, formatOf } from "@/lib/report/format";
import { REPORT_SECTION_LABEL } from "@/lib/report/labels";
import type { ReportData } from "@/lib/report/types";

/**
 * The Word document read back as OOXML (unzipped with fflate): real heading styles with numbering, the
 * running header and "Page n of m" fields, a filled contents list, repeated header rows, fixed column
 * widths, and the title and language (en-GB) that make it accessible. The demo's summer report.
 */
let files: Record<string, string> = {};
let media: Uint8Array[] = [];
let data: ReportData;
let meetingDate: string | null = null;

beforeAll(async () => {
  await seedDemo(db);
  const key = `${yn("2025-26")}:summer`;
  const term = findTermByKey({ key })!;
  data = getReportData({ termKey: key });
  const meeting = findBoardMeetingForReport({ termId: term.id });
  meetingDate = meeting?.date ?? null;
  const zip = unzipSync(new Uint8Array(await buildReportDocx(data, { meeting })));
  media = Object.entries(zip)
    .filter(([k]) => k.startsWith("word/media/"))
    .map(([, v]) => v);
  files = Object.fromEntries(
    Object.entries(zip)
      .filter(([k]) => k.endsWith(".xml") || k.endsWith(".rels"))
      .map(([k, v]) => [k, strFromU8(v)]),
  );
}, 120_000);

const texts = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&apos;/g, "'").replace(/&amp;/g, "&")).join("");

describe("the report's Word document", () => {
  it("is a package Word opens: content types, the document, styles, numbering, settings, header and footer", () => {
    for (const part of ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml", "docProps/core.xml"])
      expect(Object.keys(files), part).toContain(part);
    expect(Object.keys(files).some((k) => /^word\/header\d+\.xml$/.test(k))).toBe(true);
    expect(Object.keys(files).some((k) => /^word\/footer\d+\.xml$/.test(k))).toBe(true);
    expect(files["word/document.xml"]).toMatch(/^<\?xml/);
  });

  it("has its title and language (en-GB) in the core properties and the default style", () => {
    const title = /<dc:title>([^<]*)<\/dc:title>/.exec(files["docProps/core.xml"]!)?.[1]?.replace(/&apos;/g, "'");
    expect(title).toBe(`${data.school.name}: headteacher's report to governors, ${formatTerm(data.term)}`);
    expect(files["docProps/core.xml"]).toContain("<dc:language>en-GB</dc:language>");
    expect(files["word/styles.xml"]).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="en-GB"\/>[\s\S]*<\/w:docDefaults>/);
  });

  it("uses real heading styles, numbered: every section the board chose is a Heading 1, numbered but for the summary", () => {
    const styles = files["word/styles.xml"]!;
    for (const id of ["Title", "Heading1", "Heading2", "Heading3"]) expect(styles).toContain(`w:styleId="${id}"`);
    const doc = files["word/document.xml"]!;
    const h1 = [...doc.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Heading1"\/>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g)].map((m) => m[0]);
    const placed = placedSections(formatOf(data));
    expect(h1.map(texts)).toEqual(placed.map((s) => REPORT_SECTION_LABEL[s.key]));
    // The board's order in the demo: the summary, then the plan, and the school's context last.
    expect(placed[0]!.key).toBe("summary");
    expect(placed[placed.length - 1]!.key).toBe("context");
    h1.forEach((p, i) => {
      if (placed[i]!.number === null) expect(p).not.toContain("<w:numPr>");
      else expect(p).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    });
    expect(files["word/numbering.xml"]).toContain('<w:lvlText w:val="%1."/>');
    expect(files["word/numbering.xml"]).toContain('<w:lvlText w:val="%1.%2"/>');
  });

  it("has a cover with the school, the term and the board meeting, and a contents list that is filled in", () => {
    const doc = files["word/document.xml"]!;
    const all = texts(doc);
    expect(meetingDate).not.toBeNull();
    expect(all).toContain(data.school.name);
    expect(all).toContain("Headteacher's report to governors");
    expect(all).toMatch(/Papers for the meeting of the .+ on \d{1,2} \w+ \d{4}/);
    expect(doc).toContain("TOC \\h \\o &quot;1-1&quot;");
    // The contents are written into the field (not left for Word to fill), with page numbers.
    const toc = doc.slice(doc.indexOf("<w:sdtContent>"), doc.indexOf("</w:sdtContent>"));
    for (const s of placedSections(formatOf(data))) expect(texts(toc)).toContain(REPORT_SECTION_LABEL[s.key]);
    expect(texts(toc)).toMatch(/Summary for the board\s*2/);
  });

  it("gives each section in the contents list the page its heading is on", () => {
    // docx's layout with the patches of patches/docx+9.15.2.patch (its row heights and paragraph measures kept):
    // the pages LibreOffice lays this report's headings out on, read from its PDF. A patch that laid a table
    // out taller or shorter would move a heading and fail here.
    const doc = files["word/document.xml"]!;
    const toc = doc.slice(doc.indexOf("<w:sdtContent>"), doc.indexOf("</w:sdtContent>"));
    const pages = [...toc.matchAll(/<w:fldChar w:fldCharType="separate"\/><w:t xml:space="preserve">(\d+)<\/w:t>/g)].map((m) => Number(m[1]));
    expect(pages).toEqual([2, 3, 4, 6, 8, 8, 9, 9, 10, 10]);
  });

  it("numbers its pages (PAGE and NUMPAGES fields) under a running header", () => {
    const footers = Object.entries(files)
      .filter(([k]) => /^word\/footer\d+\.xml$/.test(k))
      .map(([, v]) => v)
      .join("");
    expect(footers).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footers).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    const headers = Object.entries(files)
      .filter(([k]) => /^word\/header\d+\.xml$/.test(k))
      .map(([, v]) => texts(v))
      .join(" ");
    expect(headers).toContain(`${data.school.name} · Report to governors · Summer`);
    expect(files["word/document.xml"]).toContain("<w:titlePg/>");
  });

  it("repeats every table's header row, and fixes its layout and column widths", () => {
    const doc = files["word/document.xml"]!;
    const tables = doc.split("<w:tbl>").slice(1);
    const dataTables = tables.filter((t) => t.includes("<w:tblHeader/>"));
    expect(dataTables.length).toBeGreaterThan(20);
    for (const t of dataTables) {
      expect(t).toContain('<w:tblLayout w:type="fixed"/>');
      expect(t).toMatch(/<w:tblGrid>(<w:gridCol w:w="\d+"\/>)+<\/w:tblGrid>/);
    }
    // The summary's heat map: shaded cells with the judgement in words.
    expect(doc).toMatch(/<w:shd w:fill="(F6D7D2|FBE4B8|CCE2D8|D2E2F1)" w:color="auto" w:val="clear"\/>/);
  });

  it("places each chart as an image with alt text, no wider than the page", () => {
    const doc = files["word/document.xml"]!;
    const extents = [...doc.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(extents.length).toBeGreaterThanOrEqual(3);
    // 10,106 twips of text width is 6,417,310 EMU.
    for (const cx of extents) expect(cx).toBeLessThanOrEqual(6_417_310);
    expect(doc).toMatch(/<wp:docPr [^>]*descr="[^"]+"/);
  });

  it("draws each chart (in a child process) as a PNG twice the width it is placed at, never the stand-in", () => {
    const doc = files["word/document.xml"]!;
    const placed = [...doc.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => Math.round(Number(m[1]) / 9525));
    expect(media.length).toBe(placed.length);
    const widths = media.map((png) => {
      expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
      return new DataView(png.buffer, png.byteOffset).getUint32(16);
    });
    expect(widths.every((w) => w > 100)).toBe(true);
    expect(widths.sort()).toEqual(placed.map((px) => px * 2).sort());
  });

  it("marks each section for decision, discussion or information", () => {
    const all = texts(files["word/document.xml"]!);
    expect(all).toContain("For decision");
    expect(all).toContain("For discussion");
    expect(all).toContain("For information");
  });
});

describe("a chart's table", () => {
  /** The width (twips) of the table whose header row starts "Subject" and names `term`, and whether it sits in a layout table's cell. */
  const trendTable = async (d: ReportData, term: string) => {
    const doc = strFromU8(unzipSync(new Uint8Array(await buildReportDocx(d)))["word/document.xml"]!);
    const at = doc.indexOf(`>${term}</w:t>`, doc.indexOf("Trend across terms"));
    const start = doc.lastIndexOf("<w:tbl>", at);
    const inCell = doc.lastIndexOf("<w:tc>", start) > doc.lastIndexOf("</w:tc>", start);
    return { width: Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(doc.slice(start))![1]), inCell };
  };

  it("sits beside the chart when its columns fit there, and below it across the page when they do not", async () => {
    const top = data.attainmentTrend.at(-1)!.yearGroup;
    const points = data.attainmentTrend.filter((p) => p.yearGroup === top);
    const terms = [...new Set(points.map((p) => p.term))];
    expect(terms.length).toBeGreaterThan(1);
    const beside = await trendTable(data, formatTerm(terms.at(-1)!));
    expect(beside.inCell).toBe(true);
    expect(beside.width).toBeLessThan(5000);

    // Six terms of figures do not fit beside the chart without breaking "Summer 2025" and "Reading".
    const six = ["2024-25:autumn", "2024-25:spring", "2024-25:summer", "2025-26:autumn", "2025-26:spring", "2025-26:summer"];
    const longer = { ...data, attainmentTrend: six.flatMap((term, i) => points.filter((p) => p.term === terms[i % terms.length]).map((p) => ({ ...p, term }))) };
    const below = await trendTable(longer, formatTerm(six[5]!));
    expect(below.inCell).toBe(false);
    expect(below.width).toBe(10106);
  }, 120_000);
});

describe("column widths", () => {
  it("give every column at least its longest word, so no word is broken", () => {
    const head = ["Subject", "All", "Disadvantaged", "Not disadvantaged", "Gap (pts)", "SEN", "EAL", "Girls", "Boys"];
    const rows = [["Reading, writing and maths", "86.7% (40.0%)", "62.5% (12.5%)", "95.5% (50.0%)", "-33", "40.0% (20.0%)", "withheld (protects a smaller group)", "84.6% (38.5%)", "88.2% (41.2%)"]];
    const w = columnWidths(head, rows, 10106, 14);
    expect(w.reduce((a, b) => a + b, 0)).toBe(10106);
    // "Disadvantaged" in bold 7 pt is about 0.9 inch: its column is wider than that.
    expect(w[2]).toBeGreaterThan(1000);
    // The figures' columns fit "86.7% (40.0%)" on one line; the long reason may wrap.
    expect(w[1]).toBeGreaterThan(1000);
    expect(w[6]).toBeLessThan(2000);
  });
});

describe("exporting the same report again", () => {
  it("serves the file made from the same data, and makes a new one when the data changes", async () => {
    const first = await buildReportDocx(data);
    expect(await buildReportDocx({ ...data, generatedAt: `${data.generatedAt.slice(0, 10)}T23:59:59.000Z` })).toBe(first);
    const changed = await buildReportDocx({ ...data, narrative: { ...data.narrative, context: "A new paragraph for the board." } });
    expect(changed).not.toBe(first);
    const text = texts(strFromU8(unzipSync(new Uint8Array(changed))["word/document.xml"]!));
    expect(text).toContain("A new paragraph for the board.");
  }, 120_000);
});

describe("a report whose charts are drawn for it", () => {
  it("is laid out once, while its charts are drawn, and has the pages of one built with its charts already drawn", async () => {
    const term = findTermByKey({ key: data.term })!;
    const meeting = findBoardMeetingForReport({ termId: term.id })!;
    const documentXml = async (m: typeof meeting) =>
      strFromU8(unzipSync(new Uint8Array(await buildReportDocx(data, { meeting: m })))["word/document.xml"]!)
        // What docx numbers afresh in every document: the contents list's bookmarks and the drawings' ids.
        .replace(/_Toc\d+/g, "_Toc")
        .replace(/w:id="\d+"/g, "w:id")
        .replace(/<wp:docPr id="\d+"/g, "<wp:docPr");
    processKept("chart-png", 36).clear();
    const drawnForIt = await documentXml(meeting);
    // The same meeting written in another order: a file of its own (files are kept by their data's JSON)
    // with the same content, built in one pass from the charts the first build drew and kept.
    const reordered = Object.fromEntries(Object.entries(meeting).reverse()) as typeof meeting;
    const chartsKept = await documentXml(reordered);
    expect(drawnForIt).toContain("<wp:extent");
    // Its contents list has page numbers (the layout's), not blanks.
    expect(drawnForIt).toMatch(/PAGEREF _Toc \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t xml:space="preserve">\d+<\/w:t>/);
    // Compared as a whole, without printing two whole documents when they differ.
    const differsAt = [...chartsKept].findIndex((c, i) => c !== drawnForIt[i]);
    expect(differsAt === -1 && chartsKept.length === drawnForIt.length ? "the same" : drawnForIt.slice(Math.max(0, differsAt - 200), differsAt + 200)).toBe("the same");
  }, 120_000);
});
