/**
 * Room frames applied to the client's store. The snapshot replaces the view; events carry versions and merge
 * into it, and a skipped version asks for a new snapshot; acks and refusals settle the pending actions.
 */
import { batch } from "solid-js";
import { produce, reconcile, type SetStoreFunction, unwrap } from "solid-js/store";
import type { RoomEvent, ServerMessage } from "../../../schema/room/messages";
import type { LeaderNoteView, RoomView, You } from "../../../schema/room/views";
import type { ActionOutcome } from "./room-pending";
import { applyEvent, copyForEvent, versionStep } from "./room-state";
import type { RtcSignals } from "./rtc/signalling";

export interface RoomData {
  view: RoomView | null;
  you: You | null;
  notes: LeaderNoteView[];
}

export interface RoomError {
  code: string;
  message: string;
  at: number;
}

/** What applying a frame touches: the store and signals of the connection, and its socket's sync state. */
export interface FrameTarget {
  data: RoomData;
  setData: SetStoreFunction<RoomData>;
  /** The status turns "connected": called after `synced`, so frames sent from its effects go out. */
  setConnected(): void;
  setClockOffset(ms: number): void;
  setLastError(error: RoomError): void;
  settle(ref: string, outcome: ActionOutcome): void;
  /** Whether a snapshot arrived on the current socket: events before it are dropped. */
  inSync(): boolean;
  /** The snapshot arrived: the socket is in sync, and what is still pending is sent again. */
  synced(): void;
  /** An event skipped a version: ask for a new snapshot. */
  requestSync(): void;
  /** WebRTC signalling (rtc/signalling.ts): its frames, acks and refusals go there, not to the store. */
  rtc?: RtcSignals;
}

/** A function that applies one parsed frame; it keeps the version of the view it last applied. */
export function createFrameApplier(target: FrameTarget): (msg: ServerMessage) => void {
  let version = -1;

  const snapshot = (msg: Extract<ServerMessage, { type: "snapshot" }>) => {
    version = msg.version;
    batch(() => {
      target.setData("view", reconcile(msg.state));
      target.setData("you", reconcile(msg.you));
      target.setClockOffset(Date.parse(msg.state.now) - Date.now());
      // In sync before "connected": effects run when the batch ends, and one that sends on "connected" (the media
      // layer's hello) must find the link taking frames, not drop them.
      target.synced();
      target.setConnected();
    });
  };

  const ack = (msg: Extract<ServerMessage, { type: "ack" }>) => {
    const { ballot } = msg;
    if (ballot)
      target.setData(
        "you",
        produce((you) => {
          if (you) you.ballots[ballot.voteId] = ballot.choice;
        }),
      );
    target.settle(msg.ref, { ok: true, duplicate: msg.duplicate ?? false, entityId: msg.entityId });
  };

  const event = (msg: RoomEvent) => {
    const { data } = target;
    if (!target.inSync() || !data.view) return;
    const step = versionStep(version, msg.version);
    if (step === "resync") return target.requestSync();
    if (step === "ignore") return;
    version = msg.version;
    // Merge into a copy, then reconcile by id: rows that stay keep their DOM (and whatever is being typed
    // in them), where assigning the event's fresh objects would rebuild every row of a changed list.
    const next = copyForEvent(unwrap(data.view));
    applyEvent(next, msg);
    target.setData("view", reconcile(next));
  };

  return (msg) => {
    if (target.rtc?.receive(msg)) return;
    switch (msg.type) {
      case "snapshot":
        return snapshot(msg);
      case "notes":
        target.setData("notes", reconcile(msg.notes));
        return;
      case "ack":
        if (target.rtc?.ackedOwn(msg.ref)) return;
        return ack(msg);
      case "error":
        if (target.rtc?.refusedOwn(msg)) return;
        target.setLastError({ code: msg.code, message: msg.message, at: Date.now() });
        if (msg.ref) target.settle(msg.ref, { ok: false, code: msg.code, message: msg.message });
        return;
      case "rtc/offer":
      case "rtc/answer":
      case "rtc/ice":
      case "rtc/hangup":
      case "rtc/stop":
        return; // a connection without signalling ignores them
      default:
        return event(msg);
    }
  };
}
