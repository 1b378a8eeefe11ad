/**
 * The hall device's side of the media (the hall screen, opened under the chair's ticket): captures the hall's
 * microphone once the meeting is live and publishes it to every remote participant, and plays whatever a speaker
 * with the floor sends back. The path (star or SFU) is the media layer's choice (media-layer.ts); in the star the
 * transport finds the listeners by greeting the connected members and every invited guest (`announce`) when it
 * starts, when the meeting goes live and after the room link's reconnect.
 * Call inside a component: it follows the room with effects and closes with the component.
 */
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import type { RoomConnection } from "../room-socket";
import { createAudioPlayer } from "./audio-player";
import { captureMicrophone } from "./capture";
import { useMediaTransport } from "./media-layer";

export type HallMicState = "off" | "asking" | "on" | "denied";

export function useHallMedia(conn: RoomConnection, view: Accessor<RoomView>) {
  const player = createAudioPlayer();
  const [mic, setMic] = createSignal<HallMicState>("off");
  const [listeners, setListeners] = createSignal(0);
  const published: MediaStreamTrack[] = [];
  const live = () => view().meeting.status === "live";
  const me = () => view().meeting.chairPersonId ?? "";
  const transport = useMediaTransport(conn, view, {
    role: "hall",
    me,
    published,
    present: () => {
      const v = view();
      const connected = v.attendance.filter((a) => a.connected > 0).map((a) => a.personId);
      return [...connected, ...v.guests.map((g) => g.personId)];
    },
    wants: (personId) => personId === view().floor?.personId,
    acceptVideo: () => true,
  });
  createEffect(
    on(transport, (t) => {
      t?.onStream((personId, stream) => player.set(personId, stream));
    }),
  );
  const countListeners = () =>
    setListeners(
      (transport()?.links() ?? []).filter((l) => l.direction === "out" && l.pc.connectionState === "connected").length,
    );
  const timer = setInterval(countListeners, 1_000);

  createEffect(
    on([live, conn.status, transport], ([isLive, status, t]) => {
      if (!t) return;
      if (!isLive && mic() === "on") {
        // The meeting closed: the hall's microphone goes off with it.
        t.publish([]);
        setMic("off");
      }
      if (!isLive || status !== "connected") return;
      if (mic() === "off") {
        setMic("asking");
        captureMicrophone().then(
          (track) => {
            published.push(track);
            t.publish([track]);
            setMic("on");
            queueMicrotask(() => t.announce());
          },
          () => setMic("denied"),
        );
        // After the frame that set the status: the room link accepts frames only once that snapshot is applied.
      } else if (mic() === "on") queueMicrotask(() => t.announce());
    }),
  );
  // A speaker's stream ends with their floor: the room's view says so before their client closes it.
  createEffect(
    on(
      () => view().floor?.personId,
      (speaker, previous) => {
        if (previous && previous !== speaker) transport()?.drop(previous);
      },
    ),
  );
  onCleanup(() => {
    clearInterval(timer);
    player.close();
  });
  return { mic, listeners, player, transport };
}
