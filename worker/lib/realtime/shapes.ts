/**
 * Cloudflare Realtime's answers, validated before anything of them reaches a browser (recorded shapes and their
 * sources: test/fixtures/realtime/README.md). Unknown fields are dropped: the browser gets only what it needs.
 */
import { z } from "zod";

export const sessionDescriptionShape = z.object({
  type: z.enum(["offer", "answer"]),
  sdp: z.string().min(1),
});
export type SessionDescription = z.infer<typeof sessionDescriptionShape>;

export const trackShape = z.object({
  location: z.enum(["local", "remote"]).optional(),
  mid: z.string().optional(),
  sessionId: z.string().optional(),
  trackName: z.string().optional(),
  errorCode: z.string().optional(),
  errorDescription: z.string().optional(),
});

export const newSessionShape = z.object({
  sessionId: z.string().min(1),
  sessionDescription: sessionDescriptionShape.optional(),
});

export const tracksShape = z.object({
  requiresImmediateRenegotiation: z.boolean().optional().default(false),
  sessionDescription: sessionDescriptionShape.optional(),
  tracks: z.array(trackShape).optional().default([]),
});
export type TracksAnswer = z.infer<typeof tracksShape>;

/** A whole call refused (non-2xx, or 2xx carrying `errorCode`). */
export const apiErrorShape = z.object({ errorCode: z.string(), errorDescription: z.string().optional() });

export const iceServerShape = z.object({
  urls: z.union([z.string(), z.array(z.string()).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export const iceServersShape = z.object({ iceServers: z.array(iceServerShape) });
export type IceServer = z.infer<typeof iceServerShape>;
