/**
 * The hall device's side of the star (the hall screen, opened under the chair's ticket): captures the hall's
 * microphone and offers it to every remote participant who says hello (an `rtc/hangup` from them: "offer me
 * anew"), and plays whatever a speaker with the floor offers back. To find who is already in the room, it
 * greets (an `rtc/hangup` to them) the connected members and every invited guest when it starts, when the
 * meeting goes live and after its own reconnect: each answers with a hello.
 * Call inside a component: it follows the room with effects and closes with the component.
 */
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import type { RoomConnection } from "../room-socket";
import { createAudioPlayer } from "./audio-player";
import { captureMicrophone } from "./capture";
import { exposeMedia } from "./media-hook";
import { createMediaStar } from "./media-star";

export type HallMicState = "off" | "asking" | "on" | "denied";

export function useHallMedia(conn: RoomConnection, view: Accessor<RoomView>) {
  const player = createAudioPlayer();
  const [mic, setMic] = createSignal<HallMicState>("off");
  const [listeners, setListeners] = createSignal(0);
  const published: MediaStreamTrack[] = [];
  const live = () => view().meeting.status === "live";
  const star = createMediaStar(conn.rtc, {
    onHangup: (from) => {
      if (live()) star.offerTo(from);
    },
    onOutLost: (peer) => {
      setTimeout(() => live() && star.offerTo({ personId: peer.personId }), 1_000);
    },
  });
  star.subscribe((from, stream) => player.set(`${from.personId}|${from.socket}`, stream));
  const countListeners = () =>
    setListeners(star.links().filter((l) => l.direction === "out" && l.pc.connectionState === "connected").length);
  const timer = setInterval(countListeners, 1_000);

  const greet = () => {
    const v = view();
    const me = v.meeting.chairPersonId;
    const connected = v.attendance.filter((a) => a.connected > 0).map((a) => a.personId);
    for (const personId of new Set([...connected, ...v.guests.map((g) => g.personId)]))
      if (personId !== me) conn.rtc.hangup({ personId });
  };

  createEffect(
    on([live, conn.status], ([isLive, status]) => {
      if (!isLive && mic() === "on") {
        // The meeting closed: the hall's microphone goes off with it.
        star.publish(null);
        setMic("off");
      }
      if (!isLive || status !== "connected") return;
      if (mic() === "off") {
        setMic("asking");
        captureMicrophone().then(
          (track) => {
            published.push(track);
            star.publish(track);
            setMic("on");
            queueMicrotask(greet);
          },
          () => setMic("denied"),
        );
        // After the frame that set the status: the room link accepts frames only once that snapshot is applied.
      } else if (mic() === "on") queueMicrotask(greet);
    }),
  );
  // A speaker's link ends with their floor: the room's view says so before their client closes it.
  createEffect(
    on(
      () => view().floor?.personId,
      (speaker, previous) => {
        if (previous && previous !== speaker) star.drop(previous, "in");
      },
    ),
  );
  const unexpose = exposeMedia(() => star.links().map((l) => ({ ...l })), published);
  onCleanup(() => {
    clearInterval(timer);
    unexpose();
    star.close();
    player.close();
  });
  return { mic, listeners, player };
}
