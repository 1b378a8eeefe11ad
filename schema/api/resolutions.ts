/**
 * A branch resolution (nghị quyết chi bộ, "Số 05-NQ/CB", DOMAIN.md "Resolutions and follow-up"): one per meeting,
 * drafted from the meeting's record, numbered per branch and calendar year when issued; issued is final. Its tasks
 * come back at the branch's next meeting as the task-review agenda item (`task_review`), where each is marked done,
 * in progress or not done with a note.
 */
import { z } from "zod";
import { dateSchema, idSchema } from "../ids";
import { visibleText } from "../visible-text";
import type { VoteResult } from "../vote-rules";
import { MAX_RESOLUTION_TASKS, REVIEW_STATUSES, type ReviewStatus, type TaskStatus } from "./resolution-labels";

export * from "./resolution-labels";

export const resolutionTaskInputSchema = z
  .object({
    title: visibleText(1000, "Cần nội dung công việc / Task needs a description"),
    /** A member of the branch who leads it, or null when `leadName` names a body ("Chi ủy", "Các đồng chí đảng viên"). */
    leadPersonId: idSchema.nullable().default(null),
    leadName: z.string().trim().max(200).default(""),
    deadline: dateSchema,
    reportBack: z.string().trim().max(200).default(""),
  })
  .strict();
export type ResolutionTaskInput = z.input<typeof resolutionTaskInputSchema>;

export const resolutionDraftSchema = z
  .object({
    body: z.string().max(100_000),
    adoptedVoteId: idSchema.nullable().default(null),
    tasks: z.array(resolutionTaskInputSchema).max(MAX_RESOLUTION_TASKS).default([]),
  })
  .strict();
export type ResolutionDraftInput = z.input<typeof resolutionDraftSchema>;

export const taskReviewInputSchema = z
  .object({ status: z.enum(REVIEW_STATUSES), note: z.string().trim().max(2000).default("") })
  .strict();
export type TaskReviewInput = z.input<typeof taskReviewInputSchema>;

export interface ResolutionTask {
  id: string;
  position: number;
  title: string;
  leadPersonId: string | null;
  leadName: string;
  deadline: string;
  reportBack: string;
  status: TaskStatus;
  doneOn: string | null;
}

/** A vote of the meeting the resolution may name as the one that adopted it. */
export interface ResolutionVote {
  id: string;
  motion: string;
  agree: number | null;
  base: number | null;
  result: VoteResult | null;
}

/** What the resolution states of the meeting, read from its record (D1), never typed by hand. */
export interface ResolutionFacts {
  organizationName: string;
  tenantName: string;
  kind: "regular" | "thematic";
  topic: string;
  place: string;
  scheduledAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMinutes: number | null;
  chairName: string | null;
  minutesTakerName: string | null;
  /** Members on the record; present in the hall and remotely; absent with and without reason. */
  members: number;
  present: number;
  presentHall: number;
  presentRemote: number;
  absent: number;
  absentExcused: number;
  absentUnexcused: number;
  speakers: number;
}

/** An earlier resolution's task up for review at a meeting, with this meeting's review of it if made. */
export interface TaskUnderReview {
  taskId: string;
  title: string;
  leadName: string;
  deadline: string;
  reportBack: string;
  /** "Số 05-NQ/CB" of the resolution it comes from. */
  resolutionNumber: string;
  status: TaskStatus;
  doneOn: string | null;
  review: { status: ReviewStatus; note: string; reviewedAt: string } | null;
}

export interface TaskReviewList {
  meetingId: string;
  /** Whether the caller may mark the tasks (chair, minutes-taker, admin, branch secretary; before the close). */
  canReview: boolean;
  tasks: TaskUnderReview[];
}

export interface Resolution {
  /** null until the draft is first saved. */
  id: string | null;
  meetingId: string;
  status: "draft" | "issued";
  year: number | null;
  number: number | null;
  body: string;
  adoptedVoteId: string | null;
  tasks: ResolutionTask[];
  issuedAt: string | null;
  facts: ResolutionFacts;
  votes: ResolutionVote[];
  /** The reviews of earlier tasks made at this meeting, printed in the resolution. */
  reviews: TaskUnderReview[];
  /** Whether the caller may edit the draft and issue it. */
  canWrite: boolean;
}
