/**
 * Who may signal WebRTC through the room, pure (the relay is party/rtc-relay.ts). The floor drives the
 * microphones: the hall device (the chair's sockets: the console or the hall screen opened under the chair's
 * ticket) always publishes the hall; a member (probationary too) or an invited guest publishes only while they
 * hold the floor; everyone else only receives, answering the offers of those who publish. Nothing here is stored:
 * each frame is judged on the room's state of the moment, so the rules survive hibernation.
 */
import type { ClientMessage } from "../../schema/room/messages";
import { type Actor, applied, type Ctx, iso, type Refused, type Result, type RoomState, refuse } from "./state";

/**
 * Signalling the room relays without storing (the chair's `rtc/mute` and a listener's `rtc/media` are stored: they
 * go through the reducer).
 */
export type RtcFrame = Exclude<Extract<ClientMessage, { type: `rtc/${string}` }>, { type: "rtc/mute" | "rtc/media" }>;
export type RtcStopReason = "floor" | "mute" | "closed";

export const isRtcFrame = (msg: ClientMessage): msg is RtcFrame =>
  msg.type.startsWith("rtc/") && msg.type !== "rtc/mute" && msg.type !== "rtc/media";

/**
 * The chair mutes someone: they get `rtc/stop` (via `rtcStopsAfter`), and a speaker muted during their floor may
 * not offer again until the floor is given anew. Stored in `live`, so it holds across hibernation.
 */
export function mute(s: RoomState, actor: Actor, personId: string, ctx: Ctx): Result {
  if (actor.role !== "chair")
    return refuse("forbidden", "Chỉ người chủ trì được tắt tiếng người khác / Only the chair may mute someone");
  if (!isParticipant(s, personId)) return notHere();
  return applied({ ...s, live: { ...s.live, muted: { personId, at: iso(ctx.now) } } }, []);
}

/** Muted by the chair during the floor they hold now. */
const mutedNow = (s: RoomState, personId: string) => {
  const m = s.live.muted;
  const f = s.live.floor;
  return !!m && !!f && m.personId === personId && f.personId === personId && m.at >= f.startedAt;
};

/** The hall device: the meeting's chair (the role the API gives the meeting's chair on their tickets). */
const isHall = (s: RoomState, personId: string, role?: Actor["role"]) =>
  role === "chair" || (s.meeting.chairPersonId !== null && s.meeting.chairPersonId === personId);

/** A member of the roster (official or probationary, staff included) or an invited guest of this meeting. */
export const isParticipant = (s: RoomState, personId: string) => !!s.roster[personId] || !!s.guests[personId];

/** May this person send offers now: the hall device always, a participant only while holding the floor. */
export function mayPublish(s: RoomState, personId: string, role?: Actor["role"]): boolean {
  if (s.meeting.status !== "live" || role === "observer") return false;
  if (isHall(s, personId, role)) return true;
  return isParticipant(s, personId) && s.live.floor?.personId === personId && !mutedNow(s, personId);
}

/** Why this frame may not be relayed, or null when it may. The target's sockets are the relay's to check. */
export function rtcRefusal(s: RoomState, actor: Actor, msg: RtcFrame): Refused | null {
  if (actor.role === "observer" || !(isHall(s, actor.personId, actor.role) || isParticipant(s, actor.personId)))
    return refuse(
      "forbidden",
      "Chỉ thành viên, khách mời và thiết bị hội trường của cuộc họp / Only members, guests and the hall device",
    );
  if (msg.type === "rtc/hangup") return msg.to === undefined || isParticipant(s, msg.to) ? null : notHere();
  if (s.meeting.status === "closed") return refuse("meeting_closed", "Cuộc họp đã kết thúc / The meeting is closed");
  if (s.meeting.status !== "live")
    return refuse("meeting_not_live", "Cuộc họp chưa bắt đầu / The meeting has not started");
  if (!isParticipant(s, msg.to) || msg.to === actor.personId) return notHere();
  const toPublishes = mayPublish(s, msg.to);
  switch (msg.type) {
    case "rtc/offer":
      return mayPublish(s, actor.personId, actor.role)
        ? null
        : refuse(
            "no_floor",
            "Chỉ người đang được phát biểu mới gửi được tiếng / Only the person holding the floor may speak",
          );
    case "rtc/answer":
      return toPublishes ? null : notPublishing();
    case "rtc/ice":
      return toPublishes || mayPublish(s, actor.personId, actor.role) ? null : notPublishing();
  }
}

/**
 * Who must stop sending after the state went from `prev` to `next`: everyone when the meeting closed; whom the
 * chair just muted; the last speaker when the floor ended or passed to someone else (not the hall device: it
 * publishes the hall whatever the floor).
 */
export function rtcStopsAfter(
  prev: RoomState,
  next: RoomState,
): { reason: RtcStopReason; personIds: string[] | "all" } | null {
  if (prev.meeting.status !== "closed" && next.meeting.status === "closed")
    return { reason: "closed", personIds: "all" };
  const muted = next.live.muted;
  if (muted && muted !== prev.live.muted) return { reason: "mute", personIds: [muted.personId] };
  const speaker = prev.live.floor?.personId;
  if (!speaker || next.live.floor?.personId === speaker || isHall(next, speaker)) return null;
  return { reason: "floor", personIds: [speaker] };
}

const notHere = () => refuse("not_found", "Không có người này trong cuộc họp / Not a participant of this meeting");
const notPublishing = () =>
  refuse("peer_not_publishing", "Người này không phát tiếng hay hình / This person is not sending sound or picture");
