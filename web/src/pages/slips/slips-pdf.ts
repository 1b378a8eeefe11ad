/**
 * The printable sheet of invitation slips: A4 pages of 2 × 4 slips with dashed cut lines, for the secretary to
 * hand out at a meeting (most older members have no e-mail). Each slip: the committee, the member's name and
 * branch, the link as a QR code, the code in large letters, when it stops working, and how to use it.
 * The QR code is drawn as vector rectangles (crisp on any printer, no image); the text uses the minutes' Vietnamese
 * Noto Sans subsets. This module, pdf-lib and lean-qr load only when someone asks for the slips.
 */
import fontkit from "@cantoo/fontkit";
import {
  fill,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
} from "@cantoo/pdf-lib";
import { generate } from "lean-qr";
import type { Slip } from "../../../../schema/api/invitation-slips";
import { loadPdfFonts, type PdfFonts, savePdf } from "../minutes/pdf-fonts";
import { wrapLine } from "../minutes/sheet-pdf";
import { expiryLines, groupCode, slipInstructions, slipsFileName } from "./slip-text";

export interface SlipSheet {
  /** The committee's name, at the top of every slip. */
  committee: string;
  /** Where the invite page is (`https://…`), printed in the instructions. */
  origin: string;
  slips: Slip[];
}

const A4: [number, number] = [595.28, 841.89];
const COLUMNS = 2;
const ROWS = 4;
export const SLIPS_PER_PAGE = COLUMNS * ROWS;
const PAD = 14;
const QR_SIZE = 100;
/** The four modules of blank margin a QR reader needs around the code. */
const QUIET = 4;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

/** A run of dark modules in one row of a QR code, in module units from its top left corner. */
export interface QrRun {
  x: number;
  y: number;
  length: number;
}

/** The link's QR code as horizontal runs of dark modules: one rectangle per run keeps the PDF small. */
export function qrRuns(link: string): { size: number; runs: QrRun[] } {
  const code = generate(link);
  const runs: QrRun[] = [];
  for (let y = 0; y < code.size; y++) {
    let x = 0;
    while (x < code.size) {
      if (!code.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < code.size && code.get(x, y)) x++;
      runs.push({ x: start, y, length: x - start });
    }
  }
  return { size: code.size, runs };
}

/**
 * The QR code as one filled path of rectangles (`re` operators, one per run): a few bytes a run where pdf-lib's
 * drawRectangle writes a transformed path each, and one fill, so no seam shows between rows on any renderer.
 */
function drawQr(page: PDFPage, link: string, left: number, top: number) {
  const { size, runs } = qrRuns(link);
  const unit = QR_SIZE / (size + 2 * QUIET);
  const x = (m: number) => Number((left + (QUIET + m) * unit).toFixed(2));
  const y = (m: number) => Number((top - (QUIET + m) * unit).toFixed(2));
  page.pushOperators(
    pushGraphicsState(),
    setFillingRgbColor(0, 0, 0),
    // Corners rounded to 1/100 pt on the grid itself, so neighbouring runs meet exactly.
    ...runs.map((r) => rectangle(x(r.x), y(r.y + 1), x(r.x + r.length) - x(r.x), y(r.y) - y(r.y + 1))),
    fill(),
    popGraphicsState(),
  );
}

/** Text shrunk until it fits the width (a long name stays on one line), never below `min`. */
function fitted(text: string, font: PDFFont, size: number, width: number, min = 8) {
  let s = size;
  while (s > min && font.widthOfTextAtSize(text, s) > width) s -= 0.5;
  return s;
}

/** The code, each character centred in a cell of its own, so it reads like typewriter letters. */
function drawCode(page: PDFPage, code: string, font: PDFFont, x: number, y: number, width: number) {
  const grouped = groupCode(code);
  const cell = Math.min(15, width / grouped.length);
  const size = cell * 1.3;
  [...grouped].forEach((ch, i) => {
    const w = font.widthOfTextAtSize(ch, size);
    page.drawText(ch, { x: x + i * cell + (cell - w) / 2, y, size, font, color: INK });
  });
  return size;
}

function drawSlip(page: PDFPage, sheet: SlipSheet, slip: Slip, fonts: Record<"regular" | "bold", PDFFont>, box: Box) {
  const { regular, bold } = fonts;
  const left = box.x + PAD;
  const width = box.width - 2 * PAD;
  let y = box.y + box.height - PAD - 8;
  const committee = sheet.committee.toUpperCase();
  page.drawText(committee, { x: left, y, size: fitted(committee, regular, 8, width, 6), font: regular, color: GREY });
  y -= 17;
  page.drawText(slip.fullName, { x: left, y, size: fitted(slip.fullName, bold, 14, width), font: bold, color: INK });
  y -= 13;
  const branch = slip.organizationName;
  page.drawText(branch, { x: left, y, size: fitted(branch, regular, 10, width), font: regular, color: INK });
  y -= 6;

  drawQr(page, slip.link, left - 6, y);
  // Beside the QR code: the code to type, and until when.
  const colX = left + QR_SIZE;
  const colW = width - QR_SIZE + 6;
  let cy = y - 16;
  page.drawText("Mã mời / Invitation code", { x: colX, y: cy, size: 8, font: regular, color: GREY });
  cy -= 24;
  drawCode(page, slip.code, bold, colX, cy, colW);
  cy -= 18;
  const expiry = expiryLines(slip.expiresAt);
  for (const [text, size] of [
    [expiry.vi, 8],
    [expiry.en, 7.5],
  ] as const) {
    for (const line of wrapLine(text, regular, size, colW)) {
      page.drawText(line, { x: colX, y: cy, size, font: regular, color: INK });
      cy -= 10;
    }
  }

  y -= QR_SIZE + 4;
  const howTo = slipInstructions(sheet.origin);
  for (const line of wrapLine(howTo.vi, bold, 8.5, width)) {
    page.drawText(line, { x: left, y, size: 8.5, font: bold, color: INK });
    y -= 10.5;
  }
  for (const line of wrapLine(howTo.en, regular, 7.5, width)) {
    page.drawText(line, { x: left, y, size: 7.5, font: regular, color: GREY });
    y -= 9.5;
  }
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Dashed lines between the slips and around the sheet, to cut along. */
function drawCutLines(page: PDFPage) {
  const [w, h] = A4;
  const line = { thickness: 0.5, color: rgb(0.55, 0.55, 0.55), dashArray: [4, 3] };
  for (let c = 1; c < COLUMNS; c++)
    page.drawLine({ start: { x: (w / COLUMNS) * c, y: 0 }, end: { x: (w / COLUMNS) * c, y: h }, ...line });
  for (let r = 1; r < ROWS; r++)
    page.drawLine({ start: { x: 0, y: (h / ROWS) * r }, end: { x: w, y: (h / ROWS) * r }, ...line });
}

export async function buildSlipsPdf(sheet: SlipSheet, fontBytes: PdfFonts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Phiếu mời — ${sheet.committee}`);
  pdf.setSubject("Phiếu mời nhận tài khoản / Invitation slips");
  pdf.setLanguage("vi-VN");
  pdf.setProducer("chibo");
  const fonts = {
    regular: await pdf.embedFont(fontBytes.regular, { subset: false }),
    bold: await pdf.embedFont(fontBytes.bold, { subset: false }),
  };
  const [w, h] = A4;
  const slipW = w / COLUMNS;
  const slipH = h / ROWS;
  for (let first = 0; first < sheet.slips.length; first += SLIPS_PER_PAGE) {
    const page = pdf.addPage(A4);
    drawCutLines(page);
    sheet.slips.slice(first, first + SLIPS_PER_PAGE).forEach((slip, at) => {
      const col = at % COLUMNS;
      const row = Math.floor(at / COLUMNS);
      const box = { x: col * slipW, y: h - (row + 1) * slipH, width: slipW, height: slipH };
      drawSlip(page, sheet, slip, fonts, box);
    });
  }
  if (sheet.slips.length === 0) pdf.addPage(A4);
  return pdf.save();
}

/** Builds the slips with the fonts fetched now, and saves them as `phieu-moi-<committee>.pdf`. */
export async function downloadSlipsPdf(sheet: SlipSheet): Promise<void> {
  savePdf(await buildSlipsPdf(sheet, await loadPdfFonts()), slipsFileName(sheet.committee));
}
