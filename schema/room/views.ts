/**
 * What the room shows: the pieces of a snapshot and of the small events that follow it. The server builds
 * them from its state; the client parses them with these schemas. See party/README.md for the protocol.
 * Written with zod/mini (functional checks, tree-shakable) so the member's phone loads a few KB of zod, not
 * all of it (issue 4: the member room view stays under 60 KB gzipped); parsing is the same zod core.
 */
import * as z from "zod/mini";
import { gradeSchema, scoresSchema } from "../quality-grid.ts";
import { attendanceStatusSchema, choiceSchema, voteResultSchema, voteRuleSchema } from "../vote-rules.ts";
import { roomRoleSchema } from "./ticket.ts";

// Defined with the vote rules, which read them (who may vote, the base); views and messages use them from here too.
export { type AttendanceStatus, attendanceStatusSchema, type Choice, choiceSchema } from "../vote-rules.ts";

export const meetingViewSchema = z.object({
  id: z.string(),
  topic: z.string(),
  kind: z.enum(["regular", "thematic"]),
  place: z.string(),
  format: z.enum(["in_person", "hybrid", "online"]),
  scheduledAt: z.string(),
  status: z.enum(["planned", "live", "closed"]),
  chairPersonId: z.nullable(z.string()),
  minutesTakerPersonId: z.nullable(z.string()),
  startedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
  /** 90 minutes; 120 for a combined thematic + regular meeting (`meetings.combined`). */
  durationMarkMinutes: z.number(),
  /** How remote people hear and speak (issue 13). Optional: rooms stored before it existed send none. */
  mediaMode: z.optional(z.enum(["hall_only", "external", "builtin"])),
  /** The external call's https link, for the room's participants (all of whom may see the meeting). */
  mediaLink: z.optional(z.nullable(z.string())),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;

/** A branch member on the roster. */
export const memberViewSchema = z.object({
  personId: z.string(),
  name: z.string(),
  status: z.enum(["official", "probationary"]),
  branchRole: z.enum(["secretary", "deputy", "committee", "member"]),
  exempt: z.boolean(),
});
export type MemberView = z.infer<typeof memberViewSchema>;

export const guestViewSchema = z.object({ personId: z.string(), name: z.string(), title: z.string() });
export type GuestView = z.infer<typeof guestViewSchema>;

/**
 * One person's attendance; `status` null = not yet recorded. `connected` = sockets open now. `joinedAt`: when
 * they first joined (their tap, or a check-in); `leftAt`: when a remote member's last socket closed, null while
 * they are connected or came back. `joining`: tapped "Tham dự / Join" before the start, present from the start.
 */
export const attendanceEntrySchema = z.object({
  personId: z.string(),
  status: z.nullable(attendanceStatusSchema),
  reason: z.nullable(z.string()),
  connected: z.int(),
  joinedAt: z.optional(z.nullable(z.string())),
  leftAt: z.optional(z.nullable(z.string())),
  joining: z.optional(z.boolean()),
  /**
   * When this member first heard the hall with sound through built-in media in this meeting (`rtc/media`
   * hearing true); never cleared. Optional: rooms stored before it existed.
   */
  heardAt: z.optional(z.nullable(z.string())),
  /** Receiving the hall's sound now (their last `rtc/media`). Optional: rooms stored before it existed. */
  hearing: z.optional(z.boolean()),
});
export type AttendanceEntry = z.infer<typeof attendanceEntrySchema>;

/** Live counts against the branch's members less the exempted; `rate` vs the 85% mark. */
export const attendanceCountsSchema = z.object({
  members: z.int(),
  official: z.int(),
  probationary: z.int(),
  exempt: z.int(),
  /** members − exempt (an exempt member who attends counts as present and as expected). */
  expected: z.int(),
  presentHall: z.int(),
  presentRemote: z.int(),
  /**
   * Present remote members who heard the hall with sound (built-in media); presentRemote − presentRemoteMedia
   * only followed the room. Optional: rooms stored before it existed.
   */
  presentRemoteMedia: z.optional(z.int()),
  present: z.int(),
  absentExcused: z.int(),
  absentUnexcused: z.int(),
  unrecorded: z.int(),
  rate: z.number(),
  mark: z.number(),
  reachesMark: z.boolean(),
  /** Official members present: who may vote now. */
  eligibleVoters: z.int(),
  /** The `members` vote base now (DOMAIN.md). */
  voteBase: z.int(),
});
export type AttendanceCounts = z.infer<typeof attendanceCountsSchema>;

export const agendaItemViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  position: z.int(),
  presenterPersonId: z.nullable(z.string()),
  budgetMinutes: z.int(),
  /** Time spent on the item before its current run, in ms. */
  elapsedMs: z.int(),
  /** Set while the item is current: add `now − runningSince` to `elapsedMs` for the live clock. */
  runningSince: z.nullable(z.string()),
  done: z.boolean(),
  /** `task_review`: the item that reviews the last resolution's tasks; absent in rooms stored before it existed. */
  kind: z.optional(z.enum(["item", "task_review"])),
  /** On the `task_review` item: the tasks and how this meeting has reviewed them (marked through the API). */
  reviews: z.optional(
    z.array(
      z.object({
        title: z.string(),
        leadName: z.string(),
        deadline: z.string(),
        resolutionNumber: z.string(),
        review: z.nullable(z.object({ status: z.enum(["done", "in_progress", "not_done"]), note: z.string() })),
      }),
    ),
  ),
});
export type AgendaItemView = z.infer<typeof agendaItemViewSchema>;

export const speechKindSchema = z.enum(["speech", "point_of_order"]);
export const queueEntrySchema = z.object({
  personId: z.string(),
  name: z.string(),
  kind: speechKindSchema,
  raisedAt: z.string(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const floorViewSchema = z.object({
  personId: z.string(),
  name: z.string(),
  kind: speechKindSchema,
  itemId: z.nullable(z.string()),
  startedAt: z.string(),
  limitSeconds: z.int(),
  /** Set by the server's clock (alarm) when the limit passed. */
  overrun: z.boolean(),
  /** The server ends the speech at limit + grace. */
  graceSeconds: z.int(),
});
export type FloorView = z.infer<typeof floorViewSchema>;

export const speechViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  itemId: z.nullable(z.string()),
  kind: speechKindSchema,
  startedAt: z.string(),
  endedAt: z.string(),
  durationSeconds: z.int(),
  limitSeconds: z.int(),
  overrunSeconds: z.int(),
  /** true when the server's clock ended it at limit + grace. */
  cutOff: z.boolean(),
});
export type SpeechView = z.infer<typeof speechViewSchema>;

export const queueSettingsSchema = z.object({
  limitSeconds: z.int().check(z.minimum(1), z.maximum(3600)),
  graceSeconds: z.int().check(z.minimum(0), z.maximum(600)),
});
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

export const tallySchema = z.object({ agree: z.int(), disagree: z.int(), abstain: z.int() });

/**
 * A vote as everyone sees it. In an open secret vote `tally` and `canStillPass` are null: only how many
 * voted shows until it closes.
 */
export const voteViewSchema = z.object({
  id: z.string(),
  motion: z.string(),
  itemId: z.nullable(z.string()),
  rule: voteRuleSchema,
  secret: z.boolean(),
  status: z.enum(["open", "closed"]),
  openedAt: z.string(),
  closedAt: z.nullable(z.string()),
  /** Official members present now (while open) / at close. */
  eligible: z.int(),
  voted: z.int(),
  votedHall: z.int(),
  votedRemote: z.int(),
  tally: z.nullable(tallySchema),
  /** What the result is measured against, and how many agree ballots pass it. */
  base: z.int(),
  needed: z.int(),
  canStillPass: z.nullable(z.boolean()),
  result: z.nullable(voteResultSchema),
});
export type VoteView = z.infer<typeof voteViewSchema>;

export const reservedOpinionViewSchema = z.object({
  id: z.string(),
  voteId: z.string(),
  personId: z.string(),
  name: z.string(),
  body: z.string(),
  at: z.string(),
});
export type ReservedOpinionView = z.infer<typeof reservedOpinionViewSchema>;

/** A leader's note: sent only to its author, and to the committee once shared. */
export const leaderNoteViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  itemId: z.nullable(z.string()),
  body: z.string(),
  shared: z.boolean(),
  updatedAt: z.string(),
});
export type LeaderNoteView = z.infer<typeof leaderNoteViewSchema>;

export const guidanceViewSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  body: z.string(),
  at: z.string(),
});
export type GuidanceView = z.infer<typeof guidanceViewSchema>;

export const evaluationViewSchema = z.object({
  personId: z.string(),
  name: z.string(),
  kind: z.enum(["branch", "leader"]),
  scores: scoresSchema,
  total: z.int(),
  grade: gradeSchema,
  updatedAt: z.string(),
});
export type EvaluationView = z.infer<typeof evaluationViewSchema>;

export const minutesViewSchema = z.object({
  body: z.string(),
  /** Increments on every edit; an edit names the revision it was based on. */
  revision: z.int(),
  editedBy: z.nullable(z.string()),
  editedAt: z.nullable(z.string()),
  /** 1 once the meeting closed and version 1 was frozen in D1. */
  frozenVersion: z.nullable(z.int()),
  /**
   * The record's counts (schema/record/minutes-counts.ts) when the body was last saved by hand, so the
   * minutes-taker sees what changed since; null while the body is the room's own draft (empty: nobody wrote).
   * Optional: rooms stored before it existed.
   */
  countsAtEdit: z.optional(z.nullable(z.array(z.object({ label: z.string(), value: z.string() })))),
});
export type MinutesView = z.infer<typeof minutesViewSchema>;

/**
 * One track published to the Cloudflare Realtime SFU (built-in media): which session holds it, so subscribers
 * know what to subscribe to. The hall's tracks stay until the close; a speaker's go when their floor ends.
 */
export const mediaTrackViewSchema = z.object({
  personId: z.string(),
  sessionId: z.string(),
  trackName: z.string(),
  kind: z.enum(["audio", "video"]),
});
export type MediaTrackView = z.infer<typeof mediaTrackViewSchema>;

export const mediaViewSchema = z.object({ tracks: z.array(mediaTrackViewSchema) });
export type MediaView = z.infer<typeof mediaViewSchema>;

/** Who this connection is, as the server sees it. */
export const youSchema = z.object({
  personId: z.string(),
  name: z.string(),
  role: roomRoleSchema,
  /** An official member of the branch (votes when present). */
  official: z.boolean(),
  /** This person's own ballots, by vote id (also in secret votes: only they receive it). */
  ballots: z.record(z.string(), choiceSchema),
});
export type You = z.infer<typeof youSchema>;

export const roomViewSchema = z.object({
  meeting: meetingViewSchema,
  roster: z.array(memberViewSchema),
  guests: z.array(guestViewSchema),
  attendance: z.array(attendanceEntrySchema),
  counts: attendanceCountsSchema,
  agenda: z.array(agendaItemViewSchema),
  currentItemId: z.nullable(z.string()),
  queue: z.array(queueEntrySchema),
  floor: z.nullable(floorViewSchema),
  queueSettings: queueSettingsSchema,
  speeches: z.array(speechViewSchema),
  votes: z.array(voteViewSchema),
  reservedOpinions: z.array(reservedOpinionViewSchema),
  guidance: z.array(guidanceViewSchema),
  evaluations: z.array(evaluationViewSchema),
  /** Only the notes this connection may see. */
  notes: z.array(leaderNoteViewSchema),
  minutes: minutesViewSchema,
  /** The SFU's published tracks (built-in media). Optional: rooms stored before it existed. */
  media: z.optional(mediaViewSchema),
  /** The server's clock when the snapshot was made, to correct the client's clock for the live timers. */
  now: z.string(),
});
export type RoomView = z.infer<typeof roomViewSchema>;
