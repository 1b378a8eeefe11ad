/**
 * The part of the resolution contracts the web imports at run time (no zod: the client bundles zod/mini only):
 * task statuses and the title of the agenda item that reviews last month's tasks.
 */

export const TASK_STATUSES = ["open", "done", "in_progress", "not_done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const REVIEW_STATUSES = ["done", "in_progress", "not_done"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The agenda item that opens a meeting whose branch has open tasks from an issued resolution. */
export const TASK_REVIEW_TITLE = "Kiểm điểm việc thực hiện nghị quyết tháng trước";
export const MAX_RESOLUTION_TASKS = 50;
