import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { issueRoomTicket } from "../../worker/lib/room-ticket";
import { closeAllRooms, joinRoom } from "../support/room-client";
import { COALESCE_FROM } from "../../party/meeting-room";
import { liveMeeting, PRESENT_OFFICIALS } from "./meeting-fixture";

afterEach(() => closeAllRooms());

describe("a large room", () => {
  it("coalesces frequent events from 50 connections on, and still delivers the final tally", async () => {
    const { f, c, chair } = await liveMeeting();
    // Committee observers fill the room past the coalescing mark.
    const watchers = [];
    for (let i = 0; watchers.length + PRESENT_OFFICIALS.length < COALESCE_FROM + 2; i++) {
      const { ticket } = await issueRoomTicket(env, { pid: `obs-${i}`, tid: f.tenantId, mid: f.meetingId, role: "observer", name: `Quan sát ${i}` });
      watchers.push(await joinRoom(f.meetingId, ticket));
    }
    const watcher = watchers[0]!;
    const voteId = (await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })).entityId!;
    const snapVersion = (await watcher.sync()).version;
    const from = watcher.received.length;
    await Promise.all(PRESENT_OFFICIALS.map((w) => c[w]!.ok({ type: "vote/cast", voteId, choice: "agree" })));
    const last = await watcher.event("vote", (e) => e.vote.voted === PRESENT_OFFICIALS.length, from);
    expect(last.vote.tally?.agree).toBe(PRESENT_OFFICIALS.length);
    const voteFrames = watcher.received.slice(from).filter((m) => m.type === "vote");
    // Eight ballots landed within one or two windows: fewer frames than ballots.
    expect(voteFrames.length).toBeLessThan(PRESENT_OFFICIALS.length);
    const versions = watcher.received.slice(from).flatMap((m) => (m.type !== "snapshot" && "version" in m ? [m.version] : []));
    // Coalescing never leaves a gap: each frame is one above the last.
    expect(versions).toEqual(versions.map((_, i) => snapVersion + 1 + i));
    expect(watcher.received.some((m) => m.type === "error")).toBe(false);
  });
});
