/**
 * The browser's calls for a meeting's media go to the worker (which holds Cloudflare Realtime's secret), never to
 * Cloudflare; a 503 from an unconfigured worker reaches the chooser as `unavailable`, in the shared envelope.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiFailure } from "../../web/src/api/http";
import { meetingMediaApi } from "../../web/src/api/meeting-media";
import { mediaConfigOf } from "../../web/src/room/rtc/transport/choose";

afterEach(() => vi.restoreAllMocks());

describe("meetingMediaApi", () => {
  it("calls the meeting's media routes on our own origin, with the body as JSON", async () => {
    const seen: { url: string; method?: string; body?: unknown }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      seen.push({
        url: String(input),
        method: init?.method,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      });
      return Response.json({ ok: true });
    });
    const api = meetingMediaApi("t 1", "m/2");
    const owned = { sessionId: "abc", sessionToken: "tok" };
    await api.config();
    await api.session();
    await api.publish({ ...owned, offer: { type: "offer", sdp: "o" }, tracks: [{ mid: "0", trackName: "audio-p" }] });
    await api.subscribe({ ...owned, tracks: [{ sessionId: "def", trackName: "audio-h" }] });
    await api.renegotiate({ ...owned, answer: { type: "answer", sdp: "a" } });
    await api.close({ ...owned, mids: ["0"] });
    const base = "/api/tenants/t%201/meetings/m%2F2/media";
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET ${base}/config`,
      `POST ${base}/sfu/session`,
      `POST ${base}/sfu/publish`,
      `POST ${base}/sfu/subscribe`,
      `POST ${base}/sfu/renegotiate`,
      `POST ${base}/sfu/close`,
    ]);
    expect(seen[5]?.body).toEqual({ ...owned, mids: ["0"] });
  });

  it("reads an unconfigured worker's 503 as `unavailable`, and the chooser then takes the star", async () => {
    const envelope = { error: { code: "unavailable", message: "Máy chủ chưa cấu hình… / not configured" } };
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => Response.json(envelope, { status: 503 }));
    const api = meetingMediaApi("t", "m");
    await expect(api.session()).rejects.toMatchObject({
      status: 503,
      code: "unavailable",
    } satisfies Partial<ApiFailure>);
    expect(await mediaConfigOf(api)).toEqual({ sfu: false, iceServers: [] });
  });
});
