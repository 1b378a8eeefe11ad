/**
 * What the room owes D1, as data. Pure logic emits these; the room keeps them in its own storage and
 * retries until D1 takes them (party/d1-writer.ts turns them into idempotent statements).
 */
import type {
  AttendanceStatus,
  Choice,
  EvaluationView,
  LeaderNoteView,
  ReservedOpinionView,
  SpeechView,
} from "../../schema/room/views";
import type { VoteResult } from "../../schema/vote-rules";

export type OutboxOp =
  | { kind: "meeting_live"; startedAt: string }
  | {
      kind: "attendance";
      entries: {
        personId: string;
        status: AttendanceStatus;
        reason: string | null;
        recordedBy: string | null;
        /** First join and last leave (attendance.joined_at / left_at); absent in ops queued before they existed. */
        joinedAt?: string | null;
        leftAt?: string | null;
        /** First heard the hall with sound (attendance.heard_at); D1 keeps the first one written. */
        heardAt?: string | null;
        /** The member's standing at the meeting, written by the close's settlement (attendance.member_status). */
        memberStatus?: "official" | "probationary";
      }[];
    }
  | {
      kind: "agenda";
      items: { id: string; title: string; position: number; presenterPersonId: string | null; budgetMinutes: number }[];
    }
  | { kind: "speech"; speech: SpeechView }
  | {
      kind: "vote";
      vote: {
        id: string;
        itemId: string | null;
        motion: string;
        ruleJson: string;
        secret: boolean;
        openedAt: string;
        closedAt: string;
        base: number;
        agree: number;
        disagree: number;
        abstain: number;
        eligible: number;
        result: VoteResult;
      };
      /** In a secret vote `choice` is null here already: the choice never leaves the room. */
      ballots: { personId: string; choice: Choice | null; channel: "remote" | "hall"; castAt: string }[];
    }
  | { kind: "reserved"; opinion: ReservedOpinionView }
  | { kind: "note"; note: LeaderNoteView }
  | { kind: "evaluation"; evaluation: EvaluationView; id: string }
  | { kind: "close"; endedAt: string; minutesBody: string; createdBy: string; minutesId: string };
