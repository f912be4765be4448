/** A problem with one line of an imported file (line 1 is the header), or with the file as a whole (line null). */
export type LineError = { line: number | null; message: string };

/** One data record: the physical line it starts on, and its cells (trimmed). */
type CsvRecord = { line: number; cells: string[] };

/** The header lower-cased (`header`) and as written (`rawHeader`, trimmed), and the data records. */
export type CsvTable = { header: string[]; rawHeader: string[]; records: CsvRecord[] };

/**
 * Parses CSV as MIS exports write it (RFC 4180): comma-separated (or the delimiter given), fields optionally in double quotes,
 * `""` for a quote inside a quoted field, commas and line breaks allowed inside quotes, CRLF or LF line
 * endings, a UTF-8 byte-order mark tolerated. Blank lines are skipped. Cells are trimmed. Returns the
 * header (lower-cased) and the records, each with the line number a person would see in a spreadsheet
 * or text editor, or an error for a quote left open.
 */
export function parseCsv(text: string, delimiter: "," | ";" | "\t" = ","): { ok: true; table: CsvTable } | { ok: false; errors: LineError[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteOpenedOn = 0;
  const n = src.length;

  const endCell = () => {
    cells.push(quoted ? cell : cell.trim());
    cell = "";
    quoted = false;
  };
  const endRecord = () => {
    endCell();
    // A blank line is one empty, unquoted cell: skip it.
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < n; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else if (ch === "\n" || ch === "\r") {
        // A line break inside quotes is part of the value; CRLF and CR count as one break.
        if (ch === "\r" && src[i + 1] === "\n") i++;
        cell += "\n";
        line++;
      } else {
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      // A quote opens a quoted field only at the start of the field (leading spaces allowed).
      if (cell.trim() === "" && !quoted) {
        inQuotes = true;
        quoted = true;
        cell = "";
        quoteOpenedOn = line;
      } else cell += ch;
    } else if (ch === delimiter) {
      endCell();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (quoted) {
      // Text after a closing quote ("abc"def): keep it rather than lose what the user wrote.
      if (ch !== " " && ch !== "\t") cell += ch;
    } else {
      cell += ch;
    }
  }
  if (inQuotes) return { ok: false, errors: [{ line: quoteOpenedOn, message: 'a quoted value is never closed (a " is missing)' }] };
  if (cell !== "" || quoted || cells.length > 0) endRecord();

  const [head, ...records] = rows;
  if (!head) return { ok: false, errors: [{ line: null, message: "The file is empty: it needs a header row and at least one row of data." }] };
  return { ok: true, table: { header: head.cells.map((h) => h.toLowerCase()), rawHeader: head.cells, records } };
}

/**
 * Checks the header names every required column (in any order; extra columns are ignored) and no column
 * twice. Returns each column's index, or the errors naming what is missing.
 */
export function checkHeader<C extends string>(
  header: string[],
  required: readonly C[],
  optional: readonly string[] = [],
): { ok: true; index: Record<C, number> & Record<string, number> } | { ok: false; errors: LineError[] } {
  const errors: LineError[] = [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    errors.push({
      line: 1,
      message: `the header is missing the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (expected ${required.join(",")})`,
    });
  }
  const dupes = [...new Set(header.filter((h, i) => h !== "" && header.indexOf(h) !== i))].filter((h) => (required as readonly string[]).includes(h) || optional.includes(h));
  if (dupes.length) errors.push({ line: 1, message: `the header has the column${dupes.length > 1 ? "s" : ""} ${dupes.join(", ")} more than once` });
  if (errors.length) return { ok: false, errors };
  const index: Record<string, number> = {};
  for (const c of [...required, ...optional]) {
    const i = header.indexOf(c);
    if (i >= 0) index[c] = i;
  }
  return { ok: true, index: index as Record<C, number> & Record<string, number> };
}

/** Collects a line's problems and turns them into one error per bad line. */
export class LineProblems {
  private readonly byLine = new Map<number, string[]>();
  add(line: number, message: string) {
    const list = this.byLine.get(line);
    if (list) list.push(message);
    else this.byLine.set(line, [message]);
  }
  get size() {
    return this.byLine.size;
  }
  toErrors(): LineError[] {
    return [...this.byLine.entries()].sort((a, b) => a[0] - b[0]).map(([line, messages]) => ({ line, message: messages.join("; ") }));
  }
}

/** "Line 14: …" or the message alone for a file-level problem. */
export function formatLineError(e: LineError): string {
  return e.line === null ? e.message : `Line ${e.line}: ${e.message}`;
}

/** "2025-26" → 2025, or null when it is not two consecutive years written like 2025-26. */
export function parseAcademicYear(value: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : null;
}

/** Shows a value inside a message, quoted and shortened, so an empty or odd value is visible. */
export function shown(value: string): string {
  if (value === "") return "empty";
  const v = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `"${v}"`;
}

/**
 * A record with fewer values than the header has columns, or with extra non-empty values (often a comma
 * inside a name that was not quoted), cannot be read safely: says why, or null when it is fine.
 */
export function countProblem(cells: string[], columns: number): string | null {
  if (cells.length < columns || cells.slice(columns).some((c) => c !== "")) {
    return `has ${cells.length} value${cells.length === 1 ? "" : "s"} but the header has ${columns} columns (is there a comma in a value that should be in quotes?)`;
  }
  return null;
}
