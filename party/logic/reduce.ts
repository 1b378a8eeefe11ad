/**
 * One entry for every client action: checks the sender's role (from the ticket), then calls the area's
 * pure function. state + action → new state + changes + D1 outbox, or a refusal that changes nothing.
 * `reduceSession` applies a batch of frames exactly as `reduce` one after another, faster for ballots.
 */
import type { ClientMessage } from "../../schema/room/messages";
import { addItem, goToItem, reorder, startMeeting } from "./agenda";
import { checkIn, markAbsent } from "./attendance";
import { hearing } from "./attendance-media";
import { admitJoining, join, joinSession } from "./joining";
import { postGuidance, saveEvaluation, saveNote } from "./leader";
import { closeMeeting, editMinutes, prefillMinutes } from "./minutes";
import { endBy, extendFloor, giveFloor, lowerHand, raiseHand, setSettings } from "./queue";
import { mute } from "./rtc";
import {
  type Actor,
  type Applied,
  applied,
  type Ctx,
  isStaff,
  type Refused,
  type Result,
  type RoomState,
  refuse,
} from "./state";
import {
  type BallotSession,
  ballotSession,
  castBallot,
  closeVote,
  enterHallBallots,
  openVote,
  reserveOpinion,
} from "./votes";

const chairOnly = () => refuse("forbidden", "Chỉ người chủ trì được làm việc này / Only the chair may do this");
const staffOnly = () =>
  refuse("forbidden", "Chỉ chủ trì hoặc thư ký được làm việc này / Only the chair or minutes-taker may do this");

export function reduce(s: RoomState, actor: Actor, msg: ClientMessage, ctx: Ctx): Result {
  const chair = actor.role === "chair";
  switch (msg.type) {
    case "sync":
      return applied(s, []);
    case "presence/join":
      return join(s, actor, ctx);
    case "presence/check-in":
      // A member checking themselves in remotely is the Join tap: the same rule before the start.
      if (msg.personId === actor.personId && msg.mode === "remote" && !isStaff(actor)) return join(s, actor, ctx);
      return checkIn(s, actor, msg.personId, msg.mode, ctx);
    case "presence/mark-absent":
      return markAbsent(s, actor, msg.personId, msg.excused, msg.reason, ctx);
    case "meeting/start":
      return chair ? then(startMeeting(s, ctx), (started) => admitJoining(started, ctx)) : chairOnly();
    case "meeting/close":
      return chair ? closeMeeting(s, actor, ctx) : chairOnly();
    case "agenda/go":
      return chair ? goToItem(s, msg.itemId, ctx) : chairOnly();
    case "agenda/add":
      return chair ? addItem(s, msg, ctx) : chairOnly();
    case "agenda/reorder":
      return chair ? reorder(s, msg.itemIds) : chairOnly();
    case "queue/raise":
      return raiseHand(s, actor, msg.kind, ctx);
    case "queue/lower":
      return lowerHand(s, actor, msg.personId);
    case "queue/settings":
      return chair ? setSettings(s, msg.settings) : chairOnly();
    case "floor/give":
      return chair ? giveFloor(s, msg.personId, msg.limitSeconds, ctx) : chairOnly();
    case "floor/end":
      return endBy(s, actor, ctx);
    case "floor/extend":
      return chair ? extendFloor(s, msg.seconds, ctx) : chairOnly();
    case "vote/open":
      return chair ? openVote(s, msg, ctx) : chairOnly();
    case "vote/cast":
      return castBallot(s, actor, msg.voteId, msg.choice, msg.id, ctx);
    case "vote/hall":
      return isStaff(actor) ? enterHallBallots(s, msg.voteId, msg.entries, msg.id, ctx) : staffOnly();
    case "vote/close":
      return chair ? closeVote(s, msg.voteId, ctx) : chairOnly();
    case "vote/reserve":
      return reserveOpinion(s, actor, msg.voteId, msg.body, ctx);
    case "note/save":
      return saveNote(s, actor, msg, ctx);
    case "guidance/post":
      return postGuidance(s, actor, msg.body, ctx);
    case "evaluation/save":
      return saveEvaluation(s, actor, msg.scores, ctx);
    case "minutes/edit":
      return editMinutes(s, actor, msg.body, msg.baseRevision, ctx);
    case "minutes/prefill":
      return prefillMinutes(s, actor, ctx);
    case "rtc/offer":
    case "rtc/answer":
    case "rtc/ice":
    case "rtc/hangup":
      // Relayed by party/rtc-relay.ts before it reaches here; never part of the meeting's state.
      return refuse("bad_message", "Tín hiệu WebRTC không thay đổi cuộc họp / WebRTC signalling changes nothing");
    case "rtc/mute":
      return mute(s, actor, msg.personId, ctx);
    case "rtc/media":
      return hearing(s, actor, msg.hearing, ctx);
    default:
      msg satisfies never;
      return refuse("unknown_type", "Loại tin nhắn không xác định / Unknown message type");
  }
}

/** Applies `next` on the state `first` left, joining both results' changes and outbox (first's ack). */
function then(first: Result, next: (s: RoomState) => Result): Result {
  if (!first.ok) return first;
  const second = next(first.state);
  if (!second.ok) return second;
  return {
    ...first,
    state: second.state,
    changes: [...first.changes, ...second.changes],
    outbox: [...first.outbox, ...second.outbox],
  };
}

/** What a frame of a batch did: its changes, outbox and ack, or a refusal. The new state is the session's. */
export type Step = Omit<Applied, "state"> | Refused;

export interface ReduceSession {
  /** One frame, on the state the frames before it left. */
  apply(actor: Actor, msg: ClientMessage, ctx: Ctx): Step;
  /** The state after every frame applied so far. */
  state(): RoomState;
}

/**
 * Frames applied one after another exactly as `reduce` would (test/logic/ballot-session.test.ts proves it),
 * for a room that stores a batch in one commit. Ballots in a row share one working copy of the ballot
 * record (`ballotSession`, the code `reduce` runs for a single ballot): copying every vote's ballots for each
 * ballot made a large vote quadratic.
 */
export function reduceSession(start: RoomState): ReduceSession {
  let state = start;
  let ballots: BallotSession | null = null;
  // Join taps before the start, likewise, share one copy of the intents (logic/joining.ts `joinSession`).
  let joins: ReturnType<typeof joinSession> | null = null;
  const settle = () => {
    if (ballots) state = ballots.state();
    if (joins) state = joins.state();
    ballots = null;
    joins = null;
    return state;
  };
  return {
    apply(actor, msg, ctx) {
      if (msg.type === "vote/cast") {
        if (!ballots) ballots = ballotSession(settle());
        return ballots.cast(actor, msg.voteId, msg.choice, msg.id, ctx);
      }
      if (msg.type === "presence/join") {
        if (!joins && settle().meeting.status === "planned") joins = joinSession(state);
        if (joins) return joins.join(actor, ctx);
      }
      const result = reduce(settle(), actor, msg, ctx);
      if (result.ok) state = result.state;
      return result;
    },
    state: settle,
  };
}
