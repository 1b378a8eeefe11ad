/**
 * The resolution as an A4 PDF on the shared party sheet (../minutes/sheet-pdf.ts): header with its number,
 * sections, the task table (rows kept whole, the header repeated on a new page) and the signature. Loaded only when
 * someone asks for the PDF.
 */
import type { PDFFont } from "@cantoo/pdf-lib";
import { loadPdfFonts, type PdfFonts, savePdf } from "../minutes/pdf-fonts";
import { INK, LINE, MARGIN_LEFT, openSheet, type Sheet, wrapLine } from "../minutes/sheet-pdf";
import { type ResolutionDoc, SIGN_LABEL, TASK_COLUMNS } from "./resolution-doc";

/** Shares of the text width for STT, content, lead, deadline, report back. */
const COLUMN_SHARES = [0.07, 0.39, 0.2, 0.14, 0.2];
const TABLE_SIZE = 10.5;
const PAD = 3;

/** One row of the task table, kept whole; on a new page the column headings come first again. */
function drawRow(sheet: Sheet, cells: readonly string[], font: PDFFont, heading = false) {
  const widths = COLUMN_SHARES.map((s) => s * sheet.textW);
  const wrapped = cells.map((c, i) => wrapLine(c, font, TABLE_SIZE, widths[i]! - 2 * PAD));
  const lineH = TABLE_SIZE * 1.35;
  const height = Math.max(...wrapped.map((w) => w.length)) * lineH + 2 * PAD;
  if (sheet.ensure(height) && !heading) drawRow(sheet, TASK_COLUMNS, sheet.bold, true);
  const page = sheet.page();
  const top = sheet.y() + TABLE_SIZE;
  let x = MARGIN_LEFT;
  wrapped.forEach((lines, i) => {
    const w = widths[i]!;
    page.drawRectangle({ x, y: top - height, width: w, height, borderColor: INK, borderWidth: 0.6 });
    lines.forEach((line, j) => {
      page.drawText(line, { x: x + PAD, y: top - PAD - TABLE_SIZE - j * lineH, size: TABLE_SIZE, font, color: INK });
    });
    x += w;
  });
  sheet.down(height);
}

export async function buildResolutionPdf(doc: ResolutionDoc, fonts: PdfFonts): Promise<Uint8Array> {
  const sheet = await openSheet(fonts, doc);
  for (const s of doc.sections) {
    sheet.ensure(LINE * 2);
    sheet.lines([s.heading], sheet.bold);
    sheet.lines(s.lines.filter((l, i, all) => l.trim() || (i > 0 && all[i - 1]!.trim())));
    sheet.down(LINE * 0.5);
  }
  if (doc.tasks.length) {
    drawRow(sheet, TASK_COLUMNS, sheet.bold, true);
    for (const row of doc.tasks) drawRow(sheet, row, sheet.regular);
    sheet.down(LINE);
  }
  if (doc.tally) sheet.lines([doc.tally]);
  sheet.signatures({ label: [], name: "" }, { label: SIGN_LABEL, name: doc.signer });
  return sheet.finish(doc.note);
}

export async function downloadResolutionPdf(doc: ResolutionDoc, fileName: string): Promise<void> {
  savePdf(await buildResolutionPdf(doc, await loadPdfFonts()), fileName);
}
