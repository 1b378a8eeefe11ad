/**
 * The SFU's Connection API (sessions and tracks), server side only: the app token never reaches a browser.
 * `fetch` is injected so tests answer from recorded shapes (test/fixtures/realtime).
 */
import { type Fetch, REALTIME_API, realtimeCall } from "./call";
import { newSessionShape, type SessionDescription, tracksShape } from "./shapes";

export interface LocalTrack {
  location: "local";
  mid: string;
  trackName: string;
}
export interface RemoteTrack {
  location: "remote";
  sessionId: string;
  trackName: string;
}

export function realtimeClient(app: { appId: string; appToken: string }, f: Fetch, base = REALTIME_API) {
  const root = `${base}/apps/${encodeURIComponent(app.appId)}`;
  const session = (id: string) => `${root}/sessions/${encodeURIComponent(id)}`;
  const call = <T>(method: "POST" | "PUT", url: string, body: unknown, shape: Parameters<typeof realtimeCall<T>>[5]) =>
    realtimeCall(f, app.appToken, method, url, body, shape);
  return {
    /** A new PeerConnection's session at the SFU. */
    newSession: () => call("POST", `${root}/sessions/new`, undefined, newSessionShape),
    /** Publish: the browser's offer and its local tracks → the SFU's answer. */
    publish: (sessionId: string, offer: SessionDescription, tracks: LocalTrack[]) =>
      call("POST", `${session(sessionId)}/tracks/new`, { sessionDescription: offer, tracks }, tracksShape),
    /** Subscribe to tracks others published → usually an offer the browser answers through `renegotiate`. */
    subscribe: (sessionId: string, tracks: RemoteTrack[]) =>
      call("POST", `${session(sessionId)}/tracks/new`, { tracks }, tracksShape),
    renegotiate: (sessionId: string, answer: SessionDescription) =>
      call("PUT", `${session(sessionId)}/renegotiate`, { sessionDescription: answer }, tracksShape.partial()),
    /** Close tracks by mid; `force` closes without a new offer/answer round (the browser stops the sender itself). */
    close: (sessionId: string, mids: string[], offer?: SessionDescription) =>
      call(
        "PUT",
        `${session(sessionId)}/tracks/close`,
        { tracks: mids.map((mid) => ({ mid })), ...(offer ? { sessionDescription: offer } : { force: true }) },
        tracksShape,
      ),
  };
}
export type RealtimeClient = ReturnType<typeof realtimeClient>;
