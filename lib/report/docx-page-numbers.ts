import type { BookmarkListNumber, EstimatedPageNumbers, IContext, IXmlableObject, PageNumberEstimator } from "docx";
import { estimatePageNumbers } from "docx/layout";

/**
 * The page-number estimator the report's Word document is written with: docx's own layout
 * (`estimatePageNumbers`) for the pages, with the numbers of its numbered headings worked out here.
 *
 * docx asks the estimator for the list numbers of the bookmarked paragraphs (the headings the contents
 * list and its entries point at) so each entry starts with its heading's number, as Word writes it. The
 * layout's own answer reads the whole document a second time (about a third of the estimate on a large
 * school's report). The report's headings are numbered in one simple way, "1." and "1.1" on one list,
 * so the numbers are counted here in one walk of the body; the width Word gives each number (for the tab
 * stop after it) is the layout's, learnt from its answer the first time a number is seen. Anything else
 * (a number not yet seen, a bookmarked paragraph on another list) is left to the layout, so the result
 * is always exactly the layout's.
 */
export function reportPageNumbers(headingList: string, formats: readonly string[]): PageNumberEstimator {
  return Object.assign((body: IXmlableObject, context: IContext) => estimatePageNumbers(body, context), {
    listNumbers: (body: IXmlableObject, context: IContext) => headingNumbers(body, headingList, formats) ?? learn(estimatePageNumbers.listNumbers!(body, context)),
  });
}

/** The width of each number text as the layout measured it ("1." and "2.1"), in twips. */
const widths = new Map<string, number>();

function learn(numbers: ReadonlyMap<string, BookmarkListNumber>): ReadonlyMap<string, BookmarkListNumber> {
  for (const n of numbers.values()) if (n.separator === "tab") widths.set(n.text, n.width);
  return numbers;
}

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === "object" && x !== null && !Array.isArray(x);
const children = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const attr = (x: unknown, name: string): unknown => (isNode(x) && isNode(x._attr) ? x._attr[name] : undefined);

/**
 * The list numbers of the body's bookmarked paragraphs, counted along the heading list (`headingList`,
 * the numbering reference docx writes as "{reference-0}"), each level's text from `formats` ("%1."),
 * or null when the body has a bookmarked numbered paragraph on another list, a level without a format,
 * or a number whose width is not known yet.
 */
export function headingNumbers(body: IXmlableObject, headingList: string, formats: readonly string[], known: ReadonlyMap<string, number> = widths): Map<string, BookmarkListNumber> | null {
  const listId = `{${headingList}-0}`;
  const counts: number[] = [];
  const out = new Map<string, BookmarkListNumber>();
  for (const block of children(body["w:body"])) {
    if (!isNode(block) || !("w:p" in block)) continue;
    const parts = children(block["w:p"]);
    const numPr = children(parts.find((p) => isNode(p) && "w:pPr" in p)?.["w:pPr" as never]).find((p) => isNode(p) && "w:numPr" in p) as Node | undefined;
    const names = parts.filter((p) => isNode(p) && "w:bookmarkStart" in p).map((p) => String(attr((p as Node)["w:bookmarkStart"], "w:name")));
    if (!numPr) continue;
    const pr = children(numPr["w:numPr"]);
    const level = Number(attr(pr.find((p) => isNode(p) && "w:ilvl" in p)?.["w:ilvl" as never], "w:val"));
    const numId = String(attr(pr.find((p) => isNode(p) && "w:numId" in p)?.["w:numId" as never], "w:val"));
    if (numId !== listId) {
      if (names.length) return null;
      continue;
    }
    const format = formats[level];
    if (format === undefined || !Number.isInteger(level)) return null;
    counts[level] = (counts[level] ?? 0) + 1;
    counts.length = level + 1;
    for (let l = 0; l < level; l++) counts[l] ??= 1;
    if (!names.length) continue;
    const text = format.replace(/%(\d)/g, (_, d: string) => String(counts[Number(d) - 1] ?? 0));
    const width = known.get(text);
    if (width === undefined) return null;
    for (const name of names) out.set(name, { text, separator: "tab", width });
  }
  return out;
}

/**
 * An estimator that remembers what `estimator` worked out for the first document it is given, and gives
 * it again (`again`) for a second whose pages are the same: the report with its charts drawn in where the
 * first had blank places of the same size. docx names the contents list's bookmarks afresh in every
 * document ("_Toc12"), so the second document's bookmarks take the numbers of the first's in the same
 * places; a second document with other bookmarks is laid out by `estimator` itself.
 */
export function rememberedPageNumbers(estimator: PageNumberEstimator): { estimator: PageNumberEstimator; again: PageNumberEstimator } {
  // The bodies are kept to be read for their bookmarks' names only if a second document asks.
  let pages: { body: IXmlableObject; value: EstimatedPageNumbers } | undefined;
  let lists: { body: IXmlableObject; value: ReadonlyMap<string, BookmarkListNumber> } | undefined;
  const listsOf = (body: IXmlableObject, context: IContext) => (estimator.listNumbers ? estimator.listNumbers(body, context) : new Map<string, BookmarkListNumber>());
  // Each body's bookmark names are read once, though the page numbers and the list numbers both ask.
  const names = new WeakMap<IXmlableObject, string[]>();
  const namesOf = (body: IXmlableObject) => names.get(body) ?? names.set(body, bookmarkNames(body)).get(body)!;
  /** What the first document worked out, and its bookmarks' names to those of `body` (null if they differ otherwise). */
  const carried = <T>(kept: { body: IXmlableObject; value: T } | undefined, what: string, body: IXmlableObject) => {
    if (!kept) throw new Error(`The ${what} of the report's first build are not known yet`);
    return { value: kept.value, to: renaming(namesOf(kept.body), namesOf(body)) };
  };
  return {
    estimator: Object.assign((body: IXmlableObject, context: IContext) => (pages = { body, value: estimator(body, context) }).value, {
      listNumbers: (body: IXmlableObject, context: IContext) => (lists = { body, value: listsOf(body, context) }).value,
    }),
    again: Object.assign(
      (body: IXmlableObject, context: IContext) => {
        const { value, to } = carried(pages, "page numbers", body);
        if (!to) return estimator(body, context);
        return { ...value, bookmarks: renamed(value.bookmarks, to)!, bookmarkPageNumbers: renamed(value.bookmarkPageNumbers, to), relativePositions: renamed(value.relativePositions, to) };
      },
      {
        listNumbers: (body: IXmlableObject, context: IContext) => {
          const { value, to } = carried(lists, "heading numbers", body);
          return to ? renamed(value, to)! : listsOf(body, context);
        },
      },
    ),
  };
}

/** The names of the bookmarks a formatted body starts, in order. */
export function bookmarkNames(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const child of node) bookmarkNames(child, out);
  } else if (isNode(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "_attr") continue;
      if (key !== "w:bookmarkStart") bookmarkNames(value, out);
      else {
        const name = attr(Array.isArray(value) ? value.find((v) => isNode(v) && "_attr" in v) : value, "w:name");
        if (typeof name === "string") out.push(name);
      }
    }
  }
  return out;
}

/** Each of one document's bookmark names to the name in the same place in another, or null when they differ other than in the names docx gives its contents list's. */
function renaming(from: readonly string[], to: readonly string[]): Map<string, string> | null {
  if (from.length !== to.length) return null;
  const pairs = new Map<string, string>();
  for (let i = 0; i < from.length; i++) {
    if (from[i] !== to[i] && !(/^_Toc\d+$/.test(from[i]!) && /^_Toc\d+$/.test(to[i]!))) return null;
    pairs.set(from[i]!, to[i]!);
  }
  return pairs;
}

function renamed<V>(map: ReadonlyMap<string, V> | undefined, to: ReadonlyMap<string, string>): Map<string, V> | undefined {
  return map && new Map([...map].map(([name, value]) => [to.get(name) ?? name, value]));
}
