import { describe, expect, it, vi } from "vitest";
import { AlignmentType, Bookmark, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TableOfContents, TextRun, type IContext, type IXmlableObject } from "docx";
import { estimatePageNumbers } from "docx/layout";
import { strFromU8, unzipSync } from "fflate";
import { bookmarkNames, headingNumbers, rememberedPageNumbers, reportPageNumbers } from "@/lib/report/docx-page-numbers";

/**
 * The report's contents list starts each numbered heading's entry with its number. The estimator counts
 * the numbers itself rather than have docx's layout read the document a second time; what it gives must
 * be exactly what the layout gives, or nothing (and then the layout answers).
 */
const FORMATS = ["%1.", "%1.%2"] as const;

/** A document like the report: an unnumbered first section, then numbered sections with numbered subsections and a bulleted list. */
function sample(sections: number) {
  let seq = 0;
  const heading = (text: string, level: 1 | 2, numbered: boolean) =>
    new Paragraph({
      heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      numbering: numbered ? { reference: "headings", level: level - 1 } : undefined,
      children: [new Bookmark({ id: `_Ref_test_${++seq}`, children: [new TextRun(text)] })],
    });
  const children: (Paragraph | TableOfContents)[] = [new Paragraph("Cover"), new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-1" }), heading("Summary", 1, false)];
  for (let s = 1; s <= sections; s++) {
    children.push(heading(`Section ${s}`, 1, true), new Paragraph({ numbering: { reference: "bullets", level: 0 }, children: [new TextRun("A point")] }));
    for (let k = 1; k <= (s % 3) + (s === 2 ? 10 : 0); k++) children.push(heading(`Part ${s}.${k}`, 2, true), new Paragraph("Text"));
  }
  return children;
}

/** The body and context docx hands the estimator, and the Word file. */
async function capture(children: (Paragraph | TableOfContents)[]): Promise<{ body: IXmlableObject; context: IContext }> {
  let seen: { body: IXmlableObject; context: IContext } | undefined;
  const spy = Object.assign(
    (body: IXmlableObject, context: IContext) => {
      seen = { body, context };
      return estimatePageNumbers(body, context);
    },
    { listNumbers: estimatePageNumbers.listNumbers },
  );
  const doc = new Document({
    pageNumbers: spy,
    numbering: {
      config: [
        {
          reference: "headings",
          levels: FORMATS.map((text, level) => ({ level, format: LevelFormat.DECIMAL, text, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 500, hanging: 500 } } } })),
        },
        { reference: "bullets", levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT }] },
      ],
    },
    sections: [{ children }],
  });
  await Packer.toBuffer(doc);
  return seen!;
}

describe("the report's heading numbers for its contents list", () => {
  it("are the layout's own, number for number and width for width", async () => {
    const { body, context } = await capture(sample(12));
    const layout = estimatePageNumbers.listNumbers!(body, context);
    expect(layout.size).toBeGreaterThan(20);
    const widths = new Map([...layout.values()].map((n) => [n.text, n.width]));
    const counted = headingNumbers(body, "headings", FORMATS, widths);
    expect(counted).not.toBeNull();
    expect([...counted!].sort()).toEqual([...layout].sort());
    // Two-digit numbers and a long run of subsections are among them.
    expect([...counted!.values()].map((n) => n.text)).toEqual(expect.arrayContaining(["10.", "12.", "2.10"]));
  });

  it("leave the layout to answer when a number's width is not known yet, or a bookmarked paragraph is on another list", async () => {
    const { body } = await capture(sample(12));
    expect(headingNumbers(body, "headings", FORMATS, new Map([["1.", 196.8]]))).toBeNull();
    expect(headingNumbers(body, "bullets", FORMATS, new Map())).toBeNull();
  });

  it("write the same contents list as the layout's estimator, learning the widths from its first answer", async () => {
    const build = async (pageNumbers: typeof estimatePageNumbers | ReturnType<typeof reportPageNumbers>) =>
      strFromU8(
        unzipSync(
          new Uint8Array(
            await Packer.toBuffer(
              new Document({
                pageNumbers,
                numbering: {
                  config: [
                    { reference: "headings", levels: FORMATS.map((text, level) => ({ level, format: LevelFormat.DECIMAL, text, alignment: AlignmentType.LEFT })) },
                    { reference: "bullets", levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT }] },
                  ],
                },
                sections: [{ children: sample(12) }],
              }),
            ),
          ),
        )["word/document.xml"]!,
      )
        .replace(/_Toc\d+/g, "_Toc")
        .replace(/w:id="\d+"/g, "w:id");
    const ours = reportPageNumbers("headings", FORMATS);
    const expected = await build(estimatePageNumbers);
    expect(expected).toMatch(/10\.<\/w:t>/);
    const layoutNumbers = vi.spyOn(estimatePageNumbers, "listNumbers");
    expect(await build(ours)).toBe(expected);
    expect(layoutNumbers).toHaveBeenCalledTimes(1);
    // Once the widths are known the numbers are counted without the layout, to the same document.
    expect(await build(ours)).toBe(expected);
    expect(layoutNumbers).toHaveBeenCalledTimes(1);
    layoutNumbers.mockRestore();
  });
});

describe("remembered page numbers", () => {
  it("give a second document what was worked out for the first, its contents list's bookmarks renamed, without laying it out again", async () => {
    const estimate = vi.fn((body: IXmlableObject, context: IContext) => estimatePageNumbers(body, context));
    const listNumbers = vi.fn((body: IXmlableObject, context: IContext) => estimatePageNumbers.listNumbers!(body, context));
    const remembered = rememberedPageNumbers(Object.assign(estimate, { listNumbers }));
    const one = await capture(sample(3));
    const two = await capture(sample(3));
    // docx names the contents list's bookmarks afresh in every document.
    expect(bookmarkNames(two.body)).not.toEqual(bookmarkNames(one.body));
    expect(bookmarkNames(two.body).filter((n) => !n.startsWith("_Toc"))).toEqual(bookmarkNames(one.body).filter((n) => !n.startsWith("_Toc")));
    expect(() => remembered.again(two.body, two.context)).toThrow(/not known yet/);
    expect(() => remembered.again.listNumbers!(two.body, two.context)).toThrow(/not known yet/);

    expect(remembered.estimator(one.body, one.context).bookmarks.size).toBeGreaterThan(0);
    remembered.estimator.listNumbers!(one.body, one.context);
    const fresh = estimatePageNumbers(two.body, two.context);
    expect(remembered.again(two.body, two.context).bookmarks).toEqual(fresh.bookmarks);
    expect(remembered.again.listNumbers!(two.body, two.context)).toEqual(estimatePageNumbers.listNumbers!(two.body, two.context));
    expect(estimate).toHaveBeenCalledTimes(1);
    expect(listNumbers).toHaveBeenCalledTimes(1);

    // A document with other headings is laid out afresh.
    const other = await capture(sample(4));
    expect(remembered.again(other.body, other.context).bookmarks).toEqual(estimatePageNumbers(other.body, other.context).bookmarks);
    expect(estimate).toHaveBeenCalledTimes(2);
  });
});
