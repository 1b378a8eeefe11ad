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

export type RemoteMicState = "off" | "asking" | "on" | "denied";
export type CameraState = "off" | "asking" | "on" | "denied";

export function useRemoteMedia(conn: RoomConnection, view: Accessor<RoomView>, me: Accessor<string>) {
  const player = createAudioPlayer();
  const [mic, setMic] = createSignal<RemoteMicState>("off");
  const [hallStream, setHallStream] = createSignal<MediaStream | null>(null);
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
        if (personId === hall()) setHallStream(stream);
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

  // After the frame that set the status: the room link accepts frames only once that snapshot is applied.
  createEffect(
    on([live, conn.status, transport], ([isLive, status, t]) => {
      if (t && isLive && status === "connected") queueMicrotask(() => t.announce());
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
        () => setMic("denied"),
      );
    }),
  );
  onCleanup(() => {
    offStop();
    player.close();
  });
  const hearingHall = () => hallStream() !== null;
  return { mic, camera, toggleCamera, hearingHall, hallStream, hearing, quality, video, player, transport };
}
