// @vitest-environment node

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFDocument } from "@cantoo/pdf-lib";
import { describe, expect, it } from "vitest";
import { percentText, resolutionNumberLabel, tallyText } from "../../schema/record/resolution-text";
import { taskReviewLines } from "../../schema/record/task-review-lines";
import { buildResolutionDoc } from "../../web/src/pages/resolution/resolution-doc";
import { buildResolutionPdf } from "../../web/src/pages/resolution/resolution-pdf";
import { drawnGlyphs, embeddedFonts } from "./pdf-reading";
import { resolution } from "./resolution-fixture";

const fontDir = join(import.meta.dirname, "../../web/src/pages/minutes/fonts");
const loadFonts = async () => ({
  regular: new Uint8Array(await readFile(join(fontDir, "NotoSans-Regular-vi.ttf"))),
  bold: new Uint8Array(await readFile(join(fontDir, "NotoSans-Bold-vi.ttf"))),
});

describe("resolution document", () => {
  it("numbers, dates and counts as a branch resolution prints them", () => {
    expect(resolutionNumberLabel(5)).toBe("Số 05-NQ/CB");
    expect(resolutionNumberLabel(123)).toBe("Số 123-NQ/CB");
    expect(resolutionNumberLabel(null)).toBe("Số …-NQ/CB");
    expect(tallyText(8, 9)).toBe("tán thành 8/9 = 88,9%");
    expect(percentText(9, 9)).toBe("100%");
    expect(percentText(0, 0)).toBe("0%");

    const doc = buildResolutionDoc({ ...resolution, status: "issued", number: 5, year: 2026 }, "");
    expect(doc.number).toBe("Số 05-NQ/CB");
    expect(doc.title).toBe("NGHỊ QUYẾT");
    expect(doc.subtitle).toBe("Sinh hoạt chi bộ tháng 11/2026");
    expect(doc.placeDate).toBe("Hòa An, ngày 25 tháng 11 năm 2026");
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "I. TÌNH HÌNH CUỘC HỌP",
      "II. KIỂM ĐIỂM VIỆC THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC (1/1 việc đã hoàn thành)",
      "III. CHI BỘ QUYẾT NGHỊ",
      "IV. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
    ]);
    expect(doc.sections[0]!.lines).toEqual([
      "Chi bộ họp từ 19:30 đến 21:05 (95 phút), ngày 25 tháng 11 năm 2026, tại Nhà văn hóa khu phố 3, Hòa An.",
      "Chủ trì: đồng chí Nguyễn Văn Bí Thư; thư ký: đồng chí Trần Thị Phó.",
      "Tổng số đảng viên: 10; có mặt: 9 (tại hội trường 7, trực tuyến 2); vắng: 1 (có lý do 1, không lý do 0).",
    ]);
    expect(doc.tasks).toEqual([
      ["1", "Thu đảng phí quý IV", "Trần Thị Phó", "31/12/2026", "Sinh hoạt chi bộ tháng 12/2026"],
      ["2", "Ra quân dọn vệ sinh khu phố", "Chi hội Cựu chiến binh", "15/12/2026", "Sinh hoạt chi bộ tháng 12/2026"],
    ]);
    expect(doc.tally).toBe("Nghị quyết được chi bộ biểu quyết thông qua: tán thành 8/9 = 88,9%.");
    expect(doc.note).toBe("Số 05-NQ/CB · đã ban hành");
    // No vote named, no review, no tasks: those parts are left out, the numbering closes up.
    const bare = buildResolutionDoc({ ...resolution, adoptedVoteId: null, reviews: [], tasks: [] }, "");
    expect(bare.tally).toBe("");
    expect(bare.sections.map((s) => s.heading)).toEqual(["I. TÌNH HÌNH CUỘC HỌP", "II. CHI BỘ QUYẾT NGHỊ"]);
    expect(bare.number).toBe("Số …-NQ/CB");
  });

  it("writes the review of earlier tasks as lines for the minutes and the resolution", () => {
    const open = { ...resolution.reviews[0]!, taskId: "old-2", title: "Sửa đường", leadName: "", review: null };
    expect(taskReviewLines([])).toEqual([]);
    expect(taskReviewLines([resolution.reviews[0]!, open])).toEqual([
      "KIỂM ĐIỂM VIỆC THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC (1/2 việc đã hoàn thành)",
      "1. Tuyên truyền phòng chống ma túy (Số 04-NQ/CB; chủ trì: Lê Văn An; thời hạn 20/11/2026): Đã hoàn thành — Đã tổ chức 2 buổi",
      "2. Sửa đường (Số 04-NQ/CB; thời hạn 20/11/2026): Chưa kiểm điểm",
    ]);
  });
});

describe("resolution PDF", () => {
  it("draws an A4 resolution with every glyph, its title, and a long task table over several pages", async () => {
    const fonts = await loadFonts();
    const doc = buildResolutionDoc({ ...resolution, status: "issued", number: 5 }, "");
    const bytes = await buildResolutionPdf(doc, fonts);
    const back = await PDFDocument.load(bytes);
    expect(back.getPageCount()).toBe(1);
    expect(back.getTitle()).toBe("NGHỊ QUYẾT — Sinh hoạt chi bộ tháng 11/2026");
    expect(embeddedFonts(back)).toHaveLength(2);
    const glyphs = drawnGlyphs(back);
    expect(glyphs.length).toBeGreaterThan(500);
    expect(glyphs.filter((id) => id === 0)).toEqual([]);
    const many = { ...doc, tasks: Array.from({ length: 60 }, (_, i) => [String(i + 1), ...doc.tasks[0]!.slice(1)]) };
    const long = await PDFDocument.load(await buildResolutionPdf(many as typeof doc, fonts));
    expect(long.getPageCount()).toBeGreaterThan(2);
    if (process.env.CHIBO_PDF_OUT) {
      await mkdir(process.env.CHIBO_PDF_OUT, { recursive: true });
      await writeFile(join(process.env.CHIBO_PDF_OUT, "resolution.pdf"), bytes);
    }
  });
});
