/**
 * The media path is chosen once the meeting is live (web/src/room/rtc/media-layer.ts): an SFU session opens only for
 * a live meeting (the worker answers 409 before), so a page opened before the start and choosing at once fell back to
 * the star for good. `fetch` stands in for the worker: Cloudflare Realtime configured, a session refused until the
 * meeting is live. (happy-dom has no RTCPeerConnection: the SFU then cannot open its peer and the star takes over,
 * which is not what is asserted here; the session asked while live is.)
 */
import { Route, Router } from "@solidjs/router";
import { render, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import type { RoomView } from "../../schema/room/views";
import type { RoomConnection } from "../../web/src/room/room-socket";
import { useMediaTransport } from "../../web/src/room/rtc/media-layer";
import { createRtcSignals } from "../../web/src/room/rtc/signalling";
import { fakeWorker, json, missing, useFakeWorker } from "./fake-worker";
import { emptyRoomView } from "./room-view-fixture";

useFakeWorker();

describe("the media path", () => {
  it("is chosen when the meeting goes live, so a page opened before the start opens an SFU session", async () => {
    const [view, setView] = createSignal<RoomView>({
      ...emptyRoomView("2026-12-07T12:00:00.000Z"),
      meeting: { ...emptyRoomView("2026-12-07T12:00:00.000Z").meeting, status: "planned", mediaMode: "builtin" },
    });
    const live = () => view().meeting.status === "live";
    const base = "/api/tenants/t-1/meetings/m-1/media";
    const seen = fakeWorker((method, url) => {
      if (method === "GET" && url.pathname === `${base}/config`) return json(200, { sfu: true, iceServers: [] });
      if (method === "POST" && url.pathname === `${base}/sfu/session`)
        return live()
          ? json(201, { sessionId: "s-1", sessionToken: "tok" })
          : json(409, { error: { code: "conflict", message: "Cuộc họp chưa bắt đầu / Not live" } });
      return missing(url.pathname);
    });
    const conn = {
      rtc: createRtcSignals(
        () => undefined,
        () => crypto.randomUUID(),
      ),
    } as unknown as RoomConnection;
    const Probe = () => {
      useMediaTransport(conn, view, {
        role: "remote",
        me: () => "p-an",
        published: [],
        present: () => [],
        wants: () => true,
      });
      return null;
    };
    window.history.replaceState(null, "", "/t/t-1/meetings/m-1/room");
    render(() => (
      <Router>
        <Route path="/t/:tenantId/meetings/:meetingId/room" component={Probe} />
      </Router>
    ));
    // Before the start nothing is asked: no session refused for good.
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter((s) => s.path.startsWith(`${base}/sfu`))).toEqual([]);

    setView((v) => ({ ...v, meeting: { ...v.meeting, status: "live", startedAt: "2026-12-07T12:00:00.000Z" } }));
    await waitFor(() =>
      expect(seen.filter((s) => s.path === `${base}/sfu/session`)).toEqual([
        { method: "POST", path: `${base}/sfu/session`, status: 201 },
      ]),
    );
  });
});
