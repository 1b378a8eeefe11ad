/**
 * The minutes as an A4 PDF, made in the browser with pdf-lib (Cantoo's maintained fork). Vietnamese needs a
 * Unicode font: Noto Sans (OFL), cut at build time to the characters Vietnamese uses (fonts/, made by
 * `npm run fonts:subset`, ~50 KB a face). That subset is embedded whole, not subset again: it adds ~50 KB to a
 * PDF, a later edit of the PDF still finds every Vietnamese letter, and no second subsetter has to keep the
 * stacked diacritics right (pdf-lib's once dropped them). This module and the fonts load only when someone asks
 * for the PDF.
 */
import fontkit from "@cantoo/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "@cantoo/pdf-lib";
import { CHAIR_LABEL, type MinutesDoc, PARTY_NAME, paragraphs, TAKER_LABEL } from "./minutes-doc";
import { loadPdfFonts, type PdfFonts, savePdf } from "./pdf-fonts";

const A4: [number, number] = [595.28, 841.89];
const MARGIN_LEFT = 85; // 3 cm binding margin, as administrative documents use
const MARGIN_RIGHT = 57; // 2 cm
const MARGIN_TOP = 57;
const MARGIN_BOTTOM = 57;
const BODY_SIZE = 13;
const LINE = BODY_SIZE * 1.45;
const INK = rgb(0, 0, 0);

/** Splits one line of text into lines that fit `width` at `size`; a word longer than the line is cut. */
export function wrapLine(
  text: string,
  font: Pick<PDFFont, "widthOfTextAtSize">,
  size: number,
  width: number,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [""];
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  lines.push(current);
  return lines;
}

export async function buildMinutesPdf(doc: MinutesDoc, fonts: PdfFonts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`${doc.title} — ${doc.subtitle}`);
  pdf.setSubject(doc.branch);
  pdf.setLanguage("vi-VN");
  pdf.setProducer("chibo");
  const regular = await pdf.embedFont(fonts.regular, { subset: false });
  const bold = await pdf.embedFont(fonts.bold, { subset: false });

  const [pageW, pageH] = A4;
  const textW = pageW - MARGIN_LEFT - MARGIN_RIGHT;
  let page: PDFPage = pdf.addPage(A4);
  let y = pageH - MARGIN_TOP;

  const newPage = () => {
    page = pdf.addPage(A4);
    y = pageH - MARGIN_TOP;
  };
  const ensure = (height: number) => {
    if (y - height < MARGIN_BOTTOM) newPage();
  };
  const centered = (text: string, font: PDFFont, size: number, cx: number, atY: number) => {
    page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y: atY, size, font, color: INK });
  };

  // Header: two columns, the party organization on the left, the Party's name and place/date on the right.
  const colW = textW / 2;
  const leftX = MARGIN_LEFT + colW / 2 - 10;
  const rightX = MARGIN_LEFT + colW + colW / 2 + 10;
  const headerTop = y;
  let ly = headerTop;
  for (const line of wrapLine(doc.superior.toUpperCase(), regular, 11, colW - 10)) {
    centered(line, regular, 11, leftX, ly);
    ly -= 14;
  }
  for (const line of wrapLine(doc.branch.toUpperCase(), bold, 11, colW - 10)) {
    centered(line, bold, 11, leftX, ly);
    ly -= 14;
  }
  centered("*", bold, 11, leftX, ly);
  ly -= 14;
  const partyW = bold.widthOfTextAtSize(PARTY_NAME, 12);
  centered(PARTY_NAME, bold, 12, rightX, headerTop);
  page.drawLine({
    start: { x: rightX - partyW / 2, y: headerTop - 3 },
    end: { x: rightX + partyW / 2, y: headerTop - 3 },
    thickness: 0.7,
    color: INK,
  });
  let ry = headerTop - 22;
  for (const line of wrapLine(doc.placeDate, regular, 11, colW)) {
    centered(line, regular, 11, rightX, ry);
    ry -= 14;
  }
  y = Math.min(ly, ry) - 24;

  centered(doc.title, bold, 16, MARGIN_LEFT + textW / 2, y);
  y -= 20;
  for (const line of wrapLine(doc.subtitle, bold, 13, textW)) {
    centered(line, bold, 13, MARGIN_LEFT + textW / 2, y);
    y -= 18;
  }
  y -= 12;

  for (const para of paragraphs(doc.body)) {
    for (const raw of para) {
      for (const line of wrapLine(raw, regular, BODY_SIZE, textW)) {
        ensure(LINE);
        page.drawText(line, { x: MARGIN_LEFT, y, size: BODY_SIZE, font: regular, color: INK });
        y -= LINE;
      }
    }
    y -= LINE * 0.5;
  }

  // Signatures: kept together on one page, space left for the hand signature.
  ensure(110);
  y -= 10;
  const sigLeft = MARGIN_LEFT + colW / 2;
  const sigRight = MARGIN_LEFT + colW + colW / 2;
  centered(TAKER_LABEL, bold, 12, sigLeft, y);
  centered(CHAIR_LABEL, bold, 12, sigRight, y);
  y -= 70;
  centered(doc.minutesTakerName, bold, 12, sigLeft, y);
  centered(doc.chairName, bold, 12, sigRight, y);

  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const footer = `${doc.versionNote} · Trang ${i + 1}/${pages.length}`;
    p.drawText(footer, {
      x: pageW - MARGIN_RIGHT - regular.widthOfTextAtSize(footer, 9),
      y: 30,
      size: 9,
      font: regular,
      color: rgb(0.3, 0.3, 0.3),
    });
  });
  return pdf.save();
}

/** Fetches the two fonts (built as assets by Vite) and saves the PDF through a download link. */
export async function downloadMinutesPdf(doc: MinutesDoc, fileName: string): Promise<void> {
  savePdf(await buildMinutesPdf(doc, await loadPdfFonts()), fileName);
}
