import iconv from "iconv-lite";
import { parseCsv, type CsvTable, type LineError } from "./csv";

/**
 * Reading an imported file as it really comes from an MIS or from Excel, for any import kind: the
 * encoding (UTF-8 with or without a byte-order mark, UTF-16 LE/BE, Windows-1252), the delimiter (comma,
 * semicolon, tab), an Excel workbook's sheet, or an XML document (the DfE's Common Transfer File).
 * The result is a table (header and records with the line numbers a person sees) or the XML text,
 * plus what was used, for the preview to say. Pure: no database, no file system.
 */

export type Delimiter = "," | ";" | "\t";

export type SourceInfo = {
  format: "csv" | "xlsx" | "xml";
  /** How the text was decoded ("UTF-8", "UTF-16 LE", "Windows-1252"); null for a workbook. */
  encoding: string | null;
  delimiter: Delimiter | null;
  /** The worksheet read, and every worksheet of the workbook (empty for text files). */
  sheet: string | null;
  sheets: string[];
};

export type SourceTable = CsvTable & { info: SourceInfo };

export type Source =
  { ok: true; kind: "table"; table: SourceTable; info: SourceInfo } | { ok: true; kind: "xml"; text: string; info: SourceInfo } | { ok: false; errors: LineError[]; info?: SourceInfo };

const DELIMITER_NAME: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

/** "UTF-8, comma-separated" / "Excel workbook, sheet Pupils" / "XML (UTF-8)": for the preview. */
export function describeSource(info: SourceInfo): string {
  if (info.format === "xlsx") return `Excel workbook, sheet "${info.sheet}"${info.sheets.length > 1 ? ` (of ${info.sheets.length})` : ""}`;
  if (info.format === "xml") return `XML, ${info.encoding}`;
  return `${info.encoding} text, ${info.delimiter ? DELIMITER_NAME[info.delimiter] : "comma"}-separated`;
}

const ENCODING_HELP = "Save it from your MIS or Excel as CSV (UTF-8), Unicode text, Excel workbook (.xlsx) or the CTF's XML.";

function refuse(message: string, info?: SourceInfo): Source {
  return { ok: false, errors: [{ line: null, message }], ...(info ? { info } : {}) };
}

function startsWith(bytes: Uint8Array, sig: number[]) {
  return sig.every((b, i) => bytes[i] === b);
}

/** Whether the bytes are well-formed UTF-8 (any non-ASCII byte must be part of a valid sequence). */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a byte-order mark: most ASCII characters have a zero byte on one side. */
function guessUtf16(bytes: Uint8Array): "UTF-16 LE" | "UTF-16 BE" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4000);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return "UTF-16 LE";
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return "UTF-16 BE";
  return null;
}

/** Windows-1252 leaves five bytes undefined; text with them, or with control characters, is not 1252 text. */
const NOT_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
function looksLike1252Text(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (NOT_1252.has(b)) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

/** Text that decoded to control characters (other than tab and line breaks) is not a text file. */
function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text.slice(0, 100_000));
}

/**
 * Decodes a text file: a byte-order mark names UTF-8 or UTF-16 (LE/BE); without one, UTF-16 is
 * recognised by its zero bytes, well-formed UTF-8 is UTF-8, and anything else is read as Windows-1252
 * (what Excel's plain "CSV" and older MIS exports write) when every byte is a 1252 text character.
 * Anything else (a binary file, another encoding) is refused with a message about its encoding.
 */
export function decodeText(bytes: Uint8Array): { ok: true; text: string; encoding: string } | { ok: false; errors: LineError[] } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  let encoding: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    if (!isUtf8(bytes.subarray(3)))
      return { ok: false, errors: [{ line: null, message: `The file starts with a UTF-8 byte-order mark but is not valid UTF-8, so its text cannot be read safely. ${ENCODING_HELP}` }] };
    text = buf.subarray(3).toString("utf8");
    encoding = "UTF-8 (with byte-order mark)";
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    text = iconv.decode(buf.subarray(2), "utf-16le");
    encoding = "UTF-16 LE";
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    text = iconv.decode(buf.subarray(2), "utf-16be");
    encoding = "UTF-16 BE";
  } else {
    const utf16 = guessUtf16(bytes);
    if (utf16) {
      text = iconv.decode(buf, utf16 === "UTF-16 LE" ? "utf-16le" : "utf-16be");
      encoding = utf16;
    } else if (isUtf8(bytes)) {
      text = buf.toString("utf8");
      encoding = "UTF-8";
    } else if (looksLike1252Text(bytes)) {
      text = iconv.decode(buf, "windows-1252");
      encoding = "Windows-1252";
    } else {
      return {
        ok: false,
        errors: [
          { line: null, message: `The file's encoding cannot be recognised: it is not UTF-8, UTF-16 or Windows-1252 text (is it a PDF, an old .xls workbook or a zipped file?). ${ENCODING_HELP}` },
        ],
      };
    }
  }
  if (hasControlCharacters(text)) {
    return { ok: false, errors: [{ line: null, message: `The file's encoding cannot be recognised: read as ${encoding} it holds control characters, so it is not a text export. ${ENCODING_HELP}` }] };
  }
  return { ok: true, text, encoding };
}

/**
 * The delimiter of a delimited text file: whichever of tab, semicolon and comma splits the header line
 * (outside quotes) into the most columns; comma when none does.
 */
export function detectDelimiter(text: string): Delimiter {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let end = src.search(/\r|\n/);
  if (end < 0) end = src.length;
  const first = src.slice(0, end);
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  for (const ch of first) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
  }
  const best = (["\t", ";", ","] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a), "," as Delimiter);
  return counts[best] > 0 ? best : ",";
}

function isXml(text: string): boolean {
  const head = text
    .slice(0, 400)
    .replace(/^\uFEFF/, "")
    .trimStart();
  return head.startsWith("<?xml") || /^<(CTfile|CTF)\b/i.test(head);
}

/** Reads delimited text that is already a string (the CLI's and the tests' CSV), detecting the delimiter. */
export function sourceFromText(text: string, encoding = "UTF-8"): Source {
  if (isXml(text)) {
    const info: SourceInfo = { format: "xml", encoding, delimiter: null, sheet: null, sheets: [] };
    return { ok: true, kind: "xml", text, info };
  }
  const delimiter = detectDelimiter(text);
  const info: SourceInfo = { format: "csv", encoding, delimiter, sheet: null, sheets: [] };
  const parsed = parseCsv(text, delimiter);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, info };
  return { ok: true, kind: "table", table: { ...parsed.table, info }, info };
}

/**
 * Reads an uploaded file's bytes: an Excel workbook (.xlsx, recognised by its zip signature) is read
 * from its first sheet or the sheet named; anything else is decoded as text and read as XML or as
 * delimited text.
 */
export async function readSource(bytes: Uint8Array, opts: { sheet?: string | null } = {}): Promise<Source> {
  if (bytes.length === 0) return refuse("The file is empty: it needs a header row and at least one row of data.");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readWorkbook(bytes, opts.sheet ?? null);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return refuse("The file is an Excel 97–2003 workbook (.xls), which cannot be read. Open it in Excel and save it as an Excel workbook (.xlsx) or as CSV (UTF-8).");
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, errors: decoded.errors };
  return sourceFromText(decoded.text, decoded.encoding);
}

/** A cell's value as the text a person sees: dates as YYYY-MM-DD, formulas as their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if (typeof v.text === "string") return v.text;
    if (v.error !== undefined) return "";
    return "";
  }
  return String(value);
}

async function readWorkbook(bytes: Uint8Array, sheetName: string | null): Promise<Source> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings name the older Buffer type; the bytes are a Node Buffer either way.
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return refuse("The file looks like a zipped file but is not an Excel workbook that can be read. Save it from Excel as an Excel workbook (.xlsx) or as CSV (UTF-8).");
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheetName ? wb.worksheets.find((w) => w.name.trim().toLowerCase() === sheetName.trim().toLowerCase()) : wb.worksheets[0];
  const info: SourceInfo = { format: "xlsx", encoding: null, delimiter: null, sheet: ws?.name ?? null, sheets };
  if (!ws) return refuse(sheetName ? `The workbook has no sheet called "${sheetName}" (its sheets: ${sheets.join(", ")}).` : "The workbook has no sheets.", info);
  const rows: { line: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]).trim());
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    if (cells.length) rows.push({ line: rowNumber, cells });
  });
  const [head, ...rest] = rows;
  // A row's empty cells at the end are not written to the workbook: pad each row to the header's width.
  const records = rest.map((r) => (head && r.cells.length < head.cells.length ? { line: r.line, cells: [...r.cells, ...Array<string>(head.cells.length - r.cells.length).fill("")] } : r));
  if (!head) return refuse(`The sheet "${ws.name}" is empty: it needs a header row and at least one row of data.`, info);
  return { ok: true, kind: "table", table: { header: head.cells.map((h) => h.toLowerCase()), rawHeader: head.cells, records, info }, info };
}
