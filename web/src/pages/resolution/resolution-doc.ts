/**
 * The resolution as a document, from the API's answer: the A4 sheet (resolution-sheet.tsx) and the PDF
 * (resolution-pdf.ts) both render it. Its counts come from the meeting's record; the review of last month's tasks
 * from taskReviewLines (the same lines the minutes print). Vietnamese: a resolution is a party record.
 */
import type { Resolution, ResolutionFacts } from "../../../../schema/api/resolutions";
import { isInstant, vnClock, vnWallTime } from "../../../../schema/calendar";
import { dayText, resolutionNumberLabel, tallyText } from "../../../../schema/record/resolution-text";
import { taskReviewLines } from "../../../../schema/record/task-review-lines";
import { placeDateLine, vietnameseDate } from "../minutes/minutes-doc";

export interface ResolutionSection {
  heading: string;
  lines: string[];
}

export interface ResolutionDoc {
  superior: string;
  branch: string;
  number: string;
  placeDate: string;
  title: string;
  subtitle: string;
  sections: ResolutionSection[];
  /** STT, Nội dung công việc, Người chủ trì, Thời hạn, Báo cáo kết quả */
  tasks: [string, string, string, string, string][];
  /** "Nghị quyết được … biểu quyết thông qua: tán thành 8/9 = 88,9%." or empty when no vote was named. */
  tally: string;
  signer: string;
  note: string;
}

export const TASK_COLUMNS = ["STT", "Nội dung công việc", "Người chủ trì", "Thời hạn", "Báo cáo kết quả"] as const;
export const SIGN_LABEL = ["T/M CHI BỘ", "CHỦ TRÌ"];
const DOTS = "…………………";

/** "Sinh hoạt chi bộ tháng 11/2026" (a thematic one names its topic). */
function subtitleOf(f: ResolutionFacts): string {
  const t = isInstant(f.scheduledAt) ? vnWallTime(f.scheduledAt) : null;
  const month = t ? ` tháng ${t.month}/${t.year}` : "";
  return f.kind === "thematic" ? `Sinh hoạt chi bộ chuyên đề${month}: ${f.topic}` : `Sinh hoạt chi bộ${month}`;
}

function meetingLines(f: ResolutionFacts): string[] {
  const when = f.startedAt
    ? `từ ${vnClock(f.startedAt)}${f.endedAt ? ` đến ${vnClock(f.endedAt)}` : ""}${f.durationMinutes !== null ? ` (${f.durationMinutes} phút)` : ""}, ${vietnameseDate(f.startedAt)}`
    : vietnameseDate(f.scheduledAt);
  return [
    `Chi bộ họp ${when}${f.place ? `, tại ${f.place}` : ""}.`,
    `Chủ trì: đồng chí ${f.chairName ?? DOTS}; thư ký: đồng chí ${f.minutesTakerName ?? DOTS}.`,
    `Tổng số đảng viên: ${f.members}; có mặt: ${f.present} (tại hội trường ${f.presentHall}, trực tuyến ${f.presentRemote}); vắng: ${f.absent} (có lý do ${f.absentExcused}, không lý do ${f.absentUnexcused}).`,
  ];
}

export function buildResolutionDoc(r: Resolution, tenantName: string): ResolutionDoc {
  const f = r.facts;
  const sections: ResolutionSection[] = [{ heading: "I. TÌNH HÌNH CUỘC HỌP", lines: meetingLines(f) }];
  const review = taskReviewLines(r.reviews);
  if (review.length) sections.push({ heading: `II. ${review[0]}`, lines: review.slice(1) });
  const n = sections.length + 1;
  const roman = ["I", "II", "III", "IV"];
  sections.push({
    heading: `${roman[n - 1]}. CHI BỘ QUYẾT NGHỊ`,
    lines: r.body.replace(/\r\n?/g, "\n").split("\n"),
  });
  if (r.tasks.length) sections.push({ heading: `${roman[n]}. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN`, lines: [] });
  const vote = r.votes.find((v) => v.id === r.adoptedVoteId);
  const tally =
    vote && vote.agree !== null && vote.base !== null
      ? `Nghị quyết được chi bộ biểu quyết thông qua: ${tallyText(vote.agree, vote.base)}.`
      : "";
  return {
    superior: f.tenantName || tenantName,
    branch: f.organizationName,
    number: resolutionNumberLabel(r.number),
    placeDate: placeDateLine(f.place, f.scheduledAt),
    title: "NGHỊ QUYẾT",
    subtitle: subtitleOf(f),
    sections,
    tasks: r.tasks.map((t, i) => [String(i + 1), t.title, t.leadName, dayText(t.deadline), t.reportBack]),
    tally,
    signer: f.chairName ?? DOTS,
    note: r.status === "issued" ? `${resolutionNumberLabel(r.number)} · đã ban hành` : "Dự thảo",
  };
}

/** "nghi-quyet-chi-bo-khu-pho-3-2026-11.pdf" */
export const resolutionFileName = (minutesName: string) => minutesName.replace(/^bien-ban-/, "nghi-quyet-");
