/**
 * A meeting's media routes (worker/routes/meeting-media.ts): which path to use, and the SFU calls the worker proxies
 * with Cloudflare Realtime's secret. Contracts: schema/api/meeting-media-sfu.ts.
 */
import type { MediaConfigAnswer, SfuSessionAnswer, SfuTracksAnswer } from "../../../schema/api/meeting-media-sfu";
import { enc, request } from "./http";

type Owned = SfuSessionAnswer;
type Sdp<T extends "offer" | "answer"> = { type: T; sdp: string };

/** The calls for one meeting; the transport gets this, so tests hand it a fake. */
export interface MeetingMediaApi {
  config(): Promise<MediaConfigAnswer>;
  session(): Promise<SfuSessionAnswer>;
  publish(
    body: Owned & { offer: Sdp<"offer">; tracks: { mid: string; trackName: string }[] },
  ): Promise<SfuTracksAnswer>;
  subscribe(body: Owned & { tracks: { sessionId: string; trackName: string }[] }): Promise<SfuTracksAnswer>;
  renegotiate(body: Owned & { answer: Sdp<"answer"> }): Promise<{ ok: true }>;
  close(body: Owned & { mids: string[] }): Promise<SfuTracksAnswer>;
}

export function meetingMediaApi(tenantId: string, meetingId: string): MeetingMediaApi {
  const base = `/api/tenants/${enc(tenantId)}/meetings/${enc(meetingId)}/media`;
  return {
    config: () => request<MediaConfigAnswer>("GET", `${base}/config`),
    session: () => request<SfuSessionAnswer>("POST", `${base}/sfu/session`),
    publish: (body) => request<SfuTracksAnswer>("POST", `${base}/sfu/publish`, body),
    subscribe: (body) => request<SfuTracksAnswer>("POST", `${base}/sfu/subscribe`, body),
    renegotiate: (body) => request<{ ok: true }>("POST", `${base}/sfu/renegotiate`, body),
    close: (body) => request<SfuTracksAnswer>("POST", `${base}/sfu/close`, body),
  };
}
