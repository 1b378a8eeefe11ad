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
import { captureCamera, captureMicrophone } from "./capture";
import { useMediaTransport } from "./media-layer";

export type HallMicState = "off" | "asking" | "on" | "denied";
/** "none": no camera, or the browser refused it: the hall sends sound only. */
export type HallCameraState = "off" | "asking" | "on" | "none";

export function useHallMedia(conn: RoomConnection, view: Accessor<RoomView>) {
  const player = createAudioPlayer();
  const [mic, setMic] = createSignal<HallMicState>("off");
  const [listeners, setListeners] = createSignal(0);
  const [camera, setCamera] = createSignal<HallCameraState>("off");
  /** The floor holder's stream, for their picture on the hall screen when they switch their camera on. */
  const [speaker, setSpeaker] = createSignal<{ personId: string; stream: MediaStream } | null>(null);
  let micTrack: MediaStreamTrack | null = null;
  let camTrack: MediaStreamTrack | null = null;
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
  });
  createEffect(
    on(transport, (t) => {
      t?.onStream((personId, stream) => {
        player.set(personId, stream);
        if (stream && personId === view().floor?.personId) setSpeaker({ personId, stream });
        else if (!stream && speaker()?.personId === personId) setSpeaker(null);
      });
    }),
  );
  const countListeners = () =>
    setListeners(
      (transport()?.links() ?? []).filter((l) => l.direction === "out" && l.pc.connectionState === "connected").length,
    );
  const timer = setInterval(countListeners, 1_000);

  const send = () => transport()?.publish(micTrack ? [micTrack, camTrack].filter((t) => t !== null) : []);
  /** The hall's camera: on with the microphone when there is one; the bar switches it off and on. */
  const startCamera = () => {
    setCamera("asking");
    captureCamera().then(
      (track) => {
        if (camera() !== "asking" || !micTrack) return track.stop();
        camTrack = track;
        setCamera("on");
        send();
      },
      () => setCamera("none"),
    );
  };
  const toggleCamera = () => {
    if (camera() === "on") {
      camTrack = null;
      setCamera("off");
      send();
    } else if (camera() === "off") startCamera();
  };

  createEffect(
    on([live, conn.status, transport], ([isLive, status, t]) => {
      if (!t) return;
      if (!isLive && mic() === "on") {
        // The meeting closed: the hall's microphone and camera go off with it.
        micTrack = camTrack = null;
        t.publish([]);
        setMic("off");
        setCamera("off");
      }
      if (!isLive || status !== "connected") return;
      if (mic() === "off") {
        setMic("asking");
        captureMicrophone().then(
          (track) => {
            published.push(track);
            micTrack = track;
            send();
            setMic("on");
            t.announce();
            startCamera();
          },
          () => setMic("denied"),
        );
      } else if (mic() === "on") t.announce();
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
  const speakerStream = () => speaker()?.stream ?? null;
  return { mic, camera, toggleCamera, speakerStream, listeners, player, transport };
}
