/**
 * A fake RTCPeerConnection (happy-dom has none) that behaves like one where the SFU transport relies on it: an
 * offer gives pending transceivers their mids, a remote offer's `a=mid:` lines create receiving transceivers. And
 * a fake worker API answering from the recorded Cloudflare shapes (test/fixtures/realtime).
 */

import type { SfuTracksAnswer } from "../../schema/api/meeting-media-sfu";
import type { MeetingMediaApi } from "../../web/src/api/meeting-media";
import type { PeerLike, TransceiverLike } from "../../web/src/room/rtc/transport/peer";
import sessionResponse from "../fixtures/realtime/sessions-new.response.json";
import closeResponse from "../fixtures/realtime/tracks-close.response.json";
import localResponse from "../fixtures/realtime/tracks-new-local.response.json";
import remoteResponse from "../fixtures/realtime/tracks-new-remote.response.json";

export const track = (kind: "audio" | "video", id = `${kind}-track`) => ({ kind, id }) as MediaStreamTrack;

class FakeTransceiver implements TransceiverLike {
  mid: string | null;
  direction: RTCRtpTransceiverDirection;
  sentTrack: MediaStreamTrack | null;
  readonly sender = {
    replaceTrack: async (t: MediaStreamTrack | null) => {
      this.sentTrack = t;
    },
  };
  readonly receiver: { track: MediaStreamTrack };
  constructor(
    mid: string | null,
    direction: RTCRtpTransceiverDirection,
    sent: MediaStreamTrack | null,
    kind: "audio" | "video",
  ) {
    this.mid = mid;
    this.direction = direction;
    this.sentTrack = sent;
    this.receiver = { track: track(kind, `received-${mid ?? "?"}`) };
  }
}

export class FakePeer implements PeerLike {
  connectionState: RTCPeerConnectionState = "new";
  readonly transceivers: FakeTransceiver[] = [];
  readonly log: string[] = [];
  readonly listeners: (() => void)[] = [];
  stats: Record<string, unknown>[] = [];
  closed = false;
  constructor(readonly config: RTCConfiguration) {}
  addTransceiver(t: MediaStreamTrack | string, init?: RTCRtpTransceiverInit) {
    const kind = typeof t === "string" ? (t as "audio") : (t.kind as "audio");
    const tr = new FakeTransceiver(null, init?.direction ?? "sendrecv", typeof t === "string" ? null : t, kind);
    this.transceivers.push(tr);
    return tr;
  }
  getTransceivers() {
    return this.transceivers;
  }
  async createOffer() {
    for (const t of this.transceivers) t.mid ??= String(this.transceivers.indexOf(t));
    this.log.push("createOffer");
    return { type: "offer" as const, sdp: `offer with ${this.transceivers.length} m-lines` };
  }
  async createAnswer() {
    this.log.push("createAnswer");
    return { type: "answer" as const, sdp: "browser answer" };
  }
  async setLocalDescription(d: RTCSessionDescriptionInit) {
    this.log.push(`local ${d.type}`);
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.log.push(`remote ${d.type}`);
    if (d.type !== "offer") return;
    for (const [, mid] of (d.sdp ?? "").matchAll(/a=mid:(\S+)/g))
      if (mid && !this.transceivers.some((t) => t.mid === mid))
        this.transceivers.push(new FakeTransceiver(mid, "recvonly", null, "audio"));
  }
  async getStats() {
    return new Map(this.stats.map((s, i) => [String(i), s])) as unknown as RTCStatsReport;
  }
  addEventListener(_type: "connectionstatechange", listener: () => void) {
    this.listeners.push(listener);
  }
  setState(s: RTCPeerConnectionState) {
    this.connectionState = s;
    for (const l of this.listeners) l();
  }
  close() {
    this.closed = true;
    this.connectionState = "closed";
  }
}

type Call = { name: keyof MeetingMediaApi; body?: unknown };

/** The worker's answers, as it trims Cloudflare's recorded ones. */
export function fakeMediaApi(overrides: Partial<MeetingMediaApi> = {}) {
  const calls: Call[] = [];
  const log = <K extends keyof MeetingMediaApi>(name: K, answer: MeetingMediaApi[K]) =>
    (async (body?: unknown) => {
      calls.push({ name, body });
      return (answer as (b?: unknown) => Promise<unknown>)(body);
    }) as MeetingMediaApi[K];
  const api: MeetingMediaApi = {
    config: log("config", overrides.config ?? (async () => ({ sfu: true, iceServers: [] }))),
    session: log(
      "session",
      overrides.session ?? (async () => ({ sessionId: sessionResponse.sessionId, sessionToken: "tok" })),
    ),
    publish: log("publish", overrides.publish ?? (async () => localResponse as SfuTracksAnswer)),
    subscribe: log("subscribe", overrides.subscribe ?? (async () => remoteResponse as SfuTracksAnswer)),
    renegotiate: log("renegotiate", overrides.renegotiate ?? (async () => ({ ok: true as const }))),
    close: log("close", overrides.close ?? (async () => closeResponse as SfuTracksAnswer)),
  };
  return { api, calls };
}
