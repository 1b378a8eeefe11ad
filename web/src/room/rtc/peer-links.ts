/**
 * One-way peer connections over the room's signalling: an "out" link sends our track to one peer (we offer), an
 * "in" link receives a peer's track (they offered, we answer). A two-way pair (the hall and the speaker) is two
 * links, so each side's sending starts and stops without renegotiating the other's.
 *
 * No trickle ICE: an offer or answer leaves once its candidates are gathered (at most GATHER_MS), so every
 * candidate is in the SDP and no `rtc/ice` frame needs matching to a link (the room's frames do not say which
 * of two links with the same peer a candidate is for).
 */
import type { Peer, RtcSignals } from "./signalling";

/** Opus for speech at a low bitrate: a hall with ten remote listeners sends ten copies on one uplink. */
export const AUDIO_MAX_BITRATE = 32_000;
/** The hall's camera (or a speaker's): 640×360 at ~15 fps fits in a quarter megabit for a talking head. */
export const VIDEO_MAX_BITRATE = 250_000;
export const VIDEO_MAX_FPS = 15;
const GATHER_MS = 2_000;

export interface Link {
  direction: "in" | "out";
  peer: Peer;
  pc: RTCPeerConnection;
  /** When the offer went (out) or arrived (in), ms since the page's time origin. */
  since: number;
}

/** Resolves once the connection gathered its candidates, or after `ms`: whatever was gathered goes then. */
function gathered(pc: RTCPeerConnection, ms = GATHER_MS): Promise<void> {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener("icegatheringstatechange", check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === "complete") done();
    };
    const timer = setTimeout(done, ms);
    pc.addEventListener("icegatheringstatechange", check);
  });
}

/** Caps every encoding of a sender; a browser that refuses keeps its default (Opus and VP8 adapt on their own). */
async function capBitrate(sender: RTCRtpSender): Promise<void> {
  const params = sender.getParameters();
  if (!params.encodings?.length) params.encodings = [{}];
  const video = sender.track?.kind === "video";
  for (const e of params.encodings) {
    e.maxBitrate = video ? VIDEO_MAX_BITRATE : AUDIO_MAX_BITRATE;
    if (video) e.maxFramerate = VIDEO_MAX_FPS;
  }
  await sender.setParameters(params).catch(() => undefined);
}

/** Offers `tracks` (one stream) to `peer`: the link is open once their answer arrives (`acceptAnswer`). */
export async function openOut(
  signals: RtcSignals,
  peer: Peer,
  tracks: MediaStreamTrack[],
  register: (link: Link) => void,
  iceServers: RTCIceServer[],
): Promise<void> {
  const pc = new RTCPeerConnection({ iceServers });
  register({ direction: "out", peer, pc, since: performance.now() });
  const stream = new MediaStream(tracks);
  const senders = tracks.map((t) => pc.addTransceiver(t, { direction: "sendonly", streams: [stream] }).sender);
  await pc.setLocalDescription(await pc.createOffer());
  for (const sender of senders) await capBitrate(sender);
  await gathered(pc);
  if (pc.signalingState === "closed" || !pc.localDescription) return;
  signals.offer(peer, pc.localDescription.sdp);
}

/** Applies a peer's answer to our offer; false when the link was not waiting for one. */
export async function acceptAnswer(link: Link, sdp: string): Promise<boolean> {
  if (link.pc.signalingState !== "have-local-offer") return false;
  await link.pc.setRemoteDescription({ type: "answer", sdp });
  return true;
}

/**
 * Answers a peer's offer; `onStream` gets what they send (one stream per offer). Without `video`, the answer
 * refuses the offered video (its transceiver inactive): no video bytes flow on this link at all.
 */
export async function openIn(
  signals: RtcSignals,
  from: Peer,
  sdp: string,
  onStream: (stream: MediaStream) => void,
  register: (link: Link) => void,
  opts: { iceServers: RTCIceServer[]; video: boolean },
): Promise<void> {
  const pc = new RTCPeerConnection({ iceServers: opts.iceServers });
  register({ direction: "in", peer: from, pc, since: performance.now() });
  pc.addEventListener("track", (e) => onStream(e.streams[0] ?? new MediaStream([e.track])));
  await pc.setRemoteDescription({ type: "offer", sdp });
  if (!opts.video)
    for (const t of pc.getTransceivers()) if (t.receiver.track.kind === "video") t.direction = "inactive";
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  if (pc.signalingState === "closed" || !pc.localDescription) return;
  signals.answer(from, pc.localDescription.sdp);
}
