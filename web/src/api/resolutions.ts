/**
 * A meeting's resolution and its reviews of earlier tasks (worker/routes/resolutions.ts): read, save the draft,
 * issue; list and mark the tasks under review. Contracts: schema/api/resolutions.ts.
 */
import type {
  Resolution,
  ResolutionDraftInput,
  TaskReviewInput,
  TaskReviewList,
  TaskUnderReview,
} from "../../../schema/api/resolutions";
import { enc, request } from "./http";

const one = (tenantId: string, meetingId: string) => `/api/tenants/${enc(tenantId)}/meetings/${enc(meetingId)}`;

export const resolutionsApi = {
  get: (tenantId: string, meetingId: string, signal?: AbortSignal) =>
    request<Resolution>("GET", `${one(tenantId, meetingId)}/resolution`, undefined, { signal }),
  save: (tenantId: string, meetingId: string, body: ResolutionDraftInput) =>
    request<Resolution>("PUT", `${one(tenantId, meetingId)}/resolution`, body),
  /** Final: the branch's next number for the year; the meeting must be closed. */
  issue: (tenantId: string, meetingId: string) =>
    request<Resolution>("POST", `${one(tenantId, meetingId)}/resolution/issue`),
  reviews: (tenantId: string, meetingId: string, signal?: AbortSignal) =>
    request<TaskReviewList>("GET", `${one(tenantId, meetingId)}/task-reviews`, undefined, { signal }),
  review: (tenantId: string, meetingId: string, taskId: string, body: TaskReviewInput) =>
    request<TaskUnderReview>("PUT", `${one(tenantId, meetingId)}/task-reviews/${enc(taskId)}`, body),
};
