/**
 * PROVISIONAL: the usual order of a branch meeting (DOMAIN.md "Meetings"), until schema/meeting-template.ts
 * (shared with the API's plan-year) lands; then this re-exports it.
 */
import type { AgendaDraft } from "./agenda-editor";

export const REGULAR_TEMPLATE: readonly AgendaDraft[] = [
  { title: "Khai mạc, tuyên bố lý do, điểm danh đảng viên", minutesBudget: 5 },
  { title: "Báo cáo kết quả thực hiện nhiệm vụ tháng trước và tình hình tư tưởng đảng viên; thu đảng phí", minutesBudget: 15 },
  { title: "Thông tin thời sự, phổ biến chỉ thị, nghị quyết mới của cấp trên", minutesBudget: 15 },
  { title: "Thảo luận, đóng góp ý kiến", minutesBudget: 25 },
  { title: "Phương hướng, nhiệm vụ tháng tới và phân công đảng viên", minutesBudget: 10 },
  { title: "Biểu dương, nhắc nhở, phê bình đảng viên", minutesBudget: 5 },
  { title: "Biểu quyết thông qua nghị quyết", minutesBudget: 5 },
  { title: "Đánh giá chất lượng buổi sinh hoạt", minutesBudget: 5 },
  { title: "Thông qua biên bản, bế mạc", minutesBudget: 5 },
];

export const THEMATIC_TEMPLATE: readonly AgendaDraft[] = [
  { title: "Khai mạc, điểm danh, giới thiệu chuyên đề", minutesBudget: 5 },
  { title: "Trình bày nội dung chuyên đề", minutesBudget: 30 },
  { title: "Liên hệ thực tế, đảng viên đăng ký việc làm theo gương Bác", minutesBudget: 40 },
  { title: "Kết luận chuyên đề", minutesBudget: 10 },
  { title: "Thông qua biên bản, bế mạc", minutesBudget: 5 },
];

export function templateFor(kind: "regular" | "thematic"): AgendaDraft[] {
  return (kind === "regular" ? REGULAR_TEMPLATE : THEMATIC_TEMPLATE).map((i) => ({ ...i }));
}

/** "Sinh hoạt thường kỳ tháng 11/2026" for a month `YYYY-MM`. */
export function defaultTopic(kind: "regular" | "thematic", month: string): string {
  const [y, m] = month.split("-");
  return kind === "regular" ? `Sinh hoạt thường kỳ tháng ${Number(m)}/${y}` : `Sinh hoạt chuyên đề quý ${Math.ceil(Number(m) / 3)}/${y}`;
}
