/**
 * The usual order of a regular branch meeting (DOMAIN.md), in Vietnamese, with a minute budget per item.
 * The API fills a new regular meeting's agenda from it (`template: true`, plan-year); the web client offers it too.
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

/**
 * A thematic meeting studies one topic (DOMAIN.md): present it, relate it to the branch's work and each
 * member's pledges, conclude. The API fills a new thematic meeting's agenda from it (`template: true`, plan-year).
 * Budgets add up to 90 minutes, the least Directive 50-CT/TW allows.
 */
export const THEMATIC_MEETING_TEMPLATE: readonly TemplateItem[] = [
  { title: "Khai mạc, điểm danh đảng viên, giới thiệu chuyên đề", minutesBudget: 5 },
  { title: "Trình bày nội dung chuyên đề", minutesBudget: 30 },
  { title: "Thảo luận, liên hệ thực tế; đảng viên đăng ký việc làm theo gương Bác", minutesBudget: 40 },
  { title: "Kết luận chuyên đề", minutesBudget: 10 },
  { title: "Thông qua biên bản, bế mạc", minutesBudget: 5 },
];

/** The usual order for a kind of meeting: the one list the API and the client start an agenda from. */
export const meetingTemplate = (kind: "regular" | "thematic"): readonly TemplateItem[] =>
  kind === "regular" ? REGULAR_MEETING_TEMPLATE : THEMATIC_MEETING_TEMPLATE;

/** The topic a planned meeting gets until someone writes its own: the same words in the API and the client. */
export function defaultMeetingTopic(kind: "regular" | "thematic", year: number, month: number): string {
  return kind === "regular"
    ? `Sinh hoạt chi bộ thường kỳ tháng ${month}/${year}`
    : `Sinh hoạt chuyên đề quý ${Math.ceil(month / 3)}/${year}`;
}
