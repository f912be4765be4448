import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TableOfContents, TextRun, Bookmark } from "docx";
import { estimatePageNumbers, estimatePageNumbersWith } from "docx/layout";
import { strFromU8, unzipSync } from "fflate";
import fs from "node:fs";
const PLACEHOLDER = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const real = fs.readFileSync("/tmp/prof/real.png");
(async () => {
  for (const [name, data] of [["placeholder", PLACEHOLDER], ["real", real]] as const) {
    let seen: any;
    const est = Object.assign((b: any, c: any) => (seen = estimatePageNumbersWith({ guess: true })(b, c)), { listNumbers: estimatePageNumbers.listNumbers });
    const doc = new Document({ pageNumbers: est, sections: [{ children: [new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-1" }), new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new Bookmark({ id: "_Ref_a", children: [new TextRun("One")] })] }), new Paragraph({ children: [new ImageRun({ type: "png", data, transformation: { width: 500, height: 200 } })] }), new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new Bookmark({ id: "_Ref_b", children: [new TextRun("Two")] })] })] }] });
    const xml = strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(doc)))["word/document.xml"]!);
    console.log(name, (xml.match(/PAGEREF[^<]*<\/w:instrText>.{0,70}/g) ?? []).map((s) => s.slice(-30)), JSON.stringify(seen?.guesses));
  }
})();
