/**
 * A remote participant's side of the star (a member's phone, a visiting leader's laptop): says hello to the hall
 * (an `rtc/hangup` to the chair: "offer me anew") when the meeting is live, after each reconnect and when the hall
 * greets; plays what the hall (or a speaker) offers; and while holding the floor captures the microphone and
 * offers it to the hall. `rtc/stop` (floor ended, muted, meeting closed) stops the track and closes those links;
 * the same floor does not open the microphone again (a muted speaker waits for the chair to give it anew).
 * Call inside a component: it follows the room with effects and closes with the component.
 */
import { type Accessor, createEffect, createSignal, on, onCleanup } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import type { RoomConnection } from "../room-socket";
import { createAudioPlayer } from "./audio-player";
import { captureMicrophone } from "./capture";
import { exposeMedia } from "./media-hook";
import { createMediaStar } from "./media-star";

/** `denied`: the browser (or the person) blocked the microphone; `failed`: none, or busy. */
export type RemoteMicState = "off" | "asking" | "on" | "denied" | "failed";
/** No sound from the hall this long after a hello: its screen is not open, or it has no microphone. */
const HALL_SILENT_MS = 10_000;
const micBlocked = (e: unknown) => e instanceof DOMException && e.name === "NotAllowedError";

export function useRemoteMedia(conn: RoomConnection, view: Accessor<RoomView>, me: Accessor<string>) {
  const player = createAudioPlayer();
  const [mic, setMic] = createSignal<RemoteMicState>("off");
  const [hearingHall, setHearingHall] = createSignal(false);
  const [hallSilent, setHallSilent] = createSignal(false);
  let silentTimer: ReturnType<typeof setTimeout> | undefined;
  const published: MediaStreamTrack[] = [];
  const hall = () => view().meeting.chairPersonId;
  const live = () => view().meeting.status === "live";
  const floorKey = () => {
    const f = view().floor;
    return f && f.personId === me() ? `${f.personId}@${f.startedAt}` : null;
  };
  /** The floor whose microphone the room stopped (or we already opened): not reopened. */
  let handled: string | null = null;

  const hello = () => {
    const to = hall();
    if (!to || !live()) return;
    conn.rtc.hangup({ personId: to });
    clearTimeout(silentTimer);
    silentTimer = setTimeout(() => setHallSilent(!hearingHall()), HALL_SILENT_MS);
  };
  const speak = () => {
    const to = hall();
    if (to && mic() === "on") star.offerTo({ personId: to });
  };
  const star = createMediaStar(conn.rtc, {
    onHangup: (from) => {
      if (from.personId !== hall()) return;
      hello();
      speak();
    },
    onOutLost: () => setTimeout(speak, 1_000),
  });
  star.subscribe((from, stream) => {
    player.set(`${from.personId}|${from.socket}`, stream);
    if (from.personId !== hall()) return;
    setHearingHall(stream !== null);
    if (stream) setHallSilent(false);
  });
  const stopSpeaking = () => {
    star.publish(null);
    setMic("off");
  };
  const offStop = conn.rtc.on("rtc/stop", (m) => {
    handled = floorKey() ?? handled;
    stopSpeaking();
    if (m.reason === "closed") star.drop(hall() ?? "");
  });

  // After the frame that set the status: the room link accepts frames only once that snapshot is applied.
  // Back after a reconnect while speaking: our hello makes the hall close every link with us, the one carrying our
  // microphone too, and our side would notice only when ICE gives up (~15 s of silence): offer it again at once.
  createEffect(
    on([live, conn.status], ([isLive, status]) => {
      if (isLive && status === "connected")
        queueMicrotask(() => {
          hello();
          speak();
        });
    }),
  );
  createEffect(
    on(floorKey, (key) => {
      if (!key) {
        if (mic() !== "off") stopSpeaking();
        return;
      }
      if (key === handled) return;
      handled = key;
      setMic("asking");
      captureMicrophone().then(
        (track) => {
          if (floorKey() !== key) return track.stop();
          published.push(track);
          star.publish(track);
          setMic("on");
          speak();
        },
        (e: unknown) => setMic(micBlocked(e) ? "denied" : "failed"),
      );
    }),
  );
  const unexpose = exposeMedia(() => star.links().map((l) => ({ ...l })), published);
  onCleanup(() => {
    clearTimeout(silentTimer);
    offStop();
    unexpose();
    star.close();
    player.close();
  });
  return { mic, hearingHall, hallSilent, player };
}
