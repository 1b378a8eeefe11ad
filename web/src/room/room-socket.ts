/**
 * The client's one connection to a live room, around PartySocket. Its parts:
 *
 * - `room-link.ts`: the socket's life. Every (re)connect fetches a fresh ticket (`query` is an async function):
 *   tickets live two minutes and sit in the URL, so an old one is never reused (`room-ticket.ts`).
 * - `room-frames.ts`: every frame is parsed with the shared `serverMessageSchema` (an unreadable frame is
 *   dropped); the snapshot comes first; events carry versions, and a skipped version asks for a new snapshot.
 * - `room-pending.ts`: every action carries an id and stays pending until acked or refused. PartySocket's own
 *   offline queue is off (it would replay blindly): after each snapshot we resend what is still pending, and the
 *   room recognises a replayed id. Pending actions also survive a page reload (sessionStorage).
 * - The owner closes it in Solid's `onCleanup`.
 */
import { type Accessor, createSignal } from "solid-js";
import { createStore } from "solid-js/store";
import type { ClientMessage } from "../../../schema/room/messages";
import { ROOM_CLOSE } from "../../../schema/room/ticket";
import { rememberTap, shouldRejoin, tappedBefore } from "./rejoin";
import { takeEarlyStart } from "./room-early";
import { createFrameApplier, type RoomData, type RoomError } from "./room-frames";
import { type ConnectionStatus, openRoomLink } from "./room-link";
import { type ActionOutcome, createPendingQueue, newActionId, type PendingAction } from "./room-pending";
import { type FatalError, roomTickets } from "./room-ticket";
import { createRtcSignals, type RtcSignals } from "./rtc/signalling";

export type { ActionOutcome, ConnectionStatus, FatalError, PendingAction, RoomData };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An action as a screen writes it; the connection gives it its id. */
export type RoomAction = DistributiveOmit<ClientMessage, "id">;

export interface RoomConnection {
  data: RoomData;
  status: Accessor<ConnectionStatus>;
  pending: Accessor<PendingAction[]>;
  fatal: Accessor<FatalError | null>;
  /** Refusals without a request of ours to attach to, and the last refusals of our actions. */
  lastError: Accessor<RoomError | null>;
  /** Server clock minus ours, in ms, from the last snapshot: timers use `Date.now() + offset`. */
  clockOffset: Accessor<number>;
  send(action: RoomAction): Promise<ActionOutcome>;
  /** WebRTC signalling over this connection (rtc/signalling.ts): sent at once, never queued. */
  rtc: RtcSignals;
  close(): void;
}

export function connectRoom(tenantId: string, meetingId: string): RoomConnection {
  const [data, setData] = createStore<RoomData>({ view: null, you: null, notes: [] });
  const [status, setStatus] = createSignal<ConnectionStatus>("connecting");
  const [fatal, setFatal] = createSignal<FatalError | null>(null);
  const [lastError, setLastError] = createSignal<RoomError | null>(null);
  const [clockOffset, setClockOffset] = createSignal(0);
  const queue = createPendingQueue(`chibo.room.pending.${meetingId}`);
  // A ticket asked for (and a socket opened) while the app was still loading: see room-early.ts.
  const early = takeEarlyStart(tenantId, meetingId);
  const link = openRoomLink({
    socketId: early?.pk,
    fetchTicket: roomTickets(tenantId, meetingId, early?.answer, {
      fatal: setFatal,
      offline: () => setStatus("offline"),
    }),
    // Frames come only once the socket is open, after applyFrame below exists.
    onFrame: (msg) => applyFrame(msg),
    status,
    setStatus,
    isFatal: () => fatal() !== null,
    revoked(code, reason) {
      if (code === ROOM_CLOSE.replaced) {
        setStatus("replaced");
        setFatal({
          code: "replaced",
          message: reason || "Đã mở ở thiết bị/tab khác / Opened on another device or tab",
        });
        return;
      }
      setStatus("signed_out");
      setFatal({
        code: code === ROOM_CLOSE.signedOut ? "signed_out" : "no_seat",
        message: reason || (code === ROOM_CLOSE.signedOut ? "Đã đăng xuất / Signed out" : "Không còn quyền dự họp"),
      });
    },
  });
  const rtc = createRtcSignals((msg) => link.transmit(msg), newActionId);
  const applyFrame = createFrameApplier({
    rtc,
    data,
    setData,
    setConnected: () => setStatus("connected"),
    setClockOffset,
    setLastError,
    settle: queue.settle,
    inSync: link.inSync,
    synced() {
      link.synced();
      for (const p of queue.pending()) link.transmit(p.msg);
      // A Join tapped before the start, dropped by the room when this tab's socket closed: tapped again (rejoin.ts).
      if (shouldRejoin(data.view, data.you, tappedBefore(meetingId))) void connection.send({ type: "presence/join" });
    },
    requestSync: link.requestSync,
  });

  const connection: RoomConnection = {
    data,
    status,
    pending: queue.pending,
    fatal,
    lastError,
    clockOffset,
    send(action) {
      if (action.type === "presence/join") rememberTap(meetingId);
      const msg = { ...action, id: newActionId() } as ClientMessage;
      const outcome = queue.add(msg);
      link.transmit(msg);
      return outcome;
    },
    rtc,
    close() {
      link.close();
      queue.abandon();
    },
  };
  return connection;
}
