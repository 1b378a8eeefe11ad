/**
 * Leaders' visit plans: which leader attends which branch's meeting in which month, checked against what
 * happened in the room. A leader is a person of any tenant (or none), named by id or by e-mail.
 */
import { z } from "zod";
import { idSchema, monthSchema } from "../ids";
import { periodQuerySchema } from "./reports";
import { type VisitStatus, visitStatuses } from "./visit-labels";

export * from "./visit-labels";

export const visitStatusSchema = z.enum(visitStatuses);

const notes = z.string().trim().max(2000);

export const createVisitSchema = z
  .object({
    leaderPersonId: idSchema.optional(),
    leaderEmail: z.string().trim().toLowerCase().email().max(254).optional(),
    organizationId: idSchema,
    month: monthSchema,
    /** The branch's meeting of that month, when already scheduled; otherwise it is linked once it is. */
    meetingId: idSchema.optional(),
    notes: notes.default(""),
  })
  .strict()
  .refine((v) => (v.leaderPersonId === undefined) !== (v.leaderEmail === undefined), {
    path: ["leaderPersonId"],
    message: "Cần đúng một trong leaderPersonId hoặc leaderEmail / exactly one of leaderPersonId, leaderEmail",
  });
export type CreateVisit = z.infer<typeof createVisitSchema>;

/** Staff corrections: notes, the linked meeting, or the outcome when the room could not record it. */
export const updateVisitSchema = z
  .object({
    notes: notes.optional(),
    meetingId: idSchema.nullable().optional(),
    status: z.enum(["planned", "attended", "missed"]).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Không có gì để sửa / nothing to change" });
export type UpdateVisit = z.infer<typeof updateVisitSchema>;

/** Moves a missed visit to a later meeting of the same branch; without `meetingId`, to the next one. */
export const moveVisitSchema = z.object({ meetingId: idSchema.optional(), notes: notes.optional() }).strict();
export type MoveVisit = z.infer<typeof moveVisitSchema>;

export const visitListQuerySchema = z.intersection(
  periodQuerySchema,
  z.object({
    leaderPersonId: idSchema.optional(),
    organizationId: idSchema.optional(),
    status: visitStatusSchema.optional(),
  }),
);
export type VisitListQuery = z.infer<typeof visitListQuerySchema>;

export interface VisitView {
  id: string;
  leaderPersonId: string;
  leaderName: string;
  organizationId: string;
  organizationName: string;
  month: string;
  meetingId: string | null;
  meetingScheduledAt: string | null;
  meetingStatus: string | null;
  status: VisitStatus;
  movedToMeetingId: string | null;
  movedFromPlanId: string | null;
  notes: string;
  createdAt: string;
}

export interface LeaderOption {
  personId: string;
  fullName: string;
  email: string | null;
}
