/**
 * The usual order of a regular branch meeting (DOMAIN.md), in Vietnamese, with a minute budget per item.
 * The API fills a new meeting's agenda from it on `template: true`; the web client offers it too.
 * Budgets add up to 120 minutes: a regular meeting usually lasts about two hours.
 */
export interface TemplateItem {
  title: string;
  minutesBudget: number;
}

export const REGULAR_MEETING_TEMPLATE: readonly TemplateItem[] = [
  { title: "Khai mạc, điểm danh đảng viên (có mặt, vắng có lý do, vắng không lý do)", minutesBudget: 5 },
  { title: "Kết quả thực hiện nhiệm vụ tháng trước và tình hình tư tưởng đảng viên", minutesBudget: 15 },
  { title: "Phổ biến chỉ thị, nghị quyết mới và thông tin thời sự", minutesBudget: 15 },
  { title: "Thảo luận", minutesBudget: 30 },
  { title: "Nhiệm vụ tháng tới và phân công đảng viên", minutesBudget: 15 },
  { title: "Biểu dương, nhắc nhở, phê bình đảng viên", minutesBudget: 10 },
  { title: "Biểu quyết thông qua nghị quyết hoặc kết luận", minutesBudget: 10 },
  { title: "Đánh giá chất lượng buổi sinh hoạt", minutesBudget: 10 },
  { title: "Bế mạc", minutesBudget: 10 },
];
