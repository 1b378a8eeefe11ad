// @vitest-environment node

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fontkit from "@cantoo/fontkit";
import { PDFDocument } from "@cantoo/pdf-lib";
import { describe, expect, it } from "vitest";
import { type MinutesDoc, paragraphs, pdfFileName, vietnameseDate } from "../../web/src/pages/minutes/minutes-doc";
import { buildMinutesPdf, wrapLine } from "../../web/src/pages/minutes/minutes-pdf";
import { drawnGlyphs, embeddedFonts } from "./pdf-reading";

// The fonts the client fetches: the committed Vietnamese subsets (scripts/subset-fonts.ts).
const fontDir = join(import.meta.dirname, "../../web/src/pages/minutes/fonts");
const loadFonts = async () => ({
  regular: new Uint8Array(await readFile(join(fontDir, "NotoSans-Regular-vi.ttf"))),
  bold: new Uint8Array(await readFile(join(fontDir, "NotoSans-Bold-vi.ttf"))),
});

/** Every Vietnamese letter: each vowel with each of the five tone marks (and none), both cases, and đ. */
const VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]; // huyền, sắc, hỏi, ngã, nặng
const lower = `${VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize("NFC"))).join("")}đ`;
const ALPHABET = `${lower}${lower.toUpperCase()} – — “ ” ‘ ’ … • ₫ · °`;

const body = `I. THỜI GIAN, ĐỊA ĐIỂM
Hồi 19 giờ 30 phút, ngày 25 tháng 11 năm 2026, tại Nhà văn hóa khu phố 3.

II. THÀNH PHẦN
Tổng số đảng viên: 9 (chính thức 8, dự bị 1); miễn sinh hoạt: 1. Có mặt: 7. Vắng có lý do: Đỗ Thị Giang (ốm, có đơn xin phép).

III. NỘI DUNG
Đồng chí Nguyễn Văn Bình quán triệt Nghị quyết; các đồng chí Lê Văn Dũng, Phạm Thị Hoa phát biểu ý kiến về việc giữ gìn vệ sinh môi trường, phòng chống ma túy, xây dựng nếp sống văn minh đô thị.`;

const doc: MinutesDoc = {
  superior: "Đảng bộ phường Hòa An",
  branch: "Chi bộ khu phố 3",
  placeDate: `Hòa An, ${vietnameseDate("2026-11-25T12:30:00Z")}`,
  title: "BIÊN BẢN",
  subtitle: "Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026",
  body,
  chairName: "Nguyễn Văn Bình",
  minutesTakerName: "Trần Thị Thu",
  versionNote: "Bản 1 · đã thông qua",
};

describe("minutes PDF", () => {
  it("ships small subset fonts with a glyph for every Vietnamese letter and tone mark", async () => {
    const fonts = await loadFonts();
    for (const bytes of [fonts.regular, fonts.bold]) {
      // The full Noto Sans is 630 KB and 4,000+ glyphs; the subset keeps what Vietnamese needs.
      expect(bytes.byteLength).toBeLessThan(80_000);
      const font = fontkit.create(bytes);
      if ("fonts" in font) throw new Error("a font collection, not one font");
      expect(font.numGlyphs).toBeLessThan(1_000);
      const text = `${Object.values(doc).join(" ")} ĐẢNG CỘNG SẢN VIỆT NAM ${ALPHABET}`;
      const missing = [...new Set(text.replace(/\s/g, ""))].filter(
        (ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!),
      );
      expect(missing).toEqual([]);
    }
  });

  it("embeds the subset fonts and draws every Vietnamese letter with a real glyph, never .notdef", async () => {
    const fonts = await loadFonts();
    // The alphabet in the body (regular) and in the subtitle and names (bold).
    const all = { ...doc, subtitle: ALPHABET, chairName: lower, body: `${body}\n\n${ALPHABET}` };
    const back = await PDFDocument.load(await buildMinutesPdf(all, fonts));
    const embedded = embeddedFonts(back);
    expect(embedded).toHaveLength(2);
    expect(embedded.map((f) => Buffer.from(f).equals(fonts.regular) || Buffer.from(f).equals(fonts.bold))).toEqual([
      true,
      true,
    ]);
    const glyphs = drawnGlyphs(back);
    expect(glyphs.length).toBeGreaterThan(3 * ALPHABET.replace(/\s/g, "").length);
    expect(glyphs.filter((id) => id === 0)).toEqual([]);
  });

  it("draws text pasted decomposed (a letter, then its marks) with the precomposed glyphs", async () => {
    // fontkit's layout composes it; without that each mark would be a glyph of its own, misplaced.
    const fonts = await loadFonts();
    const nfc = await PDFDocument.load(await buildMinutesPdf({ ...doc, body: ALPHABET }, fonts));
    const nfd = await PDFDocument.load(await buildMinutesPdf({ ...doc, body: ALPHABET.normalize("NFD") }, fonts));
    expect(drawnGlyphs(nfd)).toEqual(drawnGlyphs(nfc));
  });

  it("makes an A4 document with title and language, paginating a long body", async () => {
    const fonts = await loadFonts();
    const long = { ...doc, body: Array.from({ length: 60 }, (_, i) => `${i + 1}. ${body}`).join("\n\n") };
    const bytes = await buildMinutesPdf(long, fonts);
    const back = await PDFDocument.load(bytes);
    expect(back.getPageCount()).toBeGreaterThan(3);
    const { width, height } = back.getPage(0).getSize();
    expect(Math.round(width)).toBe(595);
    expect(Math.round(height)).toBe(842);
    expect(back.getTitle()).toBe("BIÊN BẢN — Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026");
    // The fonts are the Vietnamese subsets: a many-page PDF stays far below the 630 KB of one full font.
    expect(bytes.byteLength).toBeLessThan(300_000);
    const short = await buildMinutesPdf(doc, fonts);
    expect((await PDFDocument.load(short)).getPageCount()).toBe(1);
    if (process.env.CHIBO_PDF_OUT) {
      await mkdir(process.env.CHIBO_PDF_OUT, { recursive: true });
      await writeFile(join(process.env.CHIBO_PDF_OUT, "minutes.pdf"), short);
    }
  });

  it("wraps lines to the width and cuts a word longer than a line", () => {
    const mono = { widthOfTextAtSize: (s: string, size: number) => s.length * size * 0.5 };
    expect(wrapLine("một hai ba bốn năm", mono, 10, 40)).toEqual(["một hai", "ba bốn", "năm"]);
    expect(wrapLine("abcdefghijklmnop", mono, 10, 40)).toEqual(["abcdefgh", "ijklmnop"]);
    expect(wrapLine("   ", mono, 10, 40)).toEqual([""]);
  });

  it("keeps paragraphs and line breaks as the minutes-taker wrote them", () => {
    expect(paragraphs("a\nb\r\n\r\n\nc\n\n  \n")).toEqual([["a", "b"], ["c"]]);
    expect(pdfFileName("Chi bộ khu phố 3", "2026-11-25T12:30:00Z")).toBe("bien-ban-chi-bo-khu-pho-3-2026-11.pdf");
    expect(vietnameseDate("2026-11-30T18:00:00Z")).toBe("ngày 01 tháng 12 năm 2026");
    // The file is named by the same Vietnam month as the title: 01:00 on 1 December there is 30 November in UTC.
    expect(pdfFileName("Chi bộ khu phố 3", "2026-11-30T18:00:00Z")).toBe("bien-ban-chi-bo-khu-pho-3-2026-12.pdf");
  });
});
