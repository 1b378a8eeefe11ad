import { afterEach, describe, expect, it } from "vitest";
import { BALLOT_BATCH_MS, ballotBatchMs, JOIN_BATCH_MS, joinBatchMs } from "../../party/dispatch";
import { COALESCE_FROM } from "../../party/fanout";
import { closeAllRooms } from "../support/room-client";
import { PRESENT_OFFICIALS, watchedMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

/** A live meeting with committee observers filling the room past the coalescing mark. */
const largeRoom = () => watchedMeeting(COALESCE_FROM + 2);

describe("a large room", () => {
  it("lets ballots and Join taps wait longer for a shared commit as the room grows", () => {
    expect(ballotBatchMs(COALESCE_FROM)).toBe(BALLOT_BATCH_MS);
    expect(ballotBatchMs(500)).toBe(13);
    expect(ballotBatchMs(2_000)).toBe(50);
    expect(ballotBatchMs(10_000)).toBe(50);
    // Join taps: a quarter of a second from 2,000 sockets on, a few milliseconds in a room of a hundred.
    expect(joinBatchMs(100)).toBe(13);
    expect(joinBatchMs(2_000)).toBe(JOIN_BATCH_MS);
    expect(joinBatchMs(10_000)).toBe(JOIN_BATCH_MS);
  });

  it("sends a vote's opening at once, not in the next window", async () => {
    const { c, chair, watcher } = await largeRoom();
    const from = watcher.received.length;
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    // A ballot right after the ack: coalesced with the opening, the first frame would already count it.
    await c[PRESENT_OFFICIALS[0]!]!.ok({ type: "vote/cast", voteId, choice: "agree" });
    const first = await watcher.event("vote", (e) => e.vote.id === voteId, from);
    expect(first.vote.voted).toBe(0);
    expect(first.vote.status).toBe("open");
  });

  it("coalesces frequent events from 50 connections on, and still delivers the final tally", async () => {
    const { c, chair, watcher } = await largeRoom();
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    const snapVersion = (await watcher.sync()).version;
    const from = watcher.received.length;
    await Promise.all(PRESENT_OFFICIALS.map((w) => c[w]!.ok({ type: "vote/cast", voteId, choice: "agree" })));
    const last = await watcher.event("vote", (e) => e.vote.voted === PRESENT_OFFICIALS.length, from);
    expect(last.vote.tally?.agree).toBe(PRESENT_OFFICIALS.length);
    const voteFrames = watcher.received.slice(from).filter((m) => m.type === "vote");
    // Eight ballots landed within one or two windows: fewer frames than ballots.
    expect(voteFrames.length).toBeLessThan(PRESENT_OFFICIALS.length);
    const versions = watcher.received
      .slice(from)
      .flatMap((m) => (m.type !== "snapshot" && "version" in m ? [m.version] : []));
    // Coalescing never leaves a gap: each frame is one above the last.
    expect(versions).toEqual(versions.map((_, i) => snapVersion + 1 + i));
    expect(watcher.received.some((m) => m.type === "error")).toBe(false);
  });
});
