// @vitest-environment node
/**
 * The printable sheet of invitation slips, read back with pdf-lib: A4 pages of eight, every member's name, branch
 * and grouped code drawn with real glyphs of the embedded Vietnamese fonts, and a QR code that is the slip's link.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFDocument } from "@cantoo/pdf-lib";
import { generate } from "lean-qr";
import { describe, expect, it } from "vitest";
import type { Slip } from "../../schema/api/invitation-slips";
import {
  expiryLines,
  groupCode,
  invitePageAddress,
  slipInstructions,
  slipsFileName,
} from "../../web/src/pages/slips/slip-text";
import { buildSlipsPdf, qrRuns, SLIPS_PER_PAGE } from "../../web/src/pages/slips/slips-pdf";
import { containsRun, drawnGlyphs, glyphsOf, pageOperators } from "./pdf-reading";

const fontDir = join(import.meta.dirname, "../../web/src/pages/minutes/fonts");
const loadFonts = async () => ({
  regular: new Uint8Array(await readFile(join(fontDir, "NotoSans-Regular-vi.ttf"))),
  bold: new Uint8Array(await readFile(join(fontDir, "NotoSans-Bold-vi.ttf"))),
});

const NAMES = [
  "Nguyễn Thị Hồng Nhung",
  "Trần Văn Khoa",
  "Lê Văn Hòa",
  "Đỗ Thị Thu Hà",
  "Phạm Thị Mai",
  "Võ Minh Tuấn",
  "Hoàng Minh Đức",
  "Bùi Thị Ngọc Ánh",
  "Dương Quốc Việt",
];
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function slips(n: number): Slip[] {
  return Array.from({ length: n }, (_, i) => ({
    membershipId: `m-${i}`,
    fullName: `${NAMES[i % NAMES.length]!} ${i + 1}`,
    organizationName: i % 2 ? "Chi bộ Khu phố 3" : "Chi bộ Trường Tiểu học Hòa An",
    link: `https://chibo.example/invite/${"s".repeat(30)}${String(i).padStart(13, "0")}`,
    code: Array.from({ length: 10 }, (_, j) => ALPHABET[(i * 7 + j * 3) % ALPHABET.length]).join(""),
    expiresAt: "2026-12-20T15:45:00.000Z",
  }));
}
const sheet = (n: number) => ({ committee: "Đảng ủy phường Hòa An", origin: "https://chibo.example", slips: slips(n) });

describe("the sheet of invitation slips", () => {
  it("puts eight slips on each A4 page", async () => {
    const fonts = await loadFonts();
    for (const [n, pages] of [
      [1, 1],
      [8, 1],
      [9, 2],
      [17, 3],
    ] as const) {
      const back = await PDFDocument.load(await buildSlipsPdf(sheet(n), fonts));
      expect(back.getPageCount(), `${n} slips`).toBe(pages);
      for (const page of back.getPages()) {
        const { width, height } = page.getSize();
        expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
      }
    }
    expect(SLIPS_PER_PAGE).toBe(8);
  });

  it("prints each member's name, branch and grouped code on their page, with no missing glyph", async () => {
    const fonts = await loadFonts();
    const input = sheet(9);
    const bytes = await buildSlipsPdf(input, fonts);
    const back = await PDFDocument.load(bytes);
    expect(back.getTitle()).toBe("Phiếu mời — Đảng ủy phường Hòa An");
    input.slips.forEach((slip, i) => {
      const page = Math.floor(i / SLIPS_PER_PAGE);
      const drawn = drawnGlyphs(back, [page]);
      expect(containsRun(drawn, glyphsOf(fonts.bold, slip.fullName)), `${slip.fullName} on page ${page + 1}`).toBe(
        true,
      );
      expect(containsRun(drawn, glyphsOf(fonts.regular, slip.organizationName))).toBe(true);
      // Drawn a letter at a time in even cells, so the run is the glyphs of "ABCDE-FGHJK" in order.
      expect(containsRun(drawn, glyphsOf(fonts.bold, groupCode(slip.code)))).toBe(true);
      expect(containsRun(drawn, glyphsOf(fonts.regular, expiryLines(slip.expiresAt).vi))).toBe(true);
    });
    // Not on another page: the ninth slip is the second page's only one.
    expect(containsRun(drawnGlyphs(back, [0]), glyphsOf(fonts.bold, input.slips[8]!.fullName))).toBe(false);
    const all = drawnGlyphs(back);
    expect(containsRun(all, glyphsOf(fonts.regular, "ĐẢNG ỦY PHƯỜNG HÒA AN"))).toBe(true);
    expect(all.filter((id) => id === 0)).toEqual([]);
    // The fonts are embedded once, whatever the number of slips.
    expect(bytes.byteLength).toBeLessThan(250_000);
    if (process.env.CHIBO_PDF_OUT) {
      await mkdir(process.env.CHIBO_PDF_OUT, { recursive: true });
      await writeFile(join(process.env.CHIBO_PDF_OUT, "slips.pdf"), bytes);
    }
  });

  it("tells how to use the slip in Vietnamese, then English, with this site's address", async () => {
    const fonts = await loadFonts();
    const back = await PDFDocument.load(await buildSlipsPdf(sheet(1), fonts));
    const howTo = slipInstructions("https://chibo.example");
    expect(howTo.vi).toBe("Mở camera, quét mã QR, hoặc vào chibo.example/invite và nhập mã.");
    const drawn = drawnGlyphs(back);
    // Wrapped to the slip's width: every word is drawn, in order.
    for (const word of howTo.vi.split(" ")) expect(containsRun(drawn, glyphsOf(fonts.bold, word)), word).toBe(true);
    for (const word of howTo.en.split(" ")) expect(containsRun(drawn, glyphsOf(fonts.regular, word)), word).toBe(true);
  });

  it("draws the QR code of the slip's link as vector modules on a grid", async () => {
    const fonts = await loadFonts();
    const input = sheet(1);
    const back = await PDFDocument.load(await buildSlipsPdf(input, fonts));
    const rects = [...pageOperators(back, 0).matchAll(/([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re/g)].map((m) =>
      m.slice(1, 5).map(Number),
    ) as [number, number, number, number][];
    const link = input.slips[0]!.link;
    const qr = generate(link);
    expect(rects).toHaveLength(qrRuns(link).runs.length);
    // Read the modules back off the page: every rectangle covers whole modules of one row.
    const unit = Math.min(...rects.map((r) => r[3]));
    const left = Math.min(...rects.map((r) => r[0]));
    const top = Math.max(...rects.map((r) => r[1] + r[3]));
    const dark = new Set<string>();
    for (const [x, y, w, h] of rects) {
      expect(h).toBeCloseTo(unit, 1);
      const row = Math.round((top - y - h) / unit);
      const from = Math.round((x - left) / unit);
      for (let i = 0; i < Math.round(w / unit); i++) dark.add(`${from + i},${row}`);
    }
    for (let y = 0; y < qr.size; y++) {
      for (let x = 0; x < qr.size; x++) expect(dark.has(`${x},${y}`), `module ${x},${y}`).toBe(qr.get(x, y));
    }
    // Printed at least 0.6 mm a module: a phone camera reads it from a hand's length.
    expect((unit * 25.4) / 72).toBeGreaterThan(0.6);
  });

  it("groups codes, dates and file names the way people read them", () => {
    expect(groupCode("abcdefghjk")).toBe("ABCDE-FGHJK");
    expect(groupCode("ABCDE FGHJK")).toBe("ABCDE-FGHJK");
    expect(invitePageAddress("http://localhost:8787")).toBe("http://localhost:8787/invite");
    // 15:45 UTC is 22:45 in Vietnam.
    expect(expiryLines("2026-12-20T15:45:00.000Z")).toEqual({
      vi: "Dùng được đến 22:45 ngày 20/12/2026",
      en: "Valid until 22:45, 20/12/2026 (Vietnam time)",
    });
    expect(slipsFileName("Đảng ủy phường Hòa An")).toBe("phieu-moi-dang-uy-phuong-hoa-an.pdf");
  });
});
