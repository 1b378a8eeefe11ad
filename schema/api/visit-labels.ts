/**
 * A leader's visit's statuses and their words, without zod: the web client imports these at run time (see
 * ./report-labels.ts for why); schema/api/visits.ts re-exports them beside its schemas.
 */
export const visitStatuses = ["planned", "attended", "missed", "moved"] as const;
export type VisitStatus = (typeof visitStatuses)[number];
export const visitStatusLabels: Record<VisitStatus, string> = {
  planned: "Đã đăng ký",
  attended: "Đã dự",
  missed: "Không dự",
  moved: "Đã dời",
};
