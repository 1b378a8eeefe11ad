/**
 * The room connection's parts below the socket (the socket itself runs in test/browser/reconnect.test.ts):
 * the pending actions and their answers, and frames applied to a real Solid store.
 */
import { createRoot } from "solid-js";
import { createStore } from "solid-js/store";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientMessage, ServerMessage } from "../../schema/room/messages";
import type { RoomView } from "../../schema/room/views";
import { rememberTap, shouldRejoin, tappedBefore } from "../../web/src/room/rejoin";
import { createFrameApplier, type FrameTarget, type RoomData, type RoomError } from "../../web/src/room/room-frames";
import { type ActionOutcome, createPendingQueue } from "../../web/src/room/room-pending";
import { emptyRoomView, officialMember } from "./room-view-fixture";

const KEY = "chibo.room.pending.m1";
const raise = (id: string): ClientMessage => ({ type: "queue/raise", id, kind: "speech" });

afterEach(() => sessionStorage.clear());

describe("pending actions", () => {
  it("keeps an action until the room answers it, across a reload of the page", async () => {
    const queue = createRoot(() => createPendingQueue(KEY));
    const answer = queue.add(raise("a1"));
    expect(queue.pending().map((p) => p.id)).toEqual(["a1"]);
    // A reload builds a new queue from what the page stored.
    expect(createRoot(() => createPendingQueue(KEY)).pending()).toEqual([{ id: "a1", msg: raise("a1") }]);

    queue.settle("a1", { ok: true, duplicate: false });
    expect(await answer).toEqual({ ok: true, duplicate: false });
    expect(queue.pending()).toEqual([]);
    expect(createRoot(() => createPendingQueue(KEY)).pending()).toEqual([]);
  });

  it("tells every waiting sender the connection is gone, and keeps the actions for the next page", async () => {
    const queue = createRoot(() => createPendingQueue(KEY));
    const answers = [queue.add(raise("a1")), queue.add(raise("a2"))];
    queue.abandon();
    expect(await Promise.all(answers)).toEqual([
      { ok: false, code: "gone", message: "closed" },
      { ok: false, code: "gone", message: "closed" },
    ]);
    expect(
      createRoot(() => createPendingQueue(KEY))
        .pending()
        .map((p) => p.id),
    ).toEqual(["a1", "a2"]);
  });

  it("reads back only stored entries that are actions", () => {
    sessionStorage.setItem(KEY, JSON.stringify([{ msg: { type: "vote/steal", id: "x" } }, 7, { msg: raise("a3") }]));
    expect(
      createRoot(() => createPendingQueue(KEY))
        .pending()
        .map((p) => p.id),
    ).toEqual(["a3"]);
    sessionStorage.setItem(KEY, "{not json");
    expect(createRoot(() => createPendingQueue(KEY)).pending()).toEqual([]);
  });
});

const NOW = "2026-11-25T12:30:00.000Z";
const view = (): RoomView => emptyRoomView(NOW, "Sinh hoạt thường kỳ tháng 11");
const you = officialMember;
const item = (id: string, position: number) => ({
  id,
  title: `Mục ${position}`,
  position,
  presenterPersonId: null,
  budgetMinutes: 10,
  elapsedMs: 0,
  runningSince: null,
  done: false,
});
const agendaEvent = (version: number, ids: string[]): ServerMessage => ({
  type: "agenda",
  version,
  agenda: ids.map((id, i) => item(id, i + 1)),
  currentItemId: ids[0] ?? null,
});

/** A frame applier over a real store, with the connection's side recorded. */
function applier() {
  const [data, setData] = createStore<RoomData>({ view: null, you: null, notes: [] });
  const seen = {
    connected: 0,
    synced: 0,
    syncRequests: 0,
    settled: [] as [string, ActionOutcome][],
    lastError: null as RoomError | null,
  };
  let inSync = false;
  const target: FrameTarget = {
    data,
    setData,
    setConnected: () => seen.connected++,
    setClockOffset: () => {},
    setLastError: (e) => {
      seen.lastError = e;
    },
    settle: (ref, outcome) => seen.settled.push([ref, outcome]),
    inSync: () => inSync,
    synced: () => {
      inSync = true;
      seen.synced++;
    },
    requestSync: () => seen.syncRequests++,
  };
  const socketClosed = () => {
    inSync = false;
  };
  return { apply: createFrameApplier(target), data, seen, socketClosed };
}

describe("room frames", () => {
  it("drops events before the snapshot, merges the next version and asks for a snapshot after a gap", () => {
    const { apply, data, seen } = applier();
    apply(agendaEvent(4, ["a1"]));
    expect(data.view).toBeNull();

    apply({ type: "snapshot", version: 5, you, state: view() });
    expect(data.view?.agenda).toEqual([]);
    expect([seen.connected, seen.synced]).toEqual([1, 1]);

    apply(agendaEvent(6, ["a1", "a2"]));
    expect(data.view?.agenda.map((a) => a.id)).toEqual(["a1", "a2"]);
    apply(agendaEvent(5, ["old"]));
    expect(data.view?.agenda.map((a) => a.id)).toEqual(["a1", "a2"]);
    apply(agendaEvent(8, ["a3"]));
    expect(data.view?.agenda.map((a) => a.id)).toEqual(["a1", "a2"]);
    expect(seen.syncRequests).toBe(1);
  });

  it("drops events while the socket reconnects, until its new snapshot", () => {
    const { apply, data, seen, socketClosed } = applier();
    apply({ type: "snapshot", version: 1, you, state: view() });
    socketClosed();
    apply(agendaEvent(2, ["a1"]));
    expect(data.view?.agenda).toEqual([]);
    apply({ type: "snapshot", version: 2, you, state: { ...view(), agenda: [item("a1", 1)] } });
    apply(agendaEvent(3, ["a1", "a2"]));
    expect(data.view?.agenda.map((a) => a.id)).toEqual(["a1", "a2"]);
    expect(seen.synced).toBe(2);
  });

  it("settles an ack with the member's ballot recorded, and a refusal with its code", () => {
    const { apply, data, seen } = applier();
    apply({ type: "snapshot", version: 1, you, state: view() });
    apply({ type: "ack", ref: "c1", ballot: { voteId: "v1", choice: "agree" } });
    expect(data.you?.ballots).toEqual({ v1: "agree" });
    apply({ type: "error", code: "forbidden", message: "không được", ref: "c2" });
    apply({ type: "error", code: "bad_message", message: "unreadable", ref: null });
    expect(seen.settled).toEqual([
      ["c1", { ok: true, duplicate: false, entityId: undefined }],
      ["c2", { ok: false, code: "forbidden", message: "không được" }],
    ]);
    expect(seen.lastError?.code).toBe("bad_message");
  });
});

describe("the Join tap across a closed socket before the start", () => {
  const planned = (entry: Partial<RoomView["attendance"][number]> | null): RoomView => ({
    ...view(),
    meeting: { ...view().meeting, status: "planned", startedAt: null },
    attendance: entry ? [{ personId: "p-an", status: null, reason: null, connected: 1, ...entry }] : [],
  });

  it("taps again when the tab tapped and the room dropped the intent, and never otherwise", () => {
    expect(shouldRejoin(planned({ joining: false }), you, true)).toBe(true);
    // Not tapped in this tab, still joining, already recorded, or the meeting live: nothing.
    expect(shouldRejoin(planned({ joining: false }), you, false)).toBe(false);
    expect(shouldRejoin(planned({ joining: true }), you, true)).toBe(false);
    expect(shouldRejoin(planned({ status: "absent_excused", reason: "Ốm" }), you, true)).toBe(false);
    expect(shouldRejoin({ ...planned({}), meeting: view().meeting }, you, true)).toBe(false);
  });

  it("remembers the tap for the page's session, per meeting", () => {
    expect(tappedBefore("m1")).toBe(false);
    rememberTap("m1");
    expect(tappedBefore("m1")).toBe(true);
    expect(tappedBefore("m2")).toBe(false);
  });
});
