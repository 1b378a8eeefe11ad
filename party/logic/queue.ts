/**
 * The speaking queue: hands raised and lowered, points of order to the head, the floor given, ended and
 * extended. The limit is kept by the server's clock: `tick` (run from the Durable Object's alarm) marks an
 * overrun at the limit and ends the speech at limit + grace. Every speech is recorded for the minutes.
 */
import type { QueueSettings, SpeechView } from "../../schema/room/views";
import { notLive } from "./agenda";
import {
  type Actor,
  applied,
  type Ctx,
  type FloorRec,
  iso,
  nameOf,
  type Result,
  type RoomState,
  refuse,
} from "./state";

export function raiseHand(s: RoomState, actor: Actor, kind: "speech" | "point_of_order", ctx: Ctx): Result {
  if (s.meeting.status !== "live") return notLive(s);
  if (actor.role === "observer")
    return refuse("forbidden", "Quan sát viên không đăng ký phát biểu / Observers do not take the floor");
  const queue = s.live.queue.filter((q) => q.personId !== actor.personId);
  const entry = { personId: actor.personId, name: actor.name, kind, raisedAt: iso(ctx.now) };
  const existing = s.live.queue.find((q) => q.personId === actor.personId);
  if (existing && existing.kind === kind) return applied(s, []);
  if (kind === "point_of_order") {
    // A point of order goes ahead of every ordinary speech, after earlier points of order.
    const firstSpeech = queue.findIndex((q) => q.kind === "speech");
    queue.splice(firstSpeech < 0 ? queue.length : firstSpeech, 0, entry);
  } else {
    queue.push(entry);
  }
  return applied({ ...s, live: { ...s.live, queue } }, [{ kind: "queue" }]);
}

export function lowerHand(s: RoomState, actor: Actor, personId: string | undefined): Result {
  const target = personId ?? actor.personId;
  if (target !== actor.personId && actor.role !== "chair")
    return refuse("forbidden", "Chỉ chủ trì hạ tay người khác / Only the chair lowers another's hand");
  if (!s.live.queue.some((q) => q.personId === target)) return applied(s, []);
  return applied({ ...s, live: { ...s.live, queue: s.live.queue.filter((q) => q.personId !== target) } }, [
    { kind: "queue" },
  ]);
}

export function setSettings(s: RoomState, settings: QueueSettings): Result {
  return applied({ ...s, live: { ...s.live, settings } }, [{ kind: "queue" }]);
}

/** Ends the current speech, if any, and records it. */
export function endFloor(s: RoomState, ctx: Ctx, cutOff = false): Result {
  const f = s.live.floor;
  if (!f) return applied(s, []);
  const durationSeconds = Math.max(0, Math.round((ctx.now - Date.parse(f.startedAt)) / 1000));
  const speech: SpeechView = {
    id: ctx.newId(),
    personId: f.personId,
    name: f.name,
    itemId: f.itemId,
    kind: f.kind,
    startedAt: f.startedAt,
    endedAt: iso(ctx.now),
    durationSeconds,
    limitSeconds: f.limitSeconds,
    overrunSeconds: Math.max(0, durationSeconds - f.limitSeconds),
    cutOff,
  };
  const state = { ...s, live: { ...s.live, floor: null }, speeches: { ...s.speeches, [speech.id]: speech } };
  return applied(state, [{ kind: "queue" }, { kind: "speech", id: speech.id }], [{ kind: "speech", speech }], {
    entityId: speech.id,
  });
}

export function giveFloor(s: RoomState, personId: string, limitSeconds: number | undefined, ctx: Ctx): Result {
  if (s.meeting.status !== "live") return notLive(s);
  if (!s.roster[personId] && !s.guests[personId])
    return refuse("not_found", "Không tìm thấy người này trong cuộc họp / Not a participant of this meeting");
  const ended = endFloor(s, ctx);
  if (!ended.ok) return ended;
  const base = ended.state;
  const queued = base.live.queue.find((q) => q.personId === personId);
  const floor: FloorRec = {
    personId,
    name: nameOf(base, personId),
    kind: queued?.kind ?? "speech",
    itemId: base.meeting.currentItemId,
    startedAt: iso(ctx.now),
    limitSeconds: limitSeconds ?? base.live.settings.limitSeconds,
    graceSeconds: base.live.settings.graceSeconds,
    overrun: false,
  };
  const queue = base.live.queue.filter((q) => q.personId !== personId);
  const state = { ...base, live: { ...base.live, queue, floor } };
  return applied(state, dedupe([...ended.changes, { kind: "queue" }]), ended.outbox, ended.ack);
}

export function extendFloor(s: RoomState, seconds: number, ctx: Ctx): Result {
  const f = s.live.floor;
  if (!f) return refuse("conflict", "Không có ai đang phát biểu / No one has the floor");
  const limitSeconds = f.limitSeconds + seconds;
  const overrun = ctx.now >= Date.parse(f.startedAt) + limitSeconds * 1000;
  return applied({ ...s, live: { ...s.live, floor: { ...f, limitSeconds, overrun } } }, [{ kind: "queue" }]);
}

/** The speaker or the chair ends a speech. */
export function endBy(s: RoomState, actor: Actor, ctx: Ctx): Result {
  const f = s.live.floor;
  if (!f) return applied(s, []);
  if (actor.role !== "chair" && actor.personId !== f.personId)
    return refuse("forbidden", "Chỉ chủ trì hoặc người đang nói / Only the chair or the speaker");
  return endFloor(s, ctx);
}

/** The server's clock: at the limit mark an overrun, at limit + grace end the speech. Idempotent. */
export function tick(s: RoomState, ctx: Ctx): Result {
  const f = s.live.floor;
  if (!f) return applied(s, []);
  const limitAt = Date.parse(f.startedAt) + f.limitSeconds * 1000;
  if (ctx.now >= limitAt + f.graceSeconds * 1000) return endFloor(s, ctx, true);
  if (ctx.now >= limitAt && !f.overrun)
    return applied({ ...s, live: { ...s.live, floor: { ...f, overrun: true } } }, [{ kind: "queue" }]);
  return applied(s, []);
}

/** When the room's alarm must next fire for the floor, or null. */
export function nextFloorDeadline(s: RoomState): number | null {
  const f = s.live.floor;
  if (!f) return null;
  const limitAt = Date.parse(f.startedAt) + f.limitSeconds * 1000;
  return f.overrun ? limitAt + f.graceSeconds * 1000 : limitAt;
}

function dedupe<T extends { kind: string }>(changes: T[]): T[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
