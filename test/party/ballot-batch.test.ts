/**
 * Ballots arriving together share one storage commit in every room, small or large (party/dispatch.ts): each is
 * acknowledged only after that commit, a close sent behind them does not overtake them, a replay is recognised in
 * the batch, and in a small room the batch moves the live count with one frame, not one per ballot.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { COALESCE_FROM } from "../../party/fanout";
import { closeAllRooms, type RoomClient } from "../support/room-client";
import { PRESENT_OFFICIALS, watchedMeeting } from "./meeting-fixture";

afterEach(() => closeAllRooms());

const openVote = async (chair: Awaited<ReturnType<typeof watchedMeeting>>["chair"], rule: "resolution" | "admission") =>
  (await chair.ok({ type: "vote/open", motion: "Thông qua nghị quyết", rule, secret: false })).entityId!;

describe.each([
  ["a small room", 0],
  ["a large room", COALESCE_FROM + 2],
])("ballots sent together in %s", (_, sockets) => {
  it("are all counted before a close sent just behind them, each acknowledged after it was stored", async () => {
    const { c, chair, watcher } = await watchedMeeting(sockets);
    const voteId = await openVote(chair, "resolution");
    const voters = PRESENT_OFFICIALS.filter((w) => w !== "chair");
    // Not awaited: the ballots wait for their shared commit while the close arrives behind them.
    const answers = voters.map((w) => c[w]!.request({ type: "vote/cast", voteId, choice: "agree" }));
    const closed = await chair.ok({ type: "vote/close", voteId });
    expect(closed.type).toBe("ack");
    expect((await Promise.all(answers)).map((a) => a.type)).toEqual(voters.map(() => "ack"));
    const result = await watcher.event("vote", (e) => e.vote.id === voteId && e.vote.status === "closed", 0);
    expect(result.vote.voted).toBe(voters.length);
    expect(result.vote.tally?.agree).toBe(voters.length);
    // A ballot after the close is refused.
    await c.m1!.refused({ type: "vote/cast", voteId, choice: "disagree" }, "vote_closed");
  });

  it("acknowledge a replayed ballot again without counting it, and refuse a second ballot", async () => {
    const { c, chair, watcher } = await watchedMeeting(sockets);
    const voteId = await openVote(chair, "admission");
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

  it("answer `internal` to every ballot of a batch whose commit failed, and store none of them", async () => {
    const { f, c, chair, watcher } = await watchedMeeting(sockets);
    const voteId = await openVote(chair, "resolution");
    const voters = PRESENT_OFFICIALS.filter((w) => w !== "chair");
    const restore = await failCommits(f.meetingId);
    let answers: Awaited<ReturnType<RoomClient["request"]>>[];
    try {
      answers = await Promise.all(
        voters.map((w) => c[w]!.request({ type: "vote/cast", voteId, choice: "agree" }, `failed-${w}`)),
      );
    } finally {
      await restore();
    }
    expect(answers.map((a) => a.type === "error" && a.code)).toEqual(voters.map(() => "internal"));
    expect((await watcher.sync()).state.votes.find((v) => v.id === voteId)?.voted).toBe(0);
    // Nothing was remembered either: the same requests sent again are applied, not answered as replays.
    const again = await Promise.all(
      voters.map((w) => c[w]!.ok({ type: "vote/cast", voteId, choice: "agree" }, `failed-${w}`)),
    );
    expect(again.map((a) => a.duplicate ?? false)).toEqual(voters.map(() => false));
    // The count that follows (in a large room coalesced, and a snapshot may show the version before it) has them once.
    const counted = await watcher.event("vote", (e) => e.vote.id === voteId && e.vote.voted === voters.length, 0);
    expect(counted.vote.tally?.agree).toBe(voters.length);
  });
});

/** Makes the room's storage transactions fail until the returned function is called. */
async function failCommits(meetingId: string) {
  const stub = env.MeetingRoom.get(env.MeetingRoom.idFromName(meetingId));
  await runInDurableObject(stub, (_room, state) => {
    state.storage.transactionSync = () => {
      throw new Error("disk full (test)");
    };
  });
  return () =>
    runInDurableObject(stub, (_room, state) => {
      delete (state.storage as Partial<DurableObjectStorage>).transactionSync;
    });
}

describe("a small room", () => {
  it("moves the live count once for ballots that arrived together, not once per ballot", async () => {
    const { c, chair, watcher } = await watchedMeeting();
    const voteId = await openVote(chair, "resolution");
    const snapVersion = (await watcher.sync()).version;
    const from = watcher.received.length;
    const acks = await Promise.all(
      PRESENT_OFFICIALS.map((w) => c[w]!.request({ type: "vote/cast", voteId, choice: "agree" })),
    );
    expect(acks.map((a) => a.type)).toEqual(PRESENT_OFFICIALS.map(() => "ack"));
    const last = await watcher.event("vote", (e) => e.vote.voted === PRESENT_OFFICIALS.length, from);
    expect(last.vote.tally?.agree).toBe(PRESENT_OFFICIALS.length);
    const frames = watcher.received.slice(from).filter((m) => m.type !== "snapshot");
    // One frame per ballot was a version (a broadcast to every socket) per ballot; the batch's count is one.
    expect(frames.map((m) => m.type)).toEqual(["vote"]);
    expect(frames.map((m) => ("version" in m ? m.version : null))).toEqual([snapVersion + 1]);
  });
});
