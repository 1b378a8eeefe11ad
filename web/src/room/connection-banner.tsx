/**
 * Connected / reconnecting / offline / signed out or opened elsewhere (the room closed our socket: no reconnect), with how many
 * actions are still waiting. Announced politely to
 * screen readers; when all is well it shrinks to a small green mark so it does not take phone space.
 */
import { Show } from "solid-js";
import type { RoomConnection } from "./room-socket";
import { rt } from "./strings";

export function ConnectionBanner(props: { conn: RoomConnection }) {
  const status = () => props.conn.status();
  const waiting = () => props.conn.pending().length;
  return (
    <div
      class="room-conn no-print"
      classList={{
        "room-conn-ok": status() === "connected",
        "room-conn-warn": status() === "reconnecting" || status() === "connecting",
        "room-conn-off": status() === "offline" || status() === "signed_out" || status() === "replaced",
      }}
      role="status"
      aria-live="polite"
      data-status={status()}
    >
      <span class="room-conn-dot" aria-hidden="true" />
      <span>
        {status() === "connected"
          ? rt("connected")
          : status() === "connecting"
            ? rt("connecting")
            : status() === "reconnecting"
              ? rt("reconnecting")
              : status() === "signed_out"
                ? props.conn.fatal()?.code === "no_seat"
                  ? rt("noSeat")
                  : rt("signedOut")
                : status() === "replaced"
                  ? rt("replaced")
                  : rt("offline")}
      </span>
      <Show when={waiting() > 0}>
        <span class="room-conn-pending">· {rt("pendingCount", { n: waiting() })}</span>
      </Show>
    </div>
  );
}
