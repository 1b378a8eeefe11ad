/**
 * From state to what clients see: the snapshot (per connection: own ballots, visible notes) and the small
 * versioned events for each change. Pure.
 */
import { durationMarkMinutes } from "../../schema/calendar";
import type { RoomEvent } from "../../schema/room/messages";
import type { AttendanceEntry, FloorView, MeetingView, RoomView, You } from "../../schema/room/views";
import { attendanceCounts } from "./attendance";
import { canSeeNote } from "./leader";
import { mediaView } from "./media-tracks";
import { mutedNow } from "./rtc";
import { type Actor, type Change, iso, type RoomState, sortedAgenda } from "./state";
import { ballotOf, voteView } from "./votes";

export type Connected = Record<string, number>;

/** The floor as shown: with `muted` while the chair has muted this speaker's microphone during this floor. */
function floorView(s: RoomState): FloorView | null {
  const f = s.live.floor;
  if (!f) return null;
  return mutedNow(s, f.personId) ? { ...f, muted: true } : f;
}

export function meetingView(s: RoomState): MeetingView {
  const { tenantId: _t, organizationId: _o, currentItemId: _c, combined, ...m } = s.meeting;
  return { ...m, durationMarkMinutes: durationMarkMinutes(combined) };
}

export function attendanceEntry(s: RoomState, personId: string, connected: Connected): AttendanceEntry {
  const a = s.attendance[personId];
  return {
    personId,
    status: a?.status ?? null,
    reason: a?.reason ?? null,
    connected: connected[personId] ?? 0,
    joinedAt: a?.joinedAt ?? null,
    leftAt: a?.leftAt ?? null,
    joining: Boolean(s.joining?.[personId]),
    heardAt: a?.heardAt ?? null,
    hearing: a?.hearing ?? false,
  };
}

const byTime = <T extends { at?: string; startedAt?: string; openedAt?: string }>(a: T, b: T) =>
  (a.at ?? a.startedAt ?? a.openedAt ?? "").localeCompare(b.at ?? b.startedAt ?? b.openedAt ?? "");

export function roomView(s: RoomState, viewer: Actor, connected: Connected, now: number): RoomView {
  const people = [...Object.keys(s.roster), ...Object.keys(s.guests)];
  return {
    meeting: meetingView(s),
    roster: Object.values(s.roster),
    guests: Object.values(s.guests),
    attendance: people.map((id) => attendanceEntry(s, id, connected)),
    counts: attendanceCounts(s),
    agenda: sortedAgenda(s),
    currentItemId: s.meeting.currentItemId,
    queue: s.live.queue,
    floor: floorView(s),
    queueSettings: s.live.settings,
    speeches: Object.values(s.speeches).sort(byTime),
    votes: Object.values(s.votes)
      .sort(byTime)
      .map((v) => voteView(s, v)),
    reservedOpinions: Object.values(s.reserved).sort(byTime),
    guidance: Object.values(s.guidance).sort(byTime),
    evaluations: Object.values(s.evaluations),
    notes: Object.values(s.notes).filter((n) => canSeeNote(s, viewer, n)),
    minutes: s.minutes,
    media: mediaView(s),
    now: iso(now),
  };
}

/**
 * The viewer's own part of a snapshot. Their ballots are looked up vote by vote, not found among everyone's: each
 * member joining a live room after a few votes of 2,000 walked all 2,000 × votes ballots.
 */
export function you(s: RoomState, actor: Actor): You {
  const ballots: You["ballots"] = {};
  for (const voteId in s.votes) {
    const choice = ballotOf(s, voteId, actor.personId)?.choice;
    if (choice) ballots[voteId] = choice;
  }
  return {
    personId: actor.personId,
    name: actor.name,
    role: actor.role,
    official: s.roster[actor.personId]?.status === "official",
    ballots,
  };
}

/** Distributes `Omit<…, "version">` over the union so each event keeps its own shape. */
export type EventBody = RoomEvent extends infer E ? (E extends RoomEvent ? Omit<E, "version"> : never) : never;

/** The public event for one change (notes are private and are not a broadcast event). */
export function eventFor(s: RoomState, change: Change, connected: Connected): EventBody | null {
  switch (change.kind) {
    case "meeting":
      return { type: "meeting", meeting: meetingView(s) };
    case "attendance":
      return {
        type: "attendance",
        entries: change.personIds.map((id) => attendanceEntry(s, id, connected)),
        counts: attendanceCounts(s),
        ...(change.admittedAt ? { admitted: { at: change.admittedAt } } : {}),
      };
    case "agenda":
      return { type: "agenda", agenda: sortedAgenda(s), currentItemId: s.meeting.currentItemId };
    case "queue":
      return { type: "queue", queue: s.live.queue, floor: floorView(s), queueSettings: s.live.settings };
    case "speech": {
      const speech = s.speeches[change.id];
      return speech ? { type: "speech", speech } : null;
    }
    case "vote": {
      const v = s.votes[change.id];
      return v ? { type: "vote", vote: voteView(s, v) } : null;
    }
    case "reserved": {
      const opinion = s.reserved[change.id];
      return opinion ? { type: "reserved", opinion } : null;
    }
    case "guidance": {
      const guidance = s.guidance[change.id];
      return guidance ? { type: "guidance", guidance } : null;
    }
    case "evaluation": {
      const evaluation = s.evaluations[change.personId];
      return evaluation ? { type: "evaluation", evaluation } : null;
    }
    case "minutes":
      return { type: "minutes", minutes: s.minutes };
    case "notes":
      return null;
    case "media":
      return { type: "media", media: mediaView(s) };
    default:
      change satisfies never;
      return null;
  }
}
