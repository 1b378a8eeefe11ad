/**
 * A small RFC 4180 CSV reader: quoted fields (with "" for a quote, and line breaks inside), CRLF or LF,
 * a leading BOM (Excel writes one for UTF-8), and `,` `;` or tab as the delimiter, guessed from the header
 * line (Excel in some locales writes `;`). Pure, so the web client can preview a file before uploading it.
 */

export interface CsvRecord {
  /** 1-based line in the file where the record starts (a quoted field may span lines). */
  line: number;
  cells: string[];
}

export type CsvResult =
  | { ok: true; records: CsvRecord[]; delimiter: string }
  | { ok: false; line: number; message: string };

const DELIMITERS = [",", ";", "\t"] as const;

/** The delimiter that appears most often outside quotes on the first line (comma on a tie). */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Parses the whole text. Records whose cells are all blank are dropped (Excel leaves trailing ones). */
export function parseCsv(input: string, delimiter = guessDelimiter(input.replace(/^\uFEFF/, ""))): CsvResult {
  const text = input.replace(/^\uFEFF/, "");
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false; // whether the current field had any character (to tell `a,"x"y` apart)
  let afterQuote = false;

  const endRecord = () => {
    cells.push(field);
    if (cells.some((c) => c.trim() !== "")) records.push({ line: recordLine, cells });
    cells = [];
    field = "";
    fieldStarted = false;
    afterQuote = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === "\n") line++;
        else if (ch === "\r" && text[i + 1] !== "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted || afterQuote)
        return { ok: false, line, message: "Dấu ngoặc kép đặt sai chỗ / Stray quote inside a field" };
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === delimiter) {
      cells.push(field);
      field = "";
      fieldStarted = false;
      afterQuote = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (afterQuote) return { ok: false, line, message: "Ký tự sau dấu ngoặc kép đóng / Text after a closing quote" };
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, message: "Thiếu dấu ngoặc kép đóng / Unterminated quoted field" };
  endRecord();
  return { ok: true, records, delimiter };
}
