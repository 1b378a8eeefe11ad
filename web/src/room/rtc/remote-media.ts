/**
 * A remote participant's side of the media (a member's phone, a visiting leader's laptop): receives and plays the
 * hall (and a speaker); while holding the floor captures the microphone and publishes it. In the star the transport
 * says hello to the hall ("offer me anew") on `announce()` — when the meeting is live and after each reconnect — and
 * whenever the hall greets. `rtc/stop` (floor ended, muted, meeting closed) stops the track; the same floor does
 * not open the microphone again (a muted speaker waits for the chair to give it anew).
 * Call inside a component: it follows the room with effects and closes with the component.
 */
import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from "solid-js";
import type { RoomView } from "../../../../schema/room/views";
import type { RoomConnection } from "../room-socket";
import { createAudioPlayer } from "./audio-player";
import { captureCamera, captureMicrophone } from "./capture";
import { useMediaTransport } from "./media-layer";
import { hearsHall, reportHearing, useMediaQuality } from "./media-quality";
import { useVideoChoice } from "./video-choice";

/** `denied`: the browser (or the person) blocked the microphone; `failed`: none, or busy. */
export type RemoteMicState = "off" | "asking" | "on" | "denied" | "failed";
export type CameraState = "off" | "asking" | "on" | "denied";
/** No sound from the hall this long after a hello: its screen is not open, or it has no microphone. */
const HALL_SILENT_MS = 10_000;
const micBlocked = (e: unknown) => e instanceof DOMException && e.name === "NotAllowedError";

export function useRemoteMedia(conn: RoomConnection, view: Accessor<RoomView>, me: Accessor<string>) {
  const player = createAudioPlayer();
  const [mic, setMic] = createSignal<RemoteMicState>("off");
  const [hallStream, setHallStream] = createSignal<MediaStream | null>(null);
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

  const transport = useMediaTransport(conn, view, {
    role: "remote",
    me,
    published,
    present: () => [],
    wants: (personId) => personId === hall() || personId === view().floor?.personId,
  });
  createEffect(
    on(transport, (t) =>
      t?.onStream((personId, stream) => {
        player.set(personId, stream);
        if (personId !== hall()) return;
        setHallStream(stream);
        if (stream) setHallSilent(false);
      }),
    ),
  );
  const quality = useMediaQuality(transport);
  const hearing = createMemo(() => hearsHall(hallStream(), quality()));
  reportHearing(conn, hearing);
  const video = useVideoChoice(quality);
  createEffect(on([transport, video.wanted], ([t, wanted]) => t?.setVideo(wanted)));

  const [camera, setCamera] = createSignal<CameraState>("off");
  let micTrack: MediaStreamTrack | null = null;
  let camTrack: MediaStreamTrack | null = null;
  const send = () => transport()?.publish([micTrack, camTrack].filter((t) => t !== null));
  /** The speaker's camera, off by default: their picture goes with their sound while they hold the floor. */
  const toggleCamera = () => {
    if (camera() === "on" || camera() === "asking") {
      camTrack = null;
      setCamera("off");
      return send();
    }
    setCamera("asking");
    captureCamera().then(
      (track) => {
        if (mic() !== "on" || camera() !== "asking") return track.stop();
        camTrack = track;
        setCamera("on");
        send();
      },
      () => setCamera("denied"),
    );
  };
  const stopSpeaking = () => {
    micTrack = camTrack = null;
    transport()?.publish([]);
    setMic("off");
    setCamera("off");
  };
  const offStop = conn.rtc.on("rtc/stop", (m) => {
    handled = floorKey() ?? handled;
    stopSpeaking();
    if (m.reason === "closed") transport()?.drop(hall() ?? "");
  });

  createEffect(
    on([live, conn.status, transport], ([isLive, status, t]) => {
      if (!t || !isLive || status !== "connected") return;
      t.announce();
      // Still no sound from the hall after a while: say so rather than "connecting" forever.
      clearTimeout(silentTimer);
      silentTimer = setTimeout(() => setHallSilent(hallStream() === null), HALL_SILENT_MS);
    }),
  );
  createEffect(
    on([floorKey, transport], ([key, t]) => {
      if (!t) return;
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
          micTrack = track;
          send();
          setMic("on");
        },
        (e: unknown) => setMic(micBlocked(e) ? "denied" : "failed"),
      );
    }),
  );
  onCleanup(() => {
    clearTimeout(silentTimer);
    offStop();
    player.close();
  });
  const hearingHall = () => hallStream() !== null;
  return { mic, camera, toggleCamera, hearingHall, hallSilent, hallStream, hearing, quality, video, player, transport };
}
