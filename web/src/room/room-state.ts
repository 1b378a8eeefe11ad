/**
 * The client's copy of the room: a snapshot, then the small events that follow it. Pure functions over
 * plain objects (Solid's `produce` hands them a draft; tests hand them a literal), so the rules for
 * versions and for merging events are testable without a socket.
 */
import { meetingMinutes as minutesRun } from "../../../schema/calendar";
import type { RoomEvent } from "../../../schema/room/messages";
import type { AgendaItemView, FloorView, RoomView, VoteView } from "../../../schema/room/views";

/**
 * What to do with an event given the version we hold. Several events of one change may share a version,
 * and every event replaces whole pieces, so applying one twice is harmless; a jump means we missed one.
 */
export function versionStep(held: number, incoming: number): "apply" | "ignore" | "resync" {
  if (incoming < held) return "ignore";
  if (incoming <= held + 1) return "apply";
  return "resync";
}

function upsert<T>(list: T[], item: T, same: (a: T) => boolean): void {
  const at = list.findIndex(same);
  if (at >= 0) list[at] = item;
  else list.push(item);
}

/** A copy that `applyEvent` may change without touching the original (lists copied, items shared). */
export function copyForEvent(view: RoomView): RoomView {
  return {
    ...view,
    attendance: [...view.attendance],
    speeches: [...view.speeches],
    votes: [...view.votes],
    reservedOpinions: [...view.reservedOpinions],
    guidance: [...view.guidance],
    evaluations: [...view.evaluations],
  };
}

/** Merges one event into the view (mutates `view`: a copy from `copyForEvent` or a plain object). */
export function applyEvent(view: RoomView, ev: RoomEvent): void {
  switch (ev.type) {
    case "meeting":
      view.meeting = ev.meeting;
      break;
    case "attendance":
      if (ev.admitted) admitJoining(view, ev.admitted.at);
      for (const entry of ev.entries) upsert(view.attendance, entry, (a) => a.personId === entry.personId);
      view.counts = ev.counts;
      break;
    case "agenda":
      view.agenda = ev.agenda;
      view.currentItemId = ev.currentItemId;
      break;
    case "queue":
      view.queue = ev.queue;
      view.floor = ev.floor;
      view.queueSettings = ev.queueSettings;
      break;
    case "speech":
      upsert(view.speeches, ev.speech, (s) => s.id === ev.speech.id);
      break;
    case "vote":
      upsert(view.votes, ev.vote, (v) => v.id === ev.vote.id);
      break;
    case "reserved":
      upsert(view.reservedOpinions, ev.opinion, (o) => o.id === ev.opinion.id);
      break;
    case "guidance":
      upsert(view.guidance, ev.guidance, (g) => g.id === ev.guidance.id);
      break;
    case "evaluation":
      upsert(
        view.evaluations,
        ev.evaluation,
        (e) => e.personId === ev.evaluation.personId && e.kind === ev.evaluation.kind,
      );
      break;
    case "minutes":
      view.minutes = ev.minutes;
      break;
    case "media":
      view.media = ev.media;
      break;
    default:
      ev satisfies never;
  }
}

/**
 * The start admitted everyone shown joining (party/logic/joining.ts `admitJoining`): present remotely from `at`.
 * The event's own entries (the tapped who were not admitted) are applied after this and correct it.
 */
function admitJoining(view: RoomView, at: string): void {
  view.attendance = view.attendance.map((a) =>
    a.joining
      ? {
          ...a,
          status: "present_remote",
          reason: null,
          joinedAt: at,
          leftAt: null,
          joining: false,
          heardAt: null,
          hearing: false,
        }
      : a,
  );
}

/** The item being discussed, with its position among all items. */
export function currentItem(view: RoomView): { item: AgendaItemView; index: number } | null {
  const index = view.agenda.findIndex((a) => a.id === view.currentItemId);
  const item = view.agenda[index];
  return item ? { item, index } : null;
}

/** Milliseconds spent on an item, its running stretch included. */
export function itemElapsedMs(item: AgendaItemView, now: number): number {
  return item.elapsedMs + (item.runningSince ? Math.max(0, now - Date.parse(item.runningSince)) : 0);
}

/** Seconds left of the current speech (negative once over the limit). */
export function floorSecondsLeft(floor: FloorView, now: number): number {
  return floor.limitSeconds - Math.floor((now - Date.parse(floor.startedAt)) / 1000);
}

/** Whole minutes since the meeting started (0 before it starts; frozen at its end). */
export function meetingMinutes(view: RoomView, now: number): number {
  return minutesRun(view.meeting.startedAt, view.meeting.endedAt, now);
}

/** `m:ss`, with a leading minus when negative (over time). */
export function clock(seconds: number): string {
  const sign = seconds < 0 ? "−" : "";
  const s = Math.abs(seconds);
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The latest vote: the open one if any, else the one closed last. */
export function latestVote(view: RoomView) {
  const open = view.votes.find((v) => v.status === "open");
  if (open) return open;
  return [...view.votes].sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""))[0] ?? null;
}

/** How long a closed vote's result keeps the top of the hall screen (unless another vote opens). */
export const HALL_RESULT_MS = 10 * 60_000;

/**
 * The vote that takes the top of the hall screen at `now` (server time, ms): the open one, or the latest one if it
 * closed less than HALL_RESULT_MS ago; null when the agenda and the speakers have the screen to themselves.
 */
export function hallVoteInFocus(view: RoomView, now: number): VoteView | null {
  const vote = latestVote(view);
  if (!vote) return null;
  if (vote.status === "open") return vote;
  return vote.closedAt && now - Date.parse(vote.closedAt) < HALL_RESULT_MS ? vote : null;
}

/** Names by person id: roster and guests. */
export function nameOf(view: RoomView, personId: string): string {
  return (
    view.roster.find((m) => m.personId === personId)?.name ??
    view.guests.find((g) => g.personId === personId)?.name ??
    personId
  );
}
