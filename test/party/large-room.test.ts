import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { BALLOT_BATCH_MS, ballotBatchMs, JOIN_BATCH_MS, joinBatchMs } from "../../party/dispatch";
import { COALESCE_FROM } from "../../party/fanout";
import { issueRoomTicket } from "../../server/room-ticket";
import { closeAllRooms, joinRoom } from "../support/room-client";
import { liveMeeting, PRESENT_OFFICIALS } from "./meeting-fixture";

afterEach(() => closeAllRooms());

/** A live meeting with committee observers filling the room past the coalescing mark. */
async function largeRoom() {
  const meeting = await liveMeeting();
  const { f } = meeting;
  const watchers = [];
  for (let i = 0; watchers.length + PRESENT_OFFICIALS.length < COALESCE_FROM + 2; i++) {
    const { ticket } = await issueRoomTicket(env, {
      pid: `obs-${i}`,
      tid: f.tenantId,
      mid: f.meetingId,
      role: "observer",
      name: `Quan sát ${i}`,
    });
    watchers.push(await joinRoom(f.meetingId, ticket));
  }
  return { ...meeting, watcher: watchers[0]! };
}

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

  it("counts ballots that arrived just before the close, each acknowledged after it was stored", async () => {
    const { c, chair, watcher } = await largeRoom();
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule: "resolution", secret: false })
    ).entityId!;
    const voters = PRESENT_OFFICIALS.filter((w) => w !== "chair");
    // Not awaited: the ballots wait for their shared commit while the close arrives behind them.
    const answers = voters.map((w) => c[w]!.request({ type: "vote/cast", voteId, choice: "agree" }));
    const closed = await chair.ok({ type: "vote/close", voteId });
    expect(closed.type).toBe("ack");
    expect((await Promise.all(answers)).map((a) => a.type)).toEqual(voters.map(() => "ack"));
    const result = await watcher.event("vote", (e) => e.vote.id === voteId && e.vote.status === "closed", 0);
    expect(result.vote.voted).toBe(voters.length);
    expect(result.vote.tally?.agree).toBe(voters.length);
  });

  it("in a shared commit, acknowledges a replayed ballot again without counting it, and refuses a second ballot", async () => {
    const { c, chair, watcher } = await largeRoom();
    const voteId = (
      await chair.ok({ type: "vote/open", motion: "Kết nạp đảng viên", rule: "admission", secret: false })
    ).entityId!;
    const [first, ...others] = PRESENT_OFFICIALS.filter((w) => w !== "chair");
    await c[first!]!.ok({ type: "vote/cast", voteId, choice: "agree" }, "ballot-first");
    // Sent together, so they wait for one commit: a replay of a stored ballot, a second ballot, the others.
    const replay = c[first!]!.request({ type: "vote/cast", voteId, choice: "agree" }, "ballot-first");
    const second = c[first!]!.request({ type: "vote/cast", voteId, choice: "disagree" }, "ballot-second");
    const rest = others.map((w) => c[w]!.request({ type: "vote/cast", voteId, choice: "disagree" }));
    const replayed = await replay;
    expect(replayed.type === "ack" && replayed.duplicate).toBe(true);
    const refused = await second;
    expect(refused.type === "error" && refused.code).toBe("already_voted");
    expect((await Promise.all(rest)).map((a) => a.type)).toEqual(others.map(() => "ack"));
    await chair.ok({ type: "vote/close", voteId });
    const result = await watcher.event("vote", (e) => e.vote.id === voteId && e.vote.status === "closed", 0);
    expect(result.vote.tally).toEqual({ agree: 1, disagree: others.length, abstain: 0 });
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
