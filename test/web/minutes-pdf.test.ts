// @vitest-environment node

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { type MinutesDoc, paragraphs, pdfFileName, vietnameseDate } from "../../web/src/pages/minutes/minutes-doc";
import { buildMinutesPdf, wrapLine } from "../../web/src/pages/minutes/minutes-pdf";

const fontDir = join(import.meta.dirname, "../../node_modules/@expo-google-fonts/noto-sans");
const loadFonts = async () => ({
  regular: new Uint8Array(await readFile(join(fontDir, "400Regular/NotoSans_400Regular.ttf"))),
  bold: new Uint8Array(await readFile(join(fontDir, "700Bold/NotoSans_700Bold.ttf"))),
});

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
  it("has a glyph for every Vietnamese character it prints", async () => {
    const fonts = await loadFonts();
    for (const bytes of [fonts.regular, fonts.bold]) {
      const font = fontkit.create(bytes);
      const text = `${Object.values(doc).join(" ")} ĐẢNG CỘNG SẢN VIỆT NAM ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵ`;
      const missing = [...new Set(text.replace(/\s/g, ""))].filter(
        (ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!),
      );
      expect(missing).toEqual([]);
    }
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
    // The fonts are subset: a many-page PDF stays far below the 630 KB of one full font.
    expect(bytes.byteLength).toBeLessThan(2_500_000);
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
