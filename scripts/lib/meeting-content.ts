/**
 * The content of a branch meeting as seeds write it: the usual order of a regular meeting (DOMAIN.md
 * "Meetings"), budgets adding up to the 90 minutes Directive 50-CT/TW asks for, and thematic topics.
 */
import { addMonths, vnToUtc } from "../../schema/calendar.ts";
import { votePresets } from "../../schema/vote-rules.ts";

export interface AgendaTemplateItem {
  title: string;
  minutes: number;
  /** Who presents it: the secretary chairs, the deputy brings the news, the floor discusses. */
  presenter: "secretary" | "deputy" | "none";
}

export const REGULAR_AGENDA: readonly AgendaTemplateItem[] = [
  { title: "Khai mạc, tuyên bố lý do, điểm danh đảng viên", minutes: 5, presenter: "secretary" },
  {
    title: "Báo cáo kết quả thực hiện nhiệm vụ tháng trước và tình hình tư tưởng đảng viên; thu đảng phí",
    minutes: 15,
    presenter: "secretary",
  },
  { title: "Thông tin thời sự, phổ biến chỉ thị, nghị quyết mới của cấp trên", minutes: 15, presenter: "deputy" },
  { title: "Thảo luận, đóng góp ý kiến", minutes: 25, presenter: "none" },
  { title: "Phương hướng, nhiệm vụ tháng tới và phân công đảng viên", minutes: 10, presenter: "secretary" },
  { title: "Biểu dương, nhắc nhở, phê bình đảng viên", minutes: 5, presenter: "secretary" },
  { title: "Biểu quyết thông qua nghị quyết", minutes: 5, presenter: "secretary" },
  { title: "Đánh giá chất lượng buổi sinh hoạt", minutes: 5, presenter: "deputy" },
  { title: "Thông qua biên bản, bế mạc", minutes: 5, presenter: "secretary" },
];

export const THEMATIC_AGENDA: readonly AgendaTemplateItem[] = [
  { title: "Khai mạc, điểm danh, giới thiệu chuyên đề", minutes: 5, presenter: "secretary" },
  { title: "Trình bày nội dung chuyên đề", minutes: 30, presenter: "deputy" },
  { title: "Liên hệ thực tế, đảng viên đăng ký việc làm theo gương Bác", minutes: 40, presenter: "none" },
  { title: "Kết luận chuyên đề", minutes: 10, presenter: "secretary" },
  { title: "Thông qua biên bản, bế mạc", minutes: 5, presenter: "secretary" },
];

export const THEMATIC_TOPICS = [
  "Chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  "Chuyên đề: Tự phê bình và phê bình theo tinh thần Nghị quyết Trung ương 4",
  "Chuyên đề: Nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 50-CT/TW",
  "Chuyên đề: Truyền thống cách mạng của địa phương",
] as const;

export const ABSENCE_REASONS = [
  "Ốm, có đơn xin phép",
  "Đi công tác",
  "Việc gia đình, đã báo chi ủy",
  "Trực cơ quan",
] as const;

/** The vote rule for a branch resolution, as the room stores it. */
export const RESOLUTION_RULE_JSON = JSON.stringify(votePresets.resolution);

/** A wall-clock time in Vietnam as a UTC ISO string; `monthIndex` 0–11, out of range rolls over. */
export function vnTime(year: number, monthIndex: number, day: number, hour: number, minute = 0): string {
  return vnToUtc(year, monthIndex + 1, day, hour, minute);
}

export const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** `M/YYYY` as Vietnamese documents write a month. */
export const monthLabel = (year: number, monthIndex: number) => {
  const month = addMonths(`${year}-01`, monthIndex);
  return `${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
};
