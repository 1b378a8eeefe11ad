/**
 * The SFU path: one RTCPeerConnection to Cloudflare Realtime per browser, negotiated through the worker
 * (web/src/api/meeting-media.ts), which holds the app's secret and checks who may publish. The hall publishes once
 * and Cloudflare fans out, so its uplink carries one stream however many listen (docs/media.md "The SFU path").
 *
 * Calls to Cloudflare are made one at a time (a session negotiates one offer/answer round at once).
 */
import type { SfuTracksAnswer } from "../../../../../schema/api/meeting-media-sfu";
import type { MeetingMediaApi } from "../../../api/meeting-media";
import {
  type MediaQuality,
  type PublishedTrack,
  type RemoteTrackRef,
  type SfuTransport,
  transportEvents,
} from "./media-transport";
import type { PeerFactory, PeerLike } from "./peer";
import { qualityOf } from "./quality";

export interface RealtimeTransportDeps {
  api: MeetingMediaApi;
  iceServers: RTCIceServer[];
  createPeer: PeerFactory;
  /** Whose tracks this browser publishes (the track names carry it: `audio-<personId>`). */
  personId: string;
  /** How often to sample quality; tests pass 0 and call `sampleQuality` themselves. */
  qualityEveryMs?: number;
}

export class SfuRefused extends Error {}

/** A track the SFU refused inside a 200 answer (an unknown track, a closed session). */
function refusedTrack(answer: SfuTracksAnswer): string | undefined {
  return answer.tracks.find((t) => t.errorCode)?.errorCode;
}

export async function realtimeTransport(
  deps: RealtimeTransportDeps,
): Promise<SfuTransport & { sessionId: string; sampleQuality(): Promise<MediaQuality> }> {
  const owned = await deps.api.session();
  const pc: PeerLike = deps.createPeer({ iceServers: deps.iceServers, bundlePolicy: "max-bundle" });
  const events = transportEvents();
  const subscribed = new Map<string, string>(); // `${sessionId}/${trackName}` → mid
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const keyOf = (r: RemoteTrackRef) => `${r.sessionId ?? ""}/${r.trackName}`;

  const sampleQuality = async () => {
    const report = await pc.getStats();
    const q = qualityOf(report.values(), pc.connectionState);
    events.emit("quality", q);
    return q;
  };
  const timer =
    deps.qualityEveryMs && deps.qualityEveryMs > 0
      ? setInterval(() => void sampleQuality(), deps.qualityEveryMs)
      : null;
  pc.addEventListener("connectionstatechange", () => {
    if (pc.connectionState === "failed") {
      events.emit("quality", "lost");
      events.emit("closed", "failed");
    }
  });

  const close = async () => {
    if (closed) return;
    closed = true;
    if (timer) clearInterval(timer);
    pc.close();
  };

  return {
    kind: "sfu",
    sessionId: owned.sessionId,
    sampleQuality,
    on: events.on,
    close,

    publish: (track, trackName) =>
      serial(async (): Promise<PublishedTrack> => {
        const transceiver = pc.addTransceiver(track, { direction: "sendonly" });
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        const mid = transceiver.mid;
        if (!mid || !offer.sdp) throw new SfuRefused("no mid after the offer");
        const answer = await deps.api.publish({
          ...owned,
          offer: { type: "offer", sdp: offer.sdp },
          tracks: [{ mid, trackName }],
        });
        const refused = refusedTrack(answer);
        if (refused || !answer.sessionDescription) throw new SfuRefused(refused ?? "no answer");
        await pc.setRemoteDescription(answer.sessionDescription);
        let stopped = false;
        return {
          ref: { personId: deps.personId, sessionId: owned.sessionId, trackName },
          // The floor ended or the chair muted: stop sending at once, then tell the SFU (forced close, no new round).
          stop: () =>
            serial(async () => {
              if (stopped || closed) return;
              stopped = true;
              await transceiver.sender.replaceTrack(null);
              transceiver.direction = "inactive";
              await deps.api.close({ ...owned, mids: [mid] });
            }),
        };
      }),

    subscribe: (remote) =>
      serial(async () => {
        if (!remote.sessionId) throw new SfuRefused("a remote track on the SFU needs its session");
        const answer = await deps.api.subscribe({
          ...owned,
          tracks: [{ sessionId: remote.sessionId, trackName: remote.trackName }],
        });
        const refused = refusedTrack(answer);
        if (refused) throw new SfuRefused(refused);
        if (answer.requiresImmediateRenegotiation && answer.sessionDescription) {
          await pc.setRemoteDescription(answer.sessionDescription);
          const local = await pc.createAnswer();
          await pc.setLocalDescription(local);
          if (!local.sdp) throw new SfuRefused("no local answer");
          await deps.api.renegotiate({ ...owned, answer: { type: "answer", sdp: local.sdp } });
        }
        const mid = answer.tracks[0]?.mid;
        const transceiver = pc.getTransceivers().find((t) => t.mid === mid);
        if (!mid || !transceiver) throw new SfuRefused("the SFU's track has no transceiver here");
        subscribed.set(keyOf(remote), mid);
        return transceiver.receiver.track;
      }),

    unsubscribe: (remote) =>
      serial(async () => {
        const mid = subscribed.get(keyOf(remote));
        if (!mid || closed) return;
        subscribed.delete(keyOf(remote));
        await deps.api.close({ ...owned, mids: [mid] });
      }),
  };
}
