/**
 * The room's state: plain data, updated immutably (an unchanged entry keeps its object), so the storage
 * layer writes only the entries whose reference changed. No socket, no storage, no clock here: `now` and
 * ids come in as arguments.
 */

import type { TaskReviewFact } from "../../schema/record/minutes-facts";
import type { RoomErrorCode } from "../../schema/room/messages";
import type { RoomRole } from "../../schema/room/ticket";
import type {
  AttendanceStatus,
  Choice,
  EvaluationView,
  GuestView,
  GuidanceView,
  LeaderNoteView,
  MemberView,
  MinutesView,
  QueueEntry,
  QueueSettings,
  ReservedOpinionView,
  SpeechView,
} from "../../schema/room/views";
import type { VoteResult, VoteRule } from "../../schema/vote-rules";
import type { TrackRec } from "./media-tracks";
import type { OutboxOp } from "./outbox";

export interface MeetingRec {
  id: string;
  tenantId: string;
  organizationId: string;
  topic: string;
  kind: "regular" | "thematic";
  place: string;
  format: "in_person" | "hybrid" | "online";
  scheduledAt: string;
  status: "planned" | "live" | "closed";
  chairPersonId: string | null;
  minutesTakerPersonId: string | null;
  startedAt: string | null;
  endedAt: string | null;
  currentItemId: string | null;
  /** A thematic and a regular meeting together: the 120-minute mark. Absent in rooms stored before it existed. */
  combined?: boolean;
  /** How remote people hear and speak (issue 13); absent in rooms stored before it existed. */
  mediaMode?: "hall_only" | "external" | "builtin";
  /** The external call's https link; null for the other modes. */
  mediaLink?: string | null;
}

export interface AgendaRec {
  id: string;
  title: string;
  position: number;
  presenterPersonId: string | null;
  budgetMinutes: number;
  elapsedMs: number;
  runningSince: string | null;
  done: boolean;
  kind?: "item" | "task_review";
  /** On the `task_review` item: the tasks under review, as D1 holds them (reloaded when a review is marked). */
  reviews?: TaskReviewFact[];
}

export interface AttendanceRec {
  personId: string;
  status: AttendanceStatus;
  reason: string | null;
  recordedBy: string | null;
  at: string;
  /** First join (a tap, a check-in, or the start for those who tapped before it). Absent in rooms stored before it existed. */
  joinedAt?: string | null;
  /** A remote member's last socket closed at this time; null while connected or once back. Hall check-ins: null. */
  leftAt?: string | null;
  /**
   * First heard the hall with sound through built-in media (`rtc/media`, party/logic/attendance-media.ts); never
   * cleared. Absent in rooms stored before it existed.
   */
  heardAt?: string | null;
  /** Receiving the hall's sound now (their last `rtc/media`; false once their last socket closed). */
  hearing?: boolean;
}

/** A member who tapped "Tham dự / Join" before the start: present from the start if still connected then. */
export interface JoiningRec {
  personId: string;
  at: string;
}

export interface FloorRec {
  personId: string;
  name: string;
  kind: "speech" | "point_of_order";
  itemId: string | null;
  startedAt: string;
  limitSeconds: number;
  graceSeconds: number;
  overrun: boolean;
}

export interface LiveRec {
  queue: QueueEntry[];
  floor: FloorRec | null;
  settings: QueueSettings;
  /**
   * The chair's last mute (party/logic/rtc.ts): that person may not offer again during the floor they held when
   * muted. Absent in rooms stored before it existed.
   */
  muted?: { personId: string; at: string };
  /** The SFU's published tracks (party/logic/media-tracks.ts). Absent in rooms stored before it existed. */
  tracks?: TrackRec[];
}

export interface VoteRec {
  id: string;
  motion: string;
  itemId: string | null;
  rule: VoteRule;
  secret: boolean;
  status: "open" | "closed";
  openedAt: string;
  closedAt: string | null;
  /** Fixed at close. */
  closing: {
    eligible: number;
    base: number;
    agree: number;
    disagree: number;
    abstain: number;
    result: VoteResult;
  } | null;
}

export interface BallotRec {
  voteId: string;
  personId: string;
  /** null once the meeting closed, in a secret vote: the room forgets secret choices too. */
  choice: Choice | null;
  channel: "remote" | "hall";
  /** The client message id that cast it: a replay with the same id is recognised. */
  ballotId: string;
  at: string;
}

export type NoteRec = LeaderNoteView;
export type EvaluationRec = EvaluationView;

export interface RoomState {
  meeting: MeetingRec;
  roster: Record<string, MemberView>;
  guests: Record<string, GuestView>;
  agenda: Record<string, AgendaRec>;
  live: LiveRec;
  minutes: MinutesView;
  attendance: Record<string, AttendanceRec>;
  /** Before the start: who tapped Join (absent in rooms stored before it existed: the store loads it as {}). */
  joining: Record<string, JoiningRec>;
  speeches: Record<string, SpeechView>;
  votes: Record<string, VoteRec>;
  /** Keyed `${voteId}/${personId}`. */
  ballots: Record<string, BallotRec>;
  reserved: Record<string, ReservedOpinionView>;
  notes: Record<string, NoteRec>;
  guidance: Record<string, GuidanceView>;
  /** Keyed by evaluator person id. */
  evaluations: Record<string, EvaluationRec>;
}

/** The single-object parts and the keyed collections: the storage layer persists each entry apart. */
export const singleKeys = ["meeting", "roster", "guests", "agenda", "live", "minutes"] as const;
export const collectionKeys = [
  "attendance",
  "joining",
  "speeches",
  "votes",
  "ballots",
  "reserved",
  "notes",
  "guidance",
  "evaluations",
] as const;
export type SingleKey = (typeof singleKeys)[number];
export type CollectionKey = (typeof collectionKeys)[number];

/** Who sends an action: from the verified ticket, never from the message. */
export interface Actor {
  personId: string;
  role: RoomRole;
  name: string;
}

/** What changed, so the server knows what to broadcast. */
export type Change =
  | { kind: "meeting" }
  /**
   * `admittedAt`: the start admitted every member shown joining (logic/joining.ts `admitJoining`); the event says
   * so in one field instead of an entry per member (see `eventFor`), `personIds` lists only the others.
   */
  | { kind: "attendance"; personIds: string[]; admittedAt?: string }
  | { kind: "agenda" }
  | { kind: "queue" }
  | { kind: "speech"; id: string }
  /** `tally`: only the count moved (a ballot), the frequent kind a large room may coalesce; not an opening or a result. */
  | { kind: "vote"; id: string; tally?: true }
  | { kind: "reserved"; id: string }
  | { kind: "guidance"; id: string }
  | { kind: "evaluation"; personId: string }
  | { kind: "minutes" }
  | { kind: "notes" }
  /** The SFU's published-track list (emitted by the room after a commit that changed it, party/rtc-relay.ts). */
  | { kind: "media" };

export interface Applied {
  ok: true;
  state: RoomState;
  changes: Change[];
  outbox: OutboxOp[];
  /** Extra fields for the ack. */
  ack?: { entityId?: string; duplicate?: boolean; ballot?: { voteId: string; choice: Choice }; skipped?: string[] };
}
export interface Refused {
  ok: false;
  code: RoomErrorCode;
  message: string;
}
export type Result = Applied | Refused;

export const refuse = (code: RoomErrorCode, message: string): Refused => ({ ok: false, code, message });
export const applied = (
  state: RoomState,
  changes: Change[],
  outbox: OutboxOp[] = [],
  ack?: Applied["ack"],
): Applied => ({
  ok: true,
  state,
  changes,
  outbox,
  ack,
});

/** Context every action gets from outside: the time and a source of fresh ids. */
export interface Ctx {
  now: number;
  newId: () => string;
}
export const iso = (ms: number) => new Date(ms).toISOString();

export const defaultQueueSettings: QueueSettings = { limitSeconds: 300, graceSeconds: 30 };

export interface LoadedMeeting {
  meeting: Omit<MeetingRec, "currentItemId">;
  roster: MemberView[];
  guests: GuestView[];
  agenda: {
    id: string;
    title: string;
    position: number;
    presenterPersonId: string | null;
    budgetMinutes: number;
    kind: "item" | "task_review";
    reviews?: TaskReviewFact[];
  }[];
}

/** The room's first state, from what D1 holds. Exempt members start as `exempt` until they check in. */
export function initialState(loaded: LoadedMeeting, now: number): RoomState {
  const at = iso(now);
  const attendance: Record<string, AttendanceRec> = {};
  for (const m of loaded.roster) {
    if (m.exempt)
      attendance[m.personId] = { personId: m.personId, status: "exempt", reason: null, recordedBy: null, at };
  }
  return {
    meeting: { ...loaded.meeting, currentItemId: null },
    roster: Object.fromEntries(loaded.roster.map((m) => [m.personId, m])),
    guests: Object.fromEntries(loaded.guests.map((g) => [g.personId, g])),
    agenda: Object.fromEntries(
      loaded.agenda.map((a) => [a.id, { ...a, elapsedMs: 0, runningSince: null, done: false }]),
    ),
    live: { queue: [], floor: null, settings: defaultQueueSettings },
    minutes: { body: "", revision: 0, editedBy: null, editedAt: null, frozenVersion: null },
    attendance,
    joining: {},
    speeches: {},
    votes: {},
    ballots: {},
    reserved: {},
    notes: {},
    guidance: {},
    evaluations: {},
  };
}

/** The entries of a keyed record whose person is still on the roster (the same object when none left). */
export function onRoster<T>(rec: Record<string, T>, roster: Record<string, unknown>): Record<string, T> {
  const kept = Object.entries(rec).filter(([id]) => roster[id]);
  return kept.length === Object.keys(rec).length ? rec : Object.fromEntries(kept);
}

export const isStaff = (a: Actor) => a.role === "chair" || a.role === "minutes_taker";
export const nameOf = (s: RoomState, personId: string) =>
  s.roster[personId]?.name ?? s.guests[personId]?.name ?? personId;
export const sortedAgenda = (s: RoomState) => Object.values(s.agenda).sort((a, b) => a.position - b.position);

/**
 * Before the meeting starts the API may still change it (agenda, chair, roster, guests): the room takes
 * D1's version again. Attendance already recorded is kept for people still on the roster. The agenda is
 * kept when the room has agenda edits not yet in D1 (`keepAgenda`).
 */
export function refreshPlanned(s: RoomState, loaded: LoadedMeeting, now: number, keepAgenda: boolean): RoomState {
  if (s.meeting.status !== "planned") return s;
  const fresh = initialState(loaded, now);
  const attendance: Record<string, AttendanceRec> = {};
  for (const m of loaded.roster) {
    const prior = s.attendance[m.personId];
    const stillValid = prior && !(prior.status === "exempt" && !m.exempt);
    const initial = fresh.attendance[m.personId];
    if (stillValid) attendance[m.personId] = prior;
    else if (initial) attendance[m.personId] = initial;
  }
  // Same records: keep the object itself. Rebuilt in roster order, it serialises differently from one built
  // in the order members connected, and the room (which compares JSON) took that for a change: a version
  // skip making every client resync, and an attendance frame of the whole roster to every socket.
  const keys = Object.keys(attendance);
  const same =
    keys.length === Object.keys(s.attendance).length && keys.every((id) => s.attendance[id] === attendance[id]);
  return {
    ...s,
    meeting: { ...fresh.meeting, status: s.meeting.status, currentItemId: s.meeting.currentItemId },
    roster: fresh.roster,
    guests: fresh.guests,
    agenda: keepAgenda ? s.agenda : fresh.agenda,
    attendance: same ? s.attendance : attendance,
    joining: onRoster(s.joining ?? {}, fresh.roster),
  };
}
