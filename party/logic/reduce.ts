/**
 * One entry for every client action: checks the sender's role (from the ticket), then calls the area's
 * pure function. state + action → new state + changes + D1 outbox, or a refusal that changes nothing.
 */
import type { ClientMessage } from "../../schema/room/messages";
import { addItem, goToItem, reorder, startMeeting } from "./agenda";
import { checkIn, markAbsent } from "./attendance";
import { postGuidance, saveEvaluation, saveNote } from "./leader";
import { closeMeeting, editMinutes, prefillMinutes } from "./minutes";
import { endBy, extendFloor, giveFloor, lowerHand, raiseHand, setSettings } from "./queue";
import { type Actor, applied, type Ctx, isStaff, type Result, type RoomState, refuse } from "./state";
import { castBallot, closeVote, enterHallBallots, openVote, reserveOpinion } from "./votes";

const chairOnly = () => refuse("forbidden", "Chỉ người chủ trì được làm việc này / Only the chair may do this");
const staffOnly = () =>
  refuse("forbidden", "Chỉ chủ trì hoặc thư ký được làm việc này / Only the chair or minutes-taker may do this");

export function reduce(s: RoomState, actor: Actor, msg: ClientMessage, ctx: Ctx): Result {
  const chair = actor.role === "chair";
  switch (msg.type) {
    case "sync":
      return applied(s, []);
    case "presence/check-in":
      return checkIn(s, actor, msg.personId, msg.mode, ctx);
    case "presence/mark-absent":
      return markAbsent(s, actor, msg.personId, msg.excused, msg.reason, ctx);
    case "meeting/start":
      return chair ? startMeeting(s, ctx) : chairOnly();
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
    default:
      msg satisfies never;
      return refuse("unknown_type", "Loại tin nhắn không xác định / Unknown message type");
  }
}
