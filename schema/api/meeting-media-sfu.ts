/**
 * The SFU path's routes under a meeting (worker/routes/meeting-media.ts; docs/media.md "The SFU path"). The browser
 * never talks to Cloudflare's API itself: it sends its SDP here, the worker adds the app's secret.
 */
import { z } from "zod";

const sdp = z.string().min(1).max(16_000);
export const offerSchema = z.object({ type: z.literal("offer"), sdp });
export const answerSchema = z.object({ type: z.literal("answer"), sdp });
/** Cloudflare's ids are 32 hex characters; a little room for other forms, nothing that could reshape a URL. */
const sfuId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** `audio-<personId>` / `video-<personId>`: the publisher's own name, so nobody can publish as the hall. */
const trackName = z.string().regex(/^(audio|video)-[A-Za-z0-9_-]{1,64}$/);

/** Proof that this SFU session was opened by this person for this meeting (HMAC, worker/lib/realtime/binding.ts). */
const owned = { sessionId: sfuId, sessionToken: z.string().min(1).max(128) };

export const publishSchema = z.object({
  ...owned,
  offer: offerSchema,
  tracks: z
    .array(z.object({ mid: z.string().min(1).max(16), trackName }))
    .min(1)
    .max(4),
});
export const subscribeSchema = z.object({
  ...owned,
  tracks: z
    .array(z.object({ sessionId: sfuId, trackName }))
    .min(1)
    .max(64),
});
export const renegotiateSchema = z.object({ ...owned, answer: answerSchema });
export const closeTracksSchema = z.object({ ...owned, mids: z.array(z.string().min(1).max(16)).min(1).max(64) });

export type PublishInput = z.infer<typeof publishSchema>;
export type SubscribeInput = z.infer<typeof subscribeSchema>;

export interface IceServerAnswer {
  urls: string | string[];
  username?: string;
  credential?: string;
}
export interface MediaConfigAnswer {
  sfu: boolean;
  iceServers: IceServerAnswer[];
}
export interface SfuSessionAnswer {
  sessionId: string;
  sessionToken: string;
}
export interface SfuTracksAnswer {
  requiresImmediateRenegotiation: boolean;
  sessionDescription?: { type: "offer" | "answer"; sdp: string };
  tracks: { mid?: string; sessionId?: string; trackName?: string; errorCode?: string }[];
}
