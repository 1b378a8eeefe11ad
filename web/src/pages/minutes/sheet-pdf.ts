/**
 * An A4 party document as a PDF, drawn with pdf-lib: the two-column header (the party organization on the left, the
 * Party's name and place/date on the right), the title, wrapped paragraphs over as many pages as they need, the
 * signatures and a footer on every page. The minutes (minutes-pdf.ts) and the resolution
 * (../resolution/resolution-pdf.ts) are drawn on it, so both papers look the same.
 */
import fontkit from "@cantoo/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "@cantoo/pdf-lib";
import { PARTY_NAME, type SheetHead } from "./minutes-doc";
import type { PdfFonts } from "./pdf-fonts";

const A4: [number, number] = [595.28, 841.89];
export const MARGIN_LEFT = 85; // 3 cm binding margin, as administrative documents use
const MARGIN_RIGHT = 57; // 2 cm
const MARGIN_TOP = 57;
const MARGIN_BOTTOM = 57;
export const BODY_SIZE = 13;
export const LINE = BODY_SIZE * 1.45;
export const INK = rgb(0, 0, 0);

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

export interface Sheet {
  regular: PDFFont;
  bold: PDFFont;
  textW: number;
  /** The current page and the baseline of the next line; `ensure` moves to a new page when `height` does not fit. */
  page: () => PDFPage;
  y: () => number;
  down: (by: number) => void;
  /** Starts a new page when `height` does not fit on this one; answers whether it did. */
  ensure: (height: number) => boolean;
  centered: (text: string, font: PDFFont, size: number, cx: number) => void;
  /** Wrapped lines of text at the left margin (plus `indent`), across pages. */
  lines: (text: readonly string[], font?: PDFFont, size?: number, indent?: number) => void;
  /** Two signature blocks side by side, kept on one page with room for the hand signature. */
  signatures: (left: { label: string[]; name: string }, right: { label: string[]; name: string }) => void;
  /** Draws `note · Trang i/n` at the foot of every page and answers the bytes. */
  finish: (note: string) => Promise<Uint8Array>;
}

export async function openSheet(fonts: PdfFonts, head: SheetHead): Promise<Sheet> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`${head.title} — ${head.subtitle}`);
  pdf.setSubject(head.branch);
  pdf.setLanguage("vi-VN");
  pdf.setProducer("chibo");
  const regular = await pdf.embedFont(fonts.regular, { subset: false });
  const bold = await pdf.embedFont(fonts.bold, { subset: false });
  const [pageW, pageH] = A4;
  const textW = pageW - MARGIN_LEFT - MARGIN_RIGHT;
  let page: PDFPage = pdf.addPage(A4);
  let y = pageH - MARGIN_TOP;
  const ensure = (height: number) => {
    if (y - height >= MARGIN_BOTTOM) return false;
    page = pdf.addPage(A4);
    y = pageH - MARGIN_TOP;
    return true;
  };
  const centeredAt = (text: string, font: PDFFont, size: number, cx: number, atY: number) => {
    page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y: atY, size, font, color: INK });
  };

  // Header: two columns, the party organization on the left, the Party's name and place/date on the right.
  const colW = textW / 2;
  const leftX = MARGIN_LEFT + colW / 2 - 10;
  const rightX = MARGIN_LEFT + colW + colW / 2 + 10;
  const headerTop = y;
  let ly = headerTop;
  const left = [
    ...wrapLine(head.superior.toUpperCase(), regular, 11, colW - 10).map((l) => [l, regular] as const),
    ...wrapLine(head.branch.toUpperCase(), bold, 11, colW - 10).map((l) => [l, bold] as const),
    ["*", bold] as const,
    ...(head.number ? [[head.number, regular] as const] : []),
  ];
  for (const [line, font] of left) {
    centeredAt(line, font, 11, leftX, ly);
    ly -= 14;
  }
  const partyW = bold.widthOfTextAtSize(PARTY_NAME, 12);
  centeredAt(PARTY_NAME, bold, 12, rightX, headerTop);
  page.drawLine({
    start: { x: rightX - partyW / 2, y: headerTop - 3 },
    end: { x: rightX + partyW / 2, y: headerTop - 3 },
    thickness: 0.7,
    color: INK,
  });
  let ry = headerTop - 22;
  for (const line of wrapLine(head.placeDate, regular, 11, colW)) {
    centeredAt(line, regular, 11, rightX, ry);
    ry -= 14;
  }
  y = Math.min(ly, ry) - 24;
  centeredAt(head.title, bold, 16, MARGIN_LEFT + textW / 2, y);
  y -= 20;
  for (const line of wrapLine(head.subtitle, bold, 13, textW)) {
    centeredAt(line, bold, 13, MARGIN_LEFT + textW / 2, y);
    y -= 18;
  }
  y -= 12;

  return {
    regular,
    bold,
    textW,
    page: () => page,
    y: () => y,
    down: (by) => {
      y -= by;
    },
    ensure,
    centered: (text, font, size, cx) => centeredAt(text, font, size, cx, y),
    lines: (text, font = regular, size = BODY_SIZE, indent = 0) => {
      for (const raw of text) {
        for (const line of wrapLine(raw, font, size, textW - indent)) {
          ensure(size * 1.45);
          page.drawText(line, { x: MARGIN_LEFT + indent, y, size, font, color: INK });
          y -= size * 1.45;
        }
      }
    },
    signatures: (l, r) => {
      ensure(110 + 16 * Math.max(l.label.length, r.label.length));
      y -= 10;
      const sigLeft = MARGIN_LEFT + colW / 2;
      const sigRight = MARGIN_LEFT + colW + colW / 2;
      const top = y;
      for (const [i, text] of l.label.entries()) centeredAt(text, bold, 12, sigLeft, top - i * 16);
      for (const [i, text] of r.label.entries()) centeredAt(text, bold, 12, sigRight, top - i * 16);
      y = top - 16 * (Math.max(l.label.length, r.label.length) - 1) - 70;
      centeredAt(l.name, bold, 12, sigLeft, y);
      centeredAt(r.name, bold, 12, sigRight, y);
    },
    finish: async (note) => {
      const pages = pdf.getPages();
      pages.forEach((p, i) => {
        const footer = `${note} · Trang ${i + 1}/${pages.length}`;
        p.drawText(footer, {
          x: pageW - MARGIN_RIGHT - regular.widthOfTextAtSize(footer, 9),
          y: 30,
          size: 9,
          font: regular,
          color: rgb(0.3, 0.3, 0.3),
        });
      });
      return pdf.save();
    },
  };
}
