/**
 * Which path a meeting's sound and picture take: the SFU when the worker says Cloudflare Realtime is configured,
 * the peer-to-peer star otherwise — and the star too when the SFU cannot be opened (its keys were removed, Cloudflare
 * did not answer): a hall on a LAN still works.
 */
import type { MeetingMediaApi } from "../../../api/meeting-media";
import type { MediaConfig, MediaTransport } from "./media-transport";

/** What the star side provides (web/src/room/rtc/, the peer-to-peer work): a transport over the room's signalling. */
export type StarTransportFactory = (iceServers: RTCIceServer[]) => MediaTransport;
export type SfuTransportFactory = (iceServers: RTCIceServer[]) => Promise<MediaTransport>;

/** The worker's answer, or "no SFU, no TURN" when it cannot be had (a hall-only meeting, offline): the star on a LAN. */
export async function mediaConfigOf(api: Pick<MeetingMediaApi, "config">): Promise<MediaConfig> {
  try {
    const c = await api.config();
    return { sfu: c.sfu, iceServers: c.iceServers };
  } catch {
    return { sfu: false, iceServers: [] };
  }
}

export async function transportFor(
  config: MediaConfig,
  make: { star: StarTransportFactory; sfu: SfuTransportFactory },
): Promise<MediaTransport> {
  if (!config.sfu) return make.star(config.iceServers);
  try {
    return await make.sfu(config.iceServers);
  } catch (err) {
    console.warn("the SFU could not be opened; using the peer-to-peer star", err);
    return make.star(config.iceServers);
  }
}
