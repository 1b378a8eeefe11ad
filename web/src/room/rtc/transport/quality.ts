/**
 * Connection quality from WebRTC stats, for the room's indicator: the selected candidate pair's round trip and the
 * inbound packet loss. Thresholds: above 400 ms or 5 % loss speech breaks up; above 1.5 s or 20 % it is lost.
 */
import type { MediaQuality } from "./media-transport";

interface StatLike {
  type: string;
  state?: string;
  nominated?: boolean;
  currentRoundTripTime?: number;
  packetsLost?: number;
  packetsReceived?: number;
}

export function qualityOf(stats: Iterable<StatLike>, connection: RTCPeerConnectionState): MediaQuality {
  if (connection === "failed" || connection === "closed" || connection === "disconnected") return "lost";
  let rtt = 0;
  let lost = 0;
  let received = 0;
  for (const s of stats) {
    if (s.type === "candidate-pair" && s.state === "succeeded" && s.nominated)
      rtt = Math.max(rtt, s.currentRoundTripTime ?? 0);
    if (s.type === "inbound-rtp") {
      lost += s.packetsLost ?? 0;
      received += s.packetsReceived ?? 0;
    }
  }
  const loss = lost + received > 0 ? lost / (lost + received) : 0;
  if (rtt > 1.5 || loss > 0.2) return "lost";
  if (rtt > 0.4 || loss > 0.05) return "poor";
  return "good";
}
