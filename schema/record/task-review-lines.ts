/**
 * The review of an earlier resolution's tasks as lines of text, for the minutes and the resolution of the meeting
 * that reviewed them (DOMAIN.md "Resolutions and follow-up"). Pure: the minutes draft and the resolution both call it.
 */

import { type ReviewStatus, TASK_REVIEW_TITLE } from "../api/resolution-labels.ts";
import type { TaskReviewFact } from "./minutes-facts.ts";
import { dayText } from "./resolution-text.ts";

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  done: "Đã hoàn thành",
  in_progress: "Đang thực hiện",
  not_done: "Chưa thực hiện",
};

/** One line a task, numbered; a task not yet marked says so; nothing at all when there was nothing to review. */
export function taskReviewLines(tasks: readonly TaskReviewFact[]): string[] {
  if (tasks.length === 0) return [];
  const done = tasks.filter((t) => t.review?.status === "done").length;
  const lines = [`${TASK_REVIEW_TITLE.toUpperCase()} (${done}/${tasks.length} việc đã hoàn thành)`];
  tasks.forEach((t, i) => {
    const lead = t.leadName ? `; chủ trì: ${t.leadName}` : "";
    const verdict = t.review ? reviewStatusLabels[t.review.status] : "Chưa kiểm điểm";
    const note = t.review?.note ? ` — ${t.review.note}` : "";
    lines.push(
      `${i + 1}. ${t.title} (${t.resolutionNumber}${lead}; thời hạn ${dayText(t.deadline)}): ${verdict}${note}`,
    );
  });
  return lines;
}
