/**
 * The minutes as an A4 PDF, made in the browser with pdf-lib (Cantoo's maintained fork) on the shared party sheet
 * (sheet-pdf.ts). Vietnamese needs a Unicode font: Noto Sans (OFL), cut at build time to the characters Vietnamese
 * uses (fonts/, made by `npm run fonts:subset`, ~50 KB a face). That subset is embedded whole, not subset again: it
 * adds ~50 KB to a PDF, a later edit of the PDF still finds every Vietnamese letter, and no second subsetter has to
 * keep the stacked diacritics right (pdf-lib's once dropped them). This module and the fonts load only when someone
 * asks for the PDF.
 */
import { CHAIR_LABEL, type MinutesDoc, paragraphs, TAKER_LABEL } from "./minutes-doc";
import { loadPdfFonts, type PdfFonts, savePdf } from "./pdf-fonts";
import { LINE, openSheet } from "./sheet-pdf";

export { wrapLine } from "./sheet-pdf";

export async function buildMinutesPdf(doc: MinutesDoc, fonts: PdfFonts): Promise<Uint8Array> {
  const sheet = await openSheet(fonts, doc);
  for (const para of paragraphs(doc.body)) {
    sheet.lines(para);
    sheet.down(LINE * 0.5);
  }
  sheet.signatures({ label: [TAKER_LABEL], name: doc.minutesTakerName }, { label: [CHAIR_LABEL], name: doc.chairName });
  return sheet.finish(doc.versionNote);
}

/** Fetches the two fonts (built as assets by Vite) and saves the PDF through a download link. */
export async function downloadMinutesPdf(doc: MinutesDoc, fileName: string): Promise<void> {
  savePdf(await buildMinutesPdf(doc, await loadPdfFonts()), fileName);
}
